import {
  type AstNode,
  cloneTree,
  expressionTemplate,
  functionNode,
  isNumberLiteral,
  isStringLiteral,
  kindOf,
  literalText,
  stringLiteral,
} from '../ast';
import type { RewriteContext } from './context';
import { bigQueryTypeNode } from './data-types';

/**
 * Function mappings of Google's Teradata-to-BigQuery translation guide
 * (https://cloud.google.com/bigquery/docs/migration/teradata-sql, "Functions"): calendar,
 * string, regular-expression, bitwise, rounding and statistical functions that BigQuery spells
 * differently or lacks. Where the guide's own formula does not compute Teradata's value (a sign,
 * a padding side, a base), the rule computes Teradata's value and its comment says why.
 */

// The generator parenthesises arithmetic by precedence, but not GoogleSQL's bitwise operators,
// which bind looser than + and -: those templates carry their own parentheses.
const T = {
  nextDay: expressionTemplate('DATE_ADD(DATE_TRUNC(__0, WEEK(MONDAY)), INTERVAL __1 WEEK)'),
  weekStart: expressionTemplate('DATE_TRUNC(__0, WEEK(MONDAY))'),
  oaddMonths: expressionTemplate('IF(__0 = LAST_DAY(__0), LAST_DAY(DATE_ADD(__0, INTERVAL __1 MONTH)), DATE_ADD(__0, INTERVAL __1 MONTH))'),
  monthOfQuarter: expressionTemplate('EXTRACT(MONTH FROM __0) - ((EXTRACT(QUARTER FROM __0) - 1) * 3)'),
  quarterOfCalendar: expressionTemplate('(EXTRACT(YEAR FROM __0) - 1900) * 4 + EXTRACT(QUARTER FROM __0)'),
  weekOfCalendar: expressionTemplate('DATE_DIFF(__0, __1, WEEK)'),
  weekOfMonth: expressionTemplate('EXTRACT(WEEK FROM __0) - EXTRACT(WEEK FROM DATE_TRUNC(__0, MONTH))'),
  weekdayOfMonth: expressionTemplate('CAST(CEIL(EXTRACT(DAY FROM __0) / 7) AS INT64)'),
  regrAvg: expressionTemplate('AVG(IF(__0 IS NULL OR __1 IS NULL, NULL, __2))'),
  regrSlope: expressionTemplate('COVAR_SAMP(__0, __1) / VARIANCE(__0)'),
  regrIntercept: expressionTemplate('AVG(__1) - AVG(__0) * (COVAR_SAMP(__0, __1) / VARIANCE(__0))'),
  regrR2: expressionTemplate('POWER(CORR(__0, __1), 2)'),
  bitAnd: expressionTemplate('(__0 & __1)'),
  bitOr: expressionTemplate('(__0 | __1)'),
  bitXor: expressionTemplate('(__0 ^ __1)'),
  bitNot: expressionTemplate('~__0'),
  ascii: expressionTemplate('TO_CODE_POINTS(__0)[OFFSET(0)]'),
  char2hexint: expressionTemplate('TO_HEX(CAST(__0 AS BYTES))'),
  chr: expressionTemplate('CODE_POINTS_TO_STRING([MOD(__0, 256)])'),
  regexpSimilar: expressionTemplate('IF(REGEXP_CONTAINS(__0, __1), 1, 0)'),
  anchoredPattern: expressionTemplate("CONCAT('^(?:', __0, ')$')"),
  regexpExtract: expressionTemplate('REGEXP_EXTRACT(__0, __1)'),
  regexpOccurrence: expressionTemplate('REGEXP_EXTRACT_ALL(__0, __1)[SAFE_ORDINAL(__2)]'),
  regexpReplace: expressionTemplate('REGEXP_REPLACE(__0, __1, __2)'),
  roundHalfEven: expressionTemplate("ROUND(CAST(__0 AS NUMERIC), __1, 'ROUND_HALF_EVEN')"),
  rpad: expressionTemplate('RPAD(__0, __1)'),
  parseTime: expressionTemplate("PARSE_TIME('%k%M%S', CAST(__0 AS STRING))"),
};

