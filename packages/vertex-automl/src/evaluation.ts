import { LabsError } from '@labs/config';
import type { ModelApi, ModelEvaluation, ModelEvaluationSlice } from './vertex-api';

/** Precision and recall at one confidence threshold. */
export interface ThresholdMetrics {
  /** The threshold Vertex AI reported the figures at (the one nearest the threshold asked for). */
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number | null;
}

/** One label's figures. */
export interface LabelMetrics extends ThresholdMetrics {
  readonly label: string;
}

/** Counts of true labels (rows) against predicted labels (columns). */
export interface ConfusionMatrix {
  readonly labels: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

/** What `labs run automl-vision --step evaluate` prints and charts. */
export interface EvaluationReport {
  /** The confidence threshold asked for. */
  readonly threshold: number;
  /** Area under the precision-recall curve of the whole model. */
  readonly auPrc: number | null;
  readonly logLoss: number | null;
  /** All labels together at the threshold. */
  readonly overall: ThresholdMetrics | null;
  readonly labels: readonly LabelMetrics[];
  readonly confusionMatrix: ConfusionMatrix | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Checks a confidence threshold: a number from 0 to 1. */
export function validateThreshold(threshold: number): number {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new LabsError(`invalid confidence threshold ${threshold}: use a number from 0 to 1, such as 0.5`);
  }
  return threshold;
}

/** The `confidenceMetrics` entry nearest the threshold (the higher one on a tie), or null. */
export function metricsAt(metrics: unknown, threshold: number): ThresholdMetrics | null {
  const entries = isObject(metrics) && Array.isArray(metrics.confidenceMetrics) ? metrics.confidenceMetrics.filter(isObject) : [];
  let best: ThresholdMetrics | null = null;
  for (const entry of entries) {
    const at = numberOr(entry.confidenceThreshold) ?? 0;
    const candidate = {
      threshold: at,
      precision: numberOr(entry.precision) ?? 0,
      recall: numberOr(entry.recall) ?? 0,
      f1: numberOr(entry.f1Score),
    };
    const distance = Math.abs(at - threshold);
    const bestDistance = best ? Math.abs(best.threshold - threshold) : Infinity;
    if (distance < bestDistance - 1e-12 || (Math.abs(distance - bestDistance) <= 1e-12 && best && at > best.threshold)) best = candidate;
  }
  return best;
}

/** The evaluation's confusion matrix with label names, or null when it has none. */
export function confusionMatrixOf(metrics: unknown): ConfusionMatrix | null {
  const matrix = isObject(metrics) && isObject(metrics.confusionMatrix) ? metrics.confusionMatrix : undefined;
  if (!matrix || !Array.isArray(matrix.annotationSpecs) || !Array.isArray(matrix.rows)) return null;
  const labels = matrix.annotationSpecs.map((spec) => (isObject(spec) ? String(spec.displayName ?? spec.id ?? '') : String(spec)));
  const rows = matrix.rows.map((row) => (Array.isArray(row) ? row.map((cell) => Number(cell)) : []));
  return { labels, rows };
}

/** Builds the report from an evaluation and its per-label slices (labels in alphabetical order). */
export function evaluationReport(
  evaluation: ModelEvaluation,
  slices: readonly ModelEvaluationSlice[],
  threshold: number,
): EvaluationReport {
  validateThreshold(threshold);
  const metrics = isObject(evaluation.metrics) ? evaluation.metrics : {};
  const labels = slices
    .filter((slice) => slice.slice.dimension === 'annotationSpec')
    .map((slice) => {
      const at = metricsAt(slice.metrics, threshold);
      return at ? { label: slice.slice.value, ...at } : undefined;
    })
    .filter((entry): entry is LabelMetrics => entry !== undefined)
    .sort((a, b) => (a.label < b.label ? -1 : 1));
  return {
    threshold,
    auPrc: numberOr(metrics.auPrc),
    logLoss: numberOr(metrics.logLoss),
    overall: metricsAt(metrics, threshold),
    labels,
    confusionMatrix: confusionMatrixOf(metrics),
  };
}

/** Reads the model's evaluation and slices from Vertex AI and builds the report. */
export async function evaluateModel(models: ModelApi, model: string, threshold: number): Promise<EvaluationReport> {
  const [evaluation] = await models.listModelEvaluations({ parent: model });
  if (!evaluation) throw new LabsError(`model ${model} has no evaluation yet; Vertex AI evaluates AutoML models at the end of training`, 1);
  const slices = await models.listModelEvaluationSlices({ parent: evaluation.name });
  return evaluationReport(evaluation, slices, threshold);
}
