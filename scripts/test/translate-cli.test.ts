import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  it('names the path when the cases are missing', async () => {
    const missing = join(dir, 'no-such-cases.jsonl');
    const r = await runCli(['bench', 'translate', '--json', '--cases', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`translation cases not found: ${missing} is missing`);
  });
});
