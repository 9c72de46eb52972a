import { GUIDE_EXAMPLES, TeradataTranslator } from '../src';

let fast: TeradataTranslator;
let polyglot: TeradataTranslator;

beforeAll(async () => {
  fast = await TeradataTranslator.create();
  polyglot = await TeradataTranslator.create({ engine: 'polyglot' });
});

const examples = GUIDE_EXAMPLES.map((e) => [e.section, e] as const);

describe("the guide's examples (cloud.google.com/bigquery/docs/migration/teradata-sql)", () => {
  it.each(examples.filter(([, e]) => !e.missing && e.error === undefined))('%s', (_section, e) => {
    const result = fast.translateStatement(e.teradata);
    expect(result.error).toBeNull();
    expect(result.output).toBe(e.bigquery);
    if (e.warns) for (const warning of e.warns) expect(result.warnings.join('\n')).toContain(warning);
    else expect(result.warnings).toEqual([]);
  });

  it.each(examples.filter(([, e]) => e.error !== undefined))('%s fails with what to write instead', (_section, e) => {
    const result = fast.translateStatement(e.teradata);
    expect(result.output).toBeNull();
    expect(result.error).toContain(e.error);
  });

  it.each(examples.filter(([, e]) => e.missing))('%s: not rewritten as the guide does, and says so', (_section, e) => {
    const result = fast.translateStatement(e.teradata);
    expect(result.output).not.toBe(e.bigquery);
    expect(e.warns?.length).toBeGreaterThan(0);
    for (const warning of e.warns!) expect(result.warnings.join('\n')).toContain(warning);
  });

  it.each(examples)('%s: both engines agree', (_section, e) => {
    expect(fast.translateStatement(e.teradata)).toEqual(polyglot.translateStatement(e.teradata));
  });
});

describe('the example list', () => {
  it('gives each example exactly one expectation: an output or an error', () => {
    for (const e of GUIDE_EXAMPLES) expect([e.bigquery !== undefined, e.error !== undefined]).toContain(true);
    for (const e of GUIDE_EXAMPLES) expect(e.bigquery !== undefined && e.error !== undefined).toBe(false);
  });

  it('covers every section of the guide that maps statements', () => {
    const sections = new Set(GUIDE_EXAMPLES.map((e) => e.section.split(':')[0]));
    for (const section of [
      'Data types',
      'Comparison operators',
      'Aggregate functions',
      'Date/time functions',
      'String functions',
      'Math functions',
      'UPDATE',
      'CREATE TABLE',
      'Cursors',
      'Metadata',
      'Transactions',
    ]) {
      expect(sections).toContain(section);
    }
  });
});
