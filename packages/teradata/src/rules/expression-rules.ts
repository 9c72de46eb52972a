import {
  type AstNode,
  type NodeRewrite,
  bodyOf,
  cloneTree,
  columnNode,
  expressionTemplate,
  functionArgs,
  functionName,
  functionNode,
  identifier,
  isNumberLiteral,
  isStringLiteral,
  kindOf,
  literalText,
  stringLiteral,
} from '../ast';
import type { RewriteContext } from './context';
import { bigQueryTypeNode, mapDataType } from './data-types';
import { convertDateFormat, singleDatePart } from './date-formats';
import { castIntegerToTime, castToChar, guideAggregate, guideFunction, nextDay } from './guide-functions';

const T = {
  mod: expressionTemplate('MOD(__0, __1)'),
  ifnull0: expressionTemplate('IFNULL(__0, 0)'),
  nullif0: expressionTemplate('NULLIF(__0, 0)'),
  replace: expressionTemplate('REPLACE(__0, __1, __2)'),
  translate: expressionTemplate('TRANSLATE(__0, __1, __2)'),
  log10: expressionTemplate('LOG10(__0)'),
  nvl2: expressionTemplate('IF(__0 IS NOT NULL, __1, __2)'),
  fromHex: expressionTemplate('FROM_HEX(__0)'),
  currentDate: expressionTemplate('CURRENT_DATE()'),
  currentTime: expressionTemplate('CURRENT_TIME()'),
  currentTimestamp: expressionTemplate('CURRENT_TIMESTAMP()'),
  sessionUser: expressionTemplate('SESSION_USER()'),
  dateDiffDay: expressionTemplate('DATE_DIFF(__0, __1, DAY)'),
  dateAdd: expressionTemplate('DATE_ADD(__0, __1)'),
  dateSub: expressionTemplate('DATE_SUB(__0, __1)'),
  timestampAdd: expressionTemplate('TIMESTAMP_ADD(__0, __1)'),
  timestampSub: expressionTemplate('TIMESTAMP_SUB(__0, __1)'),
  dayInterval: expressionTemplate('INTERVAL __0 DAY'),
  monthInterval: expressionTemplate('INTERVAL __0 MONTH'),
  parseDate: expressionTemplate('PARSE_DATE(__0, __1)'),
  parseTimestamp: expressionTemplate('PARSE_TIMESTAMP(__0, __1)'),
  formatDate: expressionTemplate('FORMAT_DATE(__0, __1)'),
  formatTimestamp: expressionTemplate('FORMAT_TIMESTAMP(__0, __1)'),
  castString: expressionTemplate('CAST(__0 AS STRING)'),
  or: expressionTemplate('(__0 OR __1)'),
  and: expressionTemplate('(__0 AND __1)'),
  like: expressionTemplate('__0 LIKE __1'),
  notLike: expressionTemplate('__0 NOT LIKE __1'),
  inSubquery: expressionTemplate('__0 IN (SELECT 1)'),
  notInSubquery: expressionTemplate('__0 NOT IN (SELECT 1)'),
  regrCount: expressionTemplate('SUM(IF(__0 IS NULL OR __1 IS NULL, NULL, 1))'),
  regrSxx: expressionTemplate('SUM(POWER(__0, 2)) - COUNT(__0) * POWER(AVG(__0), 2)'),
  regrSxy: expressionTemplate('SUM(__0 * __1) - COUNT(__0) * AVG(__0) * AVG(__1)'),
  randomBetween: expressionTemplate('CAST(FLOOR(__0 + RAND() * (__1 - __0 + 1)) AS INT64)'),
  dateTrunc: expressionTemplate('DATE_TRUNC(__0, MONTH)'),
  lastDay: expressionTemplate('LAST_DAY(__0, MONTH)'),
  extract: expressionTemplate('EXTRACT(YEAR FROM __0)'),
  monthsBetween: expressionTemplate('DATE_DIFF(__0, __1, MONTH)'),
  dayOfCalendar: expressionTemplate("DATE_DIFF(__0, DATE '1900-01-01', DAY) + 1"),
  monthOfCalendar: expressionTemplate('(EXTRACT(YEAR FROM __0) - 1900) * 12 + EXTRACT(MONTH FROM __0)'),
  splitPart: expressionTemplate('SPLIT(__0, __1)[SAFE_ORDINAL(__2)]'),
  rankOver: expressionTemplate('RANK() OVER (ORDER BY 1)'),
  cumulative: expressionTemplate('SUM(__0) OVER (ORDER BY 1 ROWS UNBOUNDED PRECEDING)'),
  movingSum: expressionTemplate('SUM(__0) OVER (ORDER BY 1 ROWS BETWEEN __1 PRECEDING AND CURRENT ROW)'),
  movingAvg: expressionTemplate('AVG(__0) OVER (ORDER BY 1 ROWS BETWEEN __1 PRECEDING AND CURRENT ROW)'),
  movingDiff: expressionTemplate('__0 - LAG(__0, __1) OVER (ORDER BY 1)'),
  quantile: expressionTemplate('NTILE(__0) OVER (ORDER BY 1) - 1'),
  concat: expressionTemplate('__0 || __1'),
  ifnull: expressionTemplate('IFNULL(__0, __1)'),
  div: expressionTemplate('DIV(__0, __1)'),
  simpleCase: expressionTemplate('CASE __0 WHEN __1 THEN __2 END'),
};

