import { analysePredictions, areaUnderCurve, type PredictionAnalysis, type RocPoint } from './analysis';
import type { ModelId } from './lab-settings';
import { predictionsFromRows } from './predictions';
import type { RocSeries } from './roc-chart';
import type { ResultRow, StepOutcome } from './runner';

/** `ML.EVALUATE` figures of one model with the lab's quality band. */
export interface ModelEvaluation {
  readonly model: ModelId;
  readonly roc_auc: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly model_quality: string;
}

/** What a lab run found, step results read back into plain data. */
export interface LabReport {
  /** Visitors by label (explore-buyers). */
  readonly returnBuyers?: ResultRow[];
  /** Top first visits by time on site (explore-top-visitors). */
  readonly topVisitors?: ResultRow[];
  readonly evaluations: ModelEvaluation[];
  /** ROC curves of the models whose ROC step ran. */
  readonly rocCurves: RocSeries[];
  /** Lift, ROI and AUC of the predict step. */
  readonly predictions?: PredictionAnalysis;
  /** Bytes processed and estimated cost, over all steps. */
  readonly bytes: number;
  readonly usd: number;
}

function numberField(row: ResultRow, name: string, step: string): number {
  const value = Number(row[name]);
  if (row[name] === null || row[name] === undefined || !Number.isFinite(value)) {
    throw new Error(`step "${step}" returned no number in column "${name}" (got ${JSON.stringify(row[name])})`);
  }
  return value;
}

/** ROC points from `ML.ROC_CURVE` rows (recall, false_positive_rate), closed at (0,0) and (1,1). */
export function rocPointsFromRows(rows: readonly ResultRow[], step: string): RocPoint[] {
  const points = rows.map((row) => ({ fpr: numberField(row, 'false_positive_rate', step), tpr: numberField(row, 'recall', step) }));
  return [{ fpr: 0, tpr: 0 }, ...points, { fpr: 1, tpr: 1 }].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
}

/** Reads step outcomes into a report (pure: the runner's rows in, plain figures out). */
export function labReport(outcomes: readonly StepOutcome[]): LabReport {
  const evaluations: ModelEvaluation[] = [];
  const rocCurves: RocSeries[] = [];
  let report: Partial<Pick<LabReport, 'returnBuyers' | 'topVisitors' | 'predictions'>> = {};
  for (const { step, rows } of outcomes) {
    switch (step.kind) {
      case 'explore-buyers':
        report = { ...report, returnBuyers: rows };
        break;
      case 'explore-top-visitors':
        report = { ...report, topVisitors: rows };
        break;
      case 'evaluate':
        for (const row of rows) {
          evaluations.push({
            model: step.model!,
            roc_auc: numberField(row, 'roc_auc', step.id),
            accuracy: numberField(row, 'accuracy', step.id),
            precision: numberField(row, 'precision', step.id),
            recall: numberField(row, 'recall', step.id),
            model_quality: String(row.model_quality),
          });
        }
        break;
      case 'roc': {
        const points = rocPointsFromRows(rows, step.id);
        rocCurves.push({ model: step.model!, auc: areaUnderCurve(points), points });
        break;
      }
      case 'predict':
        report = { ...report, predictions: analysePredictions(predictionsFromRows(rows, `the results of step "${step.id}"`)) };
        break;
      case 'train':
        break;
    }
  }
  return {
    ...report,
    evaluations,
    rocCurves,
    bytes: outcomes.reduce((sum, outcome) => sum + outcome.bytes, 0),
    usd: outcomes.reduce((sum, outcome) => sum + outcome.usd, 0),
  };
}
