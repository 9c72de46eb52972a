import * as polyglot from '@polyglot-sql/sdk';

/** The statement text after the token-level rewrites, and what they could not keep. */
export interface LegacySyntaxResult {
  readonly sql: string;
  readonly warnings: string[];
}

/**
 * Teradata syntax that polyglot's parser does not accept, rewritten on the token stream into
 * forms it does parse, which the tree rules then finish:
 *
 * - `DEL [db.]t ALL` → `DEL FROM [db.]t`;
 * - `FROM a, b ON …` (a comma join with an ON condition) → `FROM a JOIN b ON …`;
 * - `NO PRIMARY INDEX` dropped (BigQuery tables have no primary index);
 * - `SELECT NORMALIZE …` → `SELECT …`, with a warning (BigQuery has no PERIOD type to coalesce);
 * - sort directions inside the legacy ordered-analytic calls (`RANK(c DESC)`, `CSUM(x, d ASC)`,
 *   `MSUM`, `MAVG`, `MDIFF`, `QUANTILE`) → `__td_desc(c)` / `__td_asc(d)` markers;
 * - `INSTR` with four arguments → the neutral name `__td_instr`, kept as a plain call;
 * - the attribute phrases `(TITLE '…')` (dropped, with a warning) and `(NAMED x)` (→ `AS x`), and
 *   `WITH DATA AND STATS` (→ `WITH DATA`);
 * - an interval qualifier after a parenthesised difference, `(a - b) DAY(4) TO SECOND`, is
 *   dropped (BigQuery's timestamp difference already is an INTERVAL), with a warning.
 *
 * Returns the input unchanged when none of these occurs (the common case, checked cheaply).
 */
export function rewriteLegacySyntax(sql: string): LegacySyntaxResult {
  const warnings: string[] = [];
  if (!TRIGGER.test(sql)) return { sql, warnings };
  const tokenized = polyglot.tokenize(sql, 'teradata' as polyglot.Dialect);
  if (!tokenized.success || !tokenized.tokens) return { sql, warnings };
  const tokens = tokenized.tokens.map((t) => ({
    type: (t as unknown as { token_type?: string }).token_type ?? t.tokenType,
    text: t.text.toUpperCase(),
    start: t.span.start,
    end: t.span.end,
  }));
  const edits: Edit[] = [];
  let afterFrom = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (token.type === 'FROM') afterFrom = true;
    const allAt = token.type === 'DELETE' && next && next.type !== 'FROM' ? deleteAllIndex(tokens, i + 1) : -1;
    if (allAt > 0) {
      const all = tokens[allAt]!;
      edits.push({ start: next!.start, end: next!.start, text: 'FROM ' }, { start: tokens[allAt - 1]!.end, end: all.end, text: '' });
    } else if (token.type === 'COMMA' && afterFrom && commaJoinOn(tokens, i + 1)) {
      edits.push({ start: token.start, end: token.end, text: ' JOIN' });
    } else if (token.text === 'NO' && next?.text === 'PRIMARY' && tokens[i + 2]?.text === 'INDEX') {
      edits.push({ start: token.start, end: tokens[i + 2]!.end, text: '' });
      i += 2;
    } else if (token.text === 'NORMALIZE' && (tokens[i - 1]?.type === 'SELECT' || tokens[i - 1]?.text === 'SEL')) {
      let end = i;
      if (tokens[end + 1]?.text === 'ON') {
        end++;
        while (NORMALIZE_WORDS.has(tokens[end + 1]?.text ?? '')) end++;
      }
      edits.push({ start: token.start, end: tokens[end]!.end, text: '' });
      warnings.push(
        'SELECT NORMALIZE dropped: BigQuery has no PERIOD type, so overlapping periods are not coalesced; ' +
          'merge them with a self-join on the _begin/_end columns (the guide shows one)',
      );
      i = end;
    } else if (ORDERED_ANALYTICS.has(token.text) && next?.type === 'L_PAREN') {
      edits.push(...sortDirectionEdits(tokens, i + 1));
    } else if (token.text === 'INSTR' && next?.type === 'L_PAREN' && argumentCount(tokens, i + 1) === 4) {
      edits.push({ start: token.start, end: token.end, text: '__td_instr' });
    } else if (token.type === 'L_PAREN' && (next?.text === 'TITLE' || next?.text === 'NAMED') && tokens[i + 3]?.type === 'R_PAREN') {
      const value = tokens[i + 2]!;
      const close = tokens[i + 3]!;
      if (next.text === 'NAMED') edits.push({ start: token.start, end: close.end, text: `AS ${sql.slice(value.start, value.end)}` });
      else {
        edits.push({ start: token.start, end: close.end, text: '' });
        warnings.push(`(TITLE ${sql.slice(value.start, value.end)}) dropped: BigQuery has no column titles; use an alias`);
      }
      i += 3;
    } else if (token.text === 'AND' && (next?.text === 'STATS' || next?.text === 'STATISTICS') && tokens[i - 1]?.text === 'DATA') {
      edits.push({ start: token.start, end: next.end, text: '' });
      i += 1;
    } else if (token.type === 'R_PAREN' && next && INTERVAL_UNITS.has(next.text)) {
      const end = intervalQualifierEnd(tokens, i + 1);
      if (end > i + 1) {
        edits.push({ start: next.start, end: tokens[end - 1]!.end, text: '' });
        warnings.push('interval qualifier after a difference dropped: in BigQuery the difference of two timestamps is already an INTERVAL');
        i = end - 1;
      }
    }
  }
  return { sql: applyEdits(sql, edits), warnings };
}

