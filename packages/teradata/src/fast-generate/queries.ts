import type { AstNode } from '../ast';
import { bail, checkFields, checkShape, flag, knownFields, list, nodeShape, tagOf } from './bail';
import { LITERAL_FIELDS, expression, expressionList, subquery } from './expressions';
import { identifier } from './lexical';
import { orderedList } from './windows';

/** A query: a SELECT or a set operation of queries. */
export function query(node: unknown): string {
  const kind = tagOf(node);
  const generate = QUERIES[kind];
  if (generate === undefined) return bail();
  return generate((node as AstNode)[kind]);
}

const TABLE_SHAPE = nodeShape({
  reads: ['name', 'schema', 'alias', 'alias_explicit_as'],
  falseFlags: ['only', 'final_'],
  emptyLists: ['column_aliases', 'hints'],
  emptyOrAbsent: ['trailing_comments'],
});

/**
 * A table reference (`schema.name AS alias`), the body of a `table` node or a statement's target;
 * bails out on an alias unless `aliasAllowed`.
 */
export function table(body: unknown, aliasAllowed: boolean): string {
  const node = checkShape(body, TABLE_SHAPE);
  if (!aliasAllowed && node.alias != null) bail();
  flag(node.alias_explicit_as);
  let sql = identifier(node.name);
  if (node.schema != null) sql = `${identifier(node.schema)}.${sql}`;
  return node.alias == null ? sql : `${sql} AS ${identifier(node.alias)}`;
}

/** A table without an alias, as CREATE, ALTER, INSERT and RENAME name it. */
export function tableName(body: unknown): string {
  return table(body, false);
}

/** An item of a FROM list: a table or an aliased subquery. */
function fromItem(node: unknown): string {
  const kind = tagOf(node);
  const body = (node as AstNode)[kind];
  if (kind === 'table') return table(body, true);
  if (kind === 'subquery') return subquery(body);
  return bail();
}

const FROM_FIELDS = knownFields('expressions');

/** FROM items; polyglot writes a second and later item of a SELECT as CROSS JOIN, of an UPDATE after `separator`. */
export function fromClause(value: unknown, separator = ' CROSS JOIN '): string {
  const items = list(checkFields(value, FROM_FIELDS).expressions);
  if (items.length === 0) bail();
  let out = ' FROM ' + fromItem(items[0]);
  for (let i = 1; i < items.length; i++) out += separator + fromItem(items[i]);
  return out;
}

const JOIN_SHAPE = nodeShape({
  reads: ['this', 'on', 'kind', 'use_inner_keyword', 'use_outer_keyword', 'nesting_group'],
  falseFlags: ['deferred_condition', 'directed'],
  emptyLists: ['using'],
});

/** Join keywords by kind, for joins with an ON condition. */
const CONDITIONAL_JOINS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Left: 'LEFT',
  Right: 'RIGHT',
  Full: 'FULL',
});

/** `[INNER] JOIN t ON …`, `LEFT|RIGHT|FULL [OUTER] JOIN t ON …` or `CROSS JOIN t`, keywords as written. */
function join(value: unknown): string {
  const node = checkShape(value, JOIN_SHAPE);
  if (node.nesting_group !== 0) bail();
  const inner = flag(node.use_inner_keyword);
  const outer = flag(node.use_outer_keyword);
  if (node.kind === 'Cross') {
    if (node.on != null || inner || outer) bail();
    return ` CROSS JOIN ${fromItem(node.this)}`;
  }
  if (node.on == null) bail();
  let keyword: string;
  if (node.kind === 'Inner') {
    if (outer) bail();
    keyword = inner ? ' INNER JOIN ' : ' JOIN ';
  } else {
    const side = typeof node.kind === 'string' ? CONDITIONAL_JOINS[node.kind] : undefined;
    if (side === undefined || inner) bail();
    keyword = outer ? ` ${side} OUTER JOIN ` : ` ${side} JOIN `;
  }
  return `${keyword}${fromItem(node.this)} ON ${expression(node.on)}`;
}

const CLAUSE_FIELDS = knownFields('this');

/** The expression of a one-field clause (`where_clause`, `having`, `qualify`, `limit`). */
export function clause(value: unknown): string {
  return expression(checkFields(value, CLAUSE_FIELDS).this);
}

const GROUP_BY_SHAPE = nodeShape({ reads: ['expressions'], falseFlags: ['totals'] });
const ORDER_BY_FIELDS = knownFields('expressions');
const TOP_SHAPE = nodeShape({ reads: ['this'], falseFlags: ['percent', 'with_ties', 'parenthesized'] });

