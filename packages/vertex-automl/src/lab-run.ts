import { LabsError, TAG_KEYS } from '@labs/config';
import { bucketNameFor, DATA_CSV_OBJECT, DEFAULT_BUDGET_MILLI_NODE_HOURS } from './lab-settings';
import { planFromCsv, planFromFolder, type DatasetPlan } from './dataset-plan';
import type { ImageFolder } from './image-folder';
import { endpointCostPerHourUsd, trainingCostUsd, type VertexPrices } from './cost';
import { deployModel, findEndpoint, isDeployed, predictImages, type DeployOutcome, type Prediction } from './deployment';
import { evaluateModel, type EvaluationReport } from './evaluation';
import { findDataset, importImages, type ImportOutcome } from './import-images';
import type { Clock, LabEvent, LabTarget } from './lab-target';
import { undeployEnvironment, type UndeployOutcome } from './teardown';
import { decideTraining, findTrainingPipeline, followTraining, startTraining, trainingPipelineSpec } from './training';
import { uploadImages, writeDataCsv, type UploadOutcome } from './upload';
import type { Labels, ObjectStore, TrainingPipeline, VertexClients, VertexDataset } from './vertex-api';

/** The lab's steps, in the order they run. */
export const LAB_STEPS = ['upload', 'import', 'train', 'evaluate', 'deploy', 'predict', 'undeploy'] as const;

/** A step id for `--step`. */
export type LabStepId = (typeof LAB_STEPS)[number];

/** What `labs run automl-vision` runs without `--step`: everything but `undeploy` (left to `labs down`). */
export const DEFAULT_STEPS: readonly LabStepId[] = ['upload', 'import', 'train', 'evaluate', 'deploy', 'predict'];

/** Checks `--step` values and puts them in lab order. */
export function selectSteps(ids: readonly string[] | undefined): LabStepId[] {
  if (!ids?.length) return [...DEFAULT_STEPS];
  const unknown = ids.filter((id) => !(LAB_STEPS as readonly string[]).includes(id));
  if (unknown.length)
    throw new LabsError(`unknown step ${unknown.map((id) => `"${id}"`).join(', ')}: expected one of ${LAB_STEPS.join(', ')}`);
  return LAB_STEPS.filter((step) => ids.includes(step));
}

/** Where the images come from. */
export type ImageSource =
  | { readonly kind: 'folder'; readonly folder: ImageFolder }
  /** The lab's `data.csv` (its `placeholder` bucket rewritten); the images must already be in the bucket. */
  | { readonly kind: 'csv'; readonly text: string; readonly name: string };

/** A billable action the run asks consent for, with its cost. */
export interface CostQuestion {
  readonly step: 'train' | 'deploy';
  /** What will happen and what it costs, one line each. */
  readonly lines: readonly string[];
  readonly usd: number;
  /** `once` for training (at most the budget), `per-hour` for a deployed endpoint. */
  readonly basis: 'once' | 'per-hour';
}

/** What a lab run does. */
export interface LabRunInput {
  readonly target: LabTarget;
  readonly steps: readonly LabStepId[];
  /** Needed by `upload` and `import`. */
  readonly source?: ImageSource;
  /** Local images to predict in the `predict` step. @default none (the step is skipped) */
  readonly predictFiles?: readonly string[];
  /** @default 8000 */
  readonly budgetMilliNodeHours?: number;
  /** Nodes of the deployment. @default 1 */
  readonly nodes?: number;
  /** Confidence threshold of the evaluation. @default 0.5 */
  readonly threshold?: number;
  /** Seed of the `ML_USE` split. @default the lab's */
  readonly seed?: string;
  readonly prices: VertexPrices;
}

/** What a lab run needs from the outside world. */
export interface LabRunDeps {
  readonly vertex: VertexClients;
  readonly store: ObjectStore;
  readonly clock: Clock;
  /** Asked before anything billable starts; false stops the run. */
  readonly confirm: (question: CostQuestion) => Promise<boolean>;
  /** Time between two looks at a training pipeline. @default 60 s */
  readonly pollMs?: number;
  readonly onEvent?: (event: LabEvent) => void;
}

/** What each step that ran did. */
export interface LabRunReport {
  upload?: UploadOutcome & { readonly csv: string; readonly rows: number };
  import?: ImportOutcome;
  training?: { readonly pipeline: string; readonly model: string; readonly skipped: boolean };
  evaluation?: EvaluationReport;
  deployment?: DeployOutcome & { readonly nodes: number; readonly usdPerHour: number };
  predictions?: Prediction[];
  undeploy?: UndeployOutcome[];
}

/** The environment labels of a dataset, carried onto the pipeline, the model and the endpoint. */
function environmentLabels(dataset: VertexDataset): Labels {
  const keys: readonly string[] = Object.values(TAG_KEYS);
  return Object.fromEntries(Object.entries(dataset.labels ?? {}).filter(([key]) => keys.includes(key)));
}