/** Date parts for the TD_* calendar functions read with EXTRACT. */
const CALENDAR_EXTRACT: Readonly<Record<string, string>> = {
  TD_DAY_OF_WEEK: 'DAYOFWEEK',
  DAYNUMBER_OF_WEEK: 'DAYOFWEEK',
  TD_DAY_OF_MONTH: 'DAY',
  DAYNUMBER_OF_MONTH: 'DAY',
  TD_DAY_OF_YEAR: 'DAYOFYEAR',
  DAYNUMBER_OF_YEAR: 'DAYOFYEAR',
  TD_MONTH_OF_YEAR: 'MONTH',
  MONTHNUMBER_OF_YEAR: 'MONTH',
  TD_QUARTER_OF_YEAR: 'QUARTER',
  QUARTERNUMBER_OF_YEAR: 'QUARTER',
  TD_YEAR_OF_CALENDAR: 'YEAR',
  YEARNUMBER_OF_CALENDAR: 'YEAR',
  TD_WEEK_OF_YEAR: 'WEEK',
  WEEKNUMBER_OF_YEAR: 'WEEK',
};

/** Period starts/ends for the TD_*_BEGIN / TD_*_END functions. */
const CALENDAR_BOUNDS: Readonly<Record<string, readonly ['begin' | 'end', string]>> = {
  TD_WEEK_BEGIN: ['begin', 'WEEK'],
  TD_WEEK_END: ['end', 'WEEK'],
  TD_MONTH_BEGIN: ['begin', 'MONTH'],
  TD_MONTH_END: ['end', 'MONTH'],
  TD_QUARTER_BEGIN: ['begin', 'QUARTER'],
  TD_QUARTER_END: ['end', 'QUARTER'],
  TD_YEAR_BEGIN: ['begin', 'YEAR'],
  TD_YEAR_END: ['end', 'YEAR'],
};

/** Teradata-only function names that no rule translated (beyond those handled by name above). */
const TERADATA_ONLY = /^(TD_|__TD_)/;
/** Sort-direction markers from the token pass, consumed by the enclosing ordered-analytic call. */
const SORT_MARKERS = new Set(['__TD_DESC', '__TD_ASC']);
const TERADATA_FUNCTIONS = new Set([
  'ZEROIFNULL',
  'NULLIFZERO',
  'INDEX',
  'OREPLACE',
  'OTRANSLATE',
  'CHARACTERS',
  'CHARS',
  'TO_CHAR',
  'TO_DATE',
  'TO_TIMESTAMP',
  'MONTHS_BETWEEN',
  'TRUNC',
  'STRTOK',
  'RANK',
  'CSUM',
  'MSUM',
  'MAVG',
  'MDIFF',
  'RANDOM',
]);

function leftAsIs(name: string, ctx: RewriteContext): undefined {
  ctx.warn(`${name}(…) left as is: it is not a BigQuery function`);
  return undefined;
}

const TRUNC_UNITS: Readonly<Record<string, string>> = {
  MM: 'MONTH',
  MON: 'MONTH',
  MONTH: 'MONTH',
  RM: 'MONTH',
  YYYY: 'YEAR',
  YY: 'YEAR',
  YEAR: 'YEAR',
  Y: 'YEAR',
  SYYYY: 'YEAR',
  Q: 'QUARTER',
  DD: 'DAY',
  DDD: 'DAY',
  J: 'DAY',
  IW: 'ISOWEEK',
  W: 'WEEK',
  WW: 'WEEK',
  D: 'WEEK',
  DAY: 'WEEK',
  DY: 'WEEK',
};

/** The rules that rewrite Teradata expressions into GoogleSQL, keyed by polyglot node kind. */
export function expressionRules(ctx: RewriteContext): Record<string, NodeRewrite> {
  const types = new TypeGuesser(ctx);
  return {
    mod: (b) => T.mod(b.left as AstNode, b.right as AstNode),
    log: (b) => (b.expression ? undefined : T.log10(b.this as AstNode)),
    nvl2: (b) => T.nvl2(b.this as AstNode, b.true_value as AstNode, b.false_value as AstNode),
    literal: (b) => rewriteLiteral(b),
    column: (b) => bareKeyword(b),
    function: (b, node) => rewriteFunction(String(b.name).toUpperCase(), functionArgs(node), b, ctx, types),
    aggregate_function: (b, node) => rewriteAggregate(String(b.name).toUpperCase(), functionArgs(node), ctx),
    rand: (b) => (b.lower && b.upper ? T.randomBetween(b.lower as AstNode, b.upper as AstNode) : undefined),
    months_between: (b) => monthsBetween(b.this as AstNode, b.expression as AstNode, ctx),
    next_day: (b) => nextDay(b.this as AstNode, b.expression as AstNode, ctx),
    add_months: (b) => T.dateAdd(b.this as AstNode, T.monthInterval(b.expression as AstNode)),
    cast: (b, node) => rewriteCast(b, node, ctx, false),
    try_cast: (b, node) => {
      const cast = rewriteCast(b, node, ctx, true);
      return cast === node ? { safe_cast: b } : cast;
    },
    cardinality: (b) => call('ARRAY_LENGTH', [b.this as AstNode]),
    str_position: (b) => (b.position ? undefined : call('STRPOS', [b.this as AstNode, b.substr as AstNode])),
    substring: (b) => (b.from_for_syntax ? call('SUBSTR', [b.this, b.start, b.length].filter(Boolean) as AstNode[]) : undefined),
    nvl: (b) => T.ifnull(b.this as AstNode, b.expression as AstNode),
    rank: (b) => ((b.args as AstNode[] | undefined)?.length ? legacyOrdered('RANK', b.args as AstNode[], ctx) : undefined),
    trim: (b) => rewriteTrim(b),
    format_phrase: (b) => {
      ctx.warn(`FORMAT '${String(b.format)}' phrase dropped: BigQuery does not format output columns; use FORMAT_DATE or FORMAT`);
      return b.this as AstNode;
    },
    to_number: (b) => {
      if (b.format) ctx.warn('TO_NUMBER format argument dropped: cast without a format');
      return castTo(b.this as AstNode, 'NUMERIC');
    },
    div: (b) => integerDivision(b, types),
    sub: (b) => dateArithmetic('sub', b, types),
    add: (b) => dateArithmetic('add', b, types),
    concat: (b) => stringConcat(b, types),
    like: (b) => quantifiedLike(b, false, ctx),
    not: (b) => negatedQuantifiedLike(b),
    i_like: (b) => quantifiedLike(b, true, ctx),
    any: (b) => quantifiedComparison(b, 'any', ctx),
    all: (b) => quantifiedComparison(b, 'all', ctx),
    translate_characters: (b) => {
      ctx.warn('TRANSLATE(… USING …) character-set conversion dropped: BigQuery strings are always UTF-8');
      return b.this as AstNode;
    },
    interval: (b) => normaliseInterval(b),
  };
}

