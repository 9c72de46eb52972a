import { type AstNode, functionNode } from '../ast';

/**
 * Polyglot's function-name → node mapping for calls with plain comma-separated arguments,
 * limited to the names and argument counts checked against polyglot's Teradata parser.
 * Anything else is unknown here and makes the fast parser bail out.
 */

/** Names polyglot keeps as a plain `function` node whatever the argument count. */
const PLAIN_ANY_ARITY = new Set(
  (
    'NULLIF ROUND TRUNC CSUM MSUM MAVG MDIFF QUANTILE OREPLACE OTRANSLATE INDEX CHARACTERS DECODE CONCAT LPAD RPAD ' +
    'REGEXP_SIMILAR HASHROW HASHBUCKET HASHAMP GREATEST LEAST POWER SIGN OCTET_LENGTH LTRIM RTRIM LOG10 SHIFTLEFT ' +
    'SHIFTRIGHT COUNTSET FROM_BYTES TO_BYTES OADD_MONTHS ASCII REVERSE NGRAM DATE_TRUNC __TD_DESC __TD_ASC ' +
    '__TD_INSTR TD_DAY_OF_WEEK TD_MONTH_BEGIN TD_MONTH_END TD_YEAR_BEGIN TD_QUARTER_OF_YEAR TD_WEEK_OF_YEAR ' +
    'TD_DAY_OF_MONTH TD_DAY_OF_YEAR TD_WEEK_BEGIN TD_QUARTER_BEGIN TD_QUARTER_END TD_YEAR_END TD_SUNDAY TD_MONDAY ' +
    'TD_WEEK_END CURRENT_TIMESTAMP CURRENT_DATE CURRENT_TIME TD_TUESDAY TD_WEDNESDAY TD_THURSDAY TD_FRIDAY TD_SATURDAY ' +
    'TD_MONTH_OF_YEAR TD_MONTH_OF_QUARTER TD_WEEK_OF_MONTH TD_DAY_OF_CALENDAR TD_WEEKDAY_OF_MONTH TD_YEAR_OF_CALENDAR ' +
    'TD_MONTH_OF_CALENDAR TD_QUARTER_OF_CALENDAR TD_WEEK_OF_CALENDAR DAYNUMBER_OF_WEEK DAYNUMBER_OF_MONTH ' +
    'DAYNUMBER_OF_YEAR WEEKNUMBER_OF_YEAR MONTH_OF_YEAR QUARTERNUMBER_OF_YEAR YEARNUMBER_OF_CALENDAR ' +
    'STRTOK_SPLIT_TO_TABLE REGEXP_SPLIT_TO_TABLE NVP CHAR2HEXINT HASHBAKAMP BYTES TRANSLATE_CHK GETQUERYBAND LEFT ' +
    'RIGHT REPLACE SHA256 CRC32'
  ).split(' '),
);

/** Names polyglot keeps as a plain `function` node given at least one argument (it rejects the empty call). */
const PLAIN_WITH_ARGS = new Set(
  (
    'TO_CHAR TO_DATE TO_TIMESTAMP ZEROIFNULL NULLIFZERO STRTOK REGEXP_REPLACE REGEXP_SUBSTR REGEXP_INSTR CHR ' +
    'SOUNDEX TRANSLATE EDITDISTANCE COSH SINH TANH WIDTH_BUCKET BITAND BITOR BITXOR BITNOT GETBIT SETBIT ' +
    'TO_TIMESTAMP_TZ ATANH ACOSH ASINH MD5 BIT_LENGTH SPLIT_PART'
  ).split(' '),
);

/** Names polyglot turns into a plain `aggregate_function` node given at least one argument. */
const PLAIN_AGGREGATES = new Set(
  'REGR_COUNT REGR_SXX REGR_SYY REGR_SXY REGR_INTERCEPT REGR_R2 REGR_SLOPE REGR_AVGX REGR_AVGY CORR COVAR_POP COVAR_SAMP'.split(' '),
);

/** One-argument functions polyglot parses into a `{ kind: { this } }` node. */
const UNARY_KINDS: Readonly<Record<string, string>> = {
  UPPER: 'upper',
  LOWER: 'lower',
  ABS: 'abs',
  SQRT: 'sqrt',
  EXP: 'exp',
  LN: 'ln',
  COS: 'cos',
  SIN: 'sin',
  TAN: 'tan',
  ACOS: 'acos',
  ASIN: 'asin',
  ATAN: 'atan',
  DEGREES: 'degrees',
  RADIANS: 'radians',
  CARDINALITY: 'cardinality',
  INITCAP: 'initcap',
  FLOOR: 'floor',
  CEIL: 'ceil',
  CEILING: 'ceil',
  LENGTH: 'length',
  CHAR_LENGTH: 'length',
  CHARACTER_LENGTH: 'length',
  LAST_DAY: 'last_day',
  FIRST_VALUE: 'first_value',
  LAST_VALUE: 'last_value',
};

/** Aggregates polyglot parses into `{ kind: { this, distinct, order_by, name } }` with one argument. */
const AGGREGATE_KINDS: Readonly<Record<string, string>> = {
  SUM: 'sum',
  MIN: 'min',
  MAX: 'max',
  AVG: 'avg',
  STDDEV: 'stddev',
  STDDEV_POP: 'stddev_pop',
  STDDEV_SAMP: 'stddev_samp',
  VARIANCE: 'variance',
  VAR_POP: 'var_pop',
  VAR_SAMP: 'var_samp',
  MEDIAN: 'median',
};

