import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterReader,
  localSigner,
  MkvFragmenter,
  PutMediaProducer,
  startLocalPutMediaEndpoint,
  type Fragment,
  type LocalEndpointOptions,
  type LocalPutMediaEndpoint,
  type ProducerMetrics,
  type PutMediaProducerOptions,
} from '../src';
import { closedPort, encodeTestPattern, run } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'put-media-'));
const PRODUCER_START = 1_795_000_000_000;
const fragmenter = new MkvFragmenter({ producerStartMs: PRODUCER_START });
const FRAGMENTS = [...fragmenter.push(encodeTestPattern(8)), ...fragmenter.end()];
const HEADER = fragmenter.header as Buffer;
const ALL = FRAGMENTS.map((f) => f.timecode);
/** Every run must end within this long (a stuck producer fails here rather than hanging the suite). */
const BOUND_MS = 45_000;
/** Short deadlines and back-off: failures are detected in well under a second instead of tens of seconds. */
const FAST: Partial<PutMediaProducerOptions> = {
  deadlines: { responseMs: 2000, writeMs: 1000, ackMs: 3000, drainMs: 1500 },
  backoff: { baseMs: 20, maxMs: 200 },
};

async function* source(fragments: readonly Fragment[], gapMs = 0): AsyncGenerator<Fragment> {
  for (const f of fragments) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    yield f;
  }
}

function producer(to: LocalPutMediaEndpoint, options: Partial<PutMediaProducerOptions> = {}): PutMediaProducer {
  return new PutMediaProducer({
    streamName: 'VideoStream-test',
    endpoint: async () => to.url,
    signer: localSigner(),
    producerStartMs: PRODUCER_START,
    ...FAST,
    ...options,
  });
}

