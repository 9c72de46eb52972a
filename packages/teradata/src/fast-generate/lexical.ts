import { bail, checkShape, flag, nodeShape, text } from './bail';

/**
 * Words polyglot's BigQuery generator quotes even when the identifier is unquoted (lower case;
 * the check ignores case). Found by generating every word and word fragment in polyglot's
 * WebAssembly strings as an unquoted column name; the differential tests cover them.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'all alter and any array as asc assert_rows_modified at authorization begin between both by case cast check collate column ' +
    'commit constraint contains create cross cube current current_date current_time current_timestamp current_user default ' +
    'define delete desc distinct drop else end enum escape except exclude execute exists external false fetch filter ' +
    'following for foreign from full function group grouping groups hash having if ignore in inner insert intersect interval ' +
    'into is join lateral leading left like limit local localtime localtimestamp lookup match merge natural new no not null ' +
    'nulls of on only or order outer over partition preceding primary procedure proto qualify range recursive references ' +
    'respect right rollback rollup row rows select session_user set some struct tablesample then to trailing treat ' +
    'true truncate unbounded union unique unknown unnest update user using view when where window with within'
  ).split(' '),
);

const IDENTIFIER_SHAPE = nodeShape({ reads: ['name', 'quoted'], emptyOrAbsent: ['trailing_comments'] });

/** An identifier node (`{ name, quoted }`) as polyglot writes it for BigQuery. */
export function identifier(node: unknown): string {
  const body = checkShape(node, IDENTIFIER_SHAPE);
  return identifierText(text(body.name), flag(body.quoted));
}

/**
 * A name as polyglot writes it: an unquoted name verbatim unless it is a reserved word or starts
 * with a digit, in backticks (with backslash escapes) otherwise.
 */
function identifierText(name: string, quoted: boolean): string {
  if (!quoted) {
    if (!isVerbatimName(name)) bail();
    const first = name.charCodeAt(0);
    if (!(first >= 48 && first <= 57) && !RESERVED_WORDS.has(name.toLowerCase())) return name;
  }
  let out = '`';
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 96 /* ` */ || code === 92 /* \ */) {
      out += name.slice(start, i) + '\\';
      start = i;
    } else if (code < 32 || code === 127 || code === 40 /* ( */) bail(); // polyglot writes `a(1)` as `a`(1)
  }
  if (name.length === 0) bail();
  return out + name.slice(start) + '`';
}

/** A non-empty name without backticks, backslashes, quotes, parentheses or control characters. */
function isVerbatimName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (
      code < 32 ||
      code === 127 ||
      code === 96 /* ` */ ||
      code === 92 /* \ */ ||
      code === 39 /* ' */ ||
      code === 34 /* " */ ||
      code === 40 /* ( */
    )
      return false;
  }
  return true;
}

/** The escape polyglot writes for each control character it escapes; the others make the generator bail out. */
const CONTROL_ESCAPES: Readonly<Record<number, string>> = {
  0: '\\0',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** A string literal in single quotes with backslash escapes. */
export function stringLiteral(value: string): string {
  let out = "'";
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 32 && code !== 39 && code !== 92 && code !== 127) continue;
    let escape: string | undefined;
    if (code === 39) escape = "\\'";
    else if (code === 92) escape = '\\\\';
    else escape = CONTROL_ESCAPES[code];
    if (escape === undefined) bail();
    out += value.slice(start, i) + escape;
    start = i + 1;
  }
  return out + value.slice(start) + "'";
}

/**
 * A number literal as polyglot writes it: verbatim for digits with an optional fraction and
 * exponent (`7`, `1.50`, `1.`, `1.5E-2`); other forms (a leading `.` gains a `0`) bail out.
 */
export function numberLiteral(value: string): string {
  let i = digitsFrom(value, 0);
  if (i === 0) bail();
  if (i < value.length && value.charCodeAt(i) === 46 /* . */) i = digitsFrom(value, i + 1);
  if (i < value.length && (value.charCodeAt(i) | 32) === 101 /* e or E */) {
    i++;
    const sign = value.charCodeAt(i);
    if (sign === 43 /* + */ || sign === 45 /* - */) i++;
    const exponentStart = i;
    i = digitsFrom(value, i);
    if (i === exponentStart) bail();
  }
  if (i !== value.length) bail();
  return value;
}

/** The index after the run of digits starting at `start`. */
export function digitsFrom(value: string, start: number): number {
  let i = start;
  while (i < value.length && isDigit(value.charCodeAt(i))) i++;
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Words of letters, digits and underscores (not starting with a digit), joined by dots. */
export function isDottedWord(name: string): boolean {
  let wordStart = true;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 46 /* . */ && !wordStart) {
      wordStart = true;
      continue;
    }
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!letter && (wordStart || code < 48 || code > 57)) return false;
    wordStart = false;
  }
  return !wordStart;
}
