import type uPlot from 'uplot';
import { LineChart } from './line-chart';
import { useApi } from './use-api';

/** What `GET /api/bqml` returns. */
interface BqmlReport {
  readonly source: string;
  readonly analysis: {
    rows: number;
    base_rate: number;
    roc_auc: number | null;
    lift: { top_pct: number; visitors: number; conversion_rate: number | null; share_of_buyers: number | null; lift: number | null }[];
    roi_top_k: { k: number; roi: number | null }[];
  };
  readonly roc: { fpr: number; tpr: number }[];
  readonly confusion: { threshold: number; tp: number; fp: number; tn: number; fn: number };
}

const ROC_OPTIONS: Omit<uPlot.Options, 'width' | 'height'> = {
  scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
  axes: [{ label: 'false positive rate' }, { label: 'true positive rate' }],
  series: [
    { label: 'false positive rate' },
    { label: 'model', stroke: '#1f5fbf', width: 2 },
    { label: 'chance', stroke: '#767676', dash: [4, 4] },
  ],
};

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const times = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}x`);

/** ROC curve, lift/ROI table and confusion matrix of a predictions file. */
export function BqmlView() {
  const report = useApi<BqmlReport>('/api/bqml');
  if (report.error) return <p class="notice">Could not analyse the predictions: {report.error}</p>;
  if (!report.data) return <p>Loading …</p>;
  const { analysis, roc, confusion, source } = report.data;
  const fpr = roc.map((p) => p.fpr);
  return (
    <section aria-labelledby="bqml-title">
      <h2 id="bqml-title">BigQuery ML</h2>
      <p>
        {analysis.rows} predictions from <code>{source}</code>; base rate {pct(analysis.base_rate)}; ROC AUC{' '}
        <strong>{analysis.roc_auc === null ? '—' : analysis.roc_auc.toFixed(4)}</strong>.
      </p>
      <LineChart
        label={`ROC curve, area ${analysis.roc_auc?.toFixed(4) ?? 'undefined'}`}
        options={ROC_OPTIONS}
        data={[fpr, roc.map((p) => p.tpr), fpr]}
        height={320}
      />
      <div class="cards">
        <table>
          <caption>Lift by decile</caption>
          <thead>
            <tr>
              <th scope="col">Top</th>
              <th scope="col">Visitors</th>
              <th scope="col">Conversion</th>
              <th scope="col">Share of buyers</th>
              <th scope="col">Lift</th>
            </tr>
          </thead>
          <tbody>
            {analysis.lift.map((b) => (
              <tr key={b.top_pct}>
                <td>{b.top_pct}%</td>
                <td>{b.visitors}</td>
                <td>{pct(b.conversion_rate)}</td>
                <td>{pct(b.share_of_buyers)}</td>
                <td>{times(b.lift)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>ROI at the top k%</caption>
          <thead>
            <tr>
              <th scope="col">k</th>
              <th scope="col">ROI</th>
            </tr>
          </thead>
          <tbody>
            {analysis.roi_top_k.map((r) => (
              <tr key={r.k}>
                <td>{r.k}%</td>
                <td>{times(r.roi)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table class="confusion">
          <caption>Confusion matrix at probability ≥ {confusion.threshold}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">predicted buyer</th>
              <th scope="col">predicted non-buyer</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">buyer</th>
              <td>{confusion.tp}</td>
              <td>{confusion.fn}</td>
            </tr>
            <tr>
              <th scope="row">non-buyer</th>
              <td>{confusion.fp}</td>
              <td>{confusion.tn}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