/** A plain function call `name(args…)`, for functions polyglot's BigQuery parser does not know. */
function call(name: string, args: AstNode[]): AstNode {
  return functionNode(name, args, false);
}

/**
 * Polyglot prints DATE/TIMESTAMP literals as CASTs; GoogleSQL's literal form is kept with a
 * verbatim node. Hex literals (`X'1D'`) become FROM_HEX.
 */
function rewriteLiteral(b: AstNode): AstNode | undefined {
  const type = String(b.literal_type);
  if (type === 'hex_string') return T.fromHex(stringLiteral(String(b.value)));
  if (type === 'date' || type === 'timestamp' || type === 'time') {
    return { var: { this: `${type.toUpperCase()} '${String(b.value).replace(/'/g, "\\'")}'` } };
  }
  return undefined;
}

/** `TRIM(LEADING c FROM x)` → `LTRIM(x, c)`, `TRAILING` → `RTRIM`, `BOTH` → `TRIM(x[, c])`. */
function rewriteTrim(b: AstNode): AstNode | undefined {
  if (!b.sql_standard_syntax) return undefined;
  const position = String(b.position);
  const name = position === 'Leading' ? 'LTRIM' : position === 'Trailing' ? 'RTRIM' : 'TRIM';
  const args = [b.this as AstNode];
  if (b.characters) args.push(b.characters as AstNode);
  return call(name, args);
}

function bareKeyword(column: AstNode): AstNode | undefined {
  if (column.table) return undefined;
  const name = column.name as AstNode;
  if (name.quoted) return undefined;
  switch (String(name.name).toUpperCase()) {
    case 'DATE':
      return T.currentDate();
    case 'TIME':
      return T.currentTime();
    case 'USER':
      return T.sessionUser();
    case 'ACTIVITY_COUNT':
      return { parameter: { name: 'row_count', style: 'DoubleAt' } };
    default:
      return undefined;
  }
}

/** Polyglot's integer data types. */
const INTEGER_DATA_TYPES = new Set(['int', 'big_int', 'small_int', 'tiny_int']);

/** Whether an expression is known to be a DATE or a TIMESTAMP (from its form or from earlier DDL). */
class TypeGuesser {
  constructor(readonly ctx: RewriteContext) {}

  /** An integer literal, or a cast to an integer type. */
  isInteger(node: AstNode): boolean {
    const literal = bodyOf(node, 'literal');
    if (literal) return literal.literal_type === 'number' && /^\d+$/.test(String(literal.value));
    const cast = bodyOf(node, 'cast');
    const to = cast?.to as AstNode | undefined;
    return !!to && (to.name === 'INT64' || INTEGER_DATA_TYPES.has(String(to.data_type)));
  }

