import type { AstNode } from '../ast';
import { bail, checkFields, flag, knownFields, list, requireEmpty, requireEmptyList, requireFalse, tagOf, text } from './bail';
import { dataType } from './data-types';
import { identifier, numberLiteral, stringLiteral } from './lexical';

/** Generates a nested query (SELECT or set operation); statements.ts provides it, breaking the import cycle. */
export type QueryGenerator = (node: unknown) => string;

let query: QueryGenerator = () => bail();

/** Registers the generator of nested queries (subqueries, EXISTS, IN (SELECT …)). */
export function useQueryGenerator(generate: QueryGenerator): void {
  query = generate;
}

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

const BINARY_FIELDS = knownFields('left', 'right', 'left_comments', 'operator_comments', 'trailing_comments');

function binary(op: BinaryOperator, body: unknown): string {
  const node = checkFields(body, BINARY_FIELDS);
  requireEmpty(node.left_comments);
  requireEmpty(node.operator_comments);
  requireEmpty(node.trailing_comments);
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

const COLUMN_FIELDS = knownFields('name', 'table', 'join_mark', 'trailing_comments');

function column(body: unknown): string {
  const node = checkFields(body, COLUMN_FIELDS);
  requireFalse(node.join_mark);
  requireEmpty(node.trailing_comments);
  const name = identifier(node.name);
  return node.table == null ? name : `${identifier(node.table)}.${name}`;
}

const LITERAL_FIELDS = knownFields('literal_type', 'value');

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

const TRIM_FIELDS = knownFields('this', 'position', 'sql_standard_syntax', 'position_explicit');

/** `TRIM(x)`: the plain form only (no characters, no explicit side). */
function trim(body: unknown): string {
  const node = checkFields(body, TRIM_FIELDS);
  if (node.position !== 'Both') bail();
  requireFalse(node.sql_standard_syntax);
  requireFalse(node.position_explicit);
  return `TRIM(${expression(node.this)})`;
}

const SUBSTRING_FIELDS = knownFields('this', 'start', 'length', 'from_for_syntax');

function substring(body: unknown): string {
  const node = checkFields(body, SUBSTRING_FIELDS);
  requireFalse(node.from_for_syntax);
  const args = `${expression(node.this)}, ${expression(node.start)}`;
  return node.length == null ? `SUBSTRING(${args})` : `SUBSTRING(${args}, ${expression(node.length)})`;
}

const STAR_FIELDS = knownFields('table');

/** `*` or `t.*`. */
function star(body: unknown): string {
  const node = checkFields(body, STAR_FIELDS);
  return node.table == null ? '*' : `${identifier(node.table)}.*`;
}

const IS_NULL_FIELDS = knownFields('this', 'not', 'postfix_form');

function isNull(body: unknown): string {
  const node = checkFields(body, IS_NULL_FIELDS);
  requireFalse(node.postfix_form);
  return expression(node.this) + (flag(node.not) ? ' IS NOT NULL' : ' IS NULL');
}

const LIKE_FIELDS = knownFields('left', 'right');

function like(body: unknown): string {
  const node = checkFields(body, LIKE_FIELDS);
  return `${expression(node.left)} LIKE ${expression(node.right)}`;
}

const FUNCTION_FIELDS = knownFields('name', 'args', 'distinct', 'use_bracket_syntax', 'no_parens', 'quoted', 'trailing_comments');

function genericFunction(body: unknown): string {
  const node = checkFields(body, FUNCTION_FIELDS);
  requireFalse(node.distinct);
  requireFalse(node.use_bracket_syntax);
  requireFalse(node.no_parens);
  requireFalse(node.quoted);
  requireEmpty(node.trailing_comments);
  return `${functionName(node.name)}(${expressionList(node.args)})`;
}

const AGGREGATE_FUNCTION_FIELDS = knownFields('name', 'args', 'distinct');

function aggregateFunction(body: unknown): string {
  const node = checkFields(body, AGGREGATE_FUNCTION_FIELDS);
  requireFalse(node.distinct);
  return `${functionName(node.name)}(${expressionList(node.args)})`;
}

/**
 * A function name as polyglot writes it: verbatim (BigQuery keeps the case written). Only plain
 * words, optionally dotted, are accepted.
 */
function functionName(value: unknown): string {
  const name = text(value);
  let wordStart = true;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 46 /* . */ && !wordStart && i < name.length - 1) {
      wordStart = true;
      continue;
    }
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!letter && (wordStart || code < 48 || code > 57)) bail();
    wordStart = false;
  }
  if (wordStart) bail();
  return name;
}

