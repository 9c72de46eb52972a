import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabsError, loadProjectConfig } from '@labs/config';
import type {
  Clock,
  InstanceRef,
  QueryRequest,
  TeradataRunClients,
  TransferRun,
  TransferState,
} from '../src/labs/teradata-migration/clients';
import { runTeradataMigration, type RunDeps } from '../src/labs/teradata-migration/run';
import { captureOutput } from './capture-output';

jest.setTimeout(60_000);

const configured = mkdtempSync(join(tmpdir(), 'td-run-'));
writeFileSync(join(configured, 'labs.config.json'), JSON.stringify({ gcp: { project: 'my-lab-project', zone: 'us-central1-b' } }));

const SOURCE_COUNTS = {
  region: 5,
  nation: 25,
  part: 20000,
  supplier: 1000,
  partsupp: 80000,
  customer: 15000,
  orders: 150000,
  lineitem: 600572,
};
const CONFIG = 'projects/123456789876/locations/us/transferConfigs/61d7ab69';
const MINUTE = 60_000;

/** Simulated time: sleeping moves the clock. */
class SimClock implements Clock {
  private t = Date.parse('2026-12-04T10:00:00Z');
  readonly sleeps: number[] = [];
  now(): Date {
    return new Date(this.t);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
  elapsed(): number {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}

/**
 * The deployed environment as the APIs show it: the VM's guest attributes step through the startup
 * script's statuses over time; a transfer run goes PENDING → RUNNING → its end state as time passes; the
 * dataset's tables exist only once a run has succeeded.
 */
class FakeEnvironment {
  readonly objects = new Map<string, string>();
  readonly runs: TransferRun[] = [];
  readonly queries: QueryRequest[] = [];
  readonly started: Date[] = [];
  readonly instances: InstanceRef[] = [];
  private readonly runStart = new Map<string, { at: number; outcome: TransferState }>();
  vmExists = true;
  /** Statuses the VM reports, each from a minute of simulated time. */
  statusTimeline: [number, Record<string, string>][] = [
    [0, { status: 'installing-hypervisor' }],
    [5 * MINUTE, { status: 'waiting-for-media', 'waiting-for': 'gs://my-lab-project-td2bq-alice/teradata-media/vantage-express.7z' }],
    [20 * MINUTE, { status: 'loading-tpch', 'waiting-for': '' }],
    [50 * MINUTE, { status: 'ready', 'row-counts': JSON.stringify(SOURCE_COUNTS) }],
  ];
  /** How the next started run ends. */
  runOutcome: TransferState = 'SUCCEEDED';
  loadedCounts: Record<string, number> = SOURCE_COUNTS;

  constructor(private readonly clock: SimClock) {}

  private readonly t0 = Date.parse('2026-12-04T10:00:00Z');
  private elapsed(): number {
    return this.clock.now().getTime() - this.t0;
  }

  private runAt(run: TransferRun): TransferRun {
    const { at, outcome } = this.runStart.get(run.name)!;
    const age = this.clock.now().getTime() - at;
    const state: TransferState = age < MINUTE ? 'PENDING' : age < 20 * MINUTE ? 'RUNNING' : outcome;
    return state === 'FAILED'
      ? { ...run, state, errorStatus: { code: 9, message: 'No response from the migration agent within 24 hours' } }
      : { ...run, state };
  }

  private get tablesLoaded(): boolean {
    return this.runs.some((run) => this.runAt(run).state === 'SUCCEEDED');
  }

  clients(): TeradataRunClients {
    return {
      guestAttributes: {
        read: async (instance, namespace) => {
          this.instances.push(instance);
          expect(namespace).toBe('td2bq');
          if (!this.vmExists) return null;
          return [...this.statusTimeline].reverse().find(([from]) => this.elapsed() >= from)![1];
        },
      },
      storage: {
        read: async (bucket, object) => this.objects.get(`${bucket}/${object}`) ?? null,
        write: async (bucket, object, text) => void this.objects.set(`${bucket}/${object}`, text),
      },
      transfers: {
        findConfig: async (parent, displayName) =>
          parent === 'projects/my-lab-project/locations/us' && displayName === 'td2bq-alice' ? CONFIG : null,
        listRuns: async (config) => {
          expect(config).toBe(CONFIG);
          return this.runs.map((run) => this.runAt(run)).reverse();
        },
        startRun: async (config, runTime) => {
          this.started.push(runTime);
          const run: TransferRun = { name: `${config}/runs/run-${this.runs.length + 1}`, state: 'PENDING', runTime: runTime.toISOString() };
          this.runs.push(run);
          this.runStart.set(run.name, { at: this.clock.now().getTime(), outcome: this.runOutcome });
          return run;
        },
        getRun: async (name) => this.runAt(this.runs.find((run) => run.name === name)!),
      },
      bigquery: {
        query: async (request) => {
          this.queries.push(request);
          if (!this.tablesLoaded)
            throw new Error(`Not found: Table my-lab-project:${request.dataset}.lineitem was not found in location US`);
          if (request.sql.includes('row_counts')) {
            return Object.entries(this.loadedCounts).map(([table_name, row_count]) => ({ table_name, row_count: String(row_count) }));
          }
          return [{ value: 1 }];
        },
      },
    };
  }
}

function setup(): { clock: SimClock; env: FakeEnvironment; deps: RunDeps } {
  const clock = new SimClock();
  const env = new FakeEnvironment(clock);
  const clients = env.clients();
  return { clock, env, deps: { connect: async () => clients, loadConfig: () => loadProjectConfig(configured), clock } };
}

describe('labs run teradata-migration (injected clients, simulated time)', () => {
  it('waits for the source with progress, uploads the schema file, runs the transfer to the end, verifies the counts', async () => {
    const { clock, env, deps } = setup();
    const result = await captureOutput(() => runTeradataMigration(['--env', 'alice', '--json'], deps));
    expect(result.code).toBe(0);
    expect(env.instances[0]).toEqual({ project: 'my-lab-project', zone: 'us-central1-b', name: 'td2bq-alice' });
    expect(result.stderr).toContain('source VM: installing-hypervisor');
    expect(result.stderr).toContain(
      'source VM: waiting-for-media (waiting for gs://my-lab-project-td2bq-alice/teradata-media/vantage-express.7z)',
    );
    expect(result.stderr).toContain('source VM: ready');
    expect(result.stderr).toContain('schema file uploaded to gs://my-lab-project-td2bq-alice/td2bq/tpch-schema.json');
    expect(result.stderr.indexOf('transfer run run-1: PENDING')).toBeLessThan(result.stderr.indexOf('transfer run run-1: RUNNING'));
    expect(result.stderr).toContain('transfer run run-1: SUCCEEDED');
    const schema = JSON.parse(env.objects.get('my-lab-project-td2bq-alice/td2bq/tpch-schema.json')!) as { databases: { name: string }[] };
    expect(schema.databases[0]!.name).toBe('tpch');
    expect(env.started).toHaveLength(1);
    expect(clock.sleeps.every((ms) => ms === 30_000)).toBe(true);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(70 * MINUTE);

    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      row_counts: { table: string; source: number; bigquery: number; match: boolean }[];
      queries: { name: string; ok: boolean }[];
      transfer: { state: string; started: boolean };
    };
    expect(report.ok).toBe(true);
    expect(report.transfer).toMatchObject({ state: 'SUCCEEDED', started: true });
    expect(report.row_counts).toContainEqual({ table: 'lineitem', source: 600572, bigquery: 600572, match: true });
    expect(report.row_counts).toHaveLength(8);
    expect(report.queries.every((q) => q.ok)).toBe(true);
    expect(env.queries.every((q) => q.dataset === 'td2bq_alice' && q.location === 'US' && q.labels['labs-env'] === 'alice')).toBe(true);
    expect(env.queries.find((q) => q.sql.includes('q3_shipping_priority'))!.sql).toContain('LIMIT 10');
    expect(env.queries.some((q) => /\bSEL\b|\bTOP\b|@@dataset_id/.test(q.sql))).toBe(false);
  });

  it('a second run skips what is done: no wait, no upload, no new transfer run; it verifies again', async () => {
    const { env, deps } = setup();
    await captureOutput(() => runTeradataMigration(['--env', 'alice'], deps));
    const queriesBefore = env.queries.length;
    const second = await captureOutput(() => runTeradataMigration(['--env', 'alice'], deps));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('schema file gs://my-lab-project-td2bq-alice/td2bq/tpch-schema.json is up to date, skipped');
    expect(second.stderr).toContain('transfer run run-1: SUCCEEDED (existing run)');
    expect(env.started).toHaveLength(1);
    expect(env.queries.length - queriesBefore).toBe(8);
    expect(second.stdout).toContain('lineitem  600572    600572    yes');
  });

  it('follows a run already in progress instead of starting another', async () => {
    const { env, deps, clock } = setup();
    env.statusTimeline = [[0, { status: 'ready', 'row-counts': JSON.stringify(SOURCE_COUNTS) }]];
    await env.clients().transfers.startRun(CONFIG, clock.now());
    const result = await captureOutput(() => runTeradataMigration(['--env', 'alice'], deps));
    expect(result.code).toBe(0);
    expect(env.started).toHaveLength(1);
    expect(result.stderr).toContain('transfer run run-1: PENDING (existing run)');
  });

  it('stops on a FAILED transfer run with the service’s message, exit 1, and starts a new run next time', async () => {
    const { env, deps } = setup();
    env.runOutcome = 'FAILED';
    await expect(captureOutput(() => runTeradataMigration(['--env', 'alice'], deps))).rejects.toThrow(
      new LabsError(
        `transfer run ${CONFIG}/runs/run-1 ended FAILED: No response from the migration agent within 24 hours; see the agent with 'journalctl -u td2bq-agent' on td2bq-alice`,
        1,
      ),
    );
    env.runOutcome = 'SUCCEEDED';
    const again = await captureOutput(() => runTeradataMigration(['--env', 'alice'], deps));
    expect(again.code).toBe(0);
    expect(env.started).toHaveLength(2);
  });

  it('stops on a CANCELLED transfer run too', async () => {
    const { env, deps } = setup();
    env.runOutcome = 'CANCELLED';
    await expect(captureOutput(() => runTeradataMigration(['--env', 'alice'], deps))).rejects.toThrow(
      `transfer run ${CONFIG}/runs/run-1 ended CANCELLED: no error message`,
    );
    expect(env.queries).toEqual([]);
  });

  it('reports a count that differs from the source, exit 1', async () => {
    const { env, deps } = setup();
    env.loadedCounts = { ...SOURCE_COUNTS, orders: 149_999 };
    const result = await captureOutput(() => runTeradataMigration(['--env', 'alice'], deps));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('orders    150000    149999    NO');
    expect(result.stderr).toContain('verification failed: a query failed or a row count differs from the source');
  });

  it('stops when the source VM reports failure, or is gone', async () => {
    const { env, deps } = setup();
    env.statusTimeline = [[0, { status: 'failed', error: 'line 42: 7z x -y ve.7z' }]];
    await expect(captureOutput(() => runTeradataMigration(['--env', 'alice'], deps))).rejects.toThrow(
      'source VM td2bq-alice failed to set up: line 42: 7z x -y ve.7z; see its serial console',
    );
    env.vmExists = false;
    await expect(captureOutput(() => runTeradataMigration(['--env', 'alice'], deps))).rejects.toThrow(
      "source VM td2bq-alice not found in my-lab-project/us-central1-b: deploy it with 'labs up teradata-migration --env alice'",
    );
  });

  it('gives up waiting for the source after the ready timeout, naming the last status', async () => {
    const { env, deps, clock } = setup();
    env.statusTimeline = [[0, { status: 'waiting-for-media', 'waiting-for': 'gs://b/ve.7z' }]];
    await expect(
      captureOutput(() => runTeradataMigration(['--env', 'alice'], { ...deps, timing: { readyTimeoutMs: 10 * MINUTE } })),
    ).rejects.toThrow('source VM td2bq-alice not ready after 10 min (last status: waiting-for-media); run again to keep waiting');
    expect(clock.elapsed()).toBeLessThanOrEqual(10 * MINUTE);
  });

  it('refuses a missing project and a bad env name before any call', async () => {
    const { deps } = setup();
    const empty = mkdtempSync(join(tmpdir(), 'td-run-empty-'));
    writeFileSync(join(empty, 'labs.config.json'), '{}');
    await expect(runTeradataMigration(['--env', 'alice'], { ...deps, loadConfig: () => loadProjectConfig(empty) })).rejects.toThrow(
      'no GCP project for lab teradata-migration',
    );
    await expect(runTeradataMigration(['--env', 'Alice!'], deps)).rejects.toThrow('invalid environment name "Alice!"');
  });
});
