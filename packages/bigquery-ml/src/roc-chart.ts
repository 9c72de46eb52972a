import type { RocPoint } from './analysis';

/** One model's curve on the chart. */
export interface RocSeries {
  /** Legend name, such as `model-2`. */
  readonly model: string;
  /** Area under the curve, shown in the legend when known. */
  readonly auc: number | null;
  readonly points: readonly RocPoint[];
}

/** Vega-Lite spec of the ROC curves of several models, with the chance diagonal. */
export function rocChartSpec(series: readonly RocSeries[]): Record<string, unknown> {
  const legend = (entry: RocSeries) => (entry.auc === null ? entry.model : `${entry.model} (AUC ${entry.auc.toFixed(4)})`);
  const values = series.flatMap((entry) =>
    entry.points.map((point, order) => ({ model: legend(entry), fpr: point.fpr, tpr: point.tpr, order })),
  );
  const axis = (title: string) => ({ type: 'quantitative', scale: { domain: [0, 1] }, title });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'ROC curve: will buy on a return visit',
    width: 420,
    height: 420,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999999' },
        encoding: { x: { field: 'fpr', ...axis('false positive rate') }, y: { field: 'tpr', ...axis('true positive rate (recall)') } },
      },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'fpr', ...axis('false positive rate') },
          y: { field: 'tpr', ...axis('true positive rate (recall)') },
          color: { field: 'model', type: 'nominal', title: 'model', legend: { labelLimit: 400, orient: 'bottom-right' } },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  };
}

/** Renders the ROC chart to SVG with Vega-Lite and Vega (headless, no canvas needed). */
export async function rocChartSvg(series: readonly RocSeries[]): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(rocChartSpec(series) as unknown as Parameters<typeof vegaLite.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
