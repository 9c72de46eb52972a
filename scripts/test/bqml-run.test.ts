import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BigQueryJobs, QueryJobHandle, QueryJobRequest, ResultRow } from '@labs/bigquery-ml';
import { LabsError, loadProjectConfig } from '@labs/config';
import { runCli } from '@labs/testing';
import { runBqml, type BqmlRunDeps } from '../src/labs/bqml-classification';
import { captureOutput } from './capture-output';

const configured = mkdtempSync(join(tmpdir(), 'bqml-run-'));
writeFileSync(join(configured, 'labs.config.json'), JSON.stringify({ gcp: { project: 'my-lab-project' } }));
const unconfigured = mkdtempSync(join(tmpdir(), 'bqml-run-empty-'));
writeFileSync(join(unconfigured, 'labs.config.json'), '{}');
const configFileIn = (dir: string) => ({ LABS_CONFIG_FILE: join(dir, 'labs.config.json') });
/** The configured project and no BigQuery: tests that reach BigQuery override `connect`. */
const offline: BqmlRunDeps = {
  loadConfig: () => loadProjectConfig(configured),
  connect: () => Promise.reject(new Error('must not connect')),
};

/** Answers like BigQuery: dry runs report bytes, jobs return rows shaped like each step's results. */
class FakeBigQuery implements BigQueryJobs {
  readonly requests: QueryJobRequest[] = [];
  constructor(private readonly bytes = 2_000_000) {}

  async createQueryJob(options: QueryJobRequest): Promise<[QueryJobHandle]> {
    this.requests.push(options);
    const rows = options.dryRun ? [] : this.rows(options.query);
    return [
      {
        id: `job_${this.requests.length}`,
        metadata: { statistics: { totalBytesProcessed: String(this.bytes) } },
        getQueryResults: async () => [rows],
      },
    ];
  }

  private rows(query: string): ResultRow[] {
    const second = query.includes('classification_model_2');
    if (query.startsWith('CREATE')) return [];
    if (query.includes('ML.EVALUATE')) {
      return [
        { roc_auc: second ? 0.9104 : 0.7246, accuracy: 0.96, precision: 0.6, recall: 0.2, model_quality: second ? 'good' : 'decent' },
      ];
    }
    if (query.includes('ML.ROC_CURVE')) return [{ threshold: 0.5, recall: second ? 0.8 : 0.5, false_positive_rate: 0.2 }];
    if (query.includes('ML.PREDICT')) {
      return [0.9, 0.7, 0.4, 0.2].map((prob, i) => ({
        will_buy_on_return_visit: i % 2 === 0 ? 1 : 0,
        predicted_will_buy_on_return_visit_probs: [
          { label: 1, prob },
          { label: 0, prob: 1 - prob },
        ],
      }));
    }
    if (query.includes('LIMIT @top_limit')) return [{ bounces: 0, time_on_site: 15047, will_buy_on_return_visit: 0 }];
    return [
      { will_buy_on_return_visit: 0, total_visitors: 729848 },
      { will_buy_on_return_visit: 1, total_visitors: 11873 },
    ];
  }
}

