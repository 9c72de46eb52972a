/** One statement cut out of a script, with where it starts (1-based line and column). */
export interface ScriptStatement {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Splits a SQL script on semicolons outside string literals, quoted identifiers and comments,
 * and outside the parenthesised body of a `CREATE|REPLACE MACRO` (which holds whole statements).
 * Statements holding only whitespace or comments are left out. An unterminated literal or
 * comment runs to the end of the script, so the parser reports it on that statement.
 */
export function splitStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let start = 0;
  let depth = 0;
  let isMacro: boolean | undefined;
  let i = 0;
  const n = script.length;
  const flush = (end: number): void => {
    const piece = script.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    if (text && hasCode(text)) {
      const { line, column } = positionOf(script, start + lead);
      statements.push({ text, line, column });
    }
  };
  while (i < n) {
    const c = script[i];
    if (c === "'" || c === '"') {
      i = endOfQuoted(script, i, c);
    } else if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '(' && (isMacro ??= MACRO_START.test(script.slice(start, i)))) {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) {
      depth--;
      i++;
    } else if (c === ';' && depth === 0) {
      flush(i);
      start = i + 1;
      isMacro = undefined;
      i++;
    } else {
      i++;
    }
  }
  flush(n);
  return statements;
}

const MACRO_START = /^\s*(CREATE|REPLACE)\s+MACRO\b/i;

function endOfQuoted(script: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return script.length;
}

function hasCode(text: string): boolean {
  return (
    text
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim().length > 0
  );
}

function positionOf(script: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (script[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
