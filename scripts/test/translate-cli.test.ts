import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUIDE_EXAMPLES } from '@labs/teradata';
import { runCli } from '@labs/testing';

const dir = mkdtempSync(join(tmpdir(), 'labs-translate-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('labs translate --from teradata', () => {
  it('--json prints one {input, output, warnings, error} per statement, in order, and exits 1 when one failed', async () => {
    const file = write('mixed.sql', "SEL TOP 3 a MOD 2 FROM t;\nSELECT 'oops FROM u;\n");
    const r = await runCli(['translate', '--from', 'teradata', file, '--json']);
    expect(r.code).toBe(1);
    const records = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({ input: 'SEL TOP 3 a MOD 2 FROM t', output: 'SELECT MOD(a, 2) FROM t LIMIT 3', warnings: [], error: null });
    expect(Object.keys(records[1]!)).toEqual(['input', 'output', 'warnings', 'error']);
    expect(records[1]!.output).toBeNull();
    expect(records[1]!.error).toMatch(/^line 2, column \d+: Unterminated string/);
    expect(r.stderr).toContain('1 of 2 statements failed');
  });

  it('reads standard input and prints the script with warnings as comments', async () => {
    const r = await runCli(['translate', '--from', 'teradata', '-'], { input: 'SEL HASHROW(a) FROM t;\nBT;\nET;' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '-- warning: HASHROW(…) left as is: BigQuery has no AMPs; consider FARM_FINGERPRINT\nSELECT HASHROW(a) FROM t;\n\nBEGIN TRANSACTION;\n\nCOMMIT TRANSACTION;\n',
    );
  });

  it('writes the custom schema file with --schema-file', async () => {
    const file = write('ddl.sql', 'CREATE MULTISET TABLE sales.orders (id INTEGER NOT NULL, d DATE) PRIMARY INDEX (id);');
    const out = join(dir, 'schema.json');
    const r = await runCli(['translate', '--from', 'teradata', file, '--schema-file', out, '--partition-column', 'd']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('CREATE TABLE sales.orders (id INT64 NOT NULL, d DATE);\n');
    const schema = JSON.parse(readFileSync(out, 'utf8'));
    expect(schema.databases[0].name).toBe('sales');
    expect(schema.databases[0].tables[0].columns.map((c: { usageType: string[] }) => c.usageType)).toEqual([
      ['CLUSTERING'],
      ['PARTITIONING'],
    ]);
  });

  it('rejects an unknown --from with a clear error', async () => {
    const r = await runCli(['translate', '--from', 'oracle', write('a.sql', 'SEL 1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown source dialect "oracle": expected one of teradata\n');
    expect(r.stdout).toBe('');
  });

  it('requires --from', async () => {
    const r = await runCli(['translate', write('b.sql', 'SEL 1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing --from');
  });

  it('rejects an empty file', async () => {
    const r = await runCli(['translate', '--from', 'teradata', write('empty.sql', '  \n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: ".*empty\.sql" is empty: expected Teradata SQL statements\n$/);
  });

  it('--service needs a project and a Cloud Storage folder', async () => {
    const r = await runCli(['translate', '--from', 'teradata', '--service', write('c.sql', 'SEL 1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --service needs --project <id> and --gcs gs://bucket/prefix\n');
  });

  it('rejects a missing file', async () => {
    const r = await runCli(['translate', '--from', 'teradata', join(dir, 'nope.sql')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ENOENT');
  });
});

describe('labs bench translate', () => {
  const scorer = join(__dirname, '..', '..', '..', 'shared', 'teradata-sql', 'score.mjs');
  (existsSync(scorer) ? it : it.skip)(
    "reports guide_pct: the share of the guide's examples translated exactly",
    async () => {
      const cases = write(
        'two-cases.jsonl',
        [
          { id: 'a', teradata: 'SEL a FROM t', bigquery_expected: 'SELECT a FROM t', kind: 'translate' },
          { id: 'b', teradata: 'SELECT TOP 1 a FROM t', bigquery_expected: 'SELECT a FROM t LIMIT 1', kind: 'translate' },
        ]
          .map((c) => JSON.stringify(c))
          .join('\n'),
      );
      const r = await runCli(['bench', 'translate', '--json', '--cases', cases, '--seconds', '0.05']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { exact_pct: number; guide_examples: number; guide_pct: number; guide_not_exact: string[] };
      expect(report.exact_pct).toBe(100);
      expect(report.guide_examples).toBe(GUIDE_EXAMPLES.length);
      const missing = GUIDE_EXAMPLES.filter((e) => e.missing).map((e) => e.section);
      expect(report.guide_not_exact).toEqual(missing);
      expect(report.guide_pct).toBe(Math.round((1000 * (GUIDE_EXAMPLES.length - missing.length)) / GUIDE_EXAMPLES.length) / 10);
    },
    120_000,
  );

  it('names the path when the cases are missing', async () => {
    const missing = join(dir, 'no-such-cases.jsonl');
    const r = await runCli(['bench', 'translate', '--json', '--cases', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`translation cases not found: ${missing} is missing`);
  });
});
