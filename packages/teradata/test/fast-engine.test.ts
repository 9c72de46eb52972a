import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TeradataTranslator } from '../src';
import { RULE_CASES } from './rule-cases';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

/** The dev cases beside the repository (as in CI); read, never copied. */
const DEV_CASES = join(__dirname, '..', '..', '..', '..', 'shared', 'teradata-sql', 'dev-cases.jsonl');

let fast: TeradataTranslator;
let polyglotOnly: TeradataTranslator;

beforeAll(async () => {
  fast = await TeradataTranslator.create({ engine: 'fast' });
  polyglotOnly = await TeradataTranslator.create({ engine: 'polyglot' });
});

/** Scripts the two engines must translate identically: outputs, warnings and errors. */
const SCRIPTS: readonly (readonly [string, string])[] = [
  ...RULE_CASES.map((c) => [c.rule, c.teradata] as const),
  ['TPC-H DDL', TPCH_TERADATA_DDL],
  ['unterminated string', "SELECT 'abc FROM t"],
  ['unknown statement', 'FROBNICATE TABLE t'],
  ['error on a later line', "SEL a FROM t;\nSEL 'oops FROM u"],
  ['empty script', ''],
];

describe('the fast engine translates exactly as polyglot alone', () => {
  it.each(SCRIPTS)('%s', (_name, script) => {
    expect(fast.translateScript(script)).toEqual(polyglotOnly.translateScript(script));
  });

  const devCases = existsSync(DEV_CASES)
    ? readFileSync(DEV_CASES, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { id: string; teradata: string })
    : [];
  (devCases.length ? it : it.skip)(`every dev case (${devCases.length ? DEV_CASES : `${DEV_CASES} is absent`})`, () => {
    for (const c of devCases) {
      expect({ id: c.id, ...fast.translateStatement(c.teradata) }).toEqual({ id: c.id, ...polyglotOnly.translateStatement(c.teradata) });
    }
  });
});
