/** Token kinds produced by {@link scanTeradata}. */
export const enum TokenKind {
  /** An unquoted word: keyword or identifier. */
  Word,
  /** A double-quoted identifier (text without the quotes). */
  QuotedIdent,
  /** A single-quoted string (text unescaped). */
  String,
  /** A number as written (`12`, `1.5`, `.5`, `1e3`). */
  Number,
  /** A hexadecimal literal `X'1D'` or `0x1d` (text is the digits). */
  Hex,
  /** Punctuation or an operator (text is the symbol). */
  Symbol,
  /** End of input. */
  End,
}

/** The tokens of one statement as parallel arrays (no object per token). */
export interface Tokens {
  readonly kinds: TokenKind[];
  /** The token's text (see {@link TokenKind}). */
  readonly texts: string[];
  /** Upper-cased text for words, the text itself otherwise. */
  readonly uppers: string[];
  /** Offset of each token in the input. */
  readonly starts: number[];
  /** Offset just after each token in the input. */
  readonly ends: number[];
  /** Comments before the first token, as polyglot records them (`--` text without the dashes, block comments whole). */
  readonly leadingComments: string[];
}

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Quote = 39,
  LeftParen = 40,
  RightParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Less = 60,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperE = 69,
  UpperX = 88,
  UpperZ = 90,
  Caret = 94,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerX = 120,
  LowerZ = 122,
  Pipe = 124,
}

const DIGIT = 1;
const WORD_START = 2;
const HEX = 4;
const SPACE = 8;

/** Character classes of the ASCII range, one bit per class. */
const CLASSES = (() => {
  const classes = new Uint8Array(128);
  for (let c = Char.Zero; c <= Char.Nine; c++) classes[c] = DIGIT | HEX;
  for (let c = Char.UpperA; c <= Char.UpperZ; c++) classes[c] = WORD_START | (c <= 70 ? HEX : 0);
  for (let c = Char.LowerA; c <= Char.LowerZ; c++) classes[c] = WORD_START | (c <= 102 ? HEX : 0);
  classes[Char.Underscore] = WORD_START;
  for (const c of [Char.Space, Char.Tab, Char.LineFeed, Char.CarriageReturn]) classes[c] = SPACE;
  return classes;
})();

const classOf = (c: number): number => (c < 128 ? (CLASSES[c] as number) : 0);
const isDigit = (c: number): boolean => (classOf(c) & DIGIT) !== 0;
const isWordStart = (c: number): boolean => (classOf(c) & WORD_START) !== 0;
const isWordPart = (c: number): boolean => (classOf(c) & (WORD_START | DIGIT)) !== 0;
const isHexDigit = (c: number): boolean => (classOf(c) & HEX) !== 0;

/**
 * Splits Teradata SQL into tokens over char codes. Returns undefined for anything the fast
 * parser leaves to polyglot: comments after the first token, unterminated literals, characters
 * outside plain ASCII words, numbers, strings and the usual operators.
 */