const AGGREGATE_FIELDS = knownFields('this', 'distinct', 'order_by', 'name');

/** SUM, AVG, MIN, MAX and the like: `{ this, distinct, order_by: [], name }`, written with the name as given. */
function aggregate(body: unknown): string {
  const node = checkFields(body, AGGREGATE_FIELDS);
  requireEmptyList(node.order_by);
  return `${functionName(node.name)}(${flag(node.distinct) ? 'DISTINCT ' : ''}${expression(node.this)})`;
}

const COUNT_FIELDS = knownFields('this', 'star', 'distinct', 'original_name');

function count(body: unknown): string {
  const node = checkFields(body, COUNT_FIELDS);
  const name = functionName(node.original_name);
  if (flag(node.star)) {
    if (node.this != null) bail();
    requireFalse(node.distinct);
    return `${name}(*)`;
  }
  return `${name}(${flag(node.distinct) ? 'DISTINCT ' : ''}${expression(node.this)})`;
}

const CAST_FIELDS = knownFields('this', 'to', 'double_colon_syntax', 'trailing_comments');

function cast(name: string): (body: unknown) => string {
  return (body) => {
    const node = checkFields(body, CAST_FIELDS);
    requireFalse(node.double_colon_syntax);
    requireEmpty(node.trailing_comments);
    return `${name}(${expression(node.this)} AS ${dataType(node.to)})`;
  };
}

const BINARY_FUNCTION_FIELDS = knownFields('this', 'expression');

function mod(body: unknown): string {
  const node = checkFields(body, BINARY_FUNCTION_FIELDS);
  return `MOD(${expression(node.this)}, ${expression(node.expression)})`;
}

const POWER_FIELDS = knownFields('this', 'expression', 'original_name');

function power(body: unknown): string {
  const node = checkFields(body, POWER_FIELDS);
  if (node.original_name !== '**' && node.original_name !== 'POWER') bail();
  return `POWER(${expression(node.this)}, ${expression(node.expression)})`;
}

const COALESCE_FIELDS = knownFields('expressions', 'original_name');

function coalesce(body: unknown): string {
  const node = checkFields(body, COALESCE_FIELDS);
  const name = node.original_name == null ? 'COALESCE' : functionName(node.original_name);
  return `${name}(${expressionList(node.expressions)})`;
}

const IF_FIELDS = knownFields('condition', 'true_value', 'false_value', 'original_name');

function ifFunction(body: unknown): string {
  const node = checkFields(body, IF_FIELDS);
  if (node.original_name !== 'IF' || node.false_value == null) bail();
  return `IF(${expression(node.condition)}, ${expression(node.true_value)}, ${expression(node.false_value)})`;
}

const STR_POSITION_FIELDS = knownFields('this', 'substr', 'position', 'occurrence');

function strPosition(body: unknown): string {
  const node = checkFields(body, STR_POSITION_FIELDS);
  let args = `${expression(node.this)}, ${expression(node.substr)}`;
  if (node.position != null) args += `, ${expression(node.position)}`;
  if (node.occurrence != null) args += `${node.position == null ? ', 1' : ''}, ${expression(node.occurrence)}`;
  return `INSTR(${args})`;
}

/** Date parts as polyglot writes them, keyed by the spelling in `extract.field` and `last_day.unit`. */
const DATE_PARTS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Year: 'YEAR',
  Quarter: 'QUARTER',
  Month: 'MONTH',
  Week: 'WEEK',
  Day: 'DAY',
  Hour: 'HOUR',
  Minute: 'MINUTE',
  Second: 'SECOND',
});

