import { TeradataTranslator, formatScript, splitStatements, toJsonRecords } from '../src';

let translator: TeradataTranslator;

beforeAll(async () => {
  translator = await TeradataTranslator.create();
});

describe('per-statement errors', () => {
  it('reports an unterminated string with its line and column in the script, and translates the rest', () => {
    const results = translator.translateScript("SEL a FROM t;\n\n  SELECT 'abc FROM u");
    expect(results).toHaveLength(2);
    expect(results[0]!.output).toBe('SELECT a FROM t');
    expect(results[1]!.output).toBeNull();
    expect(results[1]!.error).toMatch(/^line 3, column \d+: Unterminated string/);
    expect(results[1]!.line).toBe(3);
    expect(results[1]!.column).toBe(3);
  });

  it('reports an unknown statement, and the statements after it still translate', () => {
    const results = translator.translateScript('FROBNICATE the widgets now;\nSEL 1');
    expect(results[0]!.error).toMatch(/^line 1, column \d+: /);
    expect(results[1]).toMatchObject({ output: 'SELECT 1', error: null });
  });

  it('reports a Teradata command with no BigQuery counterpart as an error', () => {
    const result = translator.translateStatement('RENAME TABLE a b c d e');
    expect(result.error).toMatch(/unsupported statement: RENAME TABLE/);
  });

  it('reports GRANT as untranslatable', () => {
    expect(translator.translateStatement('GRANT SELECT ON t TO u').error).toContain('BigQuery grants IAM roles');
  });

  it('reports EXEC of a macro as untranslatable', () => {
    expect(translator.translateStatement('EXEC monthly_load').error).toContain('rewrite the macro as a BigQuery procedure');
  });

  it('gives nothing for an empty script or one with only comments', () => {
    expect(translator.translateScript('  \n-- nothing here\n;;')).toEqual([]);
  });
});

describe('splitStatements', () => {
  it('splits on semicolons outside strings, quoted names and comments, with positions', () => {
    const pieces = splitStatements('SELECT \';\' AS "a;b" -- c;d\n FROM t;\n/* x; */ SEL 2;');
    expect(pieces.map((p) => [p.text, p.line, p.column])).toEqual([
      ['SELECT \';\' AS "a;b" -- c;d\n FROM t', 1, 1],
      ['/* x; */ SEL 2', 3, 1],
    ]);
  });

  it('keeps a macro body in parentheses together', () => {
    expect(splitStatements('CREATE MACRO m AS (SEL 1; SEL 2;); EXEC m').map((p) => p.text)).toEqual([
      'CREATE MACRO m AS (SEL 1; SEL 2;)',
      'EXEC m',
    ]);
  });

  it('keeps escaped quotes inside a literal', () => {
    expect(splitStatements("SELECT 'it''s; fine'; SELECT 2").map((p) => p.text)).toEqual(["SELECT 'it''s; fine'", 'SELECT 2']);
  });
});

describe('output formats', () => {
  it('plain output ends statements with ; and puts warnings and errors in comments', () => {
    const results = translator.translateScript("SEL HASHROW(a) FROM t; SELECT 'x");
    expect(formatScript(results)).toBe(
      '-- warning: HASHROW(…) left as is: BigQuery has no AMPs; consider FARM_FINGERPRINT\nSELECT HASHROW(a) FROM t;\n\n' +
        `-- error: ${results[1]!.error}\n-- SELECT 'x\n`,
    );
  });

  it('JSON records carry exactly input, output, warnings, error', () => {
    const records = toJsonRecords(translator.translateScript('SEL 1; SELECT (;'));
    expect(records.map((r) => Object.keys(r))).toEqual([
      ['input', 'output', 'warnings', 'error'],
      ['input', 'output', 'warnings', 'error'],
    ]);
    expect(records[0]).toEqual({ input: 'SEL 1', output: 'SELECT 1', warnings: [], error: null });
    expect(records[1]).toMatchObject({ input: 'SELECT (', output: null });
  });
});
