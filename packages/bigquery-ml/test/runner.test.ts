import { LabsError } from '@labs/config';
import {
  labReport,
  labSettings,
  labSteps,
  runSteps,
  selectSteps,
  type BigQueryJobs,
  type QueryJobHandle,
  type QueryJobRequest,
  type ResultRow,
  type RunEvent,
} from '../src';

const settings = labSettings({ project: 'my-lab-project', dataset: 'ecommerce_alice' });
const steps = labSteps(settings);
const prices = { queryUsdPerTib: 6.25, trainingUsdPerTib: 312.5 };
const TIB = 2 ** 40;

/** Rows a real run would return, by step kind. */
function rowsFor(query: string): ResultRow[] {
  if (query.startsWith('CREATE OR REPLACE MODEL')) return [];
  if (query.includes('ML.EVALUATE') && query.includes('classification_model_2')) {
    return [{ roc_auc: 0.9104, accuracy: 0.9, precision: 0.5, recall: 0.4, model_quality: 'good' }];
  }
  if (query.includes('ML.EVALUATE')) return [{ roc_auc: 0.7246, accuracy: 0.95, precision: 0, recall: 0, model_quality: 'decent' }];
  if (query.includes('ML.ROC_CURVE')) {
    return [
      { threshold: 0.8, recall: 0.5, false_positive_rate: 0.1 },
      { threshold: 0.2, recall: 0.9, false_positive_rate: 0.5 },
    ];
  }
  if (query.includes('ML.PREDICT')) {
    return [
      {
        will_buy_on_return_visit: 1,
        predicted_will_buy_on_return_visit_probs: [
          { label: 1, prob: 0.9 },
          { label: 0, prob: 0.1 },
        ],
      },
      {
        will_buy_on_return_visit: 0,
        predicted_will_buy_on_return_visit_probs: [
          { label: 1, prob: 0.2 },
          { label: 0, prob: 0.8 },
        ],
      },
    ];
  }
  if (query.includes('LIMIT @top_limit')) return [{ bounces: 0, time_on_site: 15047, will_buy_on_return_visit: 0 }];
  return [
    { will_buy_on_return_visit: 0, total_visitors: 729848 },
    { will_buy_on_return_visit: 1, total_visitors: 11873 },
  ];
}

/** A stand-in for the BigQuery client that records every job request and answers like BigQuery. */
class RecordingBigQuery implements BigQueryJobs {
  readonly requests: QueryJobRequest[] = [];
  constructor(private readonly bytesFor: (query: string) => number) {}

  async createQueryJob(options: QueryJobRequest): Promise<[QueryJobHandle]> {
    this.requests.push(options);
    const id = `job_${this.requests.length}`;
    if (options.dryRun) {
      return [
        { id, metadata: { statistics: { totalBytesProcessed: String(this.bytesFor(options.query)) } }, getQueryResults: async () => [[]] },
      ];
    }
    return [{ id, getQueryResults: async () => [rowsFor(options.query)] }];
  }
}