  typeOf(node: AstNode): 'date' | 'timestamp' | 'interval' | 'number' | 'string' | undefined {
    const kind = kindOf(node);
    switch (kind) {
      case 'literal': {
        const type = (node.literal as AstNode).literal_type;
        if (type === 'date') return 'date';
        if (type === 'timestamp') return 'timestamp';
        if (type === 'number') return 'number';
        if (type === 'string') return 'string';
        return undefined;
      }
      case 'interval':
        return 'interval';
      case 'var': {
        const text = String((node.var as AstNode).this);
        if (text.startsWith("DATE '")) return 'date';
        if (text.startsWith("TIMESTAMP '")) return 'timestamp';
        return undefined;
      }
      case 'paren':
        return this.typeOf((node.paren as AstNode).this as AstNode);
      case 'cast':
      case 'try_cast': {
        const to = (node[kind] as AstNode).to as AstNode;
        const name = String(to.data_type === 'custom' ? to.name : to.data_type).toUpperCase();
        if (name === 'DATE') return 'date';
        if (name.startsWith('TIMESTAMP')) return 'timestamp';
        if (/^(INT|NUMERIC|BIGNUMERIC|FLOAT|DECIMAL|NUMBER)/.test(name)) return 'number';
        if (/^(STRING|VAR_CHAR|CHAR)/.test(name)) return 'string';
        return undefined;
      }
      case 'column': {
        const column = node.column as AstNode;
        const name = String((column.name as AstNode).name).toLowerCase();
        if (this.ctx.dateColumns.has(name)) return 'date';
        if (this.ctx.timestampColumns.has(name)) return 'timestamp';
        return undefined;
      }
      case 'current_date':
        return 'date';
      case 'current_timestamp':
        return 'timestamp';
      case 'function': {
        const name = functionName(node);
        if (name && DATE_FUNCTIONS.has(name)) return 'date';
        if (name && TIMESTAMP_FUNCTIONS.has(name)) return 'timestamp';
        if (name && STRING_FUNCTIONS.has(name)) return 'string';
        return undefined;
      }
      case 'last_day':
      case 'add_months':
        return 'date';
      case 'add':
      case 'sub':
      case 'mul':
      case 'div': {
        const b = node[kind] as AstNode;
        const left = this.typeOf(b.left as AstNode);
        const right = this.typeOf(b.right as AstNode);
        if (left === 'number' && right === 'number') return 'number';
        return undefined;
      }
      case 'concat':
        return 'string';
      default:
        return undefined;
    }
  }
}

const DATE_FUNCTIONS = new Set(['CURRENT_DATE', 'DATE_ADD', 'DATE_SUB', 'DATE_TRUNC', 'LAST_DAY', 'PARSE_DATE', 'DATE', 'ADD_MONTHS']);
const TIMESTAMP_FUNCTIONS = new Set(['CURRENT_TIMESTAMP', 'TIMESTAMP_ADD', 'TIMESTAMP_SUB', 'PARSE_TIMESTAMP', 'TIMESTAMP']);
const STRING_FUNCTIONS = new Set([
  'FORMAT_DATE',
  'FORMAT_TIMESTAMP',
  'SUBSTR',
  'UPPER',
  'LOWER',
  'TRIM',
  'LTRIM',
  'RTRIM',
  'REPLACE',
  'CONCAT',
  'LPAD',
  'RPAD',
]);

function dateArithmetic(op: 'add' | 'sub', b: AstNode, types: TypeGuesser): AstNode | undefined {
  const left = b.left as AstNode;
  const right = b.right as AstNode;
  const lt = types.typeOf(left);
  const rt = types.typeOf(right);
  if (op === 'sub' && lt === 'date' && rt === 'date') return T.dateDiffDay(left, right);
  if (lt === 'date' && rt === 'interval') return (op === 'add' ? T.dateAdd : T.dateSub)(left, right);
  if (lt === 'timestamp' && rt === 'interval') return (op === 'add' ? T.timestampAdd : T.timestampSub)(left, right);
  if (lt === 'date' && (rt === 'number' || rt === undefined)) {
    if (rt === undefined) types.ctx.warn(`DATE ${op === 'add' ? '+' : '-'} expression of unknown type read as a number of days`);
    return (op === 'add' ? T.dateAdd : T.dateSub)(left, T.dayInterval(right));
  }
  if (op === 'add' && rt === 'date' && lt === 'number') return T.dateAdd(right, T.dayInterval(left));
  return undefined;
}

/** Teradata divides integers as integers; BigQuery's `/` returns FLOAT64, so `int / int` → `DIV(a, b)`. */
function integerDivision(b: AstNode, types: TypeGuesser): AstNode | undefined {
  const left = b.left as AstNode;
  const right = b.right as AstNode;
  return types.isInteger(left) && types.isInteger(right) ? T.div(left, right) : undefined;
}

function stringConcat(b: AstNode, types: TypeGuesser): AstNode | undefined {
  const left = b.left as AstNode;
  const right = b.right as AstNode;
  const lt = types.typeOf(left);
  const rt = types.typeOf(right);
  const needsCast = (t: string | undefined): boolean => t === 'number' || t === 'date' || t === 'timestamp';
  if (!needsCast(lt) && !needsCast(rt)) return undefined;
  if (lt === 'date' || rt === 'date') types.ctx.warn("|| on a DATE: BigQuery's CAST gives YYYY-MM-DD, not the column's Teradata FORMAT");
  return T.concat(needsCast(lt) ? T.castString(left) : left, needsCast(rt) ? T.castString(right) : right);
}

function normaliseInterval(b: AstNode): AstNode | undefined {
  const value = bodyOf(b.this, 'literal');
  if (!value || value.literal_type !== 'string' || !/^\s*-?\d+\s*$/.test(String(value.value))) return undefined;
  b.this = { var: { this: String(Number(value.value)) } };
  return undefined;
}

