import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { LabsError, validateEnvName, type ProjectConfig } from '@labs/config';
import {
  bucketNameFor,
  connectBucket,
  connectVertex,
  DEFAULT_BUDGET_MILLI_NODE_HOURS,
  deployedEndpointCosts,
  evaluationChartSvg,
  formatDataCsv,
  LAB_ID,
  LAB_REGION,
  LAB_STEPS,
  labelCounts,
  planFromFolder,
  readImageFolder,
  readPredictionImage,
  runLab,
  selectSteps,
  systemClock,
  undeployEnvironment,
  validateBudget,
  validateNodes,
  validateThreshold,
  type Clock,
  type CostQuestion,
  type DeployedEndpointCost,
  type EvaluationReport,
  type ImageSource,
  type LabEvent,
  type LabRunReport,
  type ObjectStore,
  type UndeployOutcome,
  type VertexClients,
  type VertexPrices,
} from '@labs/vertex-automl';
import { askConsent } from '../commands/consent';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import type { LabRunner } from './lab-runner';

/** What `labs run automl-vision` needs from the outside world (injected in tests). */
export interface AutomlRunDeps {
  /** Vertex AI clients of a region. @default the real clients with Application Default Credentials */
  readonly vertex: (region: string) => Promise<VertexClients>;
  /** The environment's bucket. @default the real bucket with Application Default Credentials */
  readonly bucket: (project: string, bucket: string) => Promise<ObjectStore>;
  /** @default `labs.config.json` at the repository root, or `$LABS_CONFIG_FILE` */
  readonly loadConfig: () => ProjectConfig;
  /** @default the real clock */
  readonly clock: Clock;
  /** Asks consent before a billable step. @default the prompt of `labs up` (skipped with --yes) */
  readonly confirm: (question: CostQuestion, yes: boolean) => Promise<boolean>;
}

async function askBeforeBilling(question: CostQuestion, yes: boolean): Promise<boolean> {
  try {
    await askConsent(question.lines, { yes });
    return true;
  } catch (error) {
    if (error instanceof LabsError) return false;
    throw error;
  }
}

const defaultDeps: AutomlRunDeps = {
  vertex: connectVertex,
  bucket: connectBucket,
  loadConfig: projectConfig,
  clock: systemClock,
  confirm: askBeforeBilling,
};

/** The lab's prices from the project's price table. */
export function vertexPrices(config: ProjectConfig): VertexPrices {
  return { trainingNodeHour: config.prices.vertexTrainingNodeHour, endpointNodeHour: config.prices.vertexEndpointNodeHour };
}

function projectOf(config: ProjectConfig): string {
  if (!config.gcp.project) {
    throw new LabsError(
      `no GCP project for lab ${LAB_ID}: gcp.project is not set in labs.config.json; add {"gcp": {"project": "<project-id>"}}`,
    );
  }
  return config.gcp.project;
}

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new LabsError(`invalid ${flag} "${text}": expected a number`);
  return value;
}

function imageSource(options: { images?: string; csv?: string }): ImageSource | undefined {
  if (options.images && options.csv) throw new LabsError('give either --images DIR or --csv FILE, not both');
  if (options.images) return { kind: 'folder', folder: readImageFolder(options.images) };
  if (!options.csv) return undefined;
  if (!existsSync(options.csv)) throw new LabsError(`cannot read --csv "${options.csv}": no such file`);
  return { kind: 'csv', text: readFileSync(options.csv, 'utf8'), name: options.csv };
}

/** Progress on stderr; the first look at a training pipeline also says how to stop waiting. */
function progress(): (event: LabEvent) => void {
  let followingTraining = false;
  return (event) => {
    if (event.type === 'step') {
      if (event.status === 'started') log(`[${event.step}]`);
      else log(`      ${event.status === 'skipped' ? 'skipped: ' : ''}${event.detail}`);
    } else if (event.type === 'upload') {
      if (!event.skipped) log(`      uploaded ${event.object} (${event.bytes} bytes)`);
    } else if (event.type === 'operation') {
      log(`      waiting for ${event.operation}`);
    } else {
      if (!followingTraining) log('      training takes hours; Ctrl-C stops waiting, not training: the next run follows the same pipeline');
      followingTraining = true;
      log(`      ${event.pipeline}: ${event.state.replace('PIPELINE_STATE_', '')} after ${Math.round(event.elapsedMs / 60_000)} min`);
    }
  };
}

