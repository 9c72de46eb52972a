import { TeradataTranslator } from '../src';
import { type AstNode, columnNode, functionNode, identifier, numberLiteral, stringLiteral } from '../src/ast';
import { generateBigQueryFast } from '../src/fast-generate';
import { RESERVED_WORDS } from '../src/fast-generate/lexical';
import { binaryNode, selectBody, subqueryNode, tableNode } from '../src/fast-parse/nodes';
import { generateBigQuery } from '../src/polyglot';
import { DEV_CASES_TITLE, HAVE_DEV_CASES, devCases } from './dev-cases';
import { RULE_CASES } from './rule-cases';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

/** polyglot's SDK module itself (the `import * as` view of it is read-only), so a spy sees every generate call. */
const polyglotSdk = jest.requireActual<typeof import('@polyglot-sql/sdk')>('@polyglot-sql/sdk');

let translator: TeradataTranslator;

beforeAll(async () => {
  // polyglot alone, so every tree list reaches polyglot's generator
  translator = await TeradataTranslator.create({ engine: 'polyglot' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** The tree lists the translator hands to polyglot's generator while `translate` runs (deep copies). */
function capturedTrees(translate: () => void): AstNode[][] {
  const captured: AstNode[][] = [];
  const generate = polyglotSdk.generate;
  jest.spyOn(polyglotSdk, 'generate').mockImplementation((trees, dialect) => {
    captured.push(structuredClone((trees as { toJSON(): AstNode[] }).toJSON()));
    return generate(trees, dialect);
  });
  translate();
  jest.restoreAllMocks();
  return captured;
}

interface Comparison {
  readonly generated: number;
  readonly mismatches: { fast: string[]; polyglot: string[] }[];
}

/** Runs both generators on each tree list; a mismatch is any fast result that differs from polyglot's. */
function compare(treeLists: readonly AstNode[][]): Comparison {
  let generated = 0;
  const mismatches: Comparison['mismatches'] = [];
  for (const trees of treeLists) {
    const fast = generateBigQueryFast(structuredClone(trees));
    if (fast === undefined) continue;
    generated++;
    const polyglot = generateBigQuery(structuredClone(trees));
    if (JSON.stringify(fast) !== JSON.stringify(polyglot)) mismatches.push({ fast, polyglot });
  }
  return { generated, mismatches };
}

const column = (name: string, quoted = false): AstNode => columnNode(identifier(name, quoted));
const selectOf = (expressions: AstNode[]): AstNode => ({ select: { ...selectBody(), expressions } });
const unaliasedTable = (name: string): AstNode => tableNode(identifier(name, false));

const BINARY_KINDS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'and', 'or', 'add', 'sub', 'mul', 'div', 'concat'];

/** Every binary operator with every other as its left and as its right operand, and under NOT and parentheses. */
function operatorMatrix(): AstNode[][] {
  const trees: AstNode[][] = [];
  for (const parent of BINARY_KINDS) {
    for (const child of BINARY_KINDS) {
      trees.push([binaryNode(parent, binaryNode(child, column('a'), column('b')), column('c'))]);
      trees.push([binaryNode(parent, column('a'), binaryNode(child, column('b'), column('c')))]);
    }
    trees.push([{ not: { this: binaryNode(parent, column('a'), column('b')) } }]);
    trees.push([{ paren: { this: binaryNode(parent, column('a'), column('b')) } }]);
  }
  const like = { like: { left: column('a'), right: stringLiteral('x%') } };
  const unaryOperands: AstNode[] = [
    like,
    { not: { this: like } },
    { is_null: { this: column('x'), not: true, postfix_form: false } },
    { in: { this: column('x'), expressions: [numberLiteral('1'), numberLiteral('2')], not: true } },
    { interval: { this: numberLiteral('5'), unit: { type: 'simple', unit: 'Day', use_plural: false } } },
    { between: { this: column('x'), low: numberLiteral('1'), high: numberLiteral('2'), not: false } },
    { neg: { this: column('x') } },
    { neg: { this: binaryNode('add', column('x'), column('y')) } },
  ];
  for (const parent of BINARY_KINDS) {
    for (const operand of unaryOperands) {
      trees.push([binaryNode(parent, operand, column('c'))], [binaryNode(parent, column('a'), operand)]);
    }
  }
  for (const operand of unaryOperands) trees.push([{ not: { this: operand } }]);
  return trees;
}

const TRICKY_STRINGS = [
  "it's",
  'back\\slash',
  'line\nbreak',
  'tab\there',
  'cr\rlf',
  'nul\0byte',
  'bell\bff\fvt\v',
  'quote"double',
  'é😀',
  '',
  "''",
  "\\'",
];
const TRICKY_NUMBERS = ['0', '7', '1.50', '007', '123456789012345678901234567890', '0.25', '1.', '1e3', '1.5E-2', '2e+10'];
const TRICKY_IDENTIFIERS: [string, boolean][] = [
  ['select', false],
  ['SELECT', false],
  ['Order', false],
  ['current_date', false],
  ['date', false],
  ['_x1', false],
  ['plain', true],
  ['a b', true],
  ['back`tick', true],
  ['back\\slash', true],
  ['1st', true],
  ['1st', false],
  ['a b', false],
  ['e.dname', false],
  ['a$b', false],
  ['Ä', false],
];

/** Hand-built trees around quoting, escaping and number formats. */
function lexicalTrees(): AstNode[][] {
  const trees: AstNode[][] = [];
  for (const value of TRICKY_STRINGS) trees.push([selectOf([stringLiteral(value)])]);
  for (const value of TRICKY_NUMBERS) trees.push([binaryNode('sub', column('a'), numberLiteral(value))]);
  for (const [name, quoted] of TRICKY_IDENTIFIERS) {
    trees.push([selectOf([column(name, quoted)])], [columnNode(identifier(name, quoted), identifier(name, quoted))]);
  }
  return trees;
}

/** Teradata statements the translator turns into trees with nested arithmetic, quoting, literals and the clauses implemented. */
const TRICKY_TERADATA = [
  'SELECT (a + b) * (c - d) / e - (f - g), a - (b + c), a / (b * c), -a FROM t',
  "SELECT 'it''s', 'back\\slash', 'two\nlines', \"Quoted Col\", \"select\" FROM \"My Table\"",
  'SELECT a FROM t WHERE (a = 1 OR b = 2) AND NOT (c = 3) AND d IS NOT NULL AND e NOT IN (1, 2)',
  "SELECT a FROM t WHERE a LIKE 'x%' AND b NOT LIKE '%y' OR c IN ('p', 'q')",
  'SELECT a, COUNT(*), SUM(b), MIN(c), MAX(d), AVG(e) FROM t GROUP BY a HAVING COUNT(*) > 1 ORDER BY a DESC',
  'SELECT CASE WHEN a > 0 THEN 1 WHEN a < 0 THEN -1 ELSE 0 END, CASE b WHEN 1 THEN 2 END FROM t',
  'SELECT x.a, y.b FROM t1 x INNER JOIN t2 y ON x.id = y.id WHERE x.c > 1',
  'SELECT a FROM db.t1 UNION SELECT a FROM db.t2 UNION SELECT a FROM db.t3',
  "INSERT INTO t (a, b) VALUES (1, 'x')",
  "UPDATE t SET a = a * 2, b = 'y' WHERE c = 1",
  'CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR(10), c DECIMAL(12,4), d DATE, e TIMESTAMP(0), f BYTEINT, g FLOAT)',
  'SELECT SUM(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM t',
  'SELECT TRIM(a), UPPER(b), LOWER(c), SUBSTR(d, 1, 2), CHARACTER_LENGTH(e), ABS(f), ROUND(g, 2) FROM t',
  "SELECT a FROM t WHERE b BETWEEN 1 AND 10 AND c >= DATE '2024-01-01'",
  'SELECT a FROM t ORDER BY a ASC NULLS LAST, b DESC NULLS FIRST, c NULLS FIRST, d DESC NULLS LAST, e ASC',
  'WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT x FROM b UNION ALL SELECT x FROM a',
  'SELECT a FROM t1 x LEFT JOIN t2 y ON x.a = y.a LEFT OUTER JOIN t3 z ON y.b = z.b RIGHT JOIN t4 ON z.c = t4.c FULL OUTER JOIN t5 ON t4.d = t5.d',
  'SELECT SUM(a) OVER (ORDER BY b RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), SUM(a) OVER (ORDER BY b ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING), SUM(a) OVER (PARTITION BY c) FROM t',
  'SELECT -(a + b), -a * b, a * -b, -a - -b, a + b BETWEEN 1 AND 2, a NOT BETWEEN b + 1 AND c * 2 FROM t',
  'SELECT COUNT(DISTINCT a), SUM(DISTINCT b), STDDEV_SAMP(c), LEAD(a, 1, 0) OVER (ORDER BY b), LAG(a) OVER (ORDER BY b) FROM t',
  'SELECT x.*, y.a FROM t x, (SELECT a FROM u) y WHERE x.a > ALL (SELECT b FROM v) OR x.a > ANY (SELECT c FROM w)',
  'SELECT 1e3, 1.5E-2, 0.000, 12345678901234567890 FROM t',
  'DROP TABLE db.t',
  'SELECT a, b FROM t GROUP BY ROLLUP (a, b)',
  'DROP VIEW v',
  'ABORT',
  'ROLLBACK',
  'UPDATE e FROM emp e, dept d SET e.dname = d.name WHERE e.did = d.id',
  'SELECT ADD_MONTHS(CURRENT_DATE, -1)',
  "CREATE TABLE t (a INTEGER DEFAULT 0 NOT NULL, b INTEGER NOT NULL DEFAULT 1, c VARCHAR(5) DEFAULT 'x')",
];

/**
 * Copies of `trees`, each with one change: a boolean flipped, a string altered, a null made an
 * empty object, an empty list given an item, an unknown field added to an object, or a field or
 * list item removed.
 */
function* mutants(trees: AstNode[]): Generator<AstNode[]> {
  const paths: (string | number)[][] = [];
  const collect = (value: unknown, path: (string | number)[]): void => {
    if (path.length) paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => collect(item, [...path, i]));
    else if (value && typeof value === 'object') for (const key in value) collect((value as AstNode)[key], [...path, key]);
  };
  collect(trees, []);
  type Parent = Record<string | number, unknown>;
  const changes: ((parent: Parent, key: string | number) => void)[] = [
    (parent, key) => {
      const value = parent[key];
      if (typeof value === 'boolean') parent[key] = !value;
      else if (typeof value === 'string') parent[key] = value ? `${value.toLowerCase()}X` : "a'b\\c";
      else if (value === null) parent[key] = {};
      else if (Array.isArray(value)) parent[key] = value.length === 0 ? [column('z')] : value;
      else if (value && typeof value === 'object') parent[key] = { ...value, unexpected: true };
    },
    (parent, key) => {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    },
  ];
  for (const path of paths) {
    for (const change of changes) {
      const copy = structuredClone(trees);
      let parent = copy as unknown as Parent;
      for (const key of path.slice(0, -1)) parent = parent[key] as Parent;
      change(parent, path[path.length - 1]!);
      yield copy;
    }
  }
}

describe('generateBigQueryFast, differential against polyglot', () => {
  /** The tree lists of every rule case, shared by the tests that read them (none changes them). */
  let ruleCaseTrees: AstNode[][] = [];

  beforeAll(() => {
    ruleCaseTrees = capturedTrees(() => RULE_CASES.forEach((c) => translator.translateScript(c.teradata)));
  });

  (HAVE_DEV_CASES ? describe : describe.skip)(`dev cases (${DEV_CASES_TITLE})`, () => {
    let treeLists: AstNode[][] = [];
    let comparison: Comparison;

    beforeAll(() => {
      const inputs = devCases().map((c) => c.teradata);
      treeLists = capturedTrees(() => inputs.forEach((sql) => translator.translateStatement(sql)));
      comparison = compare(treeLists);
    });

    it('matches polyglot byte for byte wherever it generates', () => {
      expect(treeLists.length).toBeGreaterThan(100);
      expect(comparison.mismatches).toEqual([]);
    });

    it('generates at least 85% of the tree lists itself', () => {
      expect(comparison.generated / treeLists.length).toBeGreaterThanOrEqual(0.85);
    });
  });

  it('rule cases', () => {
    const { generated, mismatches } = compare(ruleCaseTrees);
    expect(mismatches).toEqual([]);
    expect(generated).toBeGreaterThan(ruleCaseTrees.length * 0.85);
  });

  it('TPC-H DDL', () => {
    const treeLists = capturedTrees(() => translator.translateScript(TPCH_TERADATA_DDL));
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length);
  });

  it('tricky Teradata statements through the translator', () => {
    const treeLists = capturedTrees(() => TRICKY_TERADATA.forEach((sql) => translator.translateStatement(sql)));
    expect(treeLists).toHaveLength(TRICKY_TERADATA.length);
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBeGreaterThanOrEqual(TRICKY_TERADATA.length - 2);
  });

  it('rule-case trees (every other) with one field flipped, altered, removed, added or emptied: generated only where polyglot agrees', () => {
    const failures: { tree: string; fast: string[]; polyglot: string }[] = [];
    let generated = 0;
    // every other rule case keeps the run short; they cover each rule's output shape
    for (const trees of ruleCaseTrees.filter((_, i) => i % 2 === 0)) {
      for (const mutant of mutants(trees)) {
        const fast = generateBigQueryFast(structuredClone(mutant));
        if (fast === undefined) continue;
        generated++;
        let polyglot: string;
        try {
          polyglot = JSON.stringify(generateBigQuery(structuredClone(mutant)));
        } catch (error) {
          polyglot = `throws ${(error as Error).message}`;
        }
        if (polyglot !== JSON.stringify(fast)) failures.push({ tree: JSON.stringify(mutant), fast, polyglot });
      }
    }
    expect(failures).toEqual([]);
    expect(generated).toBeGreaterThan(100);
  });

  it('operator precedence and parenthesisation', () => {
    const treeLists = operatorMatrix();
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length);
  });

  it('every reserved word in backticks, other keywords as written, in any case', () => {
    const unreserved = ['date', 'name', 'type', 'value', 'year', 'key', 'status', 'timestamp', 'string', 'first', 'last'];
    const words = [...RESERVED_WORDS, ...unreserved, 'sample', 'top', 'format', 'title', 'database', 'session', 'replace', 'position'];
    const treeLists = words.flatMap((word) => [[column(word)], [column(word.toUpperCase())]]);
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length);
  });

  it('function names: written as given, except the few polyglot reshapes (where it bails out)', () => {
    const names = [
      'ROUND',
      'my_udf',
      'MyFn',
      'db.fn',
      'LEFT',
      'IF',
      'SAFE_DIVIDE',
      'ROLLUP',
      'rollup',
      'CUBE',
      'UUID_STRING',
      'GENERATE_UUID',
    ];
    const treeLists = names.flatMap((name) => [
      [functionNode(name, [], false)],
      [functionNode(name, [column('a'), stringLiteral('x')], false)],
    ]);
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length - 8);
  });

  it('type names: written as given, except those polyglot rewrites (where it bails out)', () => {
    const names = [
      'INT64',
      'NUMERIC(9, 2)',
      'BIGNUMERIC(38)',
      'STRING(10)',
      'BYTES(4)',
      'some_udt',
      'SYSUDTLIB.INT',
      'int64',
      'INT',
      'VARCHAR',
      'DATETIME',
      'datetime',
      'NVARCHAR',
      'nchar',
      'VARCHAR2',
      'NUMERIC(5,2)',
      'FOO(1)',
      'ARRAY<INT64>',
    ];
    const treeLists = names.map((name) => [{ cast: { this: column('a'), to: { data_type: 'custom', name }, double_colon_syntax: false } }]);
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length - 8);
  });

  it('every date part, interval unit and quantified comparison', () => {
    const parts = ['Year', 'Quarter', 'Month', 'Week', 'Day', 'Hour', 'Minute', 'Second'];
    const subquery = subqueryNode(selectOf([column('b')]), undefined, undefined);
    const treeLists: AstNode[][] = [
      ...parts.map((part) => [{ extract: { this: column('d'), field: part } }]),
      ...parts.map((part) => [{ last_day: { this: column('d'), unit: part } }]),
      ...parts.map((part) => [{ interval: { this: numberLiteral('2'), unit: { type: 'simple', unit: part, use_plural: false } } }]),
      ...['Eq', 'Neq', 'Lt', 'Lte', 'Gt', 'Gte'].flatMap((op) => [
        [{ all: { this: column('a'), subquery, op } }],
        [{ any: { this: column('a'), subquery, op } }],
      ]),
    ];
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length);
  });

  it('string escapes, number formats, quoted and reserved identifiers', () => {
    const treeLists = lexicalTrees();
    const { generated, mismatches } = compare(treeLists);
    expect(mismatches).toEqual([]);
    expect(generated).toBe(treeLists.length);
  });
});