function datePart(value: unknown): string {
  const part = typeof value === 'string' ? DATE_PARTS[value] : undefined;
  if (part === undefined) bail();
  return part;
}

const CUSTOM_PART_FIELDS = knownFields('Custom');
const EXTRACT_FIELDS = knownFields('this', 'field');

function extract(body: unknown): string {
  const node = checkFields(body, EXTRACT_FIELDS);
  let field: string;
  if (typeof node.field === 'string') field = datePart(node.field);
  else {
    field = functionName(checkFields(node.field, CUSTOM_PART_FIELDS).Custom);
  }
  return `EXTRACT(${field} FROM ${expression(node.this)})`;
}

const LAST_DAY_FIELDS = knownFields('this', 'unit');

function lastDay(body: unknown): string {
  const node = checkFields(body, LAST_DAY_FIELDS);
  if (node.unit == null) return `LAST_DAY(${expression(node.this)})`;
  return `LAST_DAY(${expression(node.this)}, ${datePart(node.unit)})`;
}

const INTERVAL_FIELDS = knownFields('this', 'unit');
const INTERVAL_UNIT_FIELDS = knownFields('type', 'unit', 'use_plural');

function interval(body: unknown): string {
  const node = checkFields(body, INTERVAL_FIELDS);
  const unit = checkFields(node.unit, INTERVAL_UNIT_FIELDS);
  if (unit.type !== 'simple') bail();
  requireFalse(unit.use_plural);
  const kind = tagOf(node.this);
  if (kind !== 'var' && kind !== 'literal' && kind !== 'neg') bail();
  return `INTERVAL ${expression(node.this)} ${datePart(unit.unit)}`;
}

const VAR_FIELDS = knownFields('this');

/** A `var`: text polyglot writes verbatim (date parts, interval amounts, typed literals the rules write as text). */
function variable(body: unknown): string {
  return text(checkFields(body, VAR_FIELDS).this);
}

const CASE_FIELDS = knownFields('operand', 'whens', 'else_', 'comments');

