import { pruneTree } from '../src/ast';
import { parseTeradataFast } from '../src/fast-parse';
import { rewriteLegacySyntax } from '../src/legacy-syntax';
import { loadPolyglot, parseTeradata } from '../src/polyglot';
import { splitStatements } from '../src/split-statements';
import { DEV_CASES_TITLE, HAVE_DEV_CASES, devCases } from './dev-cases';
import { RULE_CASES } from './rule-cases';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

/** Statements chosen to exercise precedence, quirks of polyglot's Teradata dialect and the edges of what the fast parser accepts. */
const TRICKY = [
  'select a from t',
  'SELECT position FROM t',
  'SELECT a trim, a position FROM t',
  'SELECT * FROM t WHERE a IS NOT NULL AND b NOT IN (1, 2, 3) OR c NOT BETWEEN 1 AND 5',
  'SELECT a AND b AND c AND d AND e AND f AND g',
  'SELECT a OR b AND c OR d',
  'SELECT a = b < c, a = b LIKE c, a = b IS NULL, NOT a IN (1), a BETWEEN b + 1 AND c AND d',
  'SELECT a * b / c MOD d ** e ** f, -a ** 2, a || b + c, a + b || c',
  'SELECT CASE a WHEN 1 THEN 2 END, CASE WHEN a EQ 1 THEN 2 ELSE 3 END FROM t',
  'SELECT a FROM t1 INNER JOIN t2 ON t1.id = t2.id LEFT OUTER JOIN t3 ON t2.id = t3.id RIGHT JOIN t4 ON 1 = 1 FULL OUTER JOIN t5 ON TRUE',
  'SELECT a FROM t0, t1 CROSS JOIN t2, t3 x, u AS y (c1, c2)',
  'SELECT a FROM (SELECT a FROM t) x, (SELECT b FROM u) AS y',
  'SELECT * FROM t SAMPLE 10 WHERE a = 1',
  'SELECT a FROM t WHERE b > 0 SAMPLE 0.25',
  'SELECT TOP 5 PERCENT a FROM t',
  "SELECT a FROM t WHERE a NOT LIKE ANY ('a%', 'b%') AND b LIKE '%x%' ESCAPE '\\'",
  'SELECT a FROM t WHERE a <> ALL (SELECT b FROM u) AND a = ANY (SELECT b FROM u)',
  'SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST, c) FROM t',
  'SELECT SUM(a) OVER (ORDER BY b rows between unbounded preceding and current row), SUM(a) OVER (PARTITION BY c RANGE 2 PRECEDING) FROM t',
  'SELECT AVG(a) OVER (ORDER BY b ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) FROM t',
  'SELECT AVG(a) OVER (), MIN(a), MAX(DISTINCT a), COUNT(DISTINCT a, b), COUNT(a, b), COUNT() FROM t',
  'SELECT CAST(a AS VARCHAR(10)), CAST(a AS DECIMAL(18, 4)), CAST(a AS TIMESTAMP(0)), CAST(a AS TIME), CAST(a AS REAL) FROM t',
  "SELECT CAST(a AS DATE FORMAT 'YYYYMMDD') (FORMAT 'YYYY-MM-DD'), CAST(a AS udt.mytype), CAST(a AS mytype) FROM t",
  "SELECT TRIM(a), TRIM(TRAILING 'x' FROM a), TRIM(LEADING FROM a), TRIM('x' FROM a), TRIM(a, 'x') FROM t",
  'SELECT SUBSTRING(a FROM 1 FOR 3), SUBSTR(a, 2), SUBSTR(a, 2, 3), SUBSTRING(a, 1) FROM t',
  'SELECT COALESCE(a, b, c), NULLIF(a, 0), NVL(a, 0), nvl2(a, 1, 2), LOG(10, a), RANDOM(), FLOOR(a, 1) FROM t',
  "SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 10:00:00', TIME '10:00:00', INTERVAL '1 02' DAY TO HOUR",
  "SELECT 1.5, 1e10, 1.5E-3, .5, 00, 'it''s', '', X'AB', 0xFF",
  'SELECT "a b", "x"."y", t."z", a.b.c, t.* FROM "s"."t"',
  'SELECT (a + b) * c, ((a)), (1, 2, 3), (SELECT MAX(a) FROM t) AS m',
  'SELECT a FROM t1 UNION ALL SELECT a FROM t2 UNION SELECT a FROM t3 ORDER BY 1',
  "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
  'INSERT INTO db.t (a, b) SELECT a, b FROM u',
  'UPDATE t FROM u SET a = u.a WHERE t.id = u.id',
  "CREATE TABLE t (a CHAR(1) CHARACTER SET UNICODE CASESPECIFIC NULL, b INT COMPRESS, c VARCHAR(3) COMPRESS ('x', 'y'))",
  'create multiset volatile table t, no fallback, checksum = default (a int not null) unique primary index (a) on commit preserve rows',
  'CREATE TABLE t AS (SELECT a FROM u) WITH NO DATA PRIMARY INDEX (a) ON COMMIT PRESERVE ROWS',
  "CREATE TABLE t (d DATE) PARTITION BY RANGE_N(d BETWEEN DATE '2020-01-01' AND DATE '2030-12-31' EACH INTERVAL '1' DAY)",
  'LOCKING TABLE db.t FOR READ SELECT a FROM db.t',
  "SET QUERY_BAND = 'a=b;' UPDATE FOR SESSION",
  'a + b * c',
  'FOO BAR',
  'collect stats on db.t column ( a , b ) , index(c)',
  'HELP STATISTICS db.t',
  'DROP TABLE IF EXISTS db.t',
  '-- header\n/* block */\nSELECT a FROM t',
  'SELECT CAST(a AS NUMBER(5,2)), CAST(a AS number), CAST(a AS TIME(3) WITH TIME ZONE) FROM t',
  'WITH c AS (SELECT a FROM t), d AS (SEL b FROM u) SELECT a FROM c JOIN d USING (a)',
  "CREATE TABLE t (a INT DEFAULT 0, b VARCHAR(2) DEFAULT 'x' NOT NULL)",
  'SELECT length(a, b), months_between(a, b, c), nvl(a), max(a, b), LENGTH(a) FROM t',
];