function quantifiedLike(b: AstNode, caseInsensitive: boolean, ctx: RewriteContext): AstNode | undefined {
  const quantifier = String(b.quantifier ?? '').toUpperCase();
  if (!quantifier) return undefined;
  const patterns = bodyOf(b.right, 'tuple')?.expressions as AstNode[] | undefined;
  if (!patterns || patterns.length === 0) {
    ctx.warn(`LIKE ${quantifier} with a subquery is not translated: BigQuery has no quantified LIKE over a subquery`);
    return undefined;
  }
  if (caseInsensitive) ctx.warn('case-insensitive LIKE became LIKE: wrap both sides in LOWER() if needed');
  const subject = b.left as AstNode;
  const join = quantifier === 'ALL' ? T.and : T.or;
  const likes = patterns.map((pattern, i) => T.like(i === 0 ? subject : cloneTree(subject), pattern));
  const expanded = likes.reduce((acc, like) => unparen(join(acc, like)));
  expandedLikes.set(expanded, { subject, patterns, join });
  return expanded;
}

/** Expansions of `LIKE ANY|ALL (…)`, so that `x NOT LIKE ALL (…)` can be rebuilt from them. */
const expandedLikes = new WeakMap<AstNode, { subject: AstNode; patterns: AstNode[]; join: (a: AstNode, b: AstNode) => AstNode }>();

/**
 * `x NOT LIKE ALL (p, q)` means x matches none of the patterns: `(x NOT LIKE p AND x NOT LIKE q)`;
 * `x NOT LIKE ANY (p, q)`: `(x NOT LIKE p OR x NOT LIKE q)` (polyglot reads both as NOT over the
 * quantified LIKE, which the LIKE rule has already expanded).
 */
function negatedQuantifiedLike(b: AstNode): AstNode | undefined {
  const expansion = expandedLikes.get(b.this as AstNode);
  if (!expansion) return undefined;
  const { subject, patterns, join } = expansion;
  const likes = patterns.map((pattern) => T.notLike(cloneTree(subject), pattern));
  return likes.reduce((acc, like) => unparen(join(acc, like)));
}

/** Drops the parentheses of a nested template so chains of OR/AND stay flat. */
function unparen(node: AstNode): AstNode {
  const inner = bodyOf(node, 'paren')?.this as AstNode | undefined;
  if (!inner) return node;
  const kind = kindOf(inner)!;
  const body = inner[kind] as AstNode;
  const left = bodyOf(body.left, 'paren')?.this as AstNode | undefined;
  if (left && kindOf(left) === kind) body.left = left;
  return node;
}

function quantifiedComparison(b: AstNode, quantifier: 'any' | 'all', ctx: RewriteContext): AstNode | undefined {
  const op = String(b.op);
  const query = bodyOf(b.subquery, 'subquery')?.this as AstNode | undefined;
  if (query && quantifier === 'any' && op === 'Eq') return withQuery(T.inSubquery(b.this as AstNode), query);
  if (query && quantifier === 'all' && (op === 'Neq' || op === 'NotEq')) return withQuery(T.notInSubquery(b.this as AstNode), query);
  ctx.warn(`comparison ${op} ${quantifier.toUpperCase()} (…) is not supported by BigQuery; rewrite with MIN/MAX or EXISTS`);
  return undefined;
}

function withQuery(template: AstNode, query: AstNode): AstNode {
  const body = (bodyOf(template, 'in') ?? bodyOf(bodyOf(template, 'not')?.this, 'in')) as AstNode;
  body.query = query;
  return template;
}

function castTo(node: AstNode, type: string): AstNode {
  return {
    cast: {
      this: node,
      to: bigQueryTypeNode(type),
      trailing_comments: [],
      double_colon_syntax: false,
      format: null,
      default: null,
      inferred_type: null,
    },
  };
}

function rewriteCast(b: AstNode, node: AstNode, ctx: RewriteContext, safe: boolean): AstNode | undefined {
  const to = b.to as AstNode;
  const format = b.format ? literalText(b.format) : undefined;
  if (b.format && format === undefined) ctx.warn('CAST … FORMAT with a non-literal format is not translated');
  if (format !== undefined) {
    const converted = convertDateFormat(format);
    const target = String(to.data_type);
    const fromString = isStringLiteral(b.this) || STRING_TYPES.has(target) === false;
    if (converted && (target === 'date' || target === 'timestamp') && fromString && !safe) {
      b.format = null;
      const parse = target === 'date' && !converted.hasTime ? T.parseDate : T.parseTimestamp;
      return parse(stringLiteral(converted.strftime), b.this as AstNode);
    }
    if (converted && STRING_TYPES.has(target) && !safe) {
      const formatter = converted.hasTime ? T.formatTimestamp : T.formatDate;
      return formatter(stringLiteral(converted.strftime), b.this as AstNode);
    }
    if (to.data_type === 'unknown') {
      ctx.warn(`CAST(… AS FORMAT '${format}') only changes display format in Teradata; dropped`);
      return b.this as AstNode;
    }
    const picture = converted ? undefined : numberPicture(format);
    if (picture !== undefined && NUMERIC_TARGETS.has(target)) {
      ctx.warn(
        `FORMAT '${format}' dropped from a cast to a number: BigQuery casts plain numeric strings; ` +
          'remove currency signs and group separators first (REPLACE) if the input has them',
      );
      b.format = null;
    } else if (picture !== undefined && STRING_TYPES.has(target)) {
      ctx.warn(`FORMAT '${format}' became GoogleSQL's '${picture}': BigQuery keeps a leading position for the sign`);
      b.format = stringLiteral(picture);
    } else if (!converted) ctx.warn(`FORMAT '${format}' kept as GoogleSQL CAST … FORMAT: check its elements`);
  }
  if (to.data_type === 'unknown') return undefined;
  if (!safe && to.data_type === 'char' && !b.format) {
    const padded = castToChar(b.this as AstNode, to.length, ctx);
    if (padded) return padded;
  }
  if (!safe && to.data_type === 'time') {
    const parsed = castIntegerToTime(b.this as AstNode);
    if (parsed) return parsed;
  }
  const mapped = mapDataType(to);
  const extracted = extractAsString(b.this as AstNode);
  if (extracted && mapped.sql === 'INT64') return extracted;
  if (mapped.warning) ctx.warn(mapped.warning);
  b.to = bigQueryTypeNode(mapped.sql);
  return node;
}