describe('generateBigQueryFast, bailing out', () => {
  const base = (): AstNode => binaryNode('eq', column('a'), functionNode('ABS', [numberLiteral('1')], false));

  it('generates the well-formed base tree', () => {
    expect(generateBigQueryFast([base()])).toEqual(['a = ABS(1)']);
  });

  const leftColumn = (tree: AstNode): AstNode => ((tree.eq as AstNode).left as AstNode).column as AstNode;
  const rightFunction = (tree: AstNode): AstNode => ((tree.eq as AstNode).right as AstNode).function as AstNode;
  const changed = (tree: AstNode, change: (tree: AstNode) => void): AstNode => {
    change(tree);
    return tree;
  };

  it.each<[string, (tree: AstNode) => AstNode]>([
    ['an unknown node kind', () => ({ frobnicate: { this: column('a') } })],
    ['an unknown field', (tree) => changed(tree, (t) => (leftColumn(t).extra = 1))],
    ['an unverified flag value', (tree) => changed(tree, (t) => (rightFunction(t).distinct = true))],
    ['a missing required flag', (tree) => changed(tree, (t) => delete leftColumn(t).join_mark)],
    ['a comment', (tree) => changed(tree, (t) => ((t.eq as AstNode).trailing_comments = ['-- note']))],
    ['an unverified character in an identifier', (tree) => changed(tree, (t) => ((leftColumn(t).name as AstNode).name = 'a\nb'))],
    ['an unverified literal type', () => ({ literal: { literal_type: 'hex_string', value: 'FF' } })],
    ['an unverified number format', () => numberLiteral('.5')],
    [
      'an unverified join kind',
      () => ({
        select: {
          ...(selectOf([column('a')]).select as AstNode),
          from: { expressions: [unaliasedTable('t')] },
          joins: [
            {
              this: unaliasedTable('u'),
              on: column('b'),
              using: [],
              kind: 'Semi',
              use_inner_keyword: false,
              use_outer_keyword: false,
              deferred_condition: false,
              nesting_group: 0,
              directed: false,
            },
          ],
        },
      }),
    ],
    ['a prototype name as kind', () => ({ constructor: {} })],
  ])('returns undefined for %s', (_what, mutate) => {
    expect(generateBigQueryFast([mutate(base())])).toBeUndefined();
  });

  it('bails out where polyglot always rejects a tree as nested too deeply (JSON depth 128)', () => {
    // polyglot can also fail on shallower trees when the JavaScript stack runs short ("Maximum call
    // stack size exceeded"; in this file, after the other tests, at 40 levels): that depends on the
    // caller and is not mirrored.
    const nested = (levels: number): AstNode => {
      let tree = column('a');
      for (let i = 0; i < levels; i++) tree = { paren: { this: tree } };
      return tree;
    };
    for (const levels of [62, 63, 100]) {
      expect(() => generateBigQuery([nested(levels)])).toThrow();
      expect(generateBigQueryFast([nested(levels)])).toBeUndefined();
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['an array', [column('a')]],
    ['a node with two tags', { column: {}, literal: {} }],
    ['an empty object', {}],
    ['a body that is a string', { column: 'a' }],
  ])('never throws, even on %s', (_what, tree) => {
    expect(() => generateBigQueryFast([tree as AstNode])).not.toThrow();
    expect(generateBigQueryFast([tree as AstNode])).toBeUndefined();
  });
});
