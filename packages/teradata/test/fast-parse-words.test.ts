import { isDeepStrictEqual } from 'node:util';
import { pruneTree } from '../src/ast';
import { parseTeradataFast } from '../src/fast-parse';
import { loadPolyglot, parseTeradata } from '../src/polyglot';
import { devCases } from './dev-cases';
import { RULE_CASES } from './rule-cases';

/** Teradata words that polyglot reads as keywords in some positions and names in others. */
const KEYWORDISH =
  'EACH EXPAND RESET WHEN CONTAINS MEETS PRECEDES SUCCEEDS ANCHOR BY FOR NORMALIZE ON HASH AMP RANDOM SAMPLEID WITH REPLACEMENT ' +
  'FALLBACK JOURNAL LOG NO BEFORE AFTER DUAL QUEUE GLOBAL TEMPORARY TRACE SPOOL PERM USER MACRO PROCEDURE TRIGGER INDEX TEMP ' +
  'SYSTEM SAFE_CAST TO DATA STATS STATISTICS NOW SESSION_USER';

/** Every word of the rule cases (and the dev cases, when present), plus the keyword-like ones above. */
const words = [
  ...new Set(
    [...RULE_CASES.map((c) => c.teradata), ...devCases().map((c) => c.teradata), KEYWORDISH].flatMap((text) =>
      (text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((w) => w.toUpperCase()),
    ),
  ),
];

/** Positions where a word is a name, a keyword, or neither, depending on the word. */
const positions = (w: string): string[] => [
  `CREATE TABLE t2 AS ${w} WITH NO DATA`,
  `CREATE VIEW v (${w}) AS SELECT a FROM t`,
  `UPDATE ${w} SET a = 1`,
  `INSERT INTO ${w} (a) VALUES (1)`,
  `INSERT INTO t (${w}) VALUES (1)`,
  `DELETE FROM ${w}`,
  `DEL FROM t WHERE ${w} > 0`,
  `SEL ${w}`,
  `SELECT ${w} FROM t`,
  `SELECT a AS ${w} FROM t`,
  `SELECT a ${w} FROM t`,
  `SELECT a FROM ${w}`,
  `SELECT a FROM db.${w}`,
  `SELECT a FROM t AS ${w}`,
  `SELECT a FROM t ${w}`,
  `SELECT a FROM t ${w} WHERE a = 1`,
  `SELECT a FROM (SELECT b FROM u) ${w}`,
  `SELECT a FROM t JOIN u ${w} ON a = b`,
  `SELECT t.${w} FROM t`,
  `SELECT ${w}(a) FROM t`,
  `SELECT f(${w}) FROM t`,
  `SELECT a FROM t WHERE ${w} = 1`,
  `SELECT CASE WHEN ${w} THEN 1 END FROM t`,
  `SELECT a FROM t ORDER BY ${w}`,
  `SELECT a FROM t GROUP BY ${w}`,
  `SELECT a FROM t QUALIFY ${w} = 1`,
  `SELECT CAST(a AS ${w}) FROM t`,
  `WITH ${w} AS (SELECT a FROM t) SELECT a FROM ${w}`,
  `CREATE TABLE ${w} (a INT)`,
  `CREATE TABLE t (${w} INT)`,
];

beforeAll(() => loadPolyglot());

describe('the fast parser on every corpus word in every name position', () => {
  it(`gives polyglot's tree or falls back (${words.length} words × ${positions('w').length} positions)`, () => {
    const mismatches: string[] = [];
    let handled = 0;
    for (const word of words) {
      for (const sql of positions(word)) {
        const fast = parseTeradataFast(sql);
        if (!fast) continue;
        handled++;
        const slow = parseTeradata(sql);
        const same = slow.ok && isDeepStrictEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(pruneTree(slow.statements))));
        if (!same) mismatches.push(sql);
      }
    }
    expect(mismatches).toEqual([]);
    // Most positions are ordinary names: the fast path must still take them.
    expect(handled / (words.length * positions('w').length)).toBeGreaterThan(0.5);
  });
});