/** The EXTRACT inside `CAST(EXTRACT(…) AS STRING)` (what TO_CHAR(x, 'Q') becomes), if that is the node. */
function extractAsString(node: AstNode): AstNode | undefined {
  const cast = bodyOf(node, 'cast');
  const to = cast?.to as AstNode | undefined;
  if (!cast || !to || (to.name !== 'STRING' && to.data_type !== 'string')) return undefined;
  return kindOf(cast.this) === 'extract' ? (cast.this as AstNode) : undefined;
}

const STRING_TYPES = new Set(['char', 'var_char', 'varchar', 'string', 'text', 'character']);
const NUMERIC_TARGETS = new Set([
  'decimal',
  'numeric',
  'int',
  'integer',
  'big_int',
  'bigint',
  'small_int',
  'smallint',
  'tiny_int',
  'float',
  'double',
  'real',
]);

/**
 * A Teradata numeric picture (`'ZZZ,ZZ9.99'`, `'$999.99'`) in GoogleSQL's format elements: Teradata's
 * `9` keeps leading zeros (GoogleSQL `0`), `Z` suppresses them (GoogleSQL `9`); `,`, `.` and `$`
 * are the same. Undefined for anything else.
 */
function numberPicture(format: string): string | undefined {
  if (!/^[$]?[9Z,]*[9Z](\.[9Z]+)?$/i.test(format)) return undefined;
  return format.replace(/9/g, '0').replace(/[zZ]/g, '9');
}

function rewriteFunction(name: string, args: AstNode[], body: AstNode, ctx: RewriteContext, types: TypeGuesser): AstNode | undefined {
  const translated = translateFunction(name, args, body, ctx, types);
  const bare = name.replace(/^TD_SYSFNLIB\./, '');
  if (translated === undefined && !SORT_MARKERS.has(bare) && (TERADATA_ONLY.test(bare) || TERADATA_FUNCTIONS.has(bare))) {
    ctx.warn(`${bare}(…) left as is: it is a Teradata function with no translation for these arguments`);
  }
  return translated;
}

function translateFunction(name: string, args: AstNode[], body: AstNode, ctx: RewriteContext, types: TypeGuesser): AstNode | undefined {
  const [a, b, c] = args;
  const unprefixed = name.replace(/^TD_SYSFNLIB\./, '');
  if (unprefixed !== name) body.name = unprefixed;
  switch (unprefixed) {
    case 'ZEROIFNULL':
      return a && T.ifnull0(a);
    case 'NULLIFZERO':
      return a && T.nullif0(a);
    case 'INDEX':
      return a && b && call('STRPOS', [a, b]);
    case '__TD_INSTR':
      return call('INSTR', args);
    case 'OREPLACE':
      return a && b && c ? T.replace(a, b, c) : undefined;
    case 'OTRANSLATE':
      return a && b && c ? T.translate(a, b, c) : undefined;
    case 'CHARACTERS':
    case 'CHARS':
    case 'CHARACTER_LENGTH':
      return a && call('CHAR_LENGTH', [a]);
    case 'CURRENT_TIMESTAMP':
      return T.currentTimestamp();
    case 'CURRENT_DATE':
      return T.currentDate();
    case 'CURRENT_TIME':
      return T.currentTime();
    case 'TO_CHAR':
      return toChar(a, b, ctx, types);
    case 'TO_DATE':
    case 'TO_TIMESTAMP':
      return toDate(unprefixed, a, b, ctx);
    case 'TO_TIMESTAMP_TZ':
      return toDate('TO_TIMESTAMP', a, b, ctx);
    case 'MONTHS_BETWEEN':
      return a && b && monthsBetween(a, b, ctx);
    case 'TRUNC':
      // TRUNC(x) and TRUNC(x, n) on numbers are BigQuery's TRUNC too.
      return truncDate(a, b, types) ?? (!b || isNumberLiteral(b) ? { function: body } : undefined);
    case 'LAST_DAY':
      return a && args.length === 1 ? T.lastDay(a) : undefined;
    case 'TD_DAY_OF_CALENDAR':
    case 'DAYNUMBER_OF_CALENDAR':
      return a && T.dayOfCalendar(a);
    case 'TD_MONTH_OF_CALENDAR':
    case 'MONTHNUMBER_OF_CALENDAR':
      return a && T.monthOfCalendar(a);
    case 'STRTOK':
      if (!a || !b || !c) return undefined;
      ctx.warn('STRTOK became SPLIT(…)[SAFE_ORDINAL(n)]: SPLIT takes the whole delimiter string, STRTOK any of its characters');
      return T.splitPart(a, b, c);
    case 'RANK':
      return args.length > 0 ? legacyOrdered('RANK', args, ctx) : undefined;
    case 'CSUM':
    case 'MSUM':
    case 'MAVG':
    case 'MDIFF':
      return legacyOrdered(unprefixed, args, ctx);
    case 'RANDOM':
      return a && b ? T.randomBetween(a, b) : undefined;
    case 'DECODE':
      return decode(args, ctx);
    case 'HASHROW':
    case 'HASHBUCKET':
    case 'HASHAMP':
    case 'HASHBAKAMP':
      ctx.warn(`${unprefixed}(…) left as is: BigQuery has no AMPs; consider FARM_FINGERPRINT`);
      return undefined;
    case 'QUANTILE':
      return args.length > 1 ? legacyOrdered('QUANTILE', args, ctx) : undefined;
    case 'MLINREG':
      return leftAsIs(unprefixed, ctx);
    default: {
      const phrase = attributePhrase(String(body.name), args, ctx);
      if (phrase) return phrase;
      const mapped = guideFunction(unprefixed, args, ctx);
      if (mapped) return mapped;
      const part = CALENDAR_EXTRACT[unprefixed];
      if (part && a) return extractPart(part, a);
      const bound = CALENDAR_BOUNDS[unprefixed];
      if (bound && a) return bound[0] === 'begin' ? dateTrunc(a, bound[1]) : lastDay(a, bound[1]);
      return undefined;
    }
  }
}

