import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import {
  analysePredictions,
  areaUnderCurve,
  bigQueryDatasetObjects,
  BQML_TRAINING_USD_PER_TIB,
  connectBigQuery,
  datasetIdFor,
  evaluationTable,
  formatBytes,
  LAB_LOCATION,
  labReport,
  labSettings,
  labSteps,
  liftTextTable,
  moveExpiry,
  parseByteSize,
  parsePredictions,
  rocChartSvg,
  rocCurve,
  roiTextTable,
  runnerAccountIdFor,
  runSteps,
  selectSteps,
  summaryTable,
  type BigQueryIdentity,
  type BigQueryJobs,
  type DatasetObjects,
  type ExpiryMove,
  type Prediction,
  type LabStep,
  type RocSeries,
  type RunEvent,
  type TextTable,
} from '@labs/bigquery-ml';
import { formatAwsExpiry, LabsError, TAG_KEYS, validateEnvName, type ProjectConfig } from '@labs/config';
import { projectConfig } from '../repo';
import { log, print, printJson, table } from '../output';
import type { LabRunner } from './lab-runner';

const LAB_ID = 'bqml-classification';
const DEFAULT_MAX_BYTES = '10GB';

/** What `labs run bqml-classification` needs from the outside world (injected in tests). */
export interface BqmlRunDeps {
  /**
   * Opens a BigQuery client for a project as an identity. @default the real client: Application Default
   * Credentials impersonating the identity's service account
   */
  readonly connect: (projectId: string, identity: BigQueryIdentity) => Promise<BigQueryJobs>;
  /** Loads the project config. @default `labs.config.json` at the repository root, or `$LABS_CONFIG_FILE` */
  readonly loadConfig: () => ProjectConfig;
}

const defaultDeps: BqmlRunDeps = { connect: connectBigQuery, loadConfig: projectConfig };

function printTable(title: string, text: TextTable): void {
  print(title);
  print(table(text.headers, text.rows));
  print();
}

async function writeChart(file: string, series: readonly RocSeries[]): Promise<void> {
  const path = resolve(file);
  writeFileSync(path, await rocChartSvg(series));
  log(`ROC chart written to ${path}`);
}

function sqlListing(steps: readonly LabStep[]): string {
  return steps
    .map((step) => {
      const params = Object.entries(step.statement.params).map(([name, value]) => `-- @${name} = ${JSON.stringify(value)}`);
      return [`-- step ${step.id}: ${step.title}`, ...params, `${step.statement.sql};`].join('\n');
    })
    .join('\n\n');
}

function progress(total: number): (event: RunEvent) => void {
  let index = 0;
  return (event) => {
    if (event.type === 'estimated') {
      index++;
      log(`[${index}/${total}] ${event.step.id}: ${event.step.title}`);
      log(`      dry run: ${formatBytes(event.bytes)} processed, estimated $${event.usd.toFixed(4)}`);
    } else if (event.type === 'started') {
      log(`      job ${event.jobId ?? '(no id)'} running…`);
    } else {
      log(`      done, ${event.rows} row(s)`);
    }
  };
}

/** The environment's runner service account: `labs run` impersonates it (the owner may, by the stack's grant). */
export function runnerEmail(project: string, env: string): string {
  return `${runnerAccountIdFor(env)}@${project}.iam.gserviceaccount.com`;
}

/**
 * After `labs extend`: moves the expiration of the tables and models that already exist in the
 * environment's dataset to the new expiry (the dataset's default applies only to new ones).
 */
export async function extendBqml(
  env: string,
  expiresAt: Date,
  config: ProjectConfig,
  open: (project: string, dataset: string) => Promise<DatasetObjects> = bigQueryDatasetObjects,
): Promise<ExpiryMove> {
  if (!config.gcp.project) throw new LabsError('gcp.project is not set in labs.config.json');
  const dataset = datasetIdFor(validateEnvName(env));
  const move = await moveExpiry(await open(config.gcp.project, dataset), expiresAt);
  log(
    `${dataset}: ${move.moved.length} table(s)/model(s) now expire at ${formatAwsExpiry(expiresAt)}, ${move.unchanged.length} already did`,
  );
  return move;
}