const NEEDS_IMAGES = 'the upload and import steps need the images: pass --images DIR (one folder per label) or --csv FILE';

/** One run of the lab: what the steps found so far (plan, dataset, model), read once and shared. */
class LabRun {
  readonly report: LabRunReport = {};
  private readonly bucket: string;
  private plan: DatasetPlan | undefined;
  private dataset: VertexDataset | undefined;
  private model: string | undefined;

  constructor(
    private readonly input: LabRunInput,
    private readonly deps: LabRunDeps,
  ) {
    this.bucket = bucketNameFor(input.target.project, input.target.env);
  }

  readonly steps: Record<LabStepId, () => Promise<void>> = {
    upload: () => this.upload(),
    import: () => this.importImages(),
    train: () => this.train(),
    evaluate: () => this.evaluate(),
    deploy: () => this.deploy(),
    predict: () => this.predict(),
    undeploy: () => this.undeploy(),
  };

  emit(event: LabEvent): void {
    this.deps.onEvent?.(event);
  }

  private done(step: LabStepId, status: 'skipped' | 'finished', detail: string): void {
    this.emit({ type: 'step', step, status, detail });
  }

  private get env(): string {
    return this.input.target.env;
  }

  private async planOf(): Promise<DatasetPlan> {
    if (this.plan) return this.plan;
    const source = this.input.source;
    if (!source) throw new LabsError(NEEDS_IMAGES);
    const options = { bucket: this.bucket, seed: this.input.seed };
    this.plan =
      source.kind === 'folder'
        ? planFromFolder(source.folder, options)
        : planFromCsv(source.text, new Set((await this.deps.store.list()).keys()), options, source.name);
    return this.plan;
  }

  private async datasetOf(): Promise<VertexDataset> {
    return (this.dataset ??= await findDataset(this.deps.vertex.datasets, this.input.target));
  }

  private async modelOf(): Promise<string> {
    if (this.model) return this.model;
    const pipeline = await findTrainingPipeline(this.deps.vertex.pipelines, this.input.target, (await this.datasetOf()).name);
    if (pipeline?.state !== 'PIPELINE_STATE_SUCCEEDED' || !pipeline.modelToUpload?.name) {
      throw new LabsError(`environment ${this.env} has no trained model yet: run labs run automl-vision --env ${this.env} --step train`);
    }
    return (this.model = pipeline.modelToUpload.name);
  }

  /** Without images, upload and import have nothing to add: done when the dataset already holds images. */
  private async skippedWithoutImages(step: LabStepId): Promise<boolean> {
    if (this.input.source) return false;
    const dataset = await this.datasetOf();
    if (!Number(dataset.dataItemCount ?? 0)) throw new LabsError(NEEDS_IMAGES);
    this.done(step, 'skipped', `no --images or --csv given, and ${dataset.name} already holds images`);
    return true;
  }

  private async upload(): Promise<void> {
    if (await this.skippedWithoutImages('upload')) return;
    const plan = await this.planOf();
    const uploaded = await uploadImages(this.deps.store, plan.uploads, (event) => this.emit(event));
    const csv = await writeDataCsv(this.deps.store, this.bucket, plan.rows);
    this.report.upload = { ...uploaded, csv, rows: plan.rows.length };
    this.done(
      'upload',
      'finished',
      `${uploaded.uploaded} uploaded, ${uploaded.skipped} already there; ${csv} with ${plan.rows.length} rows`,
    );
  }

  private async importImages(): Promise<void> {
    if (await this.skippedWithoutImages('import')) return;
    const plan = await this.planOf();
    const csv = `gs://${this.bucket}/${DATA_CSV_OBJECT}`;
    const outcome = await importImages(this.deps.vertex.datasets, await this.datasetOf(), csv, plan.rows.length, (event) =>
      this.emit(event),
    );
    this.report.import = outcome;
    this.dataset = undefined; // read again: the import changed its item count
    this.done('import', outcome.skipped ? 'skipped' : 'finished', `${outcome.dataset}: ${outcome.items} image(s)`);
  }

  private async train(): Promise<void> {
    const dataset = await this.datasetOf();
    const decision = decideTraining(await findTrainingPipeline(this.deps.vertex.pipelines, this.input.target, dataset.name));
    if (decision.action === 'done') {
      this.model = decision.pipeline.modelToUpload?.name ?? (await this.modelOf());
      this.report.training = { pipeline: decision.pipeline.name, model: this.model, skipped: true };
      this.done('train', 'skipped', `${decision.pipeline.name} already trained ${this.model}`);
      return;
    }
    const pipeline = decision.action === 'follow' ? decision.pipeline : await this.startTraining(dataset);
    const options = { clock: this.deps.clock, pollMs: this.deps.pollMs, onEvent: (event: LabEvent) => this.emit(event) };
    this.model = await followTraining(this.deps.vertex.pipelines, pipeline, options);
    this.report.training = { pipeline: pipeline.name, model: this.model, skipped: false };
    this.done('train', 'finished', `${pipeline.name} trained ${this.model}`);
  }

