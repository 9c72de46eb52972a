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
import type { Labels, ObjectStore, VertexClients, VertexDataset } from './vertex-api';

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

/**
 * Runs the chosen steps in lab order. Each step is resumable: upload skips objects already there,
 * import skips a dataset that holds the images, train reuses a succeeded pipeline and follows a running
 * one (found by display name and labels), deploy skips a model already deployed. Training and
 * deployment ask `confirm` with their cost before they start billing.
 */
export async function runLab(input: LabRunInput, deps: LabRunDeps): Promise<LabRunReport> {
  const { target, steps } = input;
  const bucket = bucketNameFor(target.project, target.env);
  const report: LabRunReport = {};
  const emit = deps.onEvent ?? (() => undefined);
  const step = (id: LabStepId, status: 'started' | 'skipped' | 'finished', detail: string) =>
    emit({ type: 'step', step: id, status, detail });

  let plan: DatasetPlan | undefined;
  const planOf = async (): Promise<DatasetPlan> => {
    if (plan) return plan;
    if (!input.source)
      throw new LabsError('the upload and import steps need the images: pass --images DIR (one folder per label) or --csv FILE');
    const options = { bucket, seed: input.seed };
    plan =
      input.source.kind === 'folder'
        ? planFromFolder(input.source.folder, options)
        : planFromCsv(input.source.text, new Set((await deps.store.list()).keys()), options, input.source.name);
    return plan;
  };
  let dataset: VertexDataset | undefined;
  const datasetOf = async () => (dataset ??= await findDataset(deps.vertex.datasets, target));
  let model: string | undefined;
  const modelOf = async (): Promise<string> => {
    if (model) return model;
    const pipeline = await findTrainingPipeline(deps.vertex.pipelines, target, (await datasetOf()).name);
    if (pipeline?.state !== 'PIPELINE_STATE_SUCCEEDED' || !pipeline.modelToUpload?.name) {
      throw new LabsError(
        `environment ${target.env} has no trained model yet: run labs run automl-vision --env ${target.env} --step train`,
      );
    }
    return (model = pipeline.modelToUpload.name);
  };

  /** Without images, upload and import have nothing to add: done when the dataset already holds images. */
  const alreadyImported = async (): Promise<boolean> => {
    if (input.source) return false;
    const items = Number((await datasetOf()).dataItemCount ?? 0);
    if (!items) throw new LabsError('the upload and import steps need the images: pass --images DIR (one folder per label) or --csv FILE');
    return true;
  };

  for (const id of steps) {
    step(id, 'started', '');
    if ((id === 'upload' || id === 'import') && (await alreadyImported())) {
      step(id, 'skipped', `no --images or --csv given, and ${(await datasetOf()).name} already holds images`);
    } else if (id === 'upload') {
      const current = await planOf();
      const uploaded = await uploadImages(deps.store, current.uploads, emit);
      const csv = await writeDataCsv(deps.store, bucket, current.rows);
      report.upload = { ...uploaded, csv, rows: current.rows.length };
      step(id, 'finished', `${uploaded.uploaded} uploaded, ${uploaded.skipped} already there; ${csv} with ${current.rows.length} rows`);
    } else if (id === 'import') {
      const current = await planOf();
      report.import = await importImages(
        deps.vertex.datasets,
        await datasetOf(),
        `gs://${bucket}/${DATA_CSV_OBJECT}`,
        current.rows.length,
        emit,
      );
      dataset = undefined; // read again: the import changed its item count
      step(id, report.import.skipped ? 'skipped' : 'finished', `${report.import.dataset}: ${report.import.items} image(s)`);
    } else if (id === 'train') {
      const decision = decideTraining(await findTrainingPipeline(deps.vertex.pipelines, target, (await datasetOf()).name));
      if (decision.action === 'done') {
        model = decision.pipeline.modelToUpload?.name ?? (await modelOf());
        report.training = { pipeline: decision.pipeline.name, model, skipped: true };
        step(id, 'skipped', `${decision.pipeline.name} already trained ${model}`);
        continue;
      }
      let pipeline = decision.action === 'follow' ? decision.pipeline : undefined;
      if (!pipeline) {
        const current = await datasetOf();
        if (!Number(current.dataItemCount ?? 0)) {
          throw new LabsError(
            `dataset ${current.name} holds no images yet: run labs run automl-vision --env ${target.env} --step upload import`,
          );
        }
        const budget = input.budgetMilliNodeHours ?? DEFAULT_BUDGET_MILLI_NODE_HOURS;
        const spec = trainingPipelineSpec(target.env, current.name, environmentLabels(current), { budgetMilliNodeHours: budget });
        const usd = trainingCostUsd(budget, input.prices);
        const lines = [
          `train an AutoML image classification model on ${current.name}`,
          `budget ${budget / 1000} node hours at $${input.prices.trainingNodeHour}/node hour: at most $${usd.toFixed(2)} (billed whether or not the model is used)`,
        ];
        if (!(await deps.confirm({ step: 'train', lines, usd, basis: 'once' })))
          throw new LabsError('not trained: consent was not given (answer "y", or pass --yes)', 1);
        pipeline = await startTraining(deps.vertex.pipelines, target, spec);
      }
      model = await followTraining(deps.vertex.pipelines, pipeline, { clock: deps.clock, pollMs: deps.pollMs, onEvent: emit });
      report.training = { pipeline: pipeline.name, model, skipped: false };
      step(id, 'finished', `${pipeline.name} trained ${model}`);
    } else if (id === 'evaluate') {
      report.evaluation = await evaluateModel(deps.vertex.models, await modelOf(), input.threshold ?? 0.5);
      step(id, 'finished', `${report.evaluation.labels.length} label(s) at confidence ${report.evaluation.threshold}`);
    } else if (id === 'deploy') {
      const trained = await modelOf();
      const nodes = input.nodes ?? 1;
      const usdPerHour = endpointCostPerHourUsd(nodes, input.prices);
      const existing = await findEndpoint(deps.vertex.endpoints, target);
      if (!isDeployed(existing, trained)) {
        const lines = [
          `deploy ${trained} on ${nodes} node(s)`,
          `$${usdPerHour.toFixed(3)} per hour until undeployed (labs run automl-vision --env ${target.env} --step undeploy, or labs down)`,
        ];
        if (!(await deps.confirm({ step: 'deploy', lines, usd: usdPerHour, basis: 'per-hour' })))
          throw new LabsError('not deployed: consent was not given (answer "y", or pass --yes)', 1);
      }
      const outcome = await deployModel(deps.vertex.endpoints, target, trained, environmentLabels(await datasetOf()), {
        nodes,
        onEvent: emit,
      });
      report.deployment = { ...outcome, nodes, usdPerHour };
      step(id, outcome.skipped ? 'skipped' : 'finished', `${outcome.endpoint}: $${usdPerHour.toFixed(3)}/hour while deployed`);
    } else if (id === 'predict') {
      if (!input.predictFiles?.length) {
        step(id, 'skipped', 'no --predict FILE given');
        continue;
      }
      const trained = await modelOf();
      const endpoint = await findEndpoint(deps.vertex.endpoints, target);
      if (!endpoint || !isDeployed(endpoint, trained)) {
        throw new LabsError(
          `environment ${target.env} has no deployed model: run labs run automl-vision --env ${target.env} --step deploy`,
        );
      }
      report.predictions = await predictImages(deps.vertex.predictions, endpoint.name, input.predictFiles);
      step(id, 'finished', `${report.predictions.length} image(s)`);
    } else {
      report.undeploy = await undeployEnvironment(target, deps.vertex, emit);
      step(id, 'finished', report.undeploy.length ? `${report.undeploy.length} endpoint(s) undeployed and deleted` : 'nothing deployed');
    }
  }
  return report;
}
