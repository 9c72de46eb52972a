import type { AstNode } from '../ast';
import { bail, checkFields, checkShape, flag, knownFields, list, nodeShape, tagOf, text } from './bail';
import { extract, interval, lastDay } from './date-parts';
import {
  aggregate,
  aggregateFunction,
  cast,
  coalesce,
  count,
  genericFunction,
  ifFunction,
  mod,
  offsetFunction,
  power,
  strPosition,
  substring,
  trim,
} from './functions';
import { identifier, numberLiteral, stringLiteral } from './lexical';
// queries.ts imports this module too; the cycle is safe because neither calls the other while loading.
import { query } from './queries';
import { windowFunction } from './windows';

/** Binary operators: their SQL and how polyglot parenthesises their operands. */
interface BinaryOperator {
  readonly sql: string;
  /** Operand kinds polyglot wraps in parentheses on either side. */
  readonly wrapEither: ReadonlySet<string>;
  /** Further operand kinds it wraps on the right only. */
  readonly wrapRight: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const LOGIC = new Set(['and', 'or']);
const LOGIC_AND_SUM = new Set(['and', 'or', 'add', 'sub']);

function operator(sql: string, wrapEither = NONE, wrapRight = NONE): BinaryOperator {
  return { sql, wrapEither, wrapRight };
}

/**
 * The binary operators implemented. Parenthesisation, measured against polyglot: arithmetic
 * wraps AND/OR operands; `*`, `/` wrap `+`/`-` operands; on the right, `+` wraps `-`, `-` wraps
 * `+`/`-`, `*` wraps `/`, `/` wraps `*`/`/`; AND wraps OR; nothing else is ever wrapped.
 */
const BINARY: Readonly<Record<string, BinaryOperator>> = Object.assign(Object.create(null) as Record<string, BinaryOperator>, {
  eq: operator(' = '),
  neq: operator(' <> '),
  lt: operator(' < '),
  lte: operator(' <= '),
  gt: operator(' > '),
  gte: operator(' >= '),
  and: operator(' AND ', new Set(['or'])),
  or: operator(' OR '),
  add: operator(' + ', LOGIC, new Set(['sub'])),
  sub: operator(' - ', LOGIC, new Set(['add', 'sub'])),
  mul: operator(' * ', LOGIC_AND_SUM, new Set(['div'])),
  div: operator(' / ', LOGIC_AND_SUM, new Set(['mul', 'div'])),
  concat: operator(' || '),
});

const BINARY_SHAPE = nodeShape({ reads: ['left', 'right'], emptyOrAbsent: ['left_comments', 'operator_comments', 'trailing_comments'] });

function binary(op: BinaryOperator, body: unknown): string {
  const node = checkShape(body, BINARY_SHAPE);
  return operand(node.left, op.wrapEither, NONE) + op.sql + operand(node.right, op.wrapEither, op.wrapRight);
}

function operand(node: unknown, wrapEither: ReadonlySet<string>, wrapRight: ReadonlySet<string>): string {
  const sql = expression(node);
  const kind = tagOf(node);
  return wrapEither.has(kind) || wrapRight.has(kind) ? `(${sql})` : sql;
}

/** Generates one expression node; bails out on any kind, field or value not implemented here. */
export function expression(node: unknown): string {
  const kind = tagOf(node);
  const body = (node as AstNode)[kind];
  const op = BINARY[kind];
  if (op !== undefined) return binary(op, body);
  const generate = EXPRESSIONS[kind];
  if (generate === undefined) return bail();
  return generate(body);
}

/** Comma-separated expressions. */
export function expressionList(value: unknown): string {
  const items = list(value);
  let out = '';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ', ') + expression(items[i]);
  return out;
}

const COLUMN_SHAPE = nodeShape({ reads: ['name', 'table'], falseFlags: ['join_mark'], emptyOrAbsent: ['trailing_comments'] });

function column(body: unknown): string {
  const node = checkShape(body, COLUMN_SHAPE);
  const name = identifier(node.name);
  return node.table == null ? name : `${identifier(node.table)}.${name}`;
}

/** The fields of a literal node. */
export const LITERAL_FIELDS = knownFields('literal_type', 'value');

function literal(body: unknown): string {
  const node = checkFields(body, LITERAL_FIELDS);
  const value = text(node.value);
  if (node.literal_type === 'string') return stringLiteral(value);
  if (node.literal_type === 'number') return numberLiteral(value);
  return bail();
}

