import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../src/kinesis-client';
import { BufferFullError, KinesisProducer } from '../src/producer';
import { describeDropped } from '../src/producer-stats';
import { PutRecordsSink, type PutRecordsSinkOptions } from '../src/put-records-sink';
import { decodeReading, encodeReading } from '../src/sensor-reading';
import { SensorSimulator } from '../src/simulator';

jest.setTimeout(30_000);

const FAST_BACKOFF = { baseMs: 1, maxMs: 20 };
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Seeded random numbers so fault patterns are reproducible. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('KinesisProducer against a PutRecords sink over the wire', () => {
  let sink: PutRecordsSink;
  let client: KinesisClient;

  async function open(options: PutRecordsSinkOptions): Promise<void> {
    sink = await PutRecordsSink.start({ keepRecords: true, ...options });
    client = createKinesisClient({ region: 'us-east-1', endpoint: sink.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
  }

  afterEach(async () => {
    client?.destroy();
    await sink?.stop();
  });

  it('loses nothing under partial failures and throttling, and retries only failed entries', async () => {
    await open({
      faults: { throttleEntryRate: 0.2, internalFailureRate: 0.05, throttleRequestRate: 0.15, serverErrorRate: 0.05, random: seeded(7) },
    });
    const producer = new KinesisProducer(client, { streamName: 's', backoff: FAST_BACKOFF, maxAttempts: 30, random: seeded(3) });
    const simulator = new SensorSimulator({ sensors: 200 });
    const sent = Array.from({ length: 5000 }, () => simulator.read());
    for (const reading of sent) await producer.put(encodeReading(reading), reading.sensorId);
    await producer.flush();

    const stats = producer.getStats();
    const counts = sink.getCounts();
    expect(counts.failedEntries).toBeGreaterThan(0);
    expect(counts.throttledRequests).toBeGreaterThan(0);
    expect(stats).toMatchObject({ accepted: 5000, delivered: 5000, buffered: 0, dropped: { bufferFull: 0, retryBudget: 0, rejected: 0 } });
    expect(stats.retried).toBeGreaterThan(0);
    expect(stats.throttled).toBeGreaterThan(0);
    // exactly once: only the failed entries were sent again
    expect(counts.accepted).toBe(5000);
    const received = sink.records.map((r) => decodeReading(r.data));
    expect(new Set(received.map((r) => `${r.sensorId}#${r.seq}`)).size).toBe(5000);
    // and per sensor in order, even across retries
    const bySensor = new Map<string, number[]>();
    for (const r of received) bySensor.set(r.sensorId, [...(bySensor.get(r.sensorId) ?? []), r.seq]);
    for (const seqs of bySensor.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('batches within the PutRecords limits (≤ 500 records per request)', async () => {
    await open({});
    const producer = new KinesisProducer(client, { streamName: 's', lingerMs: 50 });
    for (let i = 0; i < 2000; i++) await producer.put(Buffer.from(String(i)), `key-${i % 1000}`);
    await producer.flush();
    expect(producer.getStats()).toMatchObject({ delivered: 2000, requests: 4 });
  });

  it('gives up after the retry budget and says how many', async () => {
    await open({ faults: { throttleEntryRate: 1 } });
    const producer = new KinesisProducer(client, { streamName: 's', backoff: FAST_BACKOFF, maxAttempts: 3 });
    for (let i = 0; i < 25; i++) await producer.put(Buffer.from(String(i)), `key-${i}`);
    await producer.flush();
    const stats = producer.getStats();
    expect(stats).toMatchObject({ delivered: 0, buffered: 0, dropped: { retryBudget: 25 }, retried: 50 });
    expect(describeDropped(stats)).toBe(
      '25 of 25 records were not delivered (25 retry budget exhausted); last error: ProvisionedThroughputExceededException: Rate exceeded for shard (injected) (after 3 attempts)',
    );
  });

  it('drops nothing silently when the buffer limit is exceeded: put rejects and the count is kept', async () => {
    await open({ faults: { throttleRequestRate: 1 } });
    const producer = new KinesisProducer(client, {
      streamName: 's',
      maxBufferedRecords: 10,
      maxBlockMs: 100,
      // The retry waits the whole 2 s (no jitter), so no space can free up while the test fills the buffer.
      backoff: { baseMs: 2000, maxMs: 2000 },
      random: () => 0.999,
      maxAttempts: 2,
    });
    for (let i = 0; i < 10; i++) await producer.put(Buffer.from(String(i)), `key-${i}`);
    expect(producer.full).toBe(true);
    await expect(producer.put(Buffer.from('x'), 'key-x')).rejects.toBeInstanceOf(BufferFullError);
    await producer.flush();
    const stats = producer.getStats();
    expect(stats.dropped).toEqual({ bufferFull: 1, retryBudget: 10, rejected: 0 });
    expect(describeDropped(stats)).toMatch(/^11 of 11 records were not delivered \(1 buffer full, 10 retry budget exhausted\)/);
  });

  it('waits for space instead of failing when the sink catches up (back-pressure)', async () => {
    await open({});
    const producer = new KinesisProducer(client, { streamName: 's', maxBufferedRecords: 5, lingerMs: 1 });
    for (let i = 0; i < 200; i++) await producer.put(Buffer.from(String(i)), `key-${i % 7}`);
    await producer.flush();
    expect(producer.getStats()).toMatchObject({ accepted: 200, delivered: 200, dropped: { bufferFull: 0 } });
  });

  it('does not retry a non-retryable request error; the records are counted as rejected', async () => {
    const missing = {
      send: () =>
        Promise.reject(
          Object.assign(new Error('Stream s not found'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } }),
        ),
    };
    const producer = new KinesisProducer(missing as unknown as KinesisClient, { streamName: 's' });
    await producer.put(Buffer.from('x'), 'k');
    await producer.flush();
    expect(producer.getStats()).toMatchObject({
      requests: 1,
      retried: 0,
      dropped: { rejected: 1 },
      lastError: 'ResourceNotFoundException: Stream s not found',
    });
  });

  it('refuses a record over 1 MiB', async () => {
    const producer = new KinesisProducer({ send: jest.fn() } as unknown as KinesisClient, { streamName: 's' });
    await expect(producer.put(Buffer.alloc(1024 * 1024), 'k')).rejects.toThrow('record is 1048577 bytes, over the 1048576-byte limit');
  });
});