const numberNode = (value: number): AstNode => ({ literal: { literal_type: 'number', value: String(value) } });

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** `TD_SUNDAY(d)` … `TD_SATURDAY(d)`: the given weekday on or before d. */
const WEEK_START_FUNCTIONS: Readonly<Record<string, string>> = Object.fromEntries(WEEKDAYS.map((day) => [`TD_${day}`, day]));

/** Teradata functions the guide maps to "a custom user-defined function": no BigQuery built-in. */
const NEEDS_UDF = new Set(['SKEW', 'CSV', 'CSVLD', 'NGRAM', 'NVP', 'REGEXP_SPLIT_TO_TABLE', 'STRTOK_SPLIT_TO_TABLE', 'KURTOSIS']);

/** The weekday a NEXT_DAY argument names (`'MON'`, `'monday'`), if it is a literal one. */
function weekday(node: AstNode | undefined): string | undefined {
  if (!isStringLiteral(node)) return undefined;
  const text = String(literalText(node)).trim().toUpperCase();
  if (text.length < 2) return undefined;
  return WEEKDAYS.find((day) => day.startsWith(text) && (text.length >= 3 || text === day.slice(0, 2)));
}

/** Replaces the `MONDAY` of a template's `WEEK(MONDAY)` with another weekday. */
function withWeekday(node: AstNode, day: string): AstNode {
  return JSON.parse(JSON.stringify(node).replace(/"MONDAY"/g, JSON.stringify(day))) as AstNode;
}

/** `DATE_TRUNC(d, WEEK(day))`: the weekday on or before d. */
function weekStart(date: AstNode, day: string): AstNode {
  return withWeekday(T.weekStart(date), day);
}

/** `NEXT_DAY(d, 'MONDAY')` → `DATE_ADD(DATE_TRUNC(d, WEEK(MONDAY)), INTERVAL 1 WEEK)` (the guide's mapping). */
export function nextDay(date: AstNode, day: AstNode, ctx: RewriteContext): AstNode | undefined {
  const named = weekday(day);
  if (!named) {
    ctx.warn('NEXT_DAY with a non-literal day name left as is: write DATE_ADD(DATE_TRUNC(d, WEEK(<day>)), INTERVAL 1 WEEK)');
    return undefined;
  }
  return withWeekday(T.nextDay(date, numberNode(1)), named);
}

/**
 * The guide's scalar function mappings, by upper-case name; undefined when the name is not one
 * of them (or the arguments do not fit, with a warning).
 */