const BOOLEAN_FIELDS = knownFields('value');

function boolean(body: unknown): string {
  return flag(checkFields(body, BOOLEAN_FIELDS).value) ? 'TRUE' : 'FALSE';
}

const NO_FIELDS = knownFields();

/** A node without fields: a struct whose fields are all absent (`{}`), written as `sql`. */
function bare(sql: string): (body: unknown) => string {
  return (body) => {
    checkFields(body, NO_FIELDS);
    return sql;
  };
}

/** A unit node (`{ "null": null }`), written as `sql`; polyglot rejects any other body. */
function unit(sql: string): (body: unknown) => string {
  return (body) => (body === null ? sql : bail());
}

const THIS_FIELDS = knownFields('this');

/** A node with one operand, written as `prefix + operand + suffix`. */
function unary(prefix: string, suffix: string): (body: unknown) => string {
  return (body) => prefix + expression(checkFields(body, THIS_FIELDS).this) + suffix;
}

/** `NOT x`; polyglot folds NOT over LIKE into `a NOT LIKE b` and over nothing else. */
function not(body: unknown): string {
  const operand = checkFields(body, THIS_FIELDS).this;
  if (tagOf(operand) !== 'like') return 'NOT ' + expression(operand);
  const node = checkFields((operand as AstNode).like, LIKE_FIELDS);
  return `${expression(node.left)} NOT LIKE ${expression(node.right)}`;
}

/** `-x`. A negation of a negation would need polyglot's spacing rule, which is not verified: it bails out. */
function negation(body: unknown): string {
  const operand = checkFields(body, THIS_FIELDS).this;
  if (tagOf(operand) === 'neg') bail();
  return '-' + expression(operand);
}

const BETWEEN_FIELDS = knownFields('this', 'low', 'high', 'not');

function between(body: unknown): string {
  const node = checkFields(body, BETWEEN_FIELDS);
  const keyword = flag(node.not) ? ' NOT BETWEEN ' : ' BETWEEN ';
  return `${expression(node.this)}${keyword}${expression(node.low)} AND ${expression(node.high)}`;
}

const STAR_FIELDS = knownFields('table');

/** `*` or `t.*`. */
function star(body: unknown): string {
  const node = checkFields(body, STAR_FIELDS);
  return node.table == null ? '*' : `${identifier(node.table)}.*`;
}

const IS_NULL_SHAPE = nodeShape({ reads: ['this', 'not'], falseFlags: ['postfix_form'] });

function isNull(body: unknown): string {
  const node = checkShape(body, IS_NULL_SHAPE);
  return expression(node.this) + (flag(node.not) ? ' IS NOT NULL' : ' IS NULL');
}

const LIKE_FIELDS = knownFields('left', 'right');

function like(body: unknown): string {
  const node = checkFields(body, LIKE_FIELDS);
  return `${expression(node.left)} LIKE ${expression(node.right)}`;
}

const VAR_FIELDS = knownFields('this');

/** A `var`: text polyglot writes verbatim (date parts, interval amounts, typed literals the rules write as text). */
function variable(body: unknown): string {
  return text(checkFields(body, VAR_FIELDS).this);
}

const CASE_SHAPE = nodeShape({ reads: ['operand', 'whens', 'else_'], emptyOrAbsent: ['comments'] });

function caseExpression(body: unknown): string {
  const node = checkShape(body, CASE_SHAPE);
  let out = 'CASE';
  if (node.operand != null) out += ` ${expression(node.operand)}`;
  const whens = list(node.whens);
  if (whens.length === 0) bail();
  for (const when of whens) {
    const pair = list(when);
    if (pair.length !== 2) bail();
    out += ` WHEN ${expression(pair[0])} THEN ${expression(pair[1])}`;
  }
  if (node.else_ != null) out += ` ELSE ${expression(node.else_)}`;
  return `${out} END`;
}

const EXISTS_SHAPE = nodeShape({ reads: ['this'], falseFlags: ['not'] });

function exists(body: unknown): string {
  return `EXISTS(${query(checkShape(body, EXISTS_SHAPE).this)})`;
}

const IN_FIELDS = knownFields('this', 'expressions', 'query', 'not');

function inExpression(body: unknown): string {
  const node = checkFields(body, IN_FIELDS);
  const keyword = flag(node.not) ? ' NOT IN ' : ' IN ';
  const values = list(node.expressions);
  if (node.query != null) {
    if (values.length !== 0) bail();
    return `${expression(node.this)}${keyword}(${query(node.query)})`;
  }
  if (values.length === 0) bail();
  return `${expression(node.this)}${keyword}(${expressionList(values)})`;
}

