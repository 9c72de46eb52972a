import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LabsError } from '@labs/config';
import {
  agentFiles,
  buildSchemaFile,
  namedQueries,
  passwordSecretVersionFor,
  ROW_COUNTS_QUERY,
  rowCountsFrom,
  sourceVmStartupScript,
  stagingBucketFor,
  terminatedStatements,
  TPCH_DDL_FILE,
  TPCH_QUERIES_FILE,
  TPCH_TABLES,
  datasetIdFor,
  resourceBaseFor,
  type SourceVmScriptOptions,
} from '../src';

const ddl = readFileSync(TPCH_DDL_FILE, 'utf8');
const queries = readFileSync(TPCH_QUERIES_FILE, 'utf8');

describe('the lab material shipped in the repository', () => {
  it('the DDL declares the eight TPC-H tables in database tpch', async () => {
    const schema = await buildSchemaFile(ddl);
    expect(schema.databases.map((d) => d.name)).toEqual(['tpch']);
    expect(schema.databases[0]!.tables.map((t) => t.name)).toEqual(TPCH_TABLES);
  });

  it('the queries are named, the verification query first, DATABASE left out', () => {
    const named = namedQueries(queries, 'tpch-queries.sql');
    expect(named[0]!.name).toBe(ROW_COUNTS_QUERY);
    expect(named.map((q) => q.name)).toContain('q1_pricing_summary');
    expect(named.every((q) => !/^\s*DATABASE\b/im.test(q.sql.replace(/--[^\n]*\n/g, '')))).toBe(true);
  });

  it('names unnamed queries by position and refuses duplicates', () => {
    expect(namedQueries('SELECT 1;\n-- name: b\nSELECT 2;', 'q.sql').map((q) => q.name)).toEqual(['query_1', 'b']);
    expect(() => namedQueries('-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;', 'q.sql')).toThrow(
      new LabsError('q.sql: query name "a" is used twice (line 3); names must be unique'),
    );
    expect(() => namedQueries('DATABASE tpch;\n-- only a comment\n', 'q.sql')).toThrow('q.sql holds no query');
  });

  it('refuses an unterminated statement, an unclosed quote or comment, with its line and column', () => {
    expect(() => terminatedStatements('SELECT 1;\n  SELECT 2', 'q.sql')).toThrow(
      new LabsError(
        'q.sql: the statement at line 2, column 3 is not terminated ("SELECT 2"): end it with ";" and close every quote and comment',
      ),
    );
    expect(() => terminatedStatements("SELECT 'abc;\nSELECT 3;", 'q.sql')).toThrow('line 1, column 1 is not terminated');
    expect(() => terminatedStatements('SELECT 1; /* open', 'q.sql')).toThrow('line 1, column 11 is not terminated');
    expect(terminatedStatements('SELECT 1 ;\n-- trailing comment\n', 'q.sql')).toHaveLength(1);
  });

  it('reads row counts from the rows of row_counts', () => {
    expect(
      rowCountsFrom([
        { table_name: 'SUPPLIER', row_count: '1000' },
        { table_name: 'orders', row_count: 150000 },
      ]),
    ).toEqual({
      supplier: 1000,
      orders: 150000,
    });
  });
});

describe('names of an environment', () => {
  it('derives every resource name from the env and refuses a bucket name over 63 characters', () => {
    expect(datasetIdFor('alice-dev')).toBe('td2bq_alice_dev');
    expect(resourceBaseFor('alice-dev')).toBe('td2bq-alice-dev');
    expect(stagingBucketFor('my-lab-project', 'alice')).toBe('my-lab-project-td2bq-alice');
    expect(passwordSecretVersionFor('p', 'alice')).toBe('projects/p/secrets/td2bq-alice-teradata-password/versions/latest');
    expect(() => stagingBucketFor('a-domain-scoped-project-id-of-36-ch', 'an-environment-name-24ch')).toThrow(
      'over the 63 Cloud Storage allows',
    );
  });
});

describe('source VM startup script', () => {
  const options: SourceVmScriptOptions = {
    media: {
      vantageExpress: 'gs://my-lab-project-td2bq-alice/teradata-media/ve.7z',
      tools: 'gs://my-lab-project-td2bq-alice/teradata-media/ttu.tar.gz',
      jdbcDriver: 'gs://my-lab-project-td2bq-alice/teradata-media/terajdbc.zip',
    },
    agent: agentFiles({
      transferConfigName: 'projects/p/locations/us/transferConfigs/abc',
      username: 'td2bq_agent',
      secretResourceId: passwordSecretVersionFor('p', 'alice'),
    }),
    agentUsername: 'td2bq_agent',
    passwordSecret: 'projects/p/secrets/td2bq-alice-teradata-password',
    ddl,
    rowCountsQuery: namedQueries(queries, 'q')[0]!.sql,
  };
  const script = sourceVmStartupScript(options);

  it('is valid bash (bash -n)', () => {
    expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
  });

  it('takes the Teradata media only from the user’s Cloud Storage objects and reports each step as a guest attribute', () => {
    expect(script).toContain("fetch 'gs://my-lab-project-td2bq-alice/teradata-media/ve.7z'");
    expect(script).not.toMatch(/downloads\.teradata\.com|teradata\.com\//);
    expect(script).toContain('computeMetadata/v1/instance/guest-attributes/td2bq/$1');
    for (const step of ['installing-hypervisor', 'waiting-for-media', 'loading-tpch', 'starting-agent', 'ready'])
      expect(script).toContain(`step ${step}`);
    expect(script).toContain('report row-counts');
    expect(script).toContain('-enable-kvm');
    expect(script).toContain('CREATE DATABASE tpch');
  });

  it('sends the generated password to Secret Manager on standard input only, never to a file or the command line', () => {
    expect(script).toContain(
      "printf '%s' \"$PASSWORD\" | gcloud secrets versions add 'projects/p/secrets/td2bq-alice-teradata-password' --data-file=-",
    );
    expect(script).not.toMatch(/\$PASSWORD"?\s*>/);
    expect(script).not.toMatch(/set -x/);
    expect(script).toContain('unset PASSWORD');
    expect(script).toContain(options.agent.credentials.trim());
  });

  it('refuses media that is not a gs:// object and a bad scale factor', () => {
    expect(() => sourceVmStartupScript({ ...options, media: { ...options.media, tools: 'https://downloads.example/ttu.tar.gz' } })).toThrow(
      new LabsError('invalid Teradata media tools "https://downloads.example/ttu.tar.gz": expected gs://<bucket>/<object>'),
    );
    expect(() => sourceVmStartupScript({ ...options, tpchScale: 0 })).toThrow('invalid TPC-H scale factor 0');
  });
});
