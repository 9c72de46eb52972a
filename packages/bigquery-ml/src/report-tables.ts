import type { PredictionAnalysis } from './analysis';
import type { ModelEvaluation } from './lab-report';
import { qualityBand } from './quality';

/** A printable table: headers and rows of cells. */
export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The seed's claim: targeting the top 6% of first-time visitors gives 9x the marketing ROI. */
export const SEED_CLAIM = { k: 6, roi: 9 } as const;

const fixed = (value: number | null, digits: number) => (value === null ? '-' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(2)}%`);
const times = (value: number | null) => (value === null ? '-' : `${value.toFixed(2)}x`);

/** ML.EVALUATE figures per model. */
export function evaluationTable(evaluations: readonly ModelEvaluation[]): TextTable {
  return {
    headers: ['model', 'roc_auc', 'accuracy', 'precision', 'recall', 'quality'],
    rows: evaluations.map((e) => [
      e.model,
      fixed(e.roc_auc, 4),
      fixed(e.accuracy, 4),
      fixed(e.precision, 4),
      fixed(e.recall, 4),
      e.model_quality,
    ]),
  };
}

/** Headline figures of a predictions analysis, with the lab's quality band for its AUC. */
export function summaryTable(analysis: PredictionAnalysis): TextTable {
  return {
    headers: ['rows', 'base_rate', 'roc_auc', 'quality'],
    rows: [
      [
        String(analysis.rows),
        percent(analysis.base_rate),
        fixed(analysis.roc_auc, 4),
        analysis.roc_auc === null ? '-' : qualityBand(analysis.roc_auc),
      ],
    ],
  };
}

/** The lift table, top bucket first. */
export function liftTextTable(analysis: PredictionAnalysis): TextTable {
  return {
    headers: ['top_pct', 'visitors', 'conversion_rate', 'share_of_buyers', 'lift'],
    rows: analysis.lift.map((b) => [
      `${b.top_pct}%`,
      String(b.visitors),
      percent(b.conversion_rate),
      percent(b.share_of_buyers),
      times(b.lift),
    ]),
  };
}

/** ROI of targeting the top k%, next to the seed's claim at 6%. */
export function roiTextTable(analysis: PredictionAnalysis): TextTable {
  return {
    headers: ['target top', 'roi vs everyone', 'seed claim'],
    rows: analysis.roi_top_k.map((r) => [`${r.k}%`, times(r.roi), r.k === SEED_CLAIM.k ? times(SEED_CLAIM.roi) : '']),
  };
}
