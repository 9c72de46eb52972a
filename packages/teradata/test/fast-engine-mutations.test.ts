import { TeradataTranslator } from '../src';
import { devCases } from './dev-cases';
import { RULE_CASES } from './rule-cases';
import { crossCorpus, mutateCorpus } from './sql-mutations';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

/** The statements to mutate: the rule cases, the TPC-H DDL and, when present, the dev cases. */
const corpus = [
  ...RULE_CASES.map((c) => c.teradata),
  ...TPCH_TERADATA_DDL.split(';').filter((s) => s.trim()),
  ...devCases().map((c) => c.teradata),
];

let fast: TeradataTranslator;
let polyglotOnly: TeradataTranslator;

beforeAll(async () => {
  fast = await TeradataTranslator.create({ engine: 'fast' });
  polyglotOnly = await TeradataTranslator.create({ engine: 'polyglot' });
});

/** Whether the fast engine translates the script differently from polyglot alone. */
function differs(sql: string): boolean {
  return JSON.stringify(fast.translateScript(sql)) !== JSON.stringify(polyglotOnly.translateScript(sql));
}

describe('the fast engine on mutated and crossed statements (malformed and unusual input)', () => {
  it.each([1, 2, 3, 4, 5, 6])('translates every mutant exactly as polyglot alone (seed %i)', (seed) => {
    const mismatches = mutateCorpus(corpus, seed, 8).filter(differs);
    expect(mismatches).toEqual([]);
  });

  it.each([1, 2, 3])('translates every crossover of two statements exactly as polyglot alone (seed %i)', (seed) => {
    const mismatches = crossCorpus(corpus, seed, 8_000).filter(differs);
    expect(mismatches).toEqual([]);
  });

  it('the mutants are mostly different from the corpus and many still translate', () => {
    const mutants = mutateCorpus(corpus, 1, 1);
    const changed = mutants.filter((sql, i) => sql !== corpus[i]).length;
    const translated = mutants.filter((sql) => fast.translateScript(sql).every((r) => r.error === null)).length;
    expect(changed / mutants.length).toBeGreaterThan(0.9);
    expect(translated / mutants.length).toBeGreaterThan(0.2);
  });
});
