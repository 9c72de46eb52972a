export { quoted, tableRef, type TableRef, validateName, validateProjectId } from './identifiers';
export { type DateWindow, type LabWindows, SEED_WINDOWS, sourceDate, validateWindow, validateWindows } from './date-window';
export { SqlValues, type Statement, type ValueMode } from './sql-values';
export {
  datasetIdFor,
  LAB_LOCATION,
  labSettings,
  type LabSettings,
  type LabSettingsInput,
  type ModelId,
  runnerAccountIdFor,
  SEED_MODEL_NAMES,
  SEED_SOURCE,
} from './lab-settings';
export { LOWEST_BAND, QUALITY_BANDS, qualityBand, type QualityBand, qualityBandSql } from './quality';
export { LABEL_COLUMN, visitorLabelQuery } from './sql/visitor-label';
export { model1Rows, model2Rows } from './sql/features';
export {
  createModelStatement,
  evaluateQuery,
  predictQuery,
  PROBS_COLUMN,
  returnBuyersQuery,
  rocCurveQuery,
  topTimeOnSiteQuery,
} from './sql/statements';
export { type LabStep, labSteps, selectSteps, type StepKind } from './steps';
export {
  analysePredictions,
  areaUnderCurve,
  type LiftBucket,
  liftTable,
  type Prediction,
  type PredictionAnalysis,
  rocCurve,
  type RocPoint,
  ROI_TOP_K,
  type RoiAtK,
  roiTopK,
} from './analysis';
export { parsePredictions, predictionsFromRows, PROBABILITY_COLUMN } from './predictions';
export { rocChartSpec, rocChartSvg, type RocSeries } from './roc-chart';
export { type BigQueryPrices, BQML_TRAINING_USD_PER_TIB, estimateUsd, formatBytes } from './cost';
export {
  type BigQueryJobs,
  type QueryJobHandle,
  type QueryJobRequest,
  type ResultRow,
  type RunEvent,
  type RunOptions,
  runSteps,
  type StepOutcome,
} from './runner';
export { labReport, type LabReport, type ModelEvaluation, rocPointsFromRows } from './lab-report';
export { bigQueryDatasetObjects, type BigQueryIdentity, connectBigQuery } from './bigquery-client';
export { type DatasetObject, type DatasetObjects, type ExpiryMove, moveExpiry } from './expiry';
export { parseByteSize } from './byte-size';
export { evaluationTable, liftTextTable, roiTextTable, SEED_CLAIM, summaryTable, type TextTable } from './report-tables';
export { SAMPLE_PREDICTIONS_FILE, samplePredictionsJsonl } from './sample-predictions';