describe('labs run bqml-classification (injected BigQuery client)', () => {
  it('runs every step against the env dataset, prints evaluation and lift tables, writes the ROC chart', async () => {
    const client = new FakeBigQuery();
    const connected: string[] = [];
    const chart = join(configured, 'roc.svg');
    const result = await captureOutput(() =>
      runBqml(['--env', 'alice', '--chart', chart], {
        ...offline,
        connect: async (project, identity) => (connected.push(`${project} as ${identity.impersonate}`), client),
      }),
    );
    expect(result.code).toBe(0);
    expect(connected).toEqual(['my-lab-project as bqml-alice@my-lab-project.iam.gserviceaccount.com']);
    expect(client.requests.filter((r) => !r.dryRun)).toHaveLength(9);
    expect(client.requests.every((r) => r.location === 'US' && r.labels?.['labs-env'] === 'alice')).toBe(true);
    expect(client.requests[4]!.query).toContain('`my-lab-project.ecommerce_alice.classification_model`');
    expect(result.stderr).toContain('[3/9] train-model-1: train model-1');
    expect(result.stderr).toContain('dry run: 2.00 MB processed, estimated $0.0006');
    expect(result.stdout).toContain('model    roc_auc  accuracy  precision  recall  quality');
    expect(result.stdout).toContain('model-1  0.7246   0.9600    0.6000     0.2000  decent');
    expect(result.stdout).toContain('model-2  0.9104');
    expect(result.stdout).toContain('top_pct  visitors  conversion_rate  share_of_buyers  lift');
    expect(result.stdout).toContain('will_buy_on_return_visit  total_visitors');
    const svg = readFileSync(chart, 'utf8');
    expect(svg).toContain('model-1 (AUC 0.7246)');
    expect(svg).toContain('model-2 (AUC 0.9104)');
  });

  it('--step runs one step only; --json prints one document', async () => {
    const client = new FakeBigQuery();
    const result = await captureOutput(() =>
      runBqml(['--env', 'alice', '--step', 'evaluate-model-2', '--json'], { ...offline, connect: async () => client }),
    );
    expect(client.requests.map((r) => Boolean(r.dryRun))).toEqual([true, false]);
    expect(client.requests[0]!.params).toEqual({ evaluate_start: '20170501', evaluate_end: '20170630' });
    const report = JSON.parse(result.stdout) as { evaluations: { model: string; model_quality: string }[] };
    expect(report.evaluations).toEqual([expect.objectContaining({ model: 'model-2', model_quality: 'good' })]);
  });

  it('stops on a step over --max-bytes before running it', async () => {
    const client = new FakeBigQuery(3_000_000_000);
    await expect(
      captureOutput(() => runBqml(['--env', 'alice', '--max-bytes', '1GB'], { ...offline, connect: async () => client })),
    ).rejects.toThrow(
      new LabsError(
        'step "explore-buyers" would process 3.00 GB (3000000000 bytes), over --max-bytes 1000000000; raise --max-bytes to run it',
      ),
    );
    expect(client.requests.filter((r) => !r.dryRun)).toEqual([]);
  });

  it('--sql prints the statements with their parameters and never connects', async () => {
    const result = await captureOutput(() => runBqml(['--env', 'alice', '--sql', '--step', 'predict'], offline));
    expect(result.stdout).toMatch(
      /^-- step predict: predict 2017-07-01\.\.2017-08-01 with model-2 \(ML\.PREDICT\)\n-- @predict_start = "20170701"\n-- @predict_end = "20170801"\nSELECT/,
    );
    expect(result.stdout).toContain('ML.PREDICT(MODEL `my-lab-project.ecommerce_alice.classification_model_2`');
  });

  it('refuses a project id with a space from labs.config.json, quoting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bqml-run-bad-'));
    writeFileSync(join(dir, 'labs.config.json'), JSON.stringify({ gcp: { project: 'my lab' } }));
    await expect(runBqml(['--env', 'alice', '--sql'], { ...offline, loadConfig: () => loadProjectConfig(dir) })).rejects.toThrow(
      new LabsError(
        'invalid project id "my lab": use 6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      ),
    );
  });

  it('refuses a bad --max-bytes and an unknown step', async () => {
    await expect(runBqml(['--env', 'alice', '--max-bytes', 'lots'], offline)).rejects.toThrow('invalid --max-bytes "lots"');
    await expect(runBqml(['--env', 'alice', '--step', 'train'], offline)).rejects.toThrow('unknown step "train"');
  });
});

describe('labs run bqml-classification (real CLI)', () => {
  jest.setTimeout(90_000);

  it('a missing gcp.project is a one-line error, exit 2', async () => {
    const result = await runCli(['run', 'bqml-classification', '--env', 'alice', '--sql'], { env: configFileIn(unconfigured) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: no GCP project for lab bqml-classification: gcp.project is not set in labs.config.json; add {"gcp": {"project": "<project-id>"}}\n`,
    );
  });

  it('--sql lists all nine steps from the project in labs.config.json', async () => {
    const result = await runCli(['run', 'bqml-classification', '--env', 'bob', '--sql'], {
      cwd: configured,
      env: configFileIn(configured),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^-- step /gm)).toHaveLength(9);
    expect(result.stdout).toContain('CREATE OR REPLACE MODEL `my-lab-project.ecommerce_bob.classification_model_2`');
    expect(existsSync(join(configured, 'bqml-roc-bob.svg'))).toBe(false);
  });
});