/** A row count (LIMIT, TOP): a number literal in canonical integer form (polyglot rewrites `01` as `1`; other forms bail). */
function rowCount(value: unknown): string {
  if (tagOf(value) !== 'literal') bail();
  const literal = checkFields((value as AstNode).literal, LITERAL_FIELDS);
  if (literal.literal_type !== 'number') bail();
  const count = String(literal.value);
  if (!CANONICAL_INTEGER.test(count)) bail();
  return count;
}

const CANONICAL_INTEGER = /^(?:0|[1-9][0-9]*)$/;

/** TOP n, which polyglot writes as a trailing LIMIT n. */
function top(value: unknown): string {
  return ` LIMIT ${rowCount(checkShape(value, TOP_SHAPE).this)}`;
}

const SELECT_SHAPE = nodeShape({
  reads: ['expressions', 'from', 'joins', 'where_clause', 'group_by', 'having', 'qualify', 'order_by', 'limit', 'top', 'with', 'distinct'],
  emptyLists: ['lateral_views', 'locks'],
  emptyOrAbsent: ['leading_comments', 'trailing_comments'],
});

/** `SELECT …` with its clauses in polyglot's order. */
function select(body: unknown): string {
  const node = checkShape(body, SELECT_SHAPE);
  const expressions = list(node.expressions);
  if (expressions.length === 0) bail();
  let sql = node.with == null ? '' : withClause(node.with);
  sql += flag(node.distinct) ? 'SELECT DISTINCT ' : 'SELECT ';
  sql += expressionList(expressions);
  const joins = list(node.joins);
  if (node.from != null) sql += fromClause(node.from);
  else if (joins.length !== 0) bail();
  for (const item of joins) sql += join(item);
  if (node.where_clause != null) sql += ' WHERE ' + clause(node.where_clause);
  if (node.group_by != null) {
    const items = list(checkShape(node.group_by, GROUP_BY_SHAPE).expressions);
    if (items.length === 0) bail();
    sql += ' GROUP BY ' + expressionList(items);
  }
  if (node.having != null) sql += ' HAVING ' + clause(node.having);
  if (node.qualify != null) sql += ' QUALIFY ' + clause(node.qualify);
  if (node.order_by != null) sql += ' ORDER BY ' + orderedList(checkFields(node.order_by, ORDER_BY_FIELDS).expressions);
  if (node.limit != null) {
    if (node.top != null) bail();
    sql += ' LIMIT ' + rowCount(checkFields(node.limit, CLAUSE_FIELDS).this);
  } else if (node.top != null) sql += top(node.top);
  return sql;
}

const WITH_SHAPE = nodeShape({ reads: ['ctes'], falseFlags: ['recursive'] });
const CTE_SHAPE = nodeShape({ reads: ['alias', 'this', 'alias_first'], emptyLists: ['columns'] });

/** `WITH a AS (…), b AS (…) ` (not recursive, no column lists). */
function withClause(value: unknown): string {
  const ctes = list(checkShape(value, WITH_SHAPE).ctes);
  if (ctes.length === 0) bail();
  let sql = 'WITH ';
  for (let i = 0; i < ctes.length; i++) {
    const cte = checkShape(ctes[i], CTE_SHAPE);
    if (cte.alias_first !== true) bail();
    sql += `${i === 0 ? '' : ', '}${identifier(cte.alias)} AS (${query(cte.this)})`;
  }
  return sql + ' ';
}

const SET_OPERATION_SHAPE = nodeShape({ reads: ['left', 'right', 'all', 'distinct'], falseFlags: ['by_name', 'corresponding', 'strict'] });

/** `left UNION DISTINCT right` and the like, and `UNION ALL`. */
function setOperation(keyword: string, body: unknown): string {
  const node = checkShape(body, SET_OPERATION_SHAPE);
  let quantifier: string;
  if (flag(node.all)) {
    if (keyword !== ' UNION' || node.distinct !== false) bail();
    quantifier = ' ALL ';
  } else {
    if (node.distinct !== true) bail();
    quantifier = ' DISTINCT ';
  }
  return query(node.left) + keyword + quantifier + query(node.right);
}

/** Generators of the query node kinds by kind (statements accept them too). */
export const QUERIES: Readonly<Record<string, (body: unknown) => string>> = Object.assign(
  Object.create(null) as Record<string, (body: unknown) => string>,
  {
    select,
    union: (body: unknown) => setOperation(' UNION', body),
    intersect: (body: unknown) => setOperation(' INTERSECT', body),
    except: (body: unknown) => setOperation(' EXCEPT', body),
  },
);