function rewriteAggregate(name: string, args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  const [y, x] = args;
  if (args.length === 1) return guideFunction(name, args, ctx);
  if (!y || !x) return undefined;
  switch (name) {
    case 'REGR_COUNT':
      return T.regrCount(y, x);
    case 'REGR_SXX':
      return T.regrSxx(x);
    case 'REGR_SYY':
      return T.regrSxx(y);
    case 'REGR_SXY':
      return T.regrSxy(x, y);
    default:
      return guideAggregate(name, y, x, ctx);
  }
}

/** `DECODE(e, s1, r1, …, [default])` → `CASE e WHEN s1 THEN r1 … [ELSE default] END`. */
function decode(args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  if (args.length < 3) return undefined;
  const node = T.simpleCase(args[0]!, args[1]!, args[2]!);
  const body = node.case as AstNode;
  const whens = body.whens as AstNode[][];
  let i = 3;
  for (; i + 1 < args.length; i += 2) whens.push([args[i]!, args[i + 1]!]);
  if (i < args.length) body.else_ = args[i]!;
  if (args.slice(1).some((arg) => kindOf(arg) === 'null')) {
    ctx.warn('DECODE matched NULL search values; CASE … WHEN NULL never matches: use WHEN … IS NULL');
  }
  return node;
}

/** Teradata type names that `expr (TYPE)` casts to. */
const ATTRIBUTE_CAST_TYPES: Readonly<Record<string, string>> = {
  INTEGER: 'INT64',
  INT: 'INT64',
  SMALLINT: 'INT64',
  BIGINT: 'INT64',
  BYTEINT: 'INT64',
  DATE: 'DATE',
  FLOAT: 'FLOAT64',
  REAL: 'FLOAT64',
  DECIMAL: 'NUMERIC',
  NUMERIC: 'NUMERIC',
  NUMBER: 'BIGNUMERIC',
  TIMESTAMP: 'TIMESTAMP',
  TIME: 'TIME',
};

/**
 * Teradata's attribute phrases after an expression, which polyglot reads as a call of the
 * column: `x (INTEGER)` (a cast) → `CAST(x AS INT64)`; `x (NOT CASESPECIFIC)` /
 * `x (CASESPECIFIC)` → `x`, with a warning.
 */
function attributePhrase(name: string, args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  if (args.length !== 1) return undefined;
  const arg = args[0]!;
  const negated = bodyOf(arg, 'not')?.this as AstNode | undefined;
  const attribute = bodyOf(negated ?? arg, 'column');
  if (!attribute || attribute.table) return undefined;
  const word = String((attribute.name as AstNode | undefined)?.name ?? '').toUpperCase();
  if (word === 'CASESPECIFIC') {
    ctx.warn(`(${negated ? 'NOT ' : ''}CASESPECIFIC) on ${name} dropped: BigQuery compares case-sensitively; use LOWER() or COLLATE`);
    return columnNode(identifier(name, false));
  }
  const type = negated ? undefined : ATTRIBUTE_CAST_TYPES[word];
  return type ? castTo(columnNode(identifier(name, false)), type) : undefined;
}

function monthsBetween(later: AstNode, earlier: AstNode, ctx: RewriteContext): AstNode {
  ctx.warn('MONTHS_BETWEEN became DATE_DIFF(…, MONTH): BigQuery counts whole months, Teradata returns a fraction');
  return T.monthsBetween(later, earlier);
}

function extractPart(part: string, of: AstNode): AstNode {
  const node = T.extract(of);
  (node.extract as AstNode).field =
    part === 'DAYOFWEEK' || part === 'DAYOFYEAR' || part === 'QUARTER' || part === 'WEEK'
      ? { Custom: part }
      : part.charAt(0) + part.slice(1).toLowerCase();
  return node;
}

function dateTrunc(of: AstNode, unit: string): AstNode {
  const node = T.dateTrunc(of);
  setUnitArgument(node, unit);
  return node;
}

function lastDay(of: AstNode, unit: string): AstNode {
  const node = T.lastDay(of);
  const body = bodyOf(node, 'last_day');
  if (body) body.unit = unit.charAt(0) + unit.slice(1).toLowerCase();
  else setUnitArgument(node, unit);
  return node;
}