describe('runSteps', () => {
  it('dry-runs each step, then runs it capped at --max-bytes, in the lab order, with parameters and location', async () => {
    const client = new RecordingBigQuery(() => 1_000_000);
    const events: RunEvent[] = [];
    const outcomes = await runSteps(client, steps, { maxBytes: 5_000_000, location: 'US', prices, onEvent: (e) => events.push(e) });

    expect(client.requests).toHaveLength(steps.length * 2);
    steps.forEach((step, i) => {
      const params = Object.keys(step.statement.params).length ? { params: step.statement.params } : {};
      expect(client.requests[2 * i]).toEqual({ location: 'US', query: step.statement.sql, ...params, dryRun: true });
      expect(client.requests[2 * i + 1]).toEqual({ location: 'US', query: step.statement.sql, ...params, maximumBytesBilled: '5000000' });
    });
    expect(client.requests[4]).not.toHaveProperty('params');
    expect(client.requests[6]!.params).toEqual({ evaluate_start: '20170501', evaluate_end: '20170630' });
    expect(outcomes.map((o) => o.step.id)).toEqual(steps.map((s) => s.id));
    expect(events.slice(0, 3).map((e) => e.type)).toEqual(['estimated', 'started', 'finished']);
    expect(events[1]).toMatchObject({ type: 'started', jobId: 'job_2' });
  });

  it('prices training at the BigQuery ML rate and queries at the analysis rate', async () => {
    const client = new RecordingBigQuery(() => TIB / 1000);
    const outcomes = await runSteps(client, selectSteps(steps, 'train-model-1').concat(selectSteps(steps, 'evaluate-model-1')), {
      maxBytes: TIB,
      location: 'US',
      prices,
    });
    expect(outcomes[0]!.usd).toBeCloseTo(0.3125, 10);
    expect(outcomes[1]!.usd).toBeCloseTo(0.00625, 10);
  });

  it('stops before running a step whose dry run is over --max-bytes', async () => {
    const client = new RecordingBigQuery((query) => (query.includes('UNNEST(hits)') ? 9_000_000_000 : 1000));
    const run = runSteps(client, steps, { maxBytes: 1_000_000_000, location: 'US', prices });
    await expect(run).rejects.toThrow(
      new LabsError(
        'step "train-model-2" would process 9.00 GB (9000000000 bytes), over --max-bytes 1000000000; raise --max-bytes to run it',
      ),
    );
    const ran = client.requests.filter((r) => !r.dryRun).map((r) => r.query);
    expect(ran).toHaveLength(5);
    expect(ran.some((query) => query.includes('UNNEST(hits)'))).toBe(false);
  });

  it('passes job labels through', async () => {
    const client = new RecordingBigQuery(() => 10);
    await runSteps(client, selectSteps(steps, 'explore-buyers'), {
      maxBytes: 100,
      location: 'US',
      prices,
      labels: { 'labs-env': 'alice' },
    });
    expect(client.requests.every((r) => r.labels?.['labs-env'] === 'alice')).toBe(true);
  });
});

describe('selectSteps', () => {
  it('selects one step by id or refuses an unknown one, listing the ids', () => {
    expect(selectSteps(steps, 'predict').map((s) => s.id)).toEqual(['predict']);
    expect(selectSteps(steps)).toHaveLength(9);
    expect(() => selectSteps(steps, 'train')).toThrow(
      /^unknown step "train": expected one of explore-buyers, explore-top-visitors, train-model-1/,
    );
  });
});

describe('labReport', () => {
  it('reads evaluations, ROC curves, lift and cost back from the step results', async () => {
    const outcomes = await runSteps(new RecordingBigQuery(() => 2 ** 30), steps, { maxBytes: 2 ** 31, location: 'US', prices });
    const report = labReport(outcomes);
    expect(report.evaluations).toEqual([
      { model: 'model-1', roc_auc: 0.7246, accuracy: 0.95, precision: 0, recall: 0, model_quality: 'decent' },
      { model: 'model-2', roc_auc: 0.9104, accuracy: 0.9, precision: 0.5, recall: 0.4, model_quality: 'good' },
    ]);
    expect(report.rocCurves.map((c) => c.model)).toEqual(['model-1', 'model-2']);
    expect(report.rocCurves[0]!.points).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0.1, tpr: 0.5 },
      { fpr: 0.5, tpr: 0.9 },
      { fpr: 1, tpr: 1 },
    ]);
    // 0.1*0.25 + 0.4*0.7 + 0.5*0.95
    expect(report.rocCurves[0]!.auc).toBeCloseTo(0.78, 12);
    expect(report.predictions).toMatchObject({ rows: 2, base_rate: 0.5, roc_auc: 1 });
    expect(report.returnBuyers).toHaveLength(2);
    expect(report.topVisitors).toEqual([{ bounces: 0, time_on_site: 15047, will_buy_on_return_visit: 0 }]);
    expect(report.bytes).toBe(9 * 2 ** 30);
    expect(report.usd).toBeCloseTo((2 * 312.5 + 7 * 6.25) / 1024, 10);
  });

  it('says which column is missing from a result', () => {
    const evaluate = selectSteps(steps, 'evaluate-model-1')[0]!;
    expect(() => labReport([{ step: evaluate, bytes: 0, usd: 0, rows: [{ roc_auc: null }] }])).toThrow(
      'step "evaluate-model-1" returned no number in column "roc_auc" (got null)',
    );
  });
});
