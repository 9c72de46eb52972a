import { TeradataTranslator } from '../src';
import { RULE_CASES } from './rule-cases';

let translator: TeradataTranslator;

beforeAll(async () => {
  translator = await TeradataTranslator.create();
});

describe('each rewrite rule', () => {
  it.each(RULE_CASES.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const results = translator.translateScript((c.ddl ?? '') + c.teradata);
    const result = results[results.length - 1]!;
    expect(result.error).toBeNull();
    expect(result.output).toBe(c.bigquery);
    for (const expected of c.warns ?? []) expect(result.warnings.join('\n')).toContain(expected);
    if (!c.warns) expect(result.warnings).toEqual([]);
  });
});

describe('warnings for what is not translated faithfully', () => {
  it.each([
    ['HASHROW(a)', 'HASHROW'],
    ["STRTOK(s, ',', 2)", 'STRTOK'],
    ['REGR_SLOPE(y, x)', 'REGR_SLOPE'],
    ["MONTHS_BETWEEN(DATE '2024-03-01', DATE '2024-01-01')", 'whole months'],
    ['SKEW(x)', 'SKEW'],
    ['NEXT_DAY(d, day_name)', 'NEXT_DAY'],
    ["REGEXP_SUBSTR(s, 'a', 2)", 'REGEXP_SUBSTR'],
    ["REGEXP_SIMILAR(s, 'a', 'x')", 'REGEXP_SIMILAR'],
  ])('%s warns', (expression, warning) => {
    const result = translator.translateStatement(`SELECT ${expression} FROM t`);
    expect(result.error).toBeNull();
    expect(result.warnings.join('\n')).toContain(warning);
  });

  it('a FORMAT phrase is dropped with a warning', () => {
    const result = translator.translateStatement("SELECT a (FORMAT 'ZZ9') FROM t");
    expect(result.output).toBe('SELECT a FROM t');
    expect(result.warnings.join()).toContain("FORMAT 'ZZ9'");
  });

  it('PARTITION BY is dropped with a warning', () => {
    const result = translator.translateStatement('CREATE TABLE x (y INTEGER) PRIMARY INDEX (y) PARTITION BY y');
    expect(result.output).toBe('CREATE TABLE x (y INT64)');
    expect(result.warnings.join()).toContain('PARTITION BY dropped');
  });
});
