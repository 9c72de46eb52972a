/** The lab's quality bands on roc_auc, best first: a model is in the first band whose floor it exceeds. */
export const QUALITY_BANDS = [
  { band: 'good', above: 0.9 },
  { band: 'fair', above: 0.8 },
  { band: 'decent', above: 0.7 },
  { band: 'not great', above: 0.6 },
] as const;

/** The band below every floor. */
export const LOWEST_BAND = 'poor';

/** A quality band name. */
export type QualityBand = (typeof QUALITY_BANDS)[number]['band'] | typeof LOWEST_BAND;

/** The quality band of a roc_auc value. */
export function qualityBand(rocAuc: number): QualityBand {
  return QUALITY_BANDS.find((entry) => rocAuc > entry.above)?.band ?? LOWEST_BAND;
}

/** The same bands as a SQL `CASE` over a `roc_auc` column. */
export function qualityBandSql(column = 'roc_auc'): string {
  const whens = QUALITY_BANDS.map((entry) => `WHEN ${column} > ${entry.above} THEN '${entry.band}'`);
  return `CASE\n    ${whens.join('\n    ')}\n    ELSE '${LOWEST_BAND}'\n  END`;
}
