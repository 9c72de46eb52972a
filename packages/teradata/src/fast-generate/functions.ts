import { bail, checkFields, checkShape, flag, knownFields, nodeShape, requireFalse, text } from './bail';
import { dataType } from './data-types';
import { expression, expressionList } from './expressions';
import { isDottedWord } from './lexical';

const TRIM_SHAPE = nodeShape({ reads: ['this', 'position'], falseFlags: ['sql_standard_syntax', 'position_explicit'] });

/** `TRIM(x)`: the plain form only (no characters, no explicit side). */
export function trim(body: unknown): string {
  const node = checkShape(body, TRIM_SHAPE);
  if (node.position !== 'Both') bail();
  return `TRIM(${expression(node.this)})`;
}

const SUBSTRING_SHAPE = nodeShape({ reads: ['this', 'start', 'length'], falseFlags: ['from_for_syntax'] });

/** `SUBSTRING(x, start[, length])`. */
export function substring(body: unknown): string {
  const node = checkShape(body, SUBSTRING_SHAPE);
  const args = `${expression(node.this)}, ${expression(node.start)}`;
  return node.length == null ? `SUBSTRING(${args})` : `SUBSTRING(${args}, ${expression(node.length)})`;
}

/**
 * Generic function names polyglot does not write as `NAME(args)` (any case): `ROLLUP (a)`,
 * `GENERATE_UUID()`, operators. Found by generating every word in polyglot's WebAssembly strings
 * as a function name with zero, one and two arguments; every other name came back verbatim.
 */
const RENAMED_OR_RESHAPED_FUNCTIONS = new Set(['CUBE', 'ROLLUP', 'UUID_STRING', '__PG_BITWISE_XOR__', '__SS_JSON_PATH_QMARK__']);

const FUNCTION_SHAPE = nodeShape({
  reads: ['name', 'args'],
  falseFlags: ['distinct', 'use_bracket_syntax', 'no_parens', 'quoted'],
  emptyOrAbsent: ['trailing_comments'],
});

/** A generic function call, `NAME(args)` with the name as written. */
export function genericFunction(body: unknown): string {
  const node = checkShape(body, FUNCTION_SHAPE);
  const name = functionName(node.name);
  if (RENAMED_OR_RESHAPED_FUNCTIONS.has(name.toUpperCase())) bail();
  return `${name}(${expressionList(node.args)})`;
}

const AGGREGATE_FUNCTION_SHAPE = nodeShape({ reads: ['name', 'args'], falseFlags: ['distinct'] });

/** A generic aggregate call, `NAME(args)` with the name as written. */
export function aggregateFunction(body: unknown): string {
  const node = checkShape(body, AGGREGATE_FUNCTION_SHAPE);
  return `${functionName(node.name)}(${expressionList(node.args)})`;
}

/**
 * A function name as polyglot writes it: verbatim (BigQuery keeps the case written). Only plain
 * words, optionally dotted, are accepted.
 */
export function functionName(value: unknown): string {
  const name = text(value);
  if (!isDottedWord(name)) bail();
  return name;
}

const AGGREGATE_SHAPE = nodeShape({ reads: ['this', 'distinct', 'name'], emptyLists: ['order_by'] });

/** SUM, AVG, MIN, MAX and the like: `{ this, distinct, order_by: [], name }`, written with the name as given. */
export function aggregate(body: unknown): string {
  const node = checkShape(body, AGGREGATE_SHAPE);
  return `${functionName(node.name)}(${flag(node.distinct) ? 'DISTINCT ' : ''}${expression(node.this)})`;
}

const COUNT_FIELDS = knownFields('this', 'star', 'distinct', 'original_name');

/** `COUNT(*)`, `COUNT(x)`, `COUNT(DISTINCT x)`, with the name as written. */
export function count(body: unknown): string {
  const node = checkFields(body, COUNT_FIELDS);
  const name = functionName(node.original_name);
  if (flag(node.star)) {
    if (node.this != null) bail();
    requireFalse(node.distinct);
    return `${name}(*)`;
  }
  return `${name}(${flag(node.distinct) ? 'DISTINCT ' : ''}${expression(node.this)})`;
}

const CAST_SHAPE = nodeShape({ reads: ['this', 'to'], falseFlags: ['double_colon_syntax'], emptyOrAbsent: ['trailing_comments'] });

/** `CAST(x AS type)` or `SAFE_CAST(x AS type)`, by the given name. */
export function cast(name: string): (body: unknown) => string {
  return (body) => {
    const node = checkShape(body, CAST_SHAPE);
    return `${name}(${expression(node.this)} AS ${dataType(node.to)})`;
  };
}

const BINARY_FUNCTION_FIELDS = knownFields('this', 'expression');

/** `MOD(a, b)`. */
export function mod(body: unknown): string {
  const node = checkFields(body, BINARY_FUNCTION_FIELDS);
  return `MOD(${expression(node.this)}, ${expression(node.expression)})`;
}

const POWER_FIELDS = knownFields('this', 'expression', 'original_name');

/** `POWER(a, b)` (also from `a ** b`). */
export function power(body: unknown): string {
  const node = checkFields(body, POWER_FIELDS);
  if (node.original_name !== '**' && node.original_name !== 'POWER') bail();
  return `POWER(${expression(node.this)}, ${expression(node.expression)})`;
}

const COALESCE_FIELDS = knownFields('expressions', 'original_name');

/** `COALESCE(…)`, or the name it was written with (`IFNULL`, `NVL`). */
export function coalesce(body: unknown): string {
  const node = checkFields(body, COALESCE_FIELDS);
  const name = node.original_name == null ? 'COALESCE' : functionName(node.original_name);
  return `${name}(${expressionList(node.expressions)})`;
}

const IF_FIELDS = knownFields('condition', 'true_value', 'false_value', 'original_name');

/** `IF(condition, then, else)`. */
export function ifFunction(body: unknown): string {
  const node = checkFields(body, IF_FIELDS);
  if (node.original_name !== 'IF' || node.false_value == null) bail();
  return `IF(${expression(node.condition)}, ${expression(node.true_value)}, ${expression(node.false_value)})`;
}

const STR_POSITION_FIELDS = knownFields('this', 'substr', 'position', 'occurrence');

/** `INSTR(haystack, needle[, position[, occurrence]])`. */
export function strPosition(body: unknown): string {
  const node = checkFields(body, STR_POSITION_FIELDS);
  let args = `${expression(node.this)}, ${expression(node.substr)}`;
  if (node.position != null) args += `, ${expression(node.position)}`;
  if (node.occurrence != null) args += `${node.position == null ? ', 1' : ''}, ${expression(node.occurrence)}`;
  return `INSTR(${args})`;
}

const OFFSET_FUNCTION_FIELDS = knownFields('this', 'offset', 'default');

/** LAG and LEAD: `NAME(x[, offset[, default]])`. */
export function offsetFunction(name: string): (body: unknown) => string {
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