/** Ranking functions polyglot parses into `{ kind: {} }` or `{ kind: { args } }`. */
const RANKING_KINDS: Readonly<Record<string, string>> = {
  RANK: 'rank',
  DENSE_RANK: 'dense_rank',
  PERCENT_RANK: 'percent_rank',
  CUME_DIST: 'cume_dist',
};

/** Two-argument functions polyglot parses into `{ kind: { this, expression } }`. */
const BINARY_KINDS: Readonly<Record<string, string>> = {
  ADD_MONTHS: 'add_months',
  NEXT_DAY: 'next_day',
  MONTHS_BETWEEN: 'months_between',
  ATAN2: 'atan2',
  ATAN: 'atan2',
  NVL: 'nvl',
};

/**
 * The node polyglot builds for `name(args)` (`upper` is the upper-cased name, `distinct` whether
 * the arguments began with DISTINCT), or undefined when that call is not known to the fast path.
 */
export function callNode(name: string, upper: string, args: AstNode[], distinct: boolean): AstNode | undefined {
  const count = args.length;
  if (distinct) {
    const kind = AGGREGATE_KINDS[upper];
    return kind && count === 1 ? { [kind]: { this: args[0], distinct: true, order_by: [], name } } : undefined;
  }
  if (PLAIN_ANY_ARITY.has(upper) || (count > 0 && PLAIN_WITH_ARGS.has(upper))) return functionNode(name, args, false);
  if (count > 0 && PLAIN_AGGREGATES.has(upper)) return { aggregate_function: { name, args, distinct: false } };
  const unary = UNARY_KINDS[upper];
  if (unary && count === 1) return { [unary]: { this: args[0] } };
  const aggregate = AGGREGATE_KINDS[upper];
  if (aggregate) {
    if (count === 1) return { [aggregate]: { this: args[0], distinct: false, order_by: [], name } };
    return count > 1 ? functionNode(name, args, false) : undefined;
  }
  const ranking = RANKING_KINDS[upper];
  if (ranking) return { [ranking]: count ? { args } : {} };
  const binary = BINARY_KINDS[upper];
  if (binary && count === 2) {
    const body: AstNode = { this: args[0], expression: args[1] };
    if (binary === 'nvl' || upper === 'ATAN') body.original_name = upper;
    return { [binary]: body };
  }
  return specialCall(name, upper, args);
}

function specialCall(name: string, upper: string, args: AstNode[]): AstNode | undefined {
  const [first, second, third] = args;
  const count = args.length;
  switch (upper) {
    case 'COALESCE':
      return { coalesce: { expressions: args } };
    case 'NVL':
    case 'NVL2':
      if (count === 3 && upper === 'NVL2') return { nvl2: { this: first, true_value: second, false_value: third } };
      return count === 1 || (count === 2 && upper === 'NVL2') ? functionNode(name, args, false) : undefined;
    case 'LOG':
      if (count === 1) return { log: { this: first } };
      return count === 2 ? { log: { this: second, base: first } } : undefined;
    case 'RANDOM':
      if (count === 0) return { random: null };
      if (count === 1) return { rand: { seed: first } };
      return count === 2 ? { rand: { lower: first, upper: second } } : undefined;
    case 'TO_NUMBER':
      if (count === 0 || count > 3) return undefined;
      return { to_number: withOptional({ this: first }, ['format', second], ['precision', third]) };
    case 'SUBSTR':
      if (count === 1) return functionNode(name, args, false);
      if (count !== 2 && count !== 3) return undefined;
      return { substring: { ...withOptional({ this: first, start: second }, ['length', third]), from_for_syntax: false } };
    case 'INSTR':
      if (count !== 2 && count !== 3) return undefined;
      return { str_position: withOptional({ this: first, substr: second }, ['position', third]) };
    case 'FLOOR':
      return count === 2 ? { floor: { this: first, scale: second } } : undefined;
    case 'CEIL':
    case 'CEILING':
      return count === 2 ? { ceil: { this: first, decimals: second } } : undefined;
    case 'ROW_NUMBER':
      return count === 0 ? { row_number: null } : functionNode(name, args, false);
    case 'NTILE':
      if (count === 0) return { n_tile: {} };
      return count === 1 ? { n_tile: { num_buckets: first } } : undefined;
    case 'LAG':
    case 'LEAD':
      if (count === 0 || count > 3) return undefined;
      return { [upper.toLowerCase()]: withOptional({ this: first }, ['offset', second], ['default', third]) };
    case 'PI':
      return count === 0 ? { pi: null } : undefined;
    case 'LENGTH':
    case 'CHAR_LENGTH':
    case 'CHARACTER_LENGTH':
    case 'MONTHS_BETWEEN':
      // polyglot upper-cases these names when the call has no dedicated node for its argument count
      return count === 2 || (count === 3 && upper === 'MONTHS_BETWEEN') ? functionNode(upper, args, false) : undefined;
    default:
      return undefined;
  }
}

function withOptional(body: AstNode, ...optional: [string, AstNode | undefined][]): AstNode {
  for (const [key, value] of optional) if (value !== undefined) body[key] = value;
  return body;
}
