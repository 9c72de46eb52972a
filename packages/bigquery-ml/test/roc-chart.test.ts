import { estimateUsd, formatBytes, rocChartSpec, rocChartSvg } from '../src';

const series = [
  {
    model: 'model-1',
    auc: 0.7246,
    points: [
      { fpr: 0, tpr: 0 },
      { fpr: 0.3, tpr: 0.6 },
      { fpr: 1, tpr: 1 },
    ],
  },
  {
    model: 'model-2',
    auc: null,
    points: [
      { fpr: 0, tpr: 0 },
      { fpr: 0.1, tpr: 0.8 },
      { fpr: 1, tpr: 1 },
    ],
  },
];

describe('ROC chart', () => {
  it('plots one line per model, named with its AUC, over the chance diagonal', () => {
    const spec = rocChartSpec(series) as { layer: { data: { values: { model?: string }[] } }[] };
    expect(spec.layer).toHaveLength(2);
    const models = new Set(spec.layer[1]!.data.values.map((v) => v.model));
    expect([...models]).toEqual(['model-1 (AUC 0.7246)', 'model-2']);
  });

  it('renders an SVG with both curves, the legend and axis titles', async () => {
    const svg = await rocChartSvg(series);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('model-1 (AUC 0.7246)');
    expect(svg).toContain('false positive rate');
    expect(svg).toContain('true positive rate (recall)');
    expect(svg).toContain('mark-line role-mark layer_0_marks');
    // one line per model, in the first two colours of Vega's default scheme
    expect(svg).toMatch(/<path[^>]*stroke="#4c78a8"/);
    expect(svg).toMatch(/<path[^>]*stroke="#f58518"/);
  });
});

describe('cost', () => {
  it('prices a TiB at the query or the BigQuery ML training rate', () => {
    const prices = { queryUsdPerTib: 6.25, trainingUsdPerTib: 312.5 };
    expect(estimateUsd(2 ** 40, 'predict', prices)).toBe(6.25);
    expect(estimateUsd(2 ** 39, 'train', prices)).toBe(156.25);
  });

  it('formats bytes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
  });
});