export function guideFunction(name: string, args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  const [a, b, c] = args;
  const weekStartDay = WEEK_START_FUNCTIONS[name];
  if (weekStartDay) return a && weekStart(a, weekStartDay);
  if (NEEDS_UDF.has(name)) {
    ctx.warn(`${name}(…) left as is: BigQuery has no equivalent; the guide recommends a custom user-defined function`);
    return undefined;
  }
  switch (name) {
    case 'BEGIN':
    case 'END':
      return a && args.length === 1 ? periodBound(a, name === 'BEGIN' ? 'begin' : 'end', ctx) : undefined;
    case 'OADD_MONTHS':
      // The guide's DATE_SUB(DATE_TRUNC(DATE_ADD(d, n MONTH), MONTH), 1 DAY) is the last day of the month before;
      // Oracle-style OADD_MONTHS keeps month ends at month ends and is ADD_MONTHS otherwise.
      return a && b && T.oaddMonths(a, b);
    case 'TD_MONTH_OF_QUARTER':
      return a && T.monthOfQuarter(a);
    case 'TD_QUARTER_OF_CALENDAR':
    case 'QUARTERNUMBER_OF_CALENDAR':
      return a && T.quarterOfCalendar(a);
    case 'TD_WEEK_OF_CALENDAR':
    case 'WEEKNUMBER_OF_CALENDAR':
      // Whole Sunday-started weeks since 1900-01-01 (week 0 is the partial first one); the guide's
      // (year - 1900) * 52 + week drifts by a week every few years.
      return a && T.weekOfCalendar(a, { var: { this: "DATE '1900-01-01'" } });
    case 'TD_WEEK_OF_MONTH':
    case 'WEEKNUMBER_OF_MONTH':
      return a && T.weekOfMonth(a);
    case 'TD_WEEKDAY_OF_MONTH':
    case 'DAYOCCURRENCE_OF_MONTH':
      return a && T.weekdayOfMonth(a);
    case 'BITAND':
      return a && b ? T.bitAnd(a, b) : undefined;
    case 'BITOR':
      return a && b ? T.bitOr(a, b) : undefined;
    case 'BITXOR':
      return a && b ? T.bitXor(a, b) : undefined;
    case 'BITNOT':
      return a && args.length === 1 ? T.bitNot(a) : undefined;
    case 'ASCII':
      return a && T.ascii(a);
    case 'CHAR2HEXINT':
      if (!a) return undefined;
      ctx.warn('CHAR2HEXINT became TO_HEX of the UTF-8 bytes: Teradata shows the server character set (UTF-16 for UNICODE columns)');
      return T.char2hexint(a);
    case 'CHR':
      return a && T.chr(a);
    case 'LEFT':
      return a && b ? functionNode('SUBSTR', [a, numberNode(1), b], false) : undefined;
    case 'REGEXP_INSTR':
      if (a && b && args.length === 2) return functionNode('STRPOS', [a, T.regexpExtract(cloneTree(a), b)], false);
      ctx.warn('REGEXP_INSTR with position, occurrence or match arguments left as is: use REGEXP_INSTR with BigQuery arguments');
      return undefined;
    case 'REGEXP_SIMILAR':
      return a && b ? regexpSimilar(a, b, c, ctx) : undefined;
    case 'REGEXP_SUBSTR':
      return a && b ? regexpSubstr(args, ctx) : undefined;
    case 'REGEXP_REPLACE':
      return regexpReplace(args, ctx);
    case 'ROUND':
      return a && args.length <= 2 ? roundHalfEven(a, b) : undefined;
    default:
      return undefined;
  }
}

/**
 * `BEGIN(p)` / `END(p)` of a PERIOD column → the `p_begin` / `p_end` column the DDL splits it into
 * (the guide: PERIOD columns become two columns). Other operands are left with a warning.
 */
function periodBound(period: AstNode, bound: 'begin' | 'end', ctx: RewriteContext): AstNode | undefined {
  const column = kindOf(period) === 'column' ? (period.column as AstNode) : undefined;
  const name = column?.name as AstNode | undefined;
  if (!column || !name || name.quoted) {
    ctx.warn(`${bound.toUpperCase()}(…) of a PERIOD expression left as is: BigQuery has no PERIOD type; use the _begin/_end columns`);
    return undefined;
  }
  return { column: { ...column, name: { ...name, name: `${String(name.name)}_${bound}` } } };
}

/**
 * `REGEXP_SIMILAR(s, re)` → `IF(REGEXP_CONTAINS(s, '^(?:re)$'), 1, 0)`: Teradata matches the whole
 * string, REGEXP_CONTAINS any part, so the pattern is anchored; match argument `'i'` → `(?i)`.
 */
function regexpSimilar(source: AstNode, pattern: AstNode, match: AstNode | undefined, ctx: RewriteContext): AstNode | undefined {
  const flag = match === undefined ? 'c' : String(literalText(match) ?? '').toLowerCase();
  if (flag !== 'c' && flag !== 'i') {
    ctx.warn(`REGEXP_SIMILAR match argument ${flag ? `'${flag}'` : '(non-literal)'} left as is: only 'c' and 'i' are translated`);
    return undefined;
  }
  const prefix = flag === 'i' ? '(?i)' : '';
  const anchored = isStringLiteral(pattern) ? stringLiteral(`${prefix}^(?:${String(literalText(pattern))})$`) : T.anchoredPattern(pattern);
  if (prefix && !isStringLiteral(pattern)) {
    ctx.warn("REGEXP_SIMILAR with 'i' on a non-literal pattern: add (?i) to the pattern");
  }
  return T.regexpSimilar(source, anchored);
}

