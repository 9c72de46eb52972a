import type { EvaluationReport } from './evaluation';

/**
 * Vega-Lite spec of an evaluation: the confusion matrix as a heat map with its counts, beside precision
 * and recall per label at the report's threshold.
 */
export function evaluationChartSpec(report: EvaluationReport, title = 'AutoML clouds model'): Record<string, unknown> {
  const matrix = report.confusionMatrix;
  const cells = matrix
    ? matrix.rows.flatMap((row, i) => row.map((count, j) => ({ actual: matrix.labels[i] ?? '', predicted: matrix.labels[j] ?? '', count })))
    : [];
  const bars = report.labels.flatMap((entry) => [
    { label: entry.label, metric: 'precision', value: entry.precision },
    { label: entry.label, metric: 'recall', value: entry.recall },
  ]);
  const nominal = (field: string, axisTitle: string) => ({ field, type: 'nominal', title: axisTitle, sort: matrix?.labels ?? null });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${title}: confusion matrix and precision/recall at confidence ${report.threshold}`,
    hconcat: [
      {
        title: 'confusion matrix (test images)',
        width: 260,
        height: 260,
        data: { values: cells },
        encoding: { x: nominal('predicted', 'predicted label'), y: nominal('actual', 'true label') },
        layer: [
          { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', title: 'images', scale: { scheme: 'blues' } } } },
          { mark: { type: 'text', fontSize: 14 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
        ],
      },
      {
        title: `precision and recall per label (threshold ${report.threshold})`,
        width: 260,
        height: 260,
        data: { values: bars },
        mark: 'bar',
        encoding: {
          x: { field: 'label', type: 'nominal', title: 'label' },
          xOffset: { field: 'metric', type: 'nominal' },
          y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: 'value' },
          color: { field: 'metric', type: 'nominal', title: 'metric' },
        },
      },
    ],
  };
}

/** Renders the evaluation chart to SVG with Vega-Lite and Vega (headless, no canvas needed). */
export async function evaluationChartSvg(report: EvaluationReport, title?: string): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(evaluationChartSpec(report, title) as unknown as Parameters<typeof vegaLite.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
