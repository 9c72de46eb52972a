import { ZetaSql } from '@labs/testing';
import { GUIDE_EXAMPLES, TeradataTranslator } from '../src';
import { RULE_CASES } from './rule-cases';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

let translator: TeradataTranslator;
let zeta: ZetaSql;

beforeAll(async () => {
  translator = await TeradataTranslator.create();
  zeta = await ZetaSql.start();
}, 60_000);

afterAll(() => zeta?.stop());

describe('every translation parses with ZetaSQL (GoogleSQL)', () => {
  it.each(
    RULE_CASES.filter((c) => c.bigquery && !c.warns?.some((w) => w.includes('not supported by BigQuery'))).map(
      (c) => [c.rule, c.teradata] as const,
    ),
  )('%s', async (_rule, teradata) => {
    const output = translator.translateStatement(teradata).output!;
    expect(await zeta.check(output)).toEqual({ ok: true });
  });

  it('the TPC-H DDL', async () => {
    for (const result of translator.translateScript(TPCH_TERADATA_DDL)) {
      expect(await zeta.check(result.output!)).toEqual({ ok: true });
    }
  });

  // ZetaSQL's formatter parses one statement outside a script, where DECLARE is not allowed.
  it.each(GUIDE_EXAMPLES.filter((e) => e.bigquery && !e.bigquery.startsWith('DECLARE')).map((e) => [e.section, e] as const))(
    "guide example %s: the guide's BigQuery and the translation",
    async (_section, e) => {
      expect(await zeta.check(e.bigquery!)).toEqual({ ok: true });
      const output = translator.translateStatement(e.teradata).output;
      if (output) expect(await zeta.check(output)).toEqual({ ok: true });
    },
  );

  it('rejects what the translator is there to remove (the check can fail)', async () => {
    expect((await zeta.check('SELECT a % 2 FROM t')).ok).toBe(false);
    expect((await zeta.check('CREATE TABLE t (a INT64) PRIMARY INDEX (a)')).ok).toBe(false);
  });
});