  private async startTraining(dataset: VertexDataset): Promise<TrainingPipeline> {
    if (!Number(dataset.dataItemCount ?? 0)) {
      throw new LabsError(`dataset ${dataset.name} holds no images yet: run labs run automl-vision --env ${this.env} --step upload import`);
    }
    const budget = this.input.budgetMilliNodeHours ?? DEFAULT_BUDGET_MILLI_NODE_HOURS;
    const spec = trainingPipelineSpec(this.env, dataset.name, environmentLabels(dataset), { budgetMilliNodeHours: budget });
    const usd = trainingCostUsd(budget, this.input.prices);
    const lines = [
      `train an AutoML image classification model on ${dataset.name}`,
      `budget ${budget / 1000} node hours at $${this.input.prices.trainingNodeHour}/node hour: at most $${usd.toFixed(2)} (billed whether or not the model is used)`,
    ];
    if (!(await this.deps.confirm({ step: 'train', lines, usd, basis: 'once' }))) {
      throw new LabsError('not trained: consent was not given (answer "y", or pass --yes)', 1);
    }
    return startTraining(this.deps.vertex.pipelines, this.input.target, spec);
  }

  private async evaluate(): Promise<void> {
    const report = await evaluateModel(this.deps.vertex.models, await this.modelOf(), this.input.threshold ?? 0.5);
    this.report.evaluation = report;
    this.done('evaluate', 'finished', `${report.labels.length} label(s) at confidence ${report.threshold}`);
  }

  private async deploy(): Promise<void> {
    const model = await this.modelOf();
    const nodes = this.input.nodes ?? 1;
    const usdPerHour = endpointCostPerHourUsd(nodes, this.input.prices);
    if (!isDeployed(await findEndpoint(this.deps.vertex.endpoints, this.input.target), model)) {
      const lines = [
        `deploy ${model} on ${nodes} node(s)`,
        `$${usdPerHour.toFixed(3)} per hour until undeployed (labs run automl-vision --env ${this.env} --step undeploy, or labs down)`,
      ];
      if (!(await this.deps.confirm({ step: 'deploy', lines, usd: usdPerHour, basis: 'per-hour' }))) {
        throw new LabsError('not deployed: consent was not given (answer "y", or pass --yes)', 1);
      }
    }
    const labels = environmentLabels(await this.datasetOf());
    const outcome = await deployModel(this.deps.vertex.endpoints, this.input.target, model, labels, {
      nodes,
      onEvent: (event) => this.emit(event),
    });
    this.report.deployment = { ...outcome, nodes, usdPerHour };
    this.done('deploy', outcome.skipped ? 'skipped' : 'finished', `${outcome.endpoint}: $${usdPerHour.toFixed(3)}/hour while deployed`);
  }

  private async predict(): Promise<void> {
    const files = this.input.predictFiles ?? [];
    if (!files.length) return this.done('predict', 'skipped', 'no --predict FILE given');
    const model = await this.modelOf();
    const endpoint = await findEndpoint(this.deps.vertex.endpoints, this.input.target);
    if (!endpoint || !isDeployed(endpoint, model)) {
      throw new LabsError(`environment ${this.env} has no deployed model: run labs run automl-vision --env ${this.env} --step deploy`);
    }
    this.report.predictions = await predictImages(this.deps.vertex.predictions, endpoint.name, files);
    this.done('predict', 'finished', `${this.report.predictions.length} image(s)`);
  }

  private async undeploy(): Promise<void> {
    const outcomes = await undeployEnvironment(this.input.target, this.deps.vertex, (event) => this.emit(event));
    this.report.undeploy = outcomes;
    this.done('undeploy', 'finished', outcomes.length ? `${outcomes.length} endpoint(s) undeployed and deleted` : 'nothing deployed');
  }
}

/**
 * Runs the chosen steps in lab order. Each step is resumable: upload skips objects already there,
 * import skips a dataset that holds the images (both are skipped without an image source once it does),
 * train reuses a succeeded pipeline on the dataset and follows a running one (found by display name and
 * labels), deploy skips a model already deployed. Training and deployment ask `confirm` with their cost
 * before they start billing.
 */
export async function runLab(input: LabRunInput, deps: LabRunDeps): Promise<LabRunReport> {
  const run = new LabRun(input, deps);
  for (const id of input.steps) {
    run.emit({ type: 'step', step: id, status: 'started', detail: '' });
    await run.steps[id]();
  }
  return run.report;
}