function setUnitArgument(node: AstNode, unit: string): void {
  const args = functionArgs(node);
  const last = args[args.length - 1];
  const column = bodyOf(last, 'column') ?? bodyOf(last, 'var');
  if (column && column.name) (column.name as AstNode).name = unit;
  else if (column) column.this = unit;
}

function truncDate(a: AstNode | undefined, b: AstNode | undefined, types: TypeGuesser): AstNode | undefined {
  if (!a) return undefined;
  if (!b) return types.typeOf(a) === 'date' ? a : undefined;
  const unit = TRUNC_UNITS[String(literalText(b) ?? '').toUpperCase()];
  if (!unit || !isStringLiteral(b)) return undefined;
  return dateTrunc(a, unit);
}

function toChar(a: AstNode | undefined, b: AstNode | undefined, ctx: RewriteContext, types: TypeGuesser): AstNode | undefined {
  if (!a) return undefined;
  if (!b) return T.castString(a);
  const format = isStringLiteral(b) ? literalText(b) : undefined;
  if (format === undefined) {
    ctx.warn('TO_CHAR with a non-literal format is not translated');
    return undefined;
  }
  const part = singleDatePart(format);
  if (part) {
    const node = T.castString(extractPart(part, a));
    return node;
  }
  const converted = convertDateFormat(format);
  if (!converted) {
    ctx.warn(`TO_CHAR format '${format}' has elements with no FORMAT_DATE equivalent (numeric formats included)`);
    return undefined;
  }
  const type = types.typeOf(a);
  const isTimestamp = converted.hasTime || type === 'timestamp';
  if (!isTimestamp && type !== 'date') ctx.warn('TO_CHAR argument of unknown type read as a DATE (FORMAT_DATE)');
  return (isTimestamp ? T.formatTimestamp : T.formatDate)(stringLiteral(converted.strftime), a);
}

function toDate(name: string, a: AstNode | undefined, b: AstNode | undefined, ctx: RewriteContext): AstNode | undefined {
  if (!a) return undefined;
  if (!b) return castTo(a, name === 'TO_DATE' ? 'DATE' : 'TIMESTAMP');
  const converted = isStringLiteral(b) ? convertDateFormat(String(literalText(b))) : undefined;
  if (!converted) {
    ctx.warn(`${name} format is not translated`);
    return undefined;
  }
  return (name === 'TO_DATE' && !converted.hasTime ? T.parseDate : T.parseTimestamp)(stringLiteral(converted.strftime), a);
}

/**
 * Teradata's pre-ANSI ordered analytics: `RANK(x DESC)`, `CSUM(v, o)`, `MSUM(v, n, o)`,
 * `MAVG(v, n, o)`, `MDIFF(v, n, o)`, `QUANTILE(n, o)` as window functions. Sort keys default to ascending except
 * RANK's, which default to descending.
 */
function legacyOrdered(name: string, args: AstNode[], ctx: RewriteContext): AstNode | undefined {
  const windowed = name === 'RANK' ? 0 : name === 'CSUM' || name === 'QUANTILE' ? 1 : 2;
  const sortArgs = args.slice(windowed);
  if (sortArgs.length === 0) return undefined;
  const order = sortArgs.map((arg) => sortKey(arg, name === 'RANK'));
  let node: AstNode;
  if (name === 'RANK') node = T.rankOver();
  else if (name === 'CSUM') node = T.cumulative(args[0]!);
  else if (name === 'MDIFF') node = T.movingDiff(args[0]!, args[1]!);
  else if (name === 'QUANTILE') {
    ctx.warn(
      'QUANTILE(n, x) became NTILE(n) OVER (ORDER BY x) - 1 (the guide maps QUANTILE to NTILE): tied values can land in ' +
        'different quantiles; Teradata computes (RANK() OVER (ORDER BY x) - 1) * n / COUNT(*) OVER ()',
    );
    node = T.quantile(args[0]!);
  } else {
    const width = literalText(args[1]);
    if (!isNumberLiteral(args[1]) || width === undefined) {
      ctx.warn(`${name} with a non-literal width is not translated`);
      return undefined;
    }
    node = (name === 'MAVG' ? T.movingAvg : T.movingSum)(args[0]!, { var: { this: String(Number(width) - 1) } });
  }
  setWindowOrder(node, order);
  return node;
}

function sortKey(arg: AstNode, descendingByDefault: boolean): AstNode {
  const name = functionName(arg);
  if (name === '__TD_DESC' || name === '__TD_ASC') {
    return {
      this: functionArgs(arg)[0],
      desc: name === '__TD_DESC',
      nulls_first: null,
      explicit_asc: name === '__TD_ASC',
      with_fill: null,
    };
  }
  return { this: arg, desc: descendingByDefault, nulls_first: null, explicit_asc: false, with_fill: null };
}

function setWindowOrder(node: AstNode, order: AstNode[]): void {
  let done = false;
  const visit = (value: unknown): void => {
    if (done || !value || typeof value !== 'object') return;
    const over = (value as AstNode).over as AstNode | undefined;
    if (over && Array.isArray(over.order_by)) {
      over.order_by = order;
      done = true;
      return;
    }
    for (const key in value as AstNode) visit((value as AstNode)[key]);
  };
  visit(node);
}
