import { analysePredictions, areaUnderCurve, liftTable, rocCurve, roiTopK, type Prediction } from '../src';

const rows = (pairs: readonly (readonly [number, 0 | 1])[]): Prediction[] => pairs.map(([probability, label]) => ({ probability, label }));

/** 10 visitors, 3 buyers; a tie at 0.8 (one buyer, one not) and at 0.5 (three non-buyers). */
const mixed = rows([
  [0.5, 0],
  [0.9, 1],
  [0.8, 0],
  [0.1, 0],
  [0.8, 1],
  [0.7, 0],
  [0.5, 0],
  [0.6, 1],
  [0.2, 0],
  [0.5, 0],
]);

describe('ROC curve and AUC', () => {
  it('steps through each distinct probability, ties moving both rates at once', () => {
    const points = rocCurve(mixed);
    const expected = [
      [0, 0],
      [0, 1 / 3],
      [1 / 7, 2 / 3],
      [2 / 7, 2 / 3],
      [2 / 7, 1],
      [5 / 7, 1],
      [6 / 7, 1],
      [1, 1],
    ];
    expect(points).toHaveLength(expected.length);
    points.forEach((point, i) => {
      expect(point.fpr).toBeCloseTo(expected[i]![0]!, 12);
      expect(point.tpr).toBeCloseTo(expected[i]![1]!, 12);
    });
  });

  it('AUC equals the Mann-Whitney count with ties as half: 18.5 of 21 pairs', () => {
    expect(areaUnderCurve(rocCurve(mixed))).toBeCloseTo(37 / 42, 12);
  });

  it('AUC is 0.5 when every probability is equal, and null with one class only', () => {
    expect(
      areaUnderCurve(
        rocCurve(
          rows([
            [0.3, 1],
            [0.3, 0],
            [0.3, 0],
          ]),
        ),
      ),
    ).toBeCloseTo(0.5, 12);
    expect(
      rocCurve(
        rows([
          [0.3, 0],
          [0.7, 0],
        ]),
      ),
    ).toEqual([]);
    expect(areaUnderCurve([])).toBeNull();
  });

  it('a perfect ranking has AUC 1 and a reversed one 0', () => {
    expect(
      areaUnderCurve(
        rocCurve(
          rows([
            [0.9, 1],
            [0.4, 0],
            [0.2, 0],
          ]),
        ),
      ),
    ).toBe(1);
    expect(
      areaUnderCurve(
        rocCurve(
          rows([
            [0.1, 1],
            [0.4, 0],
            [0.2, 0],
          ]),
        ),
      ),
    ).toBe(0);
  });
});

describe('lift table', () => {
  it('keeps tie groups whole, leaving empty buckets', () => {
    const table = liftTable(mixed);
    expect(table.map((b) => b.top_pct)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(table.map((b) => b.visitors)).toEqual([1, 2, 0, 1, 1, 3, 0, 0, 1, 1]);
    expect(table.map((b) => b.conversion_rate)).toEqual([1, 0.5, null, 0, 1, 0, null, null, 0, 0]);
    const share = table.map((b) => b.share_of_buyers);
    [1 / 3, 1 / 3, 0, 0, 1 / 3, 0, 0, 0, 0, 0].forEach((value, i) => expect(share[i]).toBeCloseTo(value, 12));
    const lift = table.map((b) => b.lift);
    [10 / 3, 5 / 3, null, 0, 10 / 3, 0, null, null, 0, 0].forEach((value, i) =>
      value === null ? expect(lift[i]).toBeNull() : expect(lift[i]).toBeCloseTo(value, 12),
    );
  });

  it('puts everyone in the top bucket when all probabilities tie', () => {
    const table = liftTable(
      rows([
        [0.5, 1],
        [0.5, 0],
        [0.5, 0],
        [0.5, 0],
      ]),
      4,
    );
    expect(table).toEqual([
      { top_pct: 25, visitors: 4, conversion_rate: 0.25, share_of_buyers: 1, lift: 1 },
      { top_pct: 50, visitors: 0, conversion_rate: null, share_of_buyers: 0, lift: null },
      { top_pct: 75, visitors: 0, conversion_rate: null, share_of_buyers: 0, lift: null },
      { top_pct: 100, visitors: 0, conversion_rate: null, share_of_buyers: 0, lift: null },
    ]);
  });

  it('has no share or lift when nobody bought', () => {
    expect(
      liftTable(
        rows([
          [0.9, 0],
          [0.1, 0],
        ]),
        2,
      ),
    ).toEqual([
      { top_pct: 50, visitors: 1, conversion_rate: 0, share_of_buyers: null, lift: null },
      { top_pct: 100, visitors: 1, conversion_rate: 0, share_of_buyers: null, lift: null },
    ]);
  });
});

describe('ROI of targeting the top k%', () => {
  it('divides the top k% conversion rate by the base rate, a cut tie group counting pro rata', () => {
    const roi = roiTopK(mixed, [1, 5, 6, 10, 20, 30, 50, 60, 100]);
    const expected = [10 / 3, 10 / 3, 10 / 3, 10 / 3, 2.5, 20 / 9, 2, 5 / 3, 1];
    expect(roi.map((r) => r.k)).toEqual([1, 5, 6, 10, 20, 30, 50, 60, 100]);
    roi.forEach((r, i) => expect(r.roi).toBeCloseTo(expected[i]!, 12));
  });

  it('is 1 at every k when all probabilities tie, and null without buyers', () => {
    roiTopK(
      rows([
        [0.5, 1],
        [0.5, 0],
        [0.5, 0],
        [0.5, 0],
      ]),
    ).forEach((r) => expect(r.roi).toBeCloseTo(1, 12));
    expect(roiTopK(rows([[0.5, 0]]), [10])).toEqual([{ k: 10, roi: null }]);
  });
});

describe('analysePredictions', () => {
  it('reports rows, base rate, AUC, deciles and ROI at 1, 5, 6, 10 and 20%', () => {
    const analysis = analysePredictions(mixed);
    expect(analysis.rows).toBe(10);
    expect(analysis.base_rate).toBeCloseTo(0.3, 12);
    expect(analysis.roc_auc).toBeCloseTo(37 / 42, 12);
    expect(analysis.lift).toHaveLength(10);
    expect(analysis.roi_top_k.map((r) => r.k)).toEqual([1, 5, 6, 10, 20]);
    expect(analysis.roi_top_k[4]!.roi).toBeCloseTo(2.5, 12);
  });

  it('refuses an empty input', () => {
    expect(() => analysePredictions([])).toThrow('no predictions to analyse');
  });
});
