import type { StepKind } from './steps';

const BYTES_PER_TIB = 2 ** 40;

/** Prices of BigQuery on-demand analysis, USD per TiB processed. */
export interface BigQueryPrices {
  /** Queries (`ML.EVALUATE`, `ML.ROC_CURVE`, `ML.PREDICT`, exploration). */
  readonly queryUsdPerTib: number;
  /** `CREATE MODEL` of a built-in model such as `logistic_reg`, billed at BigQuery ML's own rate. */
  readonly trainingUsdPerTib: number;
}

/** BigQuery ML's on-demand rate for creating built-in models (USD per TiB). */
export const BQML_TRAINING_USD_PER_TIB = 312.5;

/** Estimated on-demand cost in USD of processing `bytes` in a step of this kind. */
export function estimateUsd(bytes: number, kind: StepKind, prices: BigQueryPrices): number {
  const perTib = kind === 'train' ? prices.trainingUsdPerTib : prices.queryUsdPerTib;
  return (bytes / BYTES_PER_TIB) * perTib;
}

/** Bytes as a short human figure: `1.23 GB` (decimal units, as the BigQuery console shows them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(2)} ${units[unit]}`;
}
