import { useEffect, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { postJson } from './api';
import { LineChart } from './line-chart';

/** One status of the session (`SessionStatus` of the kinesis-data runner). */
interface Status {
  readonly phase: string;
  readonly elapsedMs: number;
  readonly shards: number;
  readonly produced: number;
  readonly delivered: number;
  readonly lagMs: number;
  readonly minuteRecords: number;
}

interface Series {
  t: number[];
  produced: number[];
  delivered: (number | null)[];
  shards: number[];
  lag: (number | null)[];
}

/** What the server pushes while it watches a deployed stream: CloudWatch's per-minute metrics. */
interface Metrics {
  readonly stream: string;
  readonly shards: number;
  readonly minutes: { at: string; recordsPerSecond: number; throttled: number }[];
}

/** The chart's series from CloudWatch minutes (incoming records/s; delivery and lag are not in CloudWatch's stream metrics). */
function metricsSeries(metrics: Metrics): Series {
  const first = Date.parse(metrics.minutes[0]?.at ?? '');
  return {
    t: metrics.minutes.map((m) => (Date.parse(m.at) - first) / 1000),
    produced: metrics.minutes.map((m) => m.recordsPerSecond),
    delivered: metrics.minutes.map(() => null),
    shards: metrics.minutes.map(() => metrics.shards),
    lag: metrics.minutes.map(() => null),
  };
}

const EMPTY: Series = { t: [], produced: [], delivered: [], shards: [], lag: [] };

/** Appends a status: per-second rates from the difference with the previous one. */
function appendStatus(series: Series, previous: Status | undefined, status: Status): Series {
  const dt = previous ? Math.max(0.001, (status.elapsedMs - previous.elapsedMs) / 1000) : 1;
  return {
    t: [...series.t, status.elapsedMs / 1000],
    produced: [...series.produced, previous ? (status.produced - previous.produced) / dt : 0],
    delivered: [...series.delivered, previous ? (status.delivered - previous.delivered) / dt : 0],
    shards: [...series.shards, status.shards],
    lag: [...series.lag, status.lagMs],
  };
}

const RATE_OPTIONS: Omit<uPlot.Options, 'width' | 'height'> = {
  scales: { x: { time: false }, shards: { range: [0, 4] } },
  axes: [{ label: 'seconds' }, { label: 'records per second' }, { scale: 'shards', side: 1, label: 'shards', grid: { show: false } }],
  series: [
    { label: 'seconds' },
    { label: 'produced/s', stroke: '#1f5fbf', width: 2 },
    { label: 'delivered/s', stroke: '#b04a00', width: 2, dash: [6, 4] },
    { label: 'shards', stroke: '#2e7d32', width: 2, scale: 'shards' },
  ],
};

const LAG_OPTIONS: Omit<uPlot.Options, 'width' | 'height'> = {
  scales: { x: { time: false } },
  axes: [{ label: 'seconds' }, { label: 'ms' }],
  series: [{ label: 'seconds' }, { label: 'consumer lag (ms)', stroke: '#6a1b9a', width: 2 }],
};

/** Starts the offline lab on the server and charts what it pushes (Server-Sent Events). */
export function KinesisDataView() {
  const [series, setSeries] = useState<Series>(EMPTY);
  const [last, setLast] = useState<Status>();
  const [events, setEvents] = useState<string[]>([]);
  const [summary, setSummary] = useState<Record<string, unknown>>();
  const [message, setMessage] = useState('');
  const [updates, setUpdates] = useState(0);
  const [env, setEnv] = useState('');
  const [deployed, setDeployed] = useState<Metrics>();

  useEffect(() => {
    const source = new EventSource('/api/kinesis-data/events');
    let previous: Status | undefined;
    source.addEventListener('starting', () => {
      previous = undefined;
      setSeries(EMPTY);
      setEvents([]);
      setSummary(undefined);
      setDeployed(undefined);
      setLast(undefined);
      setUpdates(0);
    });
    source.addEventListener('status', (e) => {
      const status = (JSON.parse((e as MessageEvent<string>).data) as { status: Status }).status;
      const before = previous;
      previous = status;
      setSeries((s) => appendStatus(s, before, status));
      setLast(status);
      setUpdates((n) => n + 1);
    });
    source.addEventListener('metrics', (e) => {
      const metrics = JSON.parse((e as MessageEvent<string>).data) as Metrics;
      setDeployed(metrics);
      setSeries(metricsSeries(metrics));
      setUpdates((n) => n + 1);
    });
    source.addEventListener('event', (e) => {
      const line = (JSON.parse((e as MessageEvent<string>).data) as { line: string }).line;
      setEvents((list) => [...list, line]);
    });
    source.addEventListener('summary', (e) =>
      setSummary((JSON.parse((e as MessageEvent<string>).data) as { summary: Record<string, unknown> }).summary),
    );
    source.addEventListener('error', (e) => {
      const data = (e as MessageEvent<string>).data;
      if (data) setMessage(`run failed: ${(JSON.parse(data) as { error: string }).error}`);
    });
    return () => source.close();
  }, []);

  const start = () =>
    postJson('/api/kinesis-data/start', {}, true).then(
      () => setMessage('starting kinesis-local and the sensors …'),
      (e: Error) => setMessage(e.message),
    );
  const stop = () =>
    postJson('/api/kinesis-data/stop', {}, true).then(
      () => setMessage('stopping: flushing and draining …'),
      (e: Error) => setMessage(e.message),
    );
  const watch = (e: Event) => {
    e.preventDefault();
    postJson('/api/kinesis-data/watch', { env }, true).then(
      () => setMessage(`reading CloudWatch for environment ${env} …`),
      (error: Error) => setMessage(error.message),
    );
  };
  const scalings = events.filter((line) => line.startsWith('scaler:') || line.startsWith('shards '));

  return (
    <section aria-labelledby="kds-title">
      <h2 id="kds-title">Kinesis Data, live</h2>
      <p>
        Runs <code>labs local kinesis-data</code>'s engine here: kinesis-local, simulated sensors ramping past the lab's trigger (1,000
        records a minute per shard), a consumer, and the shard scaler's decision loop.
      </p>
      <button type="button" onClick={() => void start()}>
        Start offline run
      </button>{' '}
      <button type="button" onClick={() => void stop()}>
        Stop
      </button>
      <form class="filters" onSubmit={watch}>
        <label>
          Deployed environment <input value={env} onInput={(e) => setEnv((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Watch through CloudWatch</button>
      </form>
      <p role="status" class="message">
        {message}
      </p>
      {deployed && (
        <p>
          {deployed.stream}: {deployed.shards} open shard{deployed.shards === 1 ? '' : 's'}; incoming records per second over the last{' '}
          {deployed.minutes.length} minutes (CloudWatch, per minute), {deployed.minutes.reduce((n, m) => n + m.throttled, 0)} refused for
          throughput.
        </p>
      )}
      <dl class="figures" data-updates={updates}>
        <dt>Phase</dt>
        <dd>{last?.phase ?? 'idle'}</dd>
        <dt>Shards</dt>
        <dd>{last?.shards ?? '—'}</dd>
        <dt>Produced</dt>
        <dd>{last?.produced ?? '—'}</dd>
        <dt>Delivered</dt>
        <dd>{last?.delivered ?? '—'}</dd>
        <dt>Lag</dt>
        <dd>{last ? `${last.lagMs} ms` : '—'}</dd>
        <dt>Updates</dt>
        <dd id="kds-updates">{updates}</dd>
      </dl>
      <LineChart
        label="Produced and delivered records per second, and the shard count"
        options={RATE_OPTIONS}
        data={[series.t, series.produced, series.delivered, series.shards]}
      />
      <LineChart label="Consumer lag in milliseconds" options={LAG_OPTIONS} data={[series.t, series.lag]} height={160} />
      <h3>Scaling decisions</h3>
      {scalings.length ? (
        <ul>
          {scalings.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>None yet: the scaler holds until a minute's records pass the trigger.</p>
      )}
      {summary && (
        <>
          <h3>Summary</h3>
          <pre>{JSON.stringify(summary, null, 2)}</pre>
        </>
      )}
    </section>
  );
}