/** `labs run bqml-classification --env NAME`: runs the lab's steps against the environment's dataset. */
export async function runBqml(argv: readonly string[], deps: BqmlRunDeps = defaultDeps): Promise<number> {
  const command = new Command(`labs run ${LAB_ID}`)
    .description('Run the BigQuery ML lab in an environment: explore, train and evaluate two models, predict, lift/ROI')
    .requiredOption('--env <name>', 'environment name (its dataset is ecommerce_<env>)')
    .option('--step <id>', 'run only this step (see --sql for the ids)')
    .option('--sql', 'print the SQL of the steps without running anything')
    .option('--max-bytes <size>', 'refuse any step whose dry run processes more (e.g. 500MB, 10GB)', DEFAULT_MAX_BYTES)
    .option('--chart <file>', 'where to write the ROC chart (SVG)', `bqml-roc-<env>.svg`)
    .option('--json', 'print the report as one JSON document')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<{ env: string; step?: string; sql?: boolean; maxBytes: string; chart: string; json?: boolean }>();

  const env = validateEnvName(options.env);
  const maxBytes = parseByteSize(options.maxBytes);
  const config = deps.loadConfig();
  if (!config.gcp.project) {
    throw new LabsError(
      `no GCP project for lab ${LAB_ID}: gcp.project is not set in labs.config.json; add {"gcp": {"project": "<project-id>"}}`,
    );
  }
  const settings = labSettings({ project: config.gcp.project, dataset: datasetIdFor(env) });
  const steps = selectSteps(labSteps(settings), options.step);
  if (options.sql) {
    print(sqlListing(steps));
    return 0;
  }

  const runner = runnerEmail(settings.project, env);
  log(
    `lab ${LAB_ID}, env ${env}: project ${settings.project}, dataset ${settings.dataset}, ${steps.length} step(s), max ${formatBytes(maxBytes)} per step, as ${runner}`,
  );
  const client = await deps.connect(settings.project, { impersonate: runner });
  const outcomes = await runSteps(client, steps, {
    maxBytes,
    location: LAB_LOCATION,
    prices: { queryUsdPerTib: config.prices.bigqueryTbScanned, trainingUsdPerTib: BQML_TRAINING_USD_PER_TIB },
    labels: { [TAG_KEYS.lab]: LAB_ID, [TAG_KEYS.env]: env },
    onEvent: progress(steps.length),
  });
  const report = labReport(outcomes);
  log(`processed ${formatBytes(report.bytes)} in total, estimated $${report.usd.toFixed(4)}`);
  if (report.rocCurves.length) {
    const series = report.rocCurves.map((curve) => ({
      ...curve,
      auc: report.evaluations.find((e) => e.model === curve.model)?.roc_auc ?? curve.auc,
    }));
    await writeChart(options.chart.replace('<env>', env), series);
  }
  if (options.json) {
    printJson(report);
    return 0;
  }
  if (report.returnBuyers) printTable('Visitors by will_buy_on_return_visit', rowsTable(report.returnBuyers));
  if (report.topVisitors) printTable('Top first visits by time on site', rowsTable(report.topVisitors));
  if (report.evaluations.length) printTable('Model evaluation (ML.EVALUATE)', evaluationTable(report.evaluations));
  if (report.predictions) printAnalysis(report.predictions);
  return 0;
}

function rowsTable(rows: readonly Record<string, unknown>[]): TextTable {
  const headers = Object.keys(rows[0] ?? {});
  return { headers, rows: rows.map((row) => headers.map((name) => String(row[name] ?? ''))) };
}

function printAnalysis(analysis: ReturnType<typeof analysePredictions>): void {
  printTable('Predictions', summaryTable(analysis));
  printTable('Lift by predicted-probability decile (top first)', liftTextTable(analysis));
  printTable('ROI of targeting the top k% of visitors (conversion rate / base rate)', roiTextTable(analysis));
}

/** The predictions of `file` (ML.PREDICT JSON export, JSON lines or CSV); a file that cannot be read is a clear error. */
export function readPredictionsFile(file: string): Prediction[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LabsError(`cannot read predictions file "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parsePredictions(text, file);
}

/** `labs local bqml-classification --predictions FILE`: lift, ROI and ROC/AUC of a predictions file, offline. */
export async function localBqml(argv: readonly string[]): Promise<number> {
  const command = new Command(`labs local ${LAB_ID}`)
    .description('Lift/ROI table and ROC/AUC from a predictions file (ML.PREDICT JSON export, JSON lines or CSV)')
    .requiredOption('--predictions <file>', 'predictions: JSON lines, JSON array or CSV with will_buy_on_return_visit')
    .option('--chart <file>', 'also write the ROC curve as an SVG chart')
    .option('--json', 'print one JSON object: rows, base_rate, roc_auc, lift[], roi_top_k[]')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<{ predictions: string; chart?: string; json?: boolean }>();

  const predictions = readPredictionsFile(options.predictions);
  const analysis = analysePredictions(predictions);
  if (options.chart) {
    const points = rocCurve(predictions);
    await writeChart(options.chart, [{ model: 'predictions', auc: areaUnderCurve(points), points }]);
  }
  if (options.json) printJson(analysis);
  else printAnalysis(analysis);
  return 0;
}

/** The lab's CLI runner. */
export const runner: LabRunner = { run: (argv) => runBqml(argv), local: localBqml };
