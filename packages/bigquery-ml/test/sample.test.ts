import { readFileSync } from 'node:fs';
import { analysePredictions, parsePredictions, SAMPLE_PREDICTIONS_FILE, samplePredictionsJsonl } from '../src';

describe('sample predictions', () => {
  it('the committed file is exactly what the seeded generator writes', () => {
    expect(readFileSync(SAMPLE_PREDICTIONS_FILE, 'utf8')).toBe(samplePredictionsJsonl());
  });

  it('is a different sample under another seed', () => {
    expect(samplePredictionsJsonl(50, 1)).not.toBe(samplePredictionsJsonl(50, 2));
  });

  it('looks like a real ML.PREDICT export: a few percent buyers, a useful but imperfect model, tied scores', () => {
    const predictions = parsePredictions(samplePredictionsJsonl(), 'sample');
    const analysis = analysePredictions(predictions);
    expect(analysis.rows).toBe(2000);
    expect(analysis.base_rate).toBeGreaterThan(0.02);
    expect(analysis.base_rate).toBeLessThan(0.1);
    expect(analysis.roc_auc).toBeGreaterThan(0.75);
    expect(analysis.roc_auc).toBeLessThan(0.95);
    expect(new Set(predictions.map((p) => p.probability)).size).toBeLessThan(predictions.length);
  });
});