export function scanTeradata(sql: string): Tokens | undefined {
  const kinds: TokenKind[] = [];
  const texts: string[] = [];
  const uppers: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const leadingComments: string[] = [];
  let count = 0;
  const push = (kind: TokenKind, text: string, upper: string, start: number, end: number): void => {
    kinds[count] = kind;
    texts[count] = text;
    uppers[count] = upper;
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (classOf(c) === SPACE) {
      i++;
      continue;
    }
    const start = i;
    if ((c === Char.Minus && sql.charCodeAt(i + 1) === Char.Minus) || (c === Char.Slash && sql.charCodeAt(i + 1) === Char.Star)) {
      // only comments ahead of the statement are handled; polyglot attaches the others to nodes
      if (count > 0) return undefined;
      const end = c === Char.Minus ? sql.indexOf('\n', i) : sql.indexOf('*/', i + 2);
      if (end < 0 && c === Char.Slash) return undefined;
      const stop = end < 0 ? n : c === Char.Minus ? end : end + 2;
      const text = c === Char.Minus ? sql.slice(i + 2, stop) : sql.slice(i, stop);
      if (text.includes('\r')) return undefined;
      leadingComments.push(text);
      i = stop;
    } else if ((c === Char.UpperX || c === Char.LowerX) && sql.charCodeAt(i + 1) === Char.Quote) {
      let j = i + 2;
      while (j < n && isHexDigit(sql.charCodeAt(j))) j++;
      if (sql.charCodeAt(j) !== Char.Quote) return undefined;
      const digits = sql.slice(i + 2, j);
      push(TokenKind.Hex, digits, digits, start, j + 1);
      i = j + 1;
    } else if (isWordStart(c)) {
      i++;
      while (i < n && isWordPart(sql.charCodeAt(i))) i++;
      const text = sql.slice(start, i);
      push(TokenKind.Word, text, text.toUpperCase(), start, i);
    } else if (c === Char.Zero && (sql.charCodeAt(i + 1) === Char.LowerX || sql.charCodeAt(i + 1) === Char.UpperX)) {
      let j = i + 2;
      while (j < n && isHexDigit(sql.charCodeAt(j))) j++;
      if (j === i + 2 || (j < n && isWordPart(sql.charCodeAt(j)))) return undefined;
      const digits = sql.slice(i + 2, j);
      push(TokenKind.Hex, digits, digits, start, j);
      i = j;
    } else if (isDigit(c) || (c === Char.Dot && isDigit(sql.charCodeAt(i + 1)))) {
      // polyglot reads `word.5` as a dot, not a number
      if (c === Char.Dot && count > 0 && ends[count - 1] === i && kinds[count - 1] !== TokenKind.Symbol) return undefined;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
      if (sql.charCodeAt(i) === Char.Dot) {
        i++;
        while (i < n && isDigit(sql.charCodeAt(i))) i++;
      }
      const e = sql.charCodeAt(i);
      if (e === Char.UpperE || e === Char.LowerE) {
        let j = i + 1;
        const sign = sql.charCodeAt(j);
        if (sign === Char.Plus || sign === Char.Minus) j++;
        if (!isDigit(sql.charCodeAt(j))) return undefined;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        i = j;
      }
      if (i < n && (isWordPart(sql.charCodeAt(i)) || sql.charCodeAt(i) === Char.Dot)) return undefined;
      const text = sql.slice(start, i);
      push(TokenKind.Number, text, text, start, i);
    } else if (c === Char.Quote) {
      let j = i + 1;
      let text = '';
      let from = j;
      for (;;) {
        if (j >= n) return undefined;
        if (sql.charCodeAt(j) === Char.Quote) {
          if (sql.charCodeAt(j + 1) !== Char.Quote) break;
          text += sql.slice(from, j + 1);
          j += 2;
          from = j;
        } else j++;
      }
      text += sql.slice(from, j);
      push(TokenKind.String, text, text, start, j + 1);
      i = j + 1;
    } else if (c === Char.DoubleQuote) {
      const close = sql.indexOf('"', i + 1);
      if (close < 0 || sql.charCodeAt(close + 1) === Char.DoubleQuote || close === i + 1) return undefined;
      const text = sql.slice(i + 1, close);
      push(TokenKind.QuotedIdent, text, text, start, close + 1);
      i = close + 1;
    } else {
      const symbol = symbolAt(sql, i, c);
      if (symbol === undefined) return undefined;
      i += symbol.length;
      push(TokenKind.Symbol, symbol, symbol, start, i);
    }
  }
  push(TokenKind.End, '', '', n, n);
  return { kinds, texts, uppers, starts, ends, leadingComments };
}

/** The operator starting at `i`, or undefined for a character the fast path does not handle (comments included). */
function symbolAt(sql: string, i: number, c: number): string | undefined {
  const next = sql.charCodeAt(i + 1);
  switch (c) {
    case Char.LeftParen:
      return '(';
    case Char.RightParen:
      return ')';
    case Char.Comma:
      return ',';
    case Char.Dot:
      return '.';
    case Char.Plus:
      return '+';
    case Char.Equals:
      return '=';
    case Char.Minus:
      return next === Char.Minus ? undefined : '-';
    case Char.Slash:
      return next === Char.Star ? undefined : '/';
    case Char.Star:
      return next === Char.Star ? '**' : '*';
    case Char.Less:
      return next === Char.Equals ? '<=' : next === Char.Greater ? '<>' : '<';
    case Char.Greater:
      return next === Char.Equals ? '>=' : '>';
    case Char.Bang:
      return next === Char.Equals ? '!=' : undefined;
    case Char.Caret:
      return next === Char.Equals ? '^=' : undefined;
    case Char.Pipe:
      return next === Char.Pipe ? '||' : undefined;
    default:
      return undefined;
  }
}