/** Comparison operators an ALL (subquery) may follow, as polyglot names them. */
const QUANTIFIED_OPERATORS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Eq: '=',
  Neq: '<>',
  Lt: '<',
  Lte: '<=',
  Gt: '>',
  Gte: '>=',
});

const QUANTIFIED_FIELDS = knownFields('this', 'subquery', 'op');

/** `a > ALL (SELECT …)`, `a = ANY (SELECT …)`. */
function quantified(keyword: string): (body: unknown) => string {
  return (body) => {
    const node = checkFields(body, QUANTIFIED_FIELDS);
    const op = typeof node.op === 'string' ? QUANTIFIED_OPERATORS[node.op] : undefined;
    if (op === undefined) bail();
    if (tagOf(node.subquery) !== 'subquery') bail();
    return `${expression(node.this)} ${op} ${keyword} ${expression(node.subquery)}`;
  };
}

const SUBQUERY_SHAPE = nodeShape({
  reads: ['this', 'alias', 'alias_explicit_as', 'alias_keyword'],
  falseFlags: ['lateral', 'modifiers_inside'],
  emptyLists: ['column_aliases'],
  emptyOrAbsent: ['trailing_comments'],
});

/** A parenthesised query, with its alias when it has one (`(SELECT …) AS b`). */
export function subquery(body: unknown): string {
  const node = checkShape(body, SUBQUERY_SHAPE);
  const explicit = flag(node.alias_explicit_as);
  const sql = `(${query(node.this)})`;
  if (node.alias == null) {
    if (explicit || node.alias_keyword != null) bail();
    return sql;
  }
  if (explicit ? node.alias_keyword !== 'AS' : node.alias_keyword != null) bail();
  return `${sql} AS ${identifier(node.alias)}`;
}

const ALIAS_SHAPE = nodeShape({
  reads: ['this', 'alias', 'alias_explicit_as'],
  emptyLists: ['column_aliases'],
  emptyOrAbsent: ['pre_alias_comments', 'trailing_comments'],
});

function alias(body: unknown): string {
  const node = checkShape(body, ALIAS_SHAPE);
  flag(node.alias_explicit_as);
  return `${expression(node.this)} AS ${identifier(node.alias)}`;
}

const EXPRESSIONS: Readonly<Record<string, (body: unknown) => string>> = Object.assign(
  Object.create(null) as Record<string, (body: unknown) => string>,
  {
    column,
    literal,
    boolean,
    null: unit('NULL'),
    star,
    rand: bare('RAND()'),
    rank: bare('RANK()'),
    row_number: unit('ROW_NUMBER()'),
    dense_rank: bare('DENSE_RANK()'),
    neg: negation,
    between,
    upper: unary('UPPER(', ')'),
    lower: unary('LOWER(', ')'),
    length: unary('LENGTH(', ')'),
    abs: unary('ABS(', ')'),
    ceil: unary('CEIL(', ')'),
    sqrt: unary('SQRT(', ')'),
    exp: unary('EXP(', ')'),
    ln: unary('LN(', ')'),
    initcap: unary('INITCAP(', ')'),
    lead: offsetFunction('LEAD'),
    first_value: unary('FIRST_VALUE(', ')'),
    last_value: unary('LAST_VALUE(', ')'),
    trim,
    substring,
    paren: unary('(', ')'),
    not,
    floor: unary('FLOOR(', ')'),
    is_null: isNull,
    like,
    function: genericFunction,
    aggregate_function: aggregateFunction,
    sum: aggregate,
    avg: aggregate,
    min: aggregate,
    max: aggregate,
    stddev: aggregate,
    stddev_samp: aggregate,
    stddev_pop: aggregate,
    variance: aggregate,
    var_samp: aggregate,
    var_pop: aggregate,
    count,
    cast: cast('CAST'),
    safe_cast: cast('SAFE_CAST'),
    mod_func: mod,
    power,
    coalesce,
    if_func: ifFunction,
    str_position: strPosition,
    extract,
    last_day: lastDay,
    interval,
    var: variable,
    case: caseExpression,
    exists,
    in: inExpression,
    all: quantified('ALL'),
    any: quantified('ANY'),
    subquery,
    alias,
    lag: offsetFunction('LAG'),
    window_function: windowFunction,
  } satisfies Record<string, (body: unknown) => string>,
);
