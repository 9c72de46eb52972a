import { LabsError } from '@labs/config';
import { AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI, DEFAULT_BUDGET_MILLI_NODE_HOURS, displayNameFor } from './lab-settings';
import { displayNameFilter, isOfEnvironment, parentOf, resourceId, type Clock, type LabEvent, type LabTarget } from './lab-target';
import type { Labels, PipelineApi, TrainingPipeline, TrainingPipelineSpec } from './vertex-api';

const ML_USE_LABEL = 'labels.aiplatform.googleapis.com/ml_use';
const ACTIVE = new Set([
  'PIPELINE_STATE_QUEUED',
  'PIPELINE_STATE_PENDING',
  'PIPELINE_STATE_RUNNING',
  'PIPELINE_STATE_CANCELLING',
  'PIPELINE_STATE_PAUSED',
]);
const SUCCEEDED = 'PIPELINE_STATE_SUCCEEDED';

/** Options of the training pipeline. */
export interface TrainingOptions {
  /** Training budget in milli node hours. @default 8000 (the seed's 8 node hours) */
  readonly budgetMilliNodeHours?: number;
}

/** Checks a training budget: Vertex AI accepts 8,000–800,000 milli node hours for a `CLOUD` model. */
export function validateBudget(budget: number): number {
  if (!Number.isInteger(budget) || budget < 8000 || budget > 800_000) {
    throw new LabsError(`invalid training budget ${budget} milli node hours: use an integer from 8000 (8 node hours) to 800000`);
  }
  return budget;
}

/**
 * The training pipeline of an environment: AutoML single-label image classification of the dataset, a
 * `CLOUD` model, the split the import file assigned (`ML_USE`) through a filter split, labels on the
 * pipeline and on the model.
 */
export function trainingPipelineSpec(
  env: string,
  datasetName: string,
  labels: Labels,
  options: TrainingOptions = {},
): TrainingPipelineSpec {
  const mlUse = (use: string) => `${ML_USE_LABEL}=${use}`;
  return {
    displayName: displayNameFor(env),
    labels,
    trainingTaskDefinition: AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI,
    trainingTaskInputs: {
      multiLabel: false,
      modelType: 'CLOUD',
      budgetMilliNodeHours: validateBudget(options.budgetMilliNodeHours ?? DEFAULT_BUDGET_MILLI_NODE_HOURS),
      disableEarlyStopping: false,
    },
    inputDataConfig: {
      datasetId: resourceId(datasetName),
      filterSplit: { trainingFilter: mlUse('training'), validationFilter: mlUse('validation'), testFilter: mlUse('test') },
    },
    modelToUpload: { displayName: displayNameFor(env), labels },
  };
}

/**
 * The environment's newest succeeded or still running training pipeline on this dataset, or undefined.
 * Pipelines and models outlive the stack, so a pipeline of an earlier environment of the same name
 * (another dataset) is never reused.
 */
export async function findTrainingPipeline(
  pipelines: PipelineApi,
  target: LabTarget,
  datasetName: string,
): Promise<TrainingPipeline | undefined> {
  const found = await pipelines.listTrainingPipelines({ parent: parentOf(target), filter: displayNameFilter(target.env) });
  const seconds = (p: TrainingPipeline) => Number(p.createTime?.seconds ?? 0);
  return found
    .filter((p) => p.displayName === displayNameFor(target.env) && isOfEnvironment(p.labels, target.env))
    .filter((p) => p.inputDataConfig?.datasetId === resourceId(datasetName))
    .filter((p) => p.state === SUCCEEDED || ACTIVE.has(p.state))
    .sort((a, b) => seconds(b) - seconds(a))[0];
}

/** What to do about training, decided from the environment's pipeline. */
export type TrainingDecision =
  | { readonly action: 'done'; readonly pipeline: TrainingPipeline }
  | { readonly action: 'follow'; readonly pipeline: TrainingPipeline }
  | { readonly action: 'start' };

/** A succeeded pipeline is reused, a running one followed; none (or only failed ones) means a new one. */
export function decideTraining(pipeline: TrainingPipeline | undefined): TrainingDecision {
  if (pipeline?.state === SUCCEEDED) return { action: 'done', pipeline };
  if (pipeline && ACTIVE.has(pipeline.state)) return { action: 'follow', pipeline };
  return { action: 'start' };
}

/** Starts a training pipeline. */
export async function startTraining(pipelines: PipelineApi, target: LabTarget, spec: TrainingPipelineSpec): Promise<TrainingPipeline> {
  return pipelines.createTrainingPipeline({ parent: parentOf(target), trainingPipeline: spec });
}

/** Options of {@link followTraining}. */
export interface FollowOptions {
  readonly clock: Clock;
  /** Time between two looks at the pipeline. @default 60 s */
  readonly pollMs?: number;
  readonly onEvent?: (event: LabEvent) => void;
}

/**
 * Follows a pipeline until it ends, reporting its state on every look; returns the uploaded model's
 * name. A failed or cancelled pipeline is an error that carries Vertex AI's message.
 */
export async function followTraining(pipelines: PipelineApi, pipeline: TrainingPipeline, options: FollowOptions): Promise<string> {
  const started = options.clock.now();
  let current = pipeline;
  for (;;) {
    options.onEvent?.({ type: 'training', pipeline: current.name, state: current.state, elapsedMs: options.clock.now() - started });
    if (current.state === SUCCEEDED) break;
    if (!ACTIVE.has(current.state)) {
      throw new LabsError(
        `training pipeline ${current.name} ended ${current.state}: ${current.error?.message ?? 'no error message'}; run the train step again to start a new one`,
        1,
      );
    }
    await options.clock.sleep(options.pollMs ?? 60_000);
    current = await pipelines.getTrainingPipeline({ name: current.name });
  }
  const model = current.modelToUpload?.name;
  if (!model) throw new LabsError(`training pipeline ${current.name} succeeded but names no model`, 1);
  return model;
}