function caseExpression(body: unknown): string {
  const node = checkFields(body, CASE_FIELDS);
  requireEmpty(node.comments);
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

const EXISTS_FIELDS = knownFields('this', 'not');

function exists(body: unknown): string {
  const node = checkFields(body, EXISTS_FIELDS);
  requireFalse(node.not);
  return `EXISTS(${query(node.this)})`;
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

const SUBQUERY_FIELDS = knownFields(
  'this',
  'alias',
  'column_aliases',
  'alias_explicit_as',
  'alias_keyword',
  'lateral',
  'modifiers_inside',
  'trailing_comments',
);

/** A parenthesised query, with its alias when it has one (`(SELECT …) AS b`). */
export function subquery(body: unknown): string {
  const node = checkFields(body, SUBQUERY_FIELDS);
  requireEmptyList(node.column_aliases);
  requireFalse(node.lateral);
  requireFalse(node.modifiers_inside);
  requireEmpty(node.trailing_comments);
  const explicit = flag(node.alias_explicit_as);
  const sql = `(${query(node.this)})`;
  if (node.alias == null) {
    if (explicit || node.alias_keyword != null) bail();
    return sql;
  }
  if (explicit ? node.alias_keyword !== 'AS' : node.alias_keyword != null) bail();
  return `${sql} AS ${identifier(node.alias)}`;
}

const ALIAS_FIELDS = knownFields('this', 'alias', 'column_aliases', 'alias_explicit_as', 'pre_alias_comments', 'trailing_comments');

function alias(body: unknown): string {
  const node = checkFields(body, ALIAS_FIELDS);
  requireEmptyList(node.column_aliases);
  flag(node.alias_explicit_as);
  requireEmpty(node.pre_alias_comments);
  requireEmpty(node.trailing_comments);
  return `${expression(node.this)} AS ${identifier(node.alias)}`;
}

const OFFSET_FUNCTION_FIELDS = knownFields('this', 'offset', 'default');

/** LAG and LEAD: `NAME(x[, offset[, default]])`. */
function offsetFunction(name: string): (body: unknown) => string {
  return (body) => {
    const node = checkFields(body, OFFSET_FUNCTION_FIELDS);
    let args = expression(node.this);
    if (node.offset != null) args += `, ${expression(node.offset)}`;
    if (node.default != null) {
      if (node.offset == null) bail();
      args += `, ${expression(node.default)}`;
    }
    return `${name}(${args})`;
  };
}

const ORDERED_FIELDS = knownFields('this', 'desc', 'nulls_first', 'explicit_asc');

/** One ORDER BY item: `x`, `x ASC` (when written), `x DESC`, then NULLS FIRST or NULLS LAST when written. */
export function ordered(value: unknown): string {
  const node = checkFields(value, ORDERED_FIELDS);
  const desc = flag(node.desc);
  const explicitAsc = flag(node.explicit_asc);
  if (desc && explicitAsc) bail();
  const sql = expression(node.this) + (desc ? ' DESC' : explicitAsc ? ' ASC' : '');
  if (node.nulls_first == null) return sql;
  return sql + (flag(node.nulls_first) ? ' NULLS FIRST' : ' NULLS LAST');
}

/** Comma-separated ORDER BY items. */
export function orderedList(value: unknown): string {
  const items = list(value);
  if (items.length === 0) bail();
  let out = '';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ', ') + ordered(items[i]);
  return out;
}

const WINDOW_FUNCTION_FIELDS = knownFields('this', 'over');
const OVER_FIELDS = knownFields('partition_by', 'order_by', 'frame');

function windowFunction(body: unknown): string {
  const node = checkFields(body, WINDOW_FUNCTION_FIELDS);
  const over = checkFields(node.over, OVER_FIELDS);
  const parts: string[] = [];
  const partition = list(over.partition_by);
  if (partition.length !== 0) parts.push(`PARTITION BY ${expressionList(partition)}`);
  const order = list(over.order_by);
  if (order.length !== 0) parts.push(`ORDER BY ${orderedList(order)}`);
  if (over.frame != null) {
    if (order.length === 0) bail();
    parts.push(frame(over.frame));
  }
  return `${expression(node.this)} OVER (${parts.join(' ')})`;
}

const FRAME_FIELDS = knownFields('kind', 'start', 'end', 'kind_text', 'start_side_text', 'end_side_text');
const FRAME_KINDS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Rows: 'ROWS',
  Range: 'RANGE',
});

/** `ROWS bound` or `ROWS BETWEEN bound AND bound` (or RANGE). */
function frame(value: unknown): string {
  const node = checkFields(value, FRAME_FIELDS);
  const kind = typeof node.kind === 'string' ? FRAME_KINDS[node.kind] : undefined;
  if (kind === undefined || node.kind_text !== kind) bail();
  const start = frameBound(node.start, node.start_side_text);
  if (node.end == null) {
    if (node.end_side_text != null) bail();
    return `${kind} ${start}`;
  }
  return `${kind} BETWEEN ${start} AND ${frameBound(node.end, node.end_side_text)}`;
}

const OFFSET_BOUND_FIELDS = knownFields('Preceding', 'Following');

/** One frame bound; the side text polyglot keeps must agree with the bound (or be absent where it has no side). */
function frameBound(bound: unknown, sideText: unknown): string {
  if (bound === 'CurrentRow') {
    if (sideText != null) bail();
    return 'CURRENT ROW';
  }
  if (bound === 'UnboundedPreceding' || bound === 'UnboundedFollowing') {
    const side = bound === 'UnboundedPreceding' ? 'PRECEDING' : 'FOLLOWING';
    if (sideText !== side) bail();
    return `UNBOUNDED ${side}`;
  }
  const node = checkFields(bound, OFFSET_BOUND_FIELDS);
  const side = node.Preceding != null ? 'PRECEDING' : 'FOLLOWING';
  const offset = node.Preceding ?? node.Following;
  if (sideText !== side || (node.Preceding != null && node.Following != null)) bail();
  const offsetKind = tagOf(offset);
  if (offsetKind !== 'var' && offsetKind !== 'literal') bail();
  return `${expression(offset)} ${side}`;
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
