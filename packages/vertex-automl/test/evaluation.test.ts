import {
  evaluationChartSpec,
  evaluationChartSvg,
  evaluationReport,
  metricsAt,
  trainingCostUsd,
  endpointCostPerHourUsd,
  validateThreshold,
} from '../src';
import { classificationMetrics } from './fake-vertex';

const LABELS = ['cirrus', 'cumulonimbus', 'cumulus'];
const metrics = classificationMetrics(LABELS, (label) => ({
  precision: label === 'cumulus' ? 0.75 : 1,
  recall: label === 'cirrus' ? 0.5 : 1,
}));
const slices = LABELS.map((label, i) => ({
  name: `e/slices/${i}`,
  slice: { dimension: 'annotationSpec', value: label },
  metrics: metrics.slice(label),
}));
const report = evaluationReport({ name: 'e', metrics: metrics.evaluation }, [...slices].reverse(), 0.5);

describe('evaluation report', () => {
  it('reads precision and recall per label at the threshold, labels in order', () => {
    expect(report.labels).toEqual([
      { label: 'cirrus', threshold: 0.5, precision: 1, recall: 0.5, f1: 0.85 },
      { label: 'cumulonimbus', threshold: 0.5, precision: 1, recall: 1, f1: 0.85 },
      { label: 'cumulus', threshold: 0.5, precision: 0.75, recall: 1, f1: 0.85 },
    ]);
    expect(report).toMatchObject({ threshold: 0.5, auPrc: 0.97, logLoss: 0.12, overall: { threshold: 0.5, precision: 0.9, recall: 0.75 } });
  });

  it('takes the nearest threshold Vertex AI reported (the higher one on a tie), and says which', () => {
    const entry = metrics.slice('cirrus');
    expect(metricsAt(entry, 0.62)?.threshold).toBe(0.7);
    expect(metricsAt(entry, 0.6)?.threshold).toBe(0.7);
    expect(metricsAt(entry, 0.1)?.threshold).toBe(0.3);
    expect(metricsAt({}, 0.5)).toBeNull();
  });

  it('keeps the confusion matrix with its label names, true labels as rows', () => {
    expect(report.confusionMatrix).toEqual({
      labels: LABELS,
      rows: [
        [2, 1, 0],
        [1, 2, 0],
        [0, 0, 2],
      ],
    });
  });

  it('refuses a threshold outside 0..1', () => {
    expect(() => validateThreshold(1.5)).toThrow('invalid confidence threshold 1.5: use a number from 0 to 1');
  });
});

describe('evaluation chart', () => {
  it('has a heat map cell per (true, predicted) pair and a precision and a recall bar per label', () => {
    const spec = evaluationChartSpec(report) as { hconcat: { data: { values: unknown[] } }[] };
    expect(spec.hconcat[0]!.data.values).toHaveLength(9);
    expect(spec.hconcat[0]!.data.values).toContainEqual({ actual: 'cirrus', predicted: 'cumulonimbus', count: 1 });
    expect(spec.hconcat[1]!.data.values).toContainEqual({ label: 'cirrus', metric: 'recall', value: 0.5 });
  });

  it('renders an SVG with the labels, the counts and both panels', async () => {
    const svg = await evaluationChartSvg(report);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['cumulonimbus', 'predicted label', 'true label', 'precision', 'recall', 'confusion matrix (test images)'])
      expect(svg).toContain(text);
    expect(svg).toMatch(/<text[^>]*>2<\/text>/);
    expect(svg).toContain('mark-rect');
  });
});

describe('cost', () => {
  const prices = { trainingNodeHour: 3.465, endpointNodeHour: 1.375 };
  it('prices the 8 node-hour budget and a node hour of the endpoint', () => {
    expect(trainingCostUsd(8000, prices)).toBeCloseTo(27.72, 10);
    expect(endpointCostPerHourUsd(2, prices)).toBe(2.75);
  });
});
