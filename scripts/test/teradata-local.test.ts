import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchemaFile, TPCH_DDL_FILE, TPCH_TABLES } from '@labs/teradata';
import { runCli } from '@labs/testing';
import { localTeradataMigration } from '../src/labs/teradata-migration/local';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'td-local-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('labs local teradata-migration (shipped TPC-H material, real ZetaSQL)', () => {
  let result: { code: number; stdout: string; stderr: string };
  const out = join(dir, 'out');
  beforeAll(async () => {
    result = await runCli(['local', 'teradata-migration', '--out', out, '--json']);
  });

  it('prints one JSON document with the contract fields', () => {
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['tables', 'schema_file', 'agent_config', 'credentials_file', 'translated_queries', 'queries']);
    expect(Object.keys((report.tables as object[])[0]!)).toEqual(['name', 'columns', 'partitioning', 'clustering']);
    expect(Object.keys((report.queries as object[])[0]!)).toEqual(['name', 'ok', 'warnings', 'error']);
  });

  it('reports every table with its partitioning and clustering, as in the schema file it wrote', async () => {
    const report = JSON.parse(result.stdout) as {
      tables: { name: string; partitioning: string | null; clustering: string[] }[];
      schema_file: string;
    };
    expect(report.tables.map((t) => t.name)).toEqual(TPCH_TABLES);
    expect(report.tables.find((t) => t.name === 'orders')).toMatchObject({ partitioning: 'o_orderdate', clustering: ['o_orderkey'] });
    expect(report.tables.find((t) => t.name === 'partsupp')).toMatchObject({
      partitioning: null,
      clustering: ['ps_partkey', 'ps_suppkey'],
    });
    expect(JSON.parse(readFileSync(report.schema_file, 'utf8'))).toEqual(await buildSchemaFile(readFileSync(TPCH_DDL_FILE, 'utf8')));
  });

  it('every translated query passes ZetaSQL; the queries file holds them in BigQuery SQL', () => {
    const report = JSON.parse(result.stdout) as { queries: { name: string; ok: boolean }[]; translated_queries: string };
    expect(report.queries.map((q) => q.name)).toEqual([
      'row_counts',
      'q1_pricing_summary',
      'q3_shipping_priority',
      'q5_local_supplier_volume',
      'q6_forecast_revenue_change',
      'q10_returned_items',
      'q12_shipping_modes',
      'supplier_orders_by_year',
    ]);
    expect(report.queries.filter((q) => !q.ok)).toEqual([]);
    const sql = readFileSync(report.translated_queries, 'utf8');
    expect(sql).toContain('-- name: q3_shipping_priority\nSELECT l_orderkey');
    expect(sql).toContain('LIMIT 10;');
    expect(sql).not.toMatch(/\bSEL\b|\bTOP\b|ADD_MONTHS| MOD /);
  });

  it('writes the agent config and a credentials file with a placeholder secret id and no password', () => {
    const report = JSON.parse(result.stdout) as { agent_config: string; credentials_file: string };
    const config = JSON.parse(readFileSync(report.agent_config, 'utf8')) as { 'teradata-config': Record<string, unknown> };
    expect(config['teradata-config']['database-credentials-file-path']).toBe('/etc/td2bq-agent/credentials');
    expect(readFileSync(report.credentials_file, 'utf8')).toBe(
      'username=td2bq_agent\nsecret_resource_id=projects/PROJECT_ID/secrets/td2bq-ENV-teradata-password/versions/latest\n',
    );
    expect(readFileSync(join(out, 'td2bq-agent.service'), 'utf8')).toContain('--configuration-file=/etc/td2bq-agent/agent-config.json');
  });
});

describe('labs local teradata-migration on bad input', () => {
  it.each([
    ['a file with no DDL', ['--ddl', file('no-ddl.sql', '-- only queries\nSELECT 1;\n')], 'holds no CREATE TABLE statement'],
    [
      'an unterminated statement',
      ['--ddl', file('unterminated.sql', 'CREATE TABLE t (a INTEGER);\nCREATE TABLE u (b INTEGER)\n')],
      'the statement at line 2, column 1 is not terminated ("CREATE TABLE u (b INTEGER)")',
    ],
    ['an unclosed quote in the queries', ['--queries', file('quote.sql', "SELECT 'abc FROM region;\n")], 'is not terminated'],
    ['a missing file', ['--queries', join(dir, 'nope.sql')], `cannot read queries file "${join(dir, 'nope.sql')}": ENOENT`],
  ])('%s: one clear line, exit 2, nothing on stdout', async (_case, args, message) => {
    const result = await runCli(['local', 'teradata-migration', ...args, '--out', join(dir, 'bad'), '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a query that does not translate fails with its position, the others still pass; exit 1', async () => {
    const ddl = file('t.sql', 'CREATE TABLE t (a INTEGER, d DATE) PRIMARY INDEX (a);\n');
    const queries = file('q.sql', '-- name: good\nSEL TOP 3 a FROM t;\n-- name: broken\nSELECT a FROM t WHERE (a = 1;\n');
    const result = await runCli(['local', 'teradata-migration', '--ddl', ddl, '--queries', queries, '--out', join(dir, 'q'), '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { queries: { name: string; ok: boolean; error: string | null }[] };
    expect(report.queries[0]).toEqual({ name: 'good', ok: true, warnings: [], error: null });
    expect(report.queries[1]).toMatchObject({ name: 'broken', ok: false });
    expect(report.queries[1]!.error).toMatch(new RegExp(`^${queries.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 4, column \\d+: `));
    expect(result.stderr).toContain('1 of 2 queries failed: broken');
  });
});

describe('localTeradataMigration checks every translated statement with the checker', () => {
  it('reports what the checker rejects as not ok, and stops the checker', async () => {
    const checked: string[] = [];
    let closed = false;
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await localTeradataMigration(['--out', join(dir, 'checker'), '--json'], {
        startChecker: async () => ({
          check: async (sql) => {
            checked.push(sql);
            return sql.includes('LIMIT 10') ? { ok: false, error: 'Syntax error: Unexpected keyword LIMIT' } : { ok: true };
          },
          close: () => (closed = true),
        }),
      });
      expect(code).toBe(1);
    } finally {
      write.mockRestore();
      err.mockRestore();
    }
    expect(checked).toHaveLength(8);
    expect(closed).toBe(true);
  });
});