/** The word sequences the rewrites start from (a column named `title`, or COLLECT STATISTICS, needs no token pass). */
const TRIGGER =
  /,\s*[\w."]+(?:\s+(?:AS\s+)?\w+)?\s+ON\b|\b(DEL|NO\s+PRIMARY|NORMALIZE|ALL\s*$|RANK|CSUM|MSUM|MAVG|MDIFF|QUANTILE|INSTR)\b|\(\s*(TITLE|NAMED)\b|\bAND\s+STAT(S|ISTICS)\b|\)\s*(DAY|HOUR|MINUTE|SECOND|MONTH|YEAR)\b/i;
const INTERVAL_UNITS = new Set(['DAY', 'HOUR', 'MINUTE', 'SECOND', 'MONTH', 'YEAR']);

/** The index after `UNIT[(n)] [TO UNIT[(n)]]` starting at `from`, or `from` when it is not one. */
function intervalQualifierEnd(tokens: readonly Token[], from: number): number {
  let i = from + 1;
  const skipPrecision = (): void => {
    if (tokens[i]?.type === 'L_PAREN' && tokens[i + 2]?.type === 'R_PAREN') i += 3;
  };
  skipPrecision();
  if (tokens[i]?.text === 'TO' && tokens[i + 1] && INTERVAL_UNITS.has(tokens[i + 1]!.text)) {
    i += 2;
    skipPrecision();
    return i;
  }
  const after = tokens[i];
  return !after || after.type === 'FROM' || after.type === 'COMMA' || after.type === 'R_PAREN' || after.text === 'AS' ? i : from;
}
const NORMALIZE_WORDS = new Set(['MEETS', 'OR', 'OVERLAPS']);
const NAME = /^(?:[A-Z_][A-Z0-9_$#]*|"(?:[^"]|"")*")$/;

/** Whether the tokens from `from` are `name [. name] [[AS] alias] ON`, a table joined by a comma with an ON condition. */
function commaJoinOn(tokens: readonly Token[], from: number): boolean {
  let i = from;
  if (!NAME.test(tokens[i]?.text ?? '')) return false;
  i++;
  if (tokens[i]?.type === 'DOT' && NAME.test(tokens[i + 1]?.text ?? '')) i += 2;
  if (tokens[i]?.text === 'AS') i++;
  if (tokens[i] && tokens[i]!.text !== 'ON' && NAME.test(tokens[i]!.text)) i++;
  return tokens[i]?.text === 'ON';
}

/** The index of the `ALL` of `DELETE name [. name] ALL` at the end of the statement, or -1. */
function deleteAllIndex(tokens: readonly Token[], from: number): number {
  const at = tokens[from + 1]?.type === 'DOT' ? from + 2 : from;
  return tokens[at + 1]?.text === 'ALL' ? at + 1 : -1;
}

const ORDERED_ANALYTICS = new Set(['RANK', 'CSUM', 'MSUM', 'MAVG', 'MDIFF', 'QUANTILE']);

interface Token {
  readonly type: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function sortDirectionEdits(tokens: readonly Token[], open: number): Edit[] {
  const edits: Edit[] = [];
  let depth = 0;
  let argumentStart = open + 1;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'L_PAREN') depth++;
    else if (token.type === 'R_PAREN') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && token.type === 'COMMA') argumentStart = i + 1;
    else if (depth === 1 && (token.type === 'DESC' || token.type === 'ASC') && i > argumentStart) {
      const first = tokens[argumentStart]!;
      const last = tokens[i - 1]!;
      edits.push(
        { start: first.start, end: first.start, text: `__td_${token.type.toLowerCase()}(` },
        { start: last.end, end: token.end, text: ')' },
      );
    }
  }
  return edits;
}

function argumentCount(tokens: readonly Token[], open: number): number {
  let depth = 0;
  let count = 1;
  for (let i = open; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type === 'L_PAREN') depth++;
    else if (type === 'R_PAREN' && --depth === 0) return count;
    else if (depth === 1 && type === 'COMMA') count++;
  }
  return count;
}

function applyEdits(sql: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return sql;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + sql.slice(at);
}
