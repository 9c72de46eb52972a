export {
  assignMlUse,
  DEFAULT_SPLIT,
  DEFAULT_SPLIT_SEED,
  type MlUse,
  type SplitFractions,
  type SplitItem,
  type SplitOptions,
} from './split';
export { formatDataCsv, parseGcsUri, parseLabCsv, splitImages, type DataRow, type LabelledImage, type ParsedCsv } from './data-csv';
export { assertValidDataset, datasetProblems, labelCounts, type ValidationOptions } from './validation';
export { MAX_TRAINING_IMAGE_BYTES, readImageFolder, TRAINING_IMAGE_EXTENSIONS, type ImageFolder, type LocalImage } from './image-folder';
export { planFromCsv, planFromFolder, type DatasetPlan, type PlanOptions } from './dataset-plan';
export {
  AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI,
  bucketNameFor,
  CSV_PLACEHOLDER,
  DATA_CSV_OBJECT,
  DEFAULT_BUDGET_MILLI_NODE_HOURS,
  displayNameFor,
  IMAGE_METADATA_SCHEMA_URI,
  LAB_ID,
  LAB_REGION,
  locationPath,
  MAX_PREDICTION_IMAGE_BYTES,
  MIN_IMAGES_PER_LABEL,
  runnerAccountIdFor,
  SINGLE_LABEL_IMPORT_SCHEMA_URI,
} from './lab-settings';