const fixed = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '-' : value.toFixed(digits));

function printEvaluation(report: EvaluationReport): void {
  print(`Evaluation (test images): auPRC ${fixed(report.auPrc)}, log loss ${fixed(report.logLoss)}`);
  print(
    table(
      ['label', 'precision', 'recall', 'f1', 'at confidence'],
      [
        ...report.labels.map((entry) => [
          entry.label,
          fixed(entry.precision),
          fixed(entry.recall),
          fixed(entry.f1),
          fixed(entry.threshold, 2),
        ]),
        ...(report.overall
          ? [
              [
                '(all)',
                fixed(report.overall.precision),
                fixed(report.overall.recall),
                fixed(report.overall.f1),
                fixed(report.overall.threshold, 2),
              ],
            ]
          : []),
      ],
    ),
  );
  print();
  const matrix = report.confusionMatrix;
  if (matrix) {
    print('Confusion matrix (rows: true label, columns: predicted label)');
    print(
      table(
        ['', ...matrix.labels],
        matrix.rows.map((row, i) => [matrix.labels[i], ...row]),
      ),
    );
    print();
  }
}

function printReport(report: LabRunReport): void {
  if (report.evaluation) printEvaluation(report.evaluation);
  if (report.deployment)
    print(
      `Endpoint ${report.deployment.endpoint}: ${report.deployment.nodes} node(s), $${report.deployment.usdPerHour.toFixed(3)}/hour while deployed\n`,
    );
  if (report.predictions) {
    print('Predictions');
    print(
      table(
        ['file', 'label', 'confidence'],
        report.predictions.map((p) => [p.file, p.label, p.confidence.toFixed(3)]),
      ),
    );
    print();
  }
  if (report.undeploy)
    print(report.undeploy.length ? report.undeploy.map((u) => `undeployed and deleted ${u.endpoint}`).join('\n') : 'nothing was deployed');
}

interface RunFlags {
  env: string;
  step?: string[];
  predict?: string[];
  images?: string;
  csv?: string;
  budget: string;
  nodes: string;
  threshold: string;
  seed?: string;
  chart: string;
  yes?: boolean;
  json?: boolean;
}

/** `labs run automl-vision --env NAME [--step …] [--predict FILE…]`: the lab's steps against the environment. */
export async function runAutoml(argv: readonly string[], deps: AutomlRunDeps = defaultDeps): Promise<number> {
  const command = new Command(`labs run ${LAB_ID}`)
    .description('Run the AutoML Vision lab on Vertex AI: upload, import, train, evaluate, deploy, predict (each step resumable)')
    .requiredOption('--env <name>', 'environment name (bucket <project>-vcm-<env>, dataset clouds-<env>)')
    .option('--step <id...>', `run only these steps (${LAB_STEPS.join(', ')}); default: all but undeploy`)
    .option('--predict <file...>', 'local images to classify in the predict step (JPEG, PNG, GIF, WEBP, BMP, TIFF, ICO; at most 1.5 MB)')
    .option('--images <dir>', 'labelled images to upload: one sub-folder per label')
    .option('--csv <file>', "the lab's data.csv ([ML_USE,]gs://placeholder/…,LABEL) for images already in the bucket")
    .option('--budget <milliNodeHours>', 'training budget in milli node hours', String(DEFAULT_BUDGET_MILLI_NODE_HOURS))
    .option('--nodes <n>', 'nodes of the deployment', '1')
    .option('--threshold <confidence>', 'confidence threshold of the evaluation', '0.5')
    .option('--seed <text>', 'seed of the ML_USE split')
    .option('--chart <file>', 'where to write the evaluation chart (SVG)', 'automl-vision-<env>.svg')
    .option('--yes', 'do not ask before training or deploying')
    .option('--json', 'print the report as one JSON document')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<RunFlags>();

  const env = validateEnvName(options.env);
  const steps = selectSteps(options.step);
  const budget = validateBudget(parseNumber('--budget', options.budget));
  const nodes = validateNodes(parseNumber('--nodes', options.nodes));
  const threshold = validateThreshold(parseNumber('--threshold', options.threshold));
  const predictFiles = options.predict ?? [];
  predictFiles.forEach((file) => readPredictionImage(file));
  const source = imageSource(options);
  const config = deps.loadConfig();
  const project = projectOf(config);
  const bucket = bucketNameFor(project, env);

  log(`lab ${LAB_ID}, env ${env}: project ${project}, region ${LAB_REGION}, bucket gs://${bucket}, steps ${steps.join(', ')}`);
  const report = await runLab(
    {
      target: { project, env, region: LAB_REGION },
      steps,
      source,
      predictFiles,
      budgetMilliNodeHours: budget,
      nodes,
      threshold,
      seed: options.seed,
      prices: vertexPrices(config),
    },
    {
      vertex: await deps.vertex(LAB_REGION),
      store: await deps.bucket(project, bucket),
      clock: deps.clock,
      confirm: (question) => deps.confirm(question, Boolean(options.yes)),
      onEvent: progress(),
    },
  );
  if (report.evaluation) {
    const chart = resolve(options.chart.replace('<env>', env));
    writeFileSync(chart, await evaluationChartSvg(report.evaluation, `clouds model (${env})`));
    log(`evaluation chart written to ${chart}`);
  }
  if (options.json) printJson(report);
  else printReport(report);
  return 0;
}

