import { isAbsolute, relative } from 'node:path';
import { analysePredictions, rocCurve, type Prediction } from '@labs/bigquery-ml';
import { readPredictionsFile } from '../labs/bqml-classification';

/** Counts of a confusion matrix at one probability threshold (buyer = label 1). */
export interface ConfusionMatrix {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** The confusion matrix of predictions classified as buyers when probability ≥ threshold (ML.PREDICT's 0.5). */
export function confusionMatrix(predictions: readonly Prediction[], threshold = 0.5): ConfusionMatrix {
  const m = { threshold, tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { label, probability } of predictions) {
    const predicted = probability >= threshold;
    if (predicted && label === 1) m.tp++;
    else if (predicted) m.fp++;
    else if (label === 1) m.fn++;
    else m.tn++;
  }
  return m;
}

/**
 * ROC curve, lift/ROI analysis and confusion matrix of a predictions file (as `labs local bqml-classification`
 * reads it); `source` names the file relative to `baseDir` when it lies inside it.
 */
export function predictionReport(file: string, baseDir: string) {
  const predictions = readPredictionsFile(file);
  const inside = relative(baseDir, file);
  const source = inside.startsWith('..') || isAbsolute(inside) ? file : inside;
  return { source, analysis: analysePredictions(predictions), roc: rocCurve(predictions), confusion: confusionMatrix(predictions) };
}
