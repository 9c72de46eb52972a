import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { agentFiles, readLabFile, TPCH_DDL_FILE, TPCH_QUERIES_FILE } from '@labs/teradata';
import { log, print, printJson, table } from '../../output';
import { prepareMaterial, queriesScript, type TableSummary } from './material';

/** Placeholders the offline agent files carry where a deployed environment has real ids. */
export const PLACEHOLDER_TRANSFER_CONFIG = 'projects/PROJECT_ID/locations/us/transferConfigs/TRANSFER_CONFIG_ID';
export const PLACEHOLDER_SECRET_VERSION = 'projects/PROJECT_ID/secrets/td2bq-ENV-teradata-password/versions/latest';

/** Result of checking one statement against BigQuery's grammar. */
export type SqlCheck = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Checks BigQuery SQL (ZetaSQL in the CLI); `close` stops it. */
export interface SqlChecker {
  check(sql: string): Promise<SqlCheck>;
  close(): void;
}

/** What `labs local teradata-migration` needs from outside (injected in tests). */
export interface LocalDeps {
  /** Starts the BigQuery SQL checker. @default ZetaSQL from `@labs/testing` */
  readonly startChecker: () => Promise<SqlChecker>;
}

const defaultDeps: LocalDeps = {
  startChecker: async () => {
    const { ZetaSql } = await import('@labs/testing');
    const zeta = await ZetaSql.start();
    return { check: (sql) => zeta.check(sql), close: () => zeta.stop() };
  },
};

/** The `--json` document. */
export interface LocalReport {
  readonly tables: TableSummary[];
  readonly schema_file: string;
  readonly agent_config: string;
  readonly credentials_file: string;
  readonly translated_queries: string;
  readonly queries: { readonly name: string; readonly ok: boolean; readonly warnings: string[]; readonly error: string | null }[];
}

/**
 * `labs local teradata-migration [--ddl FILE] [--queries FILE] [--out DIR] [--json]`: offline, writes the
 * transfer's schema file, the agent's configuration and credentials file (placeholder ids) and unit, and
 * the translated queries, and checks every translated statement with ZetaSQL. Exit 1 when a query does not
 * translate or BigQuery's grammar rejects it.
 */
export async function localTeradataMigration(argv: readonly string[], deps: LocalDeps = defaultDeps): Promise<number> {
  const command = new Command('labs local teradata-migration')
    .description('Offline: schema file, migration agent files and translated queries from Teradata DDL and queries, checked with ZetaSQL')
    .addOption(new Option('--ddl <file>', 'Teradata DDL of the source tables').default(TPCH_DDL_FILE, "the lab's TPC-H DDL"))
    .addOption(
      new Option('--queries <file>', 'Teradata queries, each optionally named by a "-- name: x" comment').default(
        TPCH_QUERIES_FILE,
        "the lab's TPC-H queries",
      ),
    )
    .option('--out <dir>', 'where to write the files', 'out/teradata-migration')
    .option('--json', 'print one JSON document: tables, schema_file, agent_config, queries')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<{ ddl: string; queries: string; out: string; json?: boolean }>();

  const material = await prepareMaterial(
    { text: readLabFile(options.ddl, 'DDL'), source: options.ddl },
    { text: readLabFile(options.queries, 'queries'), source: options.queries },
  );
  const agent = agentFiles({
    transferConfigName: PLACEHOLDER_TRANSFER_CONFIG,
    username: 'td2bq_agent',
    secretResourceId: PLACEHOLDER_SECRET_VERSION,
  });
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const files = {
    schema_file: join(out, 'tpch-schema.json'),
    agent_config: join(out, 'agent-config.json'),
    credentials_file: join(out, 'credentials'),
    unit: join(out, 'td2bq-agent.service'),
    translated_queries: join(out, 'queries.bigquery.sql'),
  };
  writeFileSync(files.schema_file, `${JSON.stringify(material.schema, null, 2)}\n`);
  writeFileSync(files.agent_config, agent.configText);
  writeFileSync(files.credentials_file, agent.credentials, { mode: 0o600 });
  writeFileSync(files.unit, agent.unit);
  writeFileSync(files.translated_queries, queriesScript(material.queries));
  log(`wrote ${Object.values(files).join(', ')}`);

  const checker = await deps.startChecker();
  const queries: LocalReport['queries'] = [];
  try {
    for (const query of material.queries) {
      const check: SqlCheck =
        query.bigquery === null ? { ok: false, error: query.error ?? 'not translated' } : await checker.check(query.bigquery);
      queries.push({ name: query.name, ok: check.ok, warnings: query.warnings, error: check.ok ? null : check.error });
    }
  } finally {
    checker.close();
  }
  const failed = queries.filter((query) => !query.ok);
  const report: LocalReport = {
    tables: material.tables,
    schema_file: files.schema_file,
    agent_config: files.agent_config,
    credentials_file: files.credentials_file,
    translated_queries: files.translated_queries,
    queries,
  };
  if (options.json) printJson(report);
  else {
    print(
      table(
        ['table', 'columns', 'partitioning', 'clustering'],
        material.tables.map((t) => [t.name, t.columns.length, t.partitioning ?? '', t.clustering.join(', ')]),
      ),
    );
    print();
    print(
      table(
        ['query', 'ok', 'warnings'],
        queries.map((q) => [q.name, q.ok ? 'yes' : `no: ${q.error ?? ''}`, q.warnings.join('; ')]),
      ),
    );
  }
  if (failed.length) log(`${failed.length} of ${queries.length} queries failed: ${failed.map((q) => q.name).join(', ')}`);
  return failed.length ? 1 : 0;
}
