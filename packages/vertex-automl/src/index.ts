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
export type {
  DatasetApi,
  DeployedModel,
  DeployModelRequest,
  Endpoint,
  EndpointApi,
  ImportConfig,
  Labels,
  LongRunning,
  ModelApi,
  ModelEvaluation,
  ModelEvaluationSlice,
  ObjectStore,
  PipelineApi,
  PipelineState,
  PredictionApi,
  ReplicaCounts,
  TrainingPipeline,
  TrainingPipelineSpec,
  VertexClients,
  VertexDataset,
} from './vertex-api';
export {
  displayNameFilter,
  isOfEnvironment,
  ownResource,
  parentOf,
  resourceId,
  systemClock,
  type Clock,
  type LabEvent,
  type LabTarget,
} from './lab-target';
export { uploadImages, writeDataCsv, type UploadOutcome } from './upload';
export { findDataset, importImages, type ImportOutcome } from './import-images';
export {
  decideTraining,
  findTrainingPipeline,
  followTraining,
  startTraining,
  trainingPipelineSpec,
  validateBudget,
  type FollowOptions,
  type TrainingDecision,
  type TrainingOptions,
} from './training';
export {
  confusionMatrixOf,
  evaluateModel,
  evaluationReport,
  metricsAt,
  validateThreshold,
  type ConfusionMatrix,
  type EvaluationReport,
  type LabelMetrics,
  type ThresholdMetrics,
} from './evaluation';
export { evaluationChartSpec, evaluationChartSvg } from './evaluation-chart';
export {
  deployModel,
  deployModelRequest,
  findEndpoint,
  isDeployed,
  PREDICTION_IMAGE_EXTENSIONS,
  predictImages,
  readPredictionImage,
  scoresOf,
  validateNodes,
  type DeployOutcome,
  type Prediction,
} from './deployment';
export {
  deployedEndpointCosts,
  labEndpoints,
  nodesOf,
  undeployEndpoint,
  undeployEnvironment,
  undeployModels,
  undeployRequest,
  type DeployedEndpointCost,
  type UndeployOutcome,
} from './teardown';
export { endpointCostPerHourUsd, trainingCostUsd, type VertexPrices } from './cost';
export { connectBucket, objectStoreOf, type StorageBucket } from './storage-client';
export { connectVertex, vertexClientsOf, type GapicClients, type ValueCodec } from './vertex-client';
export {
  DEFAULT_STEPS,
  LAB_STEPS,
  runLab,
  selectSteps,
  type CostQuestion,
  type ImageSource,
  type LabRunDeps,
  type LabRunInput,
  type LabRunReport,
  type LabStepId,
} from './lab-run';