/** `labs local automl-vision --images DIR [--json]`: builds and validates data.csv and the split offline. */
export async function localAutoml(argv: readonly string[]): Promise<number> {
  const command = new Command(`labs local ${LAB_ID}`)
    .description('Build and validate data.csv and the ML_USE split from a folder of labelled images, offline')
    .requiredOption('--images <dir>', 'one sub-folder per label (cirrus/, cumulonimbus/, cumulus/)')
    .option('--seed <text>', 'seed of the ML_USE split')
    .option('--data-csv <file>', 'also write data.csv, with the bucket left as gs://placeholder/ as in the lab')
    .option('--json', 'print one JSON document: { rows: [{ path, label, ml_use }], labels: { <label>: n } }')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const options = command.opts<{ images: string; seed?: string; dataCsv?: string; json?: boolean }>();

  const plan = planFromFolder(readImageFolder(options.images), { bucket: 'placeholder', seed: options.seed });
  const rows = plan.rows.map((row) => ({ path: row.uri.slice('gs://placeholder/'.length), label: row.label, ml_use: row.mlUse }));
  if (options.dataCsv) {
    writeFileSync(options.dataCsv, formatDataCsv(plan.rows));
    log(`data.csv written to ${resolve(options.dataCsv)} (${rows.length} rows)`);
  }
  const labels = labelCounts(rows);
  if (options.json) {
    printJson({ rows, labels });
    return 0;
  }
  const count = (label: string, use: string) => rows.filter((row) => row.label === label && row.ml_use === use).length;
  print(`${rows.length} images in ${Object.keys(labels).length} labels would be imported (single-label classification):`);
  print(
    table(
      ['label', 'images', 'training', 'validation', 'test'],
      Object.entries(labels).map(([label, n]) => [label, n, count(label, 'training'), count(label, 'validation'), count(label, 'test')]),
    ),
  );
  return 0;
}

/**
 * The teardown hook of the lab, for `labs down` and `labs reap` to run before destroying the stack:
 * undeploys and deletes the environment's endpoints (found by their labels).
 */
export async function teardownAutoml(
  env: string,
  deps: Pick<AutomlRunDeps, 'vertex' | 'loadConfig'> = defaultDeps,
): Promise<UndeployOutcome[]> {
  const project = projectOf(deps.loadConfig());
  return undeployEnvironment(
    { project, env: validateEnvName(env), region: LAB_REGION },
    { endpoints: (await deps.vertex(LAB_REGION)).endpoints },
  );
}

/** For `labs status`: the lab's deployed endpoints and what each costs per hour while deployed. */
export async function automlEndpointCosts(
  deps: Pick<AutomlRunDeps, 'vertex' | 'loadConfig'> = defaultDeps,
): Promise<DeployedEndpointCost[]> {
  const config = deps.loadConfig();
  return deployedEndpointCosts(
    { endpoints: (await deps.vertex(LAB_REGION)).endpoints },
    projectOf(config),
    config.prices.vertexEndpointNodeHour,
    {
      region: LAB_REGION,
    },
  );
}

/** The lab's CLI runner. */
export const runner: LabRunner = { run: (argv) => runAutoml(argv), local: localAutoml };
