import { Command, Option } from 'commander';
import { LabsError, validateEnvName, type ProjectConfig } from '@labs/config';
import {
  datasetIdFor,
  googleHttpClient,
  readLabFile,
  resourceBaseFor,
  SCHEMA_FILE_OBJECT,
  stagingBucketFor,
  TERADATA_LAB_LOCATION,
  TPCH_DDL_FILE,
  TPCH_QUERIES_FILE,
} from '@labs/teradata';
import { log, print, printJson, table } from '../../output';
import { projectConfig } from '../../repo';
import type { Clock, TeradataRunClients } from './clients';
import { googleRunClients } from './google-clients';
import { prepareMaterial } from './material';
import { runMigration, type MigrationEvent, type RunTiming } from './run-steps';

/** What `labs run teradata-migration` needs from outside (injected in tests). */
export interface RunDeps {
  /** Opens the clients. @default the Google REST APIs with Application Default Credentials */
  readonly connect: () => Promise<TeradataRunClients>;
  /** Loads the project config. @default `labs.config.json` or `$LABS_CONFIG_FILE` */
  readonly loadConfig: () => ProjectConfig;
  /** @default the system clock */
  readonly clock: Clock;
  /** @default 30 s polls, 3 h for the source, 6 h for the transfer */
  readonly timing?: RunTiming;
}

const defaultDeps: RunDeps = {
  connect: async () => googleRunClients(await googleHttpClient()),
  loadConfig: projectConfig,
  clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
};

function describe(event: MigrationEvent): string {
  switch (event.type) {
    case 'source':
      return `source VM: ${event.status}${event.waitingFor ? ` (waiting for ${event.waitingFor})` : ''}`;
    case 'schema':
      return event.uploaded ? `schema file uploaded to ${event.uri}` : `schema file ${event.uri} is up to date, skipped`;
    case 'transfer':
      return `transfer run ${event.run.split('/').pop()}: ${event.state}${event.started ? '' : ' (existing run)'}`;
    case 'query':
      return `query ${event.name}: ${event.ok ? `${event.rows} row(s)` : 'failed'}`;
  }
}

/**
 * `labs run teradata-migration --env NAME`: waits for the source VM, uploads the schema file, runs the
 * transfer to the end, then runs the translated queries on BigQuery and compares row counts with the
 * source's. A second run skips what is done. Exit 1 when a query fails or a count differs.
 */
export async function runTeradataMigration(argv: readonly string[], deps: RunDeps = defaultDeps): Promise<number> {
  const command = new Command('labs run teradata-migration')
    .description('Migrate the environment’s Teradata tpch database to BigQuery and verify it')
    .requiredOption('--env <name>', 'environment name (dataset td2bq_<env>, VM td2bq-<env>)')
    .addOption(new Option('--ddl <file>', 'Teradata DDL the schema file is made from').default(TPCH_DDL_FILE, "the lab's TPC-H DDL"))
    .addOption(
      new Option('--queries <file>', 'Teradata queries to translate and run; row_counts is compared').default(
        TPCH_QUERIES_FILE,
        "the lab's TPC-H queries",
      ),
    )
    .option('--json', 'print the report as one JSON document')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<{ env: string; ddl: string; queries: string; json?: boolean }>();
  const env = validateEnvName(options.env);
  const config = deps.loadConfig();
  const project = config.gcp.project;
  if (!project) {
    throw new LabsError(
      'no GCP project for lab teradata-migration: gcp.project is not set in labs.config.json; add {"gcp": {"project": "<project-id>"}}',
    );
  }
  const material = await prepareMaterial(
    { text: readLabFile(options.ddl, 'DDL'), source: options.ddl },
    { text: readLabFile(options.queries, 'queries'), source: options.queries },
  );
  const base = resourceBaseFor(env);
  const target = {
    project,
    env,
    instance: { project, zone: config.gcp.zone, name: base },
    bucket: stagingBucketFor(project, env),
    schemaObject: SCHEMA_FILE_OBJECT,
    dataset: datasetIdFor(env),
    location: TERADATA_LAB_LOCATION,
    transferDisplayName: base,
  };
  log(`lab teradata-migration, env ${env}: VM ${base} in ${config.gcp.zone}, bucket ${target.bucket}, dataset ${target.dataset}`);
  const report = await runMigration(target, material, await deps.connect(), deps.clock, (event) => log(describe(event)), deps.timing);
  if (options.json) printJson(report);
  else {
    print(
      table(
        ['table', 'teradata', 'bigquery', 'match'],
        report.row_counts.map((c) => [c.table, c.source ?? '-', c.bigquery ?? '-', c.match ? 'yes' : 'NO']),
      ),
    );
    print();
    print(
      table(
        ['query', 'ok', 'rows'],
        report.queries.map((q) => [q.name, q.ok ? 'yes' : `no: ${q.error ?? ''}`, q.rows ?? '']),
      ),
    );
  }
  if (!report.ok) log('verification failed: a query failed or a row count differs from the source');
  return report.ok ? 0 : 1;
}
