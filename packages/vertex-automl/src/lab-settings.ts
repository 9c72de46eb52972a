import { LabsError, validateEnvName } from '@labs/config';

/** The lab id, also the `labs-lab` label value. */
export const LAB_ID = 'automl-vision';

/** The seed's region: the bucket, the dataset, training and the endpoint live here. */
export const LAB_REGION = 'us-central1';

const SCHEMA = 'gs://google-cloud-aiplatform/schema';

/** Metadata schema of a Vertex AI image dataset. */
export const IMAGE_METADATA_SCHEMA_URI = `${SCHEMA}/dataset/metadata/image_1.0.0.yaml`;

/** Import schema of single-label image classification (`[ML_USE,]GCS_URI,LABEL` CSV rows). */
export const SINGLE_LABEL_IMPORT_SCHEMA_URI = `${SCHEMA}/dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml`;

/** Training task definition of AutoML image classification. */
export const AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI = `${SCHEMA}/trainingjob/definition/automl_image_classification_1.0.0.yaml`;

/** The seed's 8 node hours, the smallest budget Vertex AI accepts for a `CLOUD` model. */
export const DEFAULT_BUDGET_MILLI_NODE_HOURS = 8000;

/** Vertex AI trains a single-label classifier only with at least this many images per label. */
export const MIN_IMAGES_PER_LABEL = 10;

/** Largest image an online prediction request accepts (1.5 MB). */
export const MAX_PREDICTION_IMAGE_BYTES = 1_500_000;

/** Object name of the import file in the bucket. */
export const DATA_CSV_OBJECT = 'data.csv';

/** The seed's `data.csv` names its bucket `placeholder`; the lab rewrites it to the environment's bucket. */
export const CSV_PLACEHOLDER = 'placeholder';

/**
 * The bucket of an environment: the seed's `<project>-vcm`, with the environment name so that two
 * environments in one project never share it (project ids are globally unique, so is the name).
 */
export function bucketNameFor(project: string, env: string): string {
  return `${project}-vcm-${validateEnvName(env)}`;
}

/** Display name of the environment's dataset, training pipeline, model and endpoint: `clouds-<env>`. */
export function displayNameFor(env: string): string {
  return `clouds-${validateEnvName(env)}`;
}

/** Account id of the environment's runner service account (6–30 characters): `vcm-<env>`. */
export function runnerAccountIdFor(env: string): string {
  return `vcm-${validateEnvName(env)}`;
}

/** `projects/<project>/locations/<region>`, the parent of every Vertex AI resource of the lab. */
export function locationPath(project: string, region: string = LAB_REGION): string {
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
    throw new LabsError(`invalid project id "${project}": use 6-30 lowercase letters, digits and hyphens, starting with a letter`);
  }
  return `projects/${project}/locations/${region}`;
}