/** `REGEXP_SUBSTR(s, re [, 1 [, n]])` → `REGEXP_EXTRACT(s, re)` or `REGEXP_EXTRACT_ALL(s, re)[SAFE_ORDINAL(n)]`. */
function regexpSubstr(args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  const [source, pattern, position, occurrence] = args as [AstNode, AstNode, AstNode?, AstNode?];
  if (args.length > 4 || (position && literalText(position) !== '1')) {
    ctx.warn('REGEXP_SUBSTR with a start position or match argument left as is: use SUBSTR on the source first');
    return undefined;
  }
  if (!occurrence || literalText(occurrence) === '1') return T.regexpExtract(source, pattern);
  return T.regexpOccurrence(source, pattern, occurrence);
}

/** `REGEXP_REPLACE(s, re, r [, 1, 0])` (every occurrence from the start) → `REGEXP_REPLACE(s, re, r)`. */
function regexpReplace(args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  if (args.length <= 3) return undefined;
  const [source, pattern, replacement, position, occurrence] = args;
  if (args.length === 5 && literalText(position) === '1' && literalText(occurrence) === '0') {
    return T.regexpReplace(source!, pattern!, replacement!);
  }
  ctx.warn('REGEXP_REPLACE with a start position, a single occurrence or a match argument left as is: BigQuery replaces every match');
  return undefined;
}

/**
 * `ROUND(x, n)` → `ROUND(CAST(x AS NUMERIC), n, 'ROUND_HALF_EVEN')`: Teradata rounds half to even
 * (banker's rounding) where BigQuery's default rounds half away from zero (the guide's "Rounding
 * functions"); BigQuery takes a rounding mode for NUMERIC only, hence the cast.
 */
function roundHalfEven(value: AstNode, digits: AstNode | undefined): AstNode {
  const node = T.roundHalfEven(value, digits ?? numberNode(0));
  // NUMERIC as the rules write BigQuery types (the template parses it as a generic DECIMAL).
  const cast = ((node.function as AstNode).args as AstNode[])[0]!.cast as AstNode;
  cast.to = bigQueryTypeNode('NUMERIC');
  return node;
}

/** `REGR_AVGX`, `REGR_AVGY`, `REGR_SLOPE`, `REGR_INTERCEPT`, `REGR_R2` (y, x) as BigQuery aggregates. */
export function guideAggregate(name: string, y: AstNode, x: AstNode, ctx: RewriteContext): AstNode | undefined {
  switch (name) {
    case 'REGR_AVGX':
      return T.regrAvg(y, x, cloneTree(x));
    case 'REGR_AVGY':
      return T.regrAvg(y, x, cloneTree(y));
    case 'REGR_SLOPE':
      // The guide's formula starts with a minus sign, which flips the slope.
      ctx.warn('REGR_SLOPE became COVAR_SAMP / VARIANCE: Teradata skips rows where either value is NULL, VARIANCE only those where x is');
      return T.regrSlope(x, y);
    case 'REGR_INTERCEPT':
      ctx.warn('REGR_INTERCEPT became AVG(y) - AVG(x) * slope: Teradata skips rows where either value is NULL, AVG only its own NULLs');
      return T.regrIntercept(x, y);
    case 'REGR_R2':
      // CORR skips NULL pairs as Teradata does; the guide's expanded formula is not the squared correlation.
      return T.regrR2(y, x);
    default:
      return undefined;
  }
}

/**
 * `CAST(s AS CHAR(n))` on a string → `RPAD(s, n)`: Teradata truncates to n characters and pads
 * with spaces on the right (the guide writes LPAD, which pads on the left). Undefined for other operands.
 */
export function castToChar(value: AstNode, length: unknown, ctx: RewriteContext): AstNode | undefined {
  if (typeof length !== 'number' || !(kindOf(value) === 'column' || isStringLiteral(value))) return undefined;
  if (!isStringLiteral(value)) {
    ctx.warn(
      `CAST(… AS CHAR(${length})) became RPAD(…, ${length}) (truncate, pad on the right): wrap a non-string column in CAST(… AS STRING)`,
    );
  }
  return T.rpad(value, numberNode(length));
}

/** `CAST(92617 AS TIME)` (an HHMMSS integer) → `PARSE_TIME('%k%M%S', CAST(92617 AS STRING))`. */
export function castIntegerToTime(value: AstNode): AstNode | undefined {
  if (!isNumberLiteral(value) || !/^\d+$/.test(String(literalText(value)))) return undefined;
  return T.parseTime(value);
}
