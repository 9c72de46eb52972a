import { LabsError } from '@labs/config';

/** One scored visitor: the true label and the predicted probability of buying on a return visit. */
export interface Prediction {
  readonly label: 0 | 1;
  readonly probability: number;
}

/** A point of an ROC curve. */
export interface RocPoint {
  /** False positive rate. */
  readonly fpr: number;
  /** True positive rate (recall). */
  readonly tpr: number;
}

/** One percentile bucket of the lift table (top bucket first). */
export interface LiftBucket {
  /** Upper edge of the bucket, in percent of visitors ranked by probability (10 = the top 10%). */
  readonly top_pct: number;
  /** Visitors in the bucket (visitors with equal probability stay in one bucket, so this can be 0). */
  readonly visitors: number;
  /** Buyers / visitors in the bucket; null for an empty bucket. */
  readonly conversion_rate: number | null;
  /** The bucket's buyers as a share of all buyers; null when there are no buyers at all. */
  readonly share_of_buyers: number | null;
  /** Conversion rate / base rate; null for an empty bucket or a zero base rate. */
  readonly lift: number | null;
}

/** ROI multiple of targeting the top k% of visitors instead of everyone. */
export interface RoiAtK {
  readonly k: number;
  /** Conversion rate among the top k% / base rate; null when the base rate is zero. */
  readonly roi: number | null;
}

/** The analysis of a set of predictions (`labs local bqml-classification --json` prints exactly this). */
export interface PredictionAnalysis {
  readonly rows: number;
  readonly base_rate: number;
  /** Area under the ROC curve; null when only one class is present. */
  readonly roc_auc: number | null;
  readonly lift: LiftBucket[];
  readonly roi_top_k: RoiAtK[];
}

/** The k values of `roi_top_k`: the seed's 6% and the usual cut-offs around it. */
export const ROI_TOP_K = [1, 5, 6, 10, 20] as const;

/** Visitors with the same probability, in descending order of probability. */
interface TieGroup {
  readonly probability: number;
  readonly visitors: number;
  readonly buyers: number;
}

function tieGroups(predictions: readonly Prediction[]): TieGroup[] {
  const sorted = [...predictions].sort((a, b) => b.probability - a.probability);
  const groups: { probability: number; visitors: number; buyers: number }[] = [];
  for (const prediction of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.probability === prediction.probability) {
      last.visitors += 1;
      last.buyers += prediction.label;
    } else {
      groups.push({ probability: prediction.probability, visitors: 1, buyers: prediction.label });
    }
  }
  return groups;
}

function countBuyers(predictions: readonly Prediction[]): number {
  return predictions.reduce((sum, prediction) => sum + prediction.label, 0);
}

/**
 * ROC curve from (0,0) to (1,1), one point per distinct probability (ties move both rates at once).
 * Empty when only one class is present.
 */
export function rocCurve(predictions: readonly Prediction[]): RocPoint[] {
  const positives = countBuyers(predictions);
  const negatives = predictions.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let truePositives = 0;
  let falsePositives = 0;
  for (const group of tieGroups(predictions)) {
    truePositives += group.buyers;
    falsePositives += group.visitors - group.buyers;
    points.push({ fpr: falsePositives / negatives, tpr: truePositives / positives });
  }
  return points;
}

/** Area under an ROC curve by the trapezoid rule (ties count half, as in the Mann–Whitney statistic). */
export function areaUnderCurve(points: readonly RocPoint[]): number | null {
  if (points.length < 2) return null;
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1]!;
    const current = points[i]!;
    area += ((current.fpr - previous.fpr) * (current.tpr + previous.tpr)) / 2;
  }
  return area;
}

/**
 * Lift table over `buckets` equal percentile buckets of visitors ranked by probability, top first.
 * A group of equal probabilities goes, whole, to the bucket where its first visitor ranks, so a bucket
 * can be empty.
 */
export function liftTable(predictions: readonly Prediction[], buckets = 10): LiftBucket[] {
  const total = predictions.length;
  const totalBuyers = countBuyers(predictions);
  const baseRate = total ? totalBuyers / total : 0;
  const counts = Array.from({ length: buckets }, () => ({ visitors: 0, buyers: 0 }));
  let rank = 0;
  for (const group of tieGroups(predictions)) {
    const bucket = counts[Math.floor((rank * buckets) / total)]!;
    bucket.visitors += group.visitors;
    bucket.buyers += group.buyers;
    rank += group.visitors;
  }
  return counts.map((bucket, index) => {
    const conversion = bucket.visitors ? bucket.buyers / bucket.visitors : null;
    return {
      top_pct: ((index + 1) * 100) / buckets,
      visitors: bucket.visitors,
      conversion_rate: conversion,
      share_of_buyers: totalBuyers ? bucket.buyers / totalBuyers : null,
      lift: conversion !== null && baseRate > 0 ? conversion / baseRate : null,
    };
  });
}

/**
 * ROI multiple of targeting the top k% by probability: their conversion rate over the base rate.
 * The top k% is k/100 of the visitors exactly; a tie group cut by that edge counts pro rata (the
 * expected value when ties are broken at random).
 */
export function roiTopK(predictions: readonly Prediction[], ks: readonly number[] = ROI_TOP_K): RoiAtK[] {
  const total = predictions.length;
  const baseRate = total ? countBuyers(predictions) / total : 0;
  const groups = tieGroups(predictions);
  return ks.map((k) => {
    const targeted = (k * total) / 100;
    let remaining = targeted;
    let buyers = 0;
    for (const group of groups) {
      if (remaining <= 0) break;
      const taken = Math.min(group.visitors, remaining);
      buyers += (group.buyers * taken) / group.visitors;
      remaining -= taken;
    }
    return { k, roi: baseRate > 0 && targeted > 0 ? buyers / targeted / baseRate : null };
  });
}

/** Base rate, ROC AUC, lift table and ROI at the top k% of a non-empty set of predictions. */
export function analysePredictions(predictions: readonly Prediction[]): PredictionAnalysis {
  if (predictions.length === 0) throw new LabsError('no predictions to analyse: the input has no rows');
  return {
    rows: predictions.length,
    base_rate: countBuyers(predictions) / predictions.length,
    roc_auc: areaUnderCurve(rocCurve(predictions)),
    lift: liftTable(predictions),
    roi_top_k: roiTopK(predictions),
  };
}