let polyglotReady = false;

beforeAll(async () => {
  await loadPolyglot();
  polyglotReady = true;
});

/** Polyglot's pruned trees for a statement, as plain JSON (null fields dropped), or undefined when polyglot rejects it. */
function polyglotTrees(sql: string): unknown {
  if (!polyglotReady) throw new Error('polyglot not loaded');
  const parsed = parseTeradata(sql);
  return parsed.ok ? JSON.parse(JSON.stringify(parsed.statements.map((statement) => pruneTree(statement)))) : undefined;
}

/** A statement with polyglot's trees for it (undefined when polyglot rejects it). */
interface PolyglotParse {
  readonly sql: string;
  readonly tree: unknown;
}

/** Parses each statement with polyglot once. */
function withPolyglotTrees(inputs: readonly string[]): PolyglotParse[] {
  return inputs.map((sql) => ({ sql, tree: polyglotTrees(sql) }));
}

/** Compares the fast parser with polyglot on each input; returns how many the fast parser handled. */
function expectSameTrees(inputs: readonly PolyglotParse[]): number {
  let handled = 0;
  for (const { sql, tree } of inputs) {
    const fast = parseTeradataFast(sql);
    if (fast === undefined) continue;
    handled++;
    expect({ sql, tree: JSON.parse(JSON.stringify(fast)) }).toStrictEqual({ sql, tree });
  }
  return handled;
}

const legacy = (sql: string): string => rewriteLegacySyntax(sql).sql;

describe('parseTeradataFast against polyglot', () => {
  it('matches polyglot on the rule cases', () => {
    const handled = expectSameTrees(withPolyglotTrees(RULE_CASES.map((c) => legacy(c.teradata))));
    expect(handled).toBeGreaterThan(RULE_CASES.length * 0.8);
  });

  it('matches polyglot on the TPC-H DDL', () => {
    const statements = splitStatements(TPCH_TERADATA_DDL).map((s) => s.text);
    expect(expectSameTrees(withPolyglotTrees(statements))).toBe(statements.length);
  });

  it('matches polyglot on tricky statements', () => {
    expect(expectSameTrees(withPolyglotTrees(TRICKY))).toBeGreaterThan(TRICKY.length * 0.9);
  });
});

const devDescribe = HAVE_DEV_CASES ? describe : describe.skip;

devDescribe(`parseTeradataFast on the dev cases (${DEV_CASES_TITLE})`, () => {
  const inputs = devCases().map((c) => legacy(c.teradata));

  it('matches polyglot wherever it returns a tree and handles at least 85% of what polyglot parses', () => {
    const parsedByPolyglot = withPolyglotTrees(inputs).filter((input) => input.tree !== undefined);
    const handled = expectSameTrees(parsedByPolyglot);
    expect(handled / parsedByPolyglot.length).toBeGreaterThanOrEqual(0.85);
  });
});

describe('parseTeradataFast bail-out', () => {
  it.each([
    ["SELECT a FROM t WHERE a = 'unterminated"],
    ['SELECT "unterminated FROM t'],
    ['GRANT SELECT ON t TO u'],
    ['COLLECT STATS USING SAMPLE 10 PERCENT ON t COLUMN a'],
    ["SELECT a FROM t WHERE NOT a LIKE 'x'"],
    ['SELECT a FROM t1 NATURAL JOIN t2'],
    ['SELECT SUM(a) OVER (ORDER BY c ROWS BETWEEN a PRECEDING AND CURRENT ROW) FROM t'],
    ['SELECT my_udf(a) FROM t'],
    ['SELECT a FROM t -- trailing comment'],
    ['-- header\nINSERT INTO t VALUES (1)'],
    ['SELECT a FROM t; SELECT b FROM u'],
    ['SELECT a FROM'],
    ['SELECT'],
    [''],
    ['SELECT a FROM t WHERE b = 1 SAMPLE 10, 20'],
    ['SELECT ZEROIFNULL() FROM t'],
    ['SELECT a € b'],
    ['CREATE TABLE a'],
    ['COLLECT STATS MOD ON tbl COLUMNS(col)'],
    ['CREATE VIEW v AS LOCKING ROW FOR ACCESS SELECTX a FROM t'],
    ['SELECT a ST_GEOMETRY FROM t'],
  ])('returns undefined for %j', (sql) => {
    expect(parseTeradataFast(sql)).toBeUndefined();
  });

  it('falls back on absurd nesting instead of overflowing the stack', () => {
    expect(parseTeradataFast(`SELECT ${'('.repeat(20000)}1${')'.repeat(20000)}`)).toBeUndefined();
  });
});
