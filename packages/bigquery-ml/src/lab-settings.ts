import { validateEnvName } from '@labs/config';
import { SEED_WINDOWS, validateWindows, type LabWindows } from './date-window';
import { tableRef, validateName, validateProjectId, type TableRef } from './identifiers';

/** The Google Analytics sample the lab reads (public, in the US multi-region). */
export const SEED_SOURCE = { project: 'data-to-insights', dataset: 'ecommerce', name: 'web_analytics' } as const;

/** The seed lab's model names. */
export const SEED_MODEL_NAMES = { first: 'classification_model', second: 'classification_model_2' } as const;

/** Where BigQuery runs the lab's jobs: next to the public source data. */
export const LAB_LOCATION = 'US';

/** The two models the lab trains and compares. */
export type ModelId = 'model-1' | 'model-2';

/** Everything the lab's statements are parameterised by, validated. */
export interface LabSettings {
  /** Project that owns the dataset and runs the jobs. */
  readonly project: string;
  /** Dataset holding the models. */
  readonly dataset: string;
  /** Source table. */
  readonly source: TableRef;
  /** Train, evaluate and predict windows. */
  readonly windows: LabWindows;
  /** The models, by id. */
  readonly models: Readonly<Record<ModelId, TableRef>>;
}

/** Input of `labSettings`. */
export interface LabSettingsInput {
  /** Project that owns the dataset and runs the jobs. */
  readonly project: string;
  /** Dataset holding the models. */
  readonly dataset: string;
  /** Source table. @default `data-to-insights.ecommerce.web_analytics` */
  readonly source?: { readonly project: string; readonly dataset: string; readonly name: string };
  /** Date windows. @default the seed's (train Aug 2016–Apr 2017, evaluate May–Jun 2017, predict July 2017) */
  readonly windows?: LabWindows;
}

/** Validates every identifier and window of a lab run. */
export function labSettings(input: LabSettingsInput): LabSettings {
  const project = validateProjectId(input.project);
  const dataset = validateName('dataset', input.dataset);
  const source = input.source ?? SEED_SOURCE;
  return {
    project,
    dataset,
    source: tableRef(source.project, source.dataset, source.name),
    windows: validateWindows(input.windows ?? SEED_WINDOWS),
    models: {
      'model-1': tableRef(project, dataset, SEED_MODEL_NAMES.first, 'model'),
      'model-2': tableRef(project, dataset, SEED_MODEL_NAMES.second, 'model'),
    },
  };
}

/** Dataset id of an environment: `ecommerce_<env>` with hyphens as underscores, unique per env in one project. */
export function datasetIdFor(envName: string): string {
  return `ecommerce_${validateEnvName(envName).replace(/-/g, '_')}`;
}

/**
 * Service account id of an environment's runner: `bqml-<env>`. Env names are 3–24 characters, so the id
 * is 8–29 characters, inside the 6–30 that IAM allows.
 */
export function runnerAccountIdFor(envName: string): string {
  return `bqml-${validateEnvName(envName)}`;
}
