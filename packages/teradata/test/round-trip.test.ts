import { TeradataTranslator, roundTripWithoutRewrites } from '../src';

let translator: TeradataTranslator;

beforeAll(async () => {
  translator = await TeradataTranslator.create();
});

describe('roundTripWithoutRewrites (the benchmark ceiling)', () => {
  it('generates BigQuery from the parsed tree and leaves Teradata-only functions as they are', () => {
    const sql = 'SELECT ZEROIFNULL(amt) FROM sales';
    expect(roundTripWithoutRewrites(sql)).toEqual(['SELECT ZEROIFNULL(amt) FROM sales']);
    expect(translator.translateStatement(sql).output).toBe('SELECT IFNULL(amt, 0) FROM sales');
  });

  it('returns one output per statement of the input', () => {
    expect(roundTripWithoutRewrites('SEL a FROM t; SEL b FROM u')).toEqual(['SELECT a FROM t', 'SELECT b FROM u']);
  });

  it("throws the parser's message on malformed input", () => {
    expect(() => roundTripWithoutRewrites("SELECT 'abc")).toThrow(/Unterminated string/);
  });
});
