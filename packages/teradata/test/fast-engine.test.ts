import { TeradataTranslator } from '../src';
import { DEV_CASES_TITLE, devCases } from './dev-cases';
import { RULE_CASES } from './rule-cases';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

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

  const cases = devCases();
  (cases.length ? it : it.skip)(`every dev case (${DEV_CASES_TITLE})`, () => {
    for (const c of cases) {
      expect({ id: c.id, ...fast.translateStatement(c.teradata) }).toEqual({ id: c.id, ...polyglotOnly.translateStatement(c.teradata) });
    }
  });
});