/** Runs to the end, failing if it takes longer than BOUND_MS. */
async function bounded(running: Promise<ProducerMetrics>): Promise<ProducerMetrics> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the producer did not finish within ${BOUND_MS} ms`)), BOUND_MS);
  });
  try {
    return await Promise.race([running, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function start(options: LocalEndpointOptions = {}): Promise<LocalPutMediaEndpoint> {
  endpoint = await startLocalPutMediaEndpoint(options);
  return endpoint;
}

/** Distinct stored timecodes, in order of first storage. */
const stored = (e: LocalPutMediaEndpoint): number[] => [...new Set(e.stats.persisted.map((p) => p.timecode))];

/** Cluster timecodes of an MKV file, in file order. */
function fileTimecodes(file: string): number[] {
  return new ClusterReader().push(readFileSync(file)).flatMap((p) => (p.kind === 'cluster' ? [p.timecode] : []));
}

let endpoint: LocalPutMediaEndpoint | undefined;
afterEach(async () => endpoint?.stop());

describe('PutMediaProducer against the local PutMedia endpoint', () => {
  it('streams every fragment until PERSISTED and the stored stream plays', async () => {
    const out = join(dir, 'plain.mkv');
    const e = await start({ outFile: out });
    const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
    await e.stop();
    expect(metrics).toMatchObject({ fragments: 8, fragmentsPersisted: 8, fragmentsSent: 8, fragmentsResent: 0, givenUp: 0 });
    expect(metrics).toMatchObject({ connections: 1, reconnects: 0, errorAcks: 0, throttled: 0, duplicates: 0 });
    expect(metrics.bytesPersisted).toBe(FRAGMENTS.reduce((n, f) => n + f.bytes.length, 0));
    expect(e.stats).toMatchObject({ fragmentsReceived: 8, fragmentsPersisted: 8, duplicates: 0, errorsSent: 0 });
    expect(fileTimecodes(out)).toEqual(ALL);
    expect(run('ffprobe', ['-v', 'error', out])).toEqual({ status: 0, output: '' });
    expect(run('mkvinfo', [out]).status).toBe(0);
  });

  it('paces a backlog to the service limit of 5 fragments per second', async () => {
    const e = await start();
    const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
    expect(metrics.peakFragmentsPerSecond).toBeLessThanOrEqual(5);
    expect(stored(e)).toEqual(ALL);
  });

  it('resumes after a cut connection; the service stores what it had received again, and the producer counts it', async () => {
    const out = join(dir, 'dropped.mkv');
    const e = await start({ outFile: out, persistDelayMs: 500, faults: { dropAtFragment: 4 } });
    const lines: string[] = [];
    const metrics = await bounded(producer(e, { log: (l) => lines.push(l) }).run(source(FRAGMENTS), () => HEADER));
    await e.stop();
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0 });
    expect(metrics.reconnects).toBeGreaterThanOrEqual(1);
    expect(stored(e)).toEqual(ALL);
    expect(e.stats.fragmentsPersisted).toBe(8 + e.stats.duplicates);
    expect(e.stats.duplicates).toBeGreaterThanOrEqual(1);
    expect(metrics.duplicates).toBeLessThanOrEqual(e.stats.duplicates);
    expect(e.stats.duplicates).toBeLessThanOrEqual(metrics.fragmentsResent);
    expect(e.stats.errorsSent).toBe(0); // no call ever saw a timecode go backwards (4004)
    expect(fileTimecodes(out)).toEqual(ALL);
    expect(lines.some((l) => /^connection 1 ended \(.+\); reconnecting in \d+ ms, resuming after fragment timecode/.test(l))).toBe(true);
    expect(run('ffprobe', ['-v', 'error', out]).status).toBe(0);
  });

  it('gets past a service that stops reading (write and PERSISTED deadlines)', async () => {
    // the service holds the stalled connection (and the stream's one connection slot) for 4 s, then drops it
    const e = await start({ faults: { stall: { atFragment: 3, ms: 4000 } } });
    const lines: string[] = [];
    const metrics = await bounded(producer(e, { log: (l) => lines.push(l) }).run(source(FRAGMENTS), () => HEADER));
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0 });
    // the producer ended the stalled connection itself, before the service dropped it
    expect(
      lines.some((l) =>
        /^connection 1 ended \((no PERSISTED acknowledgement within 3000 ms|the service took no data for 1000 ms)\)/.test(l),
      ),
    ).toBe(true);
    expect(stored(e)).toEqual(ALL);
  });

  it('gets past a response that never ends (drain deadline)', async () => {
    const e = await start({ faults: { holdResponseOpen: true } });
    const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0 });
  });

  it.each(['ClientLimitExceededException', 'ConnectionLimitExceededException'] as const)(
    'retries a call throttled with HTTP 400 %s',
    async (errorType) => {
      const e = await start({ faults: { rejectCalls: { count: 2, errorType } } });
      const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
      expect(metrics).toMatchObject({ fragmentsPersisted: 8, throttled: 2, givenUp: 0 });
      expect(e.stats.refused[errorType]).toBe(2);
    },
  );

  it('asks for the endpoint again after HTTP 400 InvalidEndpointException', async () => {
    const e = await start({ faults: { rejectCalls: { count: 1, errorType: 'InvalidEndpointException' } } });
    let lookups = 0;
    const lookup = async (): Promise<string> => {
      lookups++;
      return e.url;
    };
    const metrics = await bounded(producer(e, { endpoint: lookup }).run(source(FRAGMENTS), () => HEADER));
    expect(metrics.fragmentsPersisted).toBe(8);
    expect(lookups).toBe(2);
  });

  it('survives a reconnect that races the old connection’s release (one connection per stream)', async () => {
    const e = await start({ releaseDelayMs: 1500, faults: { dropAtFragment: 3 } });
    const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
    expect(e.stats.refused.ConnectionLimitExceededException).toBeGreaterThanOrEqual(1);
    expect(metrics.throttled).toBe(
      (e.stats.refused.ConnectionLimitExceededException ?? 0) + (e.stats.refused.ClientLimitExceededException ?? 0),
    );
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0 });
    expect(stored(e)).toEqual(ALL);
  });

  it('retries failed GetDataEndpoint and credential lookups', async () => {
    const e = await start();
    let lookups = 0;
    let signings = 0;
    const sign = localSigner();
    const metrics = await bounded(
      producer(e, {
        endpoint: async () => {
          if (++lookups <= 2) throw new Error('GetDataEndpoint: ClientLimitExceededException');
          return e.url;
        },
        signer: async (request) => {
          if (++signings === 1) throw new Error('Could not load credentials from any providers');
          return sign(request);
        },
      }).run(source(FRAGMENTS), () => HEADER),
    );
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0 });
    expect([lookups, signings]).toEqual([4, 2]);
  });

  it('rotates ahead of the service’s connection limit and streams on while the old connection drains', async () => {
    // The service ends connections after 2 s here (ERROR 4003; the producer rotates at 1.5 s); PERSISTED takes 1.5 s.
    const e = await start({ persistDelayMs: 1500, limits: { maxConnectionMs: 2000 } });
    const metrics = await bounded(producer(e, { connectionLifetimeMs: 2000 }).run(source(FRAGMENTS, 300), () => HEADER));
    expect(metrics.rotations).toBeGreaterThanOrEqual(1);
    expect(e.stats.errorsSent).toBe(0);
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, givenUp: 0, duplicates: 0 });
    expect(stored(e)).toEqual(ALL);
    // no gap: each new connection carried a fragment before its predecessor's last fragment was persisted
    const byConnection = new Map<number, { firstReceived: number; lastPersisted: number }>();
    for (const p of e.stats.persisted) {
      const seen = byConnection.get(p.connection) ?? { firstReceived: Infinity, lastPersisted: 0 };
      byConnection.set(p.connection, {
        firstReceived: Math.min(seen.firstReceived, p.receivedAt),
        lastPersisted: Math.max(seen.lastPersisted, p.persistedAt),
      });
    }
    const connections = [...byConnection.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
    for (let i = 1; i < connections.length; i++) {
      expect(connections[i]?.firstReceived).toBeLessThan(connections[i - 1]?.lastPersisted as number);
    }
  });

  it('still reads the PERSISTED acknowledgements in flight after a retryable ERROR (5000), so nothing is sent twice', async () => {
    const e = await start({ persistDelayMs: 400, faults: { errorAtFragment: { fragment: 4, errorId: 5000 } } });
    const metrics = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER));
    expect(metrics).toMatchObject({ errorAcks: 1, fragmentsPersisted: 8, duplicates: 0, givenUp: 0 });
    expect(e.stats.duplicates).toBe(0);
    expect(stored(e)).toEqual(ALL);
  });

  it('logs and ignores an acknowledgement of an unknown EventType without dropping the connection', async () => {
    const e = await start({ faults: { unknownEventAtFragment: 2 } });
    const lines: string[] = [];
    const metrics = await bounded(producer(e, { log: (l) => lines.push(l) }).run(source(FRAGMENTS), () => HEADER));
    expect(metrics).toMatchObject({ fragmentsPersisted: 8, reconnects: 0, connections: 1, ignoredAckLines: 1 });
    expect(lines).toContain('ignored a PutMedia acknowledgement line: unknown PutMedia acknowledgement EventType "THROTTLED_PREVIEW"');
  });

  it('gives up what it cannot deliver within the retry budget, counts it, and ends', async () => {
    const e = await start();
    async function* outage(): AsyncGenerator<Fragment> {
      yield* source(FRAGMENTS.slice(0, 2));
      while (e.stats.fragmentsPersisted < 2) await new Promise((r) => setTimeout(r, 20));
      await e.stop(); // the service becomes unreachable for good
      yield* source(FRAGMENTS.slice(2));
    }
    const lines: string[] = [];
    const metrics = await bounded(producer(e, { retry: { giveUpAfterMs: 1500 }, log: (l) => lines.push(l) }).run(outage(), () => HEADER));
    // the PERSISTED of the 2nd fragment may or may not have reached the producer before the service went away
    expect(metrics.fragments).toBe(8);
    expect(metrics.fragmentsPersisted + metrics.givenUp).toBe(8);
    expect(metrics.givenUp).toBeGreaterThanOrEqual(6);
    expect(lines.some((l) => /^gave up \d+ fragment\(s\) not delivered within the retry budget/.test(l))).toBe(true);
  });

  it('keeps at most the configured number of fragments buffered during an outage', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const metrics = await bounded(
      new PutMediaProducer({
        streamName: 's',
        endpoint: async () => `http://127.0.0.1:${port}`,
        signer: localSigner(),
        producerStartMs: PRODUCER_START,
        ...FAST,
        retry: { giveUpAfterMs: 2000, maxBufferedFragments: 3 },
        log: (l) => lines.push(l),
      })
        .run(source(FRAGMENTS), () => HEADER)
        .catch((error: { metrics?: ProducerMetrics }) => {
          if (!error.metrics) throw error;
          return error.metrics;
        }),
    );
    expect(metrics).toMatchObject({ fragments: 8, fragmentsPersisted: 0, givenUp: 8 });
    // 5 dropped to keep 3 buffered while retrying; the other 3 when the retry budget ran out
    const dropped = lines.flatMap((l) => /^gave up (\d+) fragment\(s\): the buffer is full/.exec(l)?.[1] ?? []).map(Number);
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('stops on a fatal ERROR acknowledgement, says what the ErrorId means and counts what was not delivered', async () => {
    const e = await start({ faults: { errorAtFragment: { fragment: 3, errorId: 4500 } } });
    const failure = await bounded(producer(e).run(source(FRAGMENTS), () => HEADER)).catch(
      (error: Error & { metrics: ProducerMetrics }) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const error = failure as Error & { metrics: ProducerMetrics };
    expect(error.message).toMatch(
      /^PutMedia error 4500 KMS_KEY_ACCESS_DENIED at fragment timecode \d+: Kinesis Video Streams may not use the stream KMS key \(fatal\) \(\d+ fragment\(s\) not delivered\)$/,
    );
    expect(error.metrics.fragmentsPersisted + error.metrics.givenUp).toBe(error.metrics.fragments);
    expect(error.metrics.fragmentsPersisted).toBe(2);
  });

  it('ends when no connection is ever accepted within the retry budget', async () => {
    const port = await closedPort();
    const refused = new PutMediaProducer({
      streamName: 's',
      endpoint: async () => `http://127.0.0.1:${port}`,
      signer: localSigner(),
      producerStartMs: PRODUCER_START,
      ...FAST,
      retry: { giveUpAfterMs: 800 },
    });
    await expect(bounded(refused.run(source(FRAGMENTS.slice(0, 1)), () => HEADER))).rejects.toThrow(
      /^no PutMedia connection accepted in 800 ms; last: connect ECONNREFUSED .+ \(1 fragment\(s\) not delivered\)$/,
    );
  });

  it('refuses plain HTTP to a remote endpoint at once instead of retrying it', async () => {
    const e = await start();
    const remote = producer(e, { endpoint: async () => 'http://kinesisvideo.example.com' });
    await expect(bounded(remote.run(source(FRAGMENTS.slice(0, 1)), () => HEADER))).rejects.toThrow(
      'refusing plain HTTP PutMedia to kinesisvideo.example.com: use the https data endpoint (1 fragment(s) not delivered)',
    );
  });

  it('treats HTTP 400 InvalidArgumentException as fatal', async () => {
    const e = await start();
    const sign = localSigner();
    const noStreamName = producer(e, {
      signer: async (request) => {
        const signed = await sign(request);
        delete signed.headers['x-amzn-stream-name'];
        return signed;
      },
    });
    await expect(bounded(noStreamName.run(source(FRAGMENTS), () => HEADER))).rejects.toThrow(
      'PutMedia returned HTTP 400 InvalidArgumentException: {"message":"missing headers x-amzn-stream-name"}',
    );
  });
});
