import type { KinesisStreamEvent } from 'aws-lambda';
import {
  InsertAllRequestError,
  type InsertAllResponse,
  MAX_INSERT_ID_LENGTH,
  type SinkDeps,
  type SinkEvent,
  sinkBatch,
  type SinkOptions,
} from '../src';
import { ARRIVAL, kinesisRecord, reading, readingEvent, readingRecord, SHARD, sequenceNumber } from './kinesis-events';
import { type Answer, ScriptedBigQuery } from './scripted-bigquery';

const ENV = 'alice';

/** Runs the sink over `event` against a scripted BigQuery, recording events and backoff sleeps. */
async function sink(event: KinesisStreamEvent, script: Answer[] = [], options: Partial<SinkOptions> = {}) {
  const bigQuery = new ScriptedBigQuery(script);
  const events: SinkEvent[] = [];
  const sleeps: number[] = [];
  const deps: SinkDeps = {
    client: bigQuery,
    environment: ENV,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.999,
    onEvent: (sinkEvent) => events.push(sinkEvent),
    options,
  };
  const response = await sinkBatch(event, deps);
  const failed = response.batchItemFailures.map((failure) => failure.itemIdentifier);
  return { response, failed, bigQuery, events, sleeps };
}

const rejected = (...indexes: number[]): InsertAllResponse => ({
  kind: 'bigquery#tableDataInsertAllResponse',
  insertErrors: indexes.map((index) => ({
    index,
    errors: [{ reason: 'invalid', location: 'iot_value', message: 'Cannot convert value' }],
  })),
});
const backendError = (...indexes: number[]): InsertAllResponse => ({
  insertErrors: indexes.map((index) => ({ index, errors: [{ reason: 'backendError', location: '', message: '' }] })),
});
const unavailable = () => new InsertAllRequestError('insertAll answered 503: The service is currently unavailable.', true, 503);
const rateLimited = () => new InsertAllRequestError('insertAll answered 429: Exceeded rate limits', true, 429);
const forbidden = () => new InsertAllRequestError('insertAll answered 403: Access Denied', false, 403);

describe('sinkBatch: rows of sensor_readings', () => {
  it('turns each reading into one row with exactly the table columns', async () => {
    const { bigQuery, failed } = await sink(readingEvent(2));
    expect(failed).toEqual([]);
    expect(bigQuery.requests).toHaveLength(1);
    expect(bigQuery.requests[0]?.rows[1]?.json).toEqual({
      environment: 'alice',
      sensor_id: 'sensor-001',
      reading_time: '2026-12-04T22:00:00.001Z',
      ingested_at: new Date((ARRIVAL + 0.001) * 1000).toISOString(),
      iot_name: 'DemoSensor',
      iot_value: 11,
      reading_seq: 1,
      shard_id: SHARD,
      sequence_number: sequenceNumber(1),
    });
  });

  it('asks BigQuery to insert the valid rows and report the invalid ones, and to reject unknown fields', async () => {
    const { bigQuery } = await sink(readingEvent(1));
    expect(bigQuery.requests[0]).toMatchObject({ skipInvalidRows: true, ignoreUnknownValues: false });
  });

  it('normalises the reading time to UTC with milliseconds', async () => {
    const { bigQuery } = await sink({ Records: [readingRecord(0, { timestamp: '2026-12-04T23:30:00+01:00' })] });
    expect(bigQuery.requests[0]?.rows[0]?.json.reading_time).toBe('2026-12-04T22:30:00.000Z');
  });

  it('answers an empty batch with no failures and no request', async () => {
    const { response, bigQuery } = await sink({ Records: [] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(bigQuery.requests).toEqual([]);
  });
});

describe('sinkBatch: de-duplication ids', () => {
  it('gives every record the insertId <environment>/<shard>/<sequence number>, unique within the batch', async () => {
    const { bigQuery } = await sink(readingEvent(3));
    expect(bigQuery.insertIds[0]).toEqual([0, 1, 2].map((i) => `alice/${SHARD}/${sequenceNumber(i)}`));
    for (const id of bigQuery.insertIds[0] ?? []) expect(id.length).toBeLessThanOrEqual(MAX_INSERT_ID_LENGTH);
  });

  it('sends the same insertIds when Lambda delivers the batch again', async () => {
    const first = await sink(readingEvent(5));
    const again = await sink(readingEvent(5));
    expect(again.bigQuery.insertIds).toEqual(first.bigQuery.insertIds);
  });

  it('tells the same sequence number on two shards (or two streams) apart', async () => {
    const record = readingRecord(0);
    const otherShard = kinesisRecord(0, Buffer.from(record.kinesis.data, 'base64'), 'shardId-000000000004');
    const { bigQuery } = await sink({ Records: [record, otherShard] });
    const [a, b] = bigQuery.insertIds[0] ?? [];
    expect(a).not.toBe(b);
  });

  it('hashes an id longer than 128 characters into a stable sha256 id', async () => {
    const longSequence = '9'.repeat(129);
    const record = readingRecord(0);
    const long = {
      ...record,
      eventID: `${SHARD}:${longSequence}`,
      kinesis: { ...record.kinesis, sequenceNumber: longSequence },
    };
    const first = await sink({ Records: [long] });
    const again = await sink({ Records: [long] });
    const id = first.bigQuery.insertIds[0]?.[0];
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.bigQuery.insertIds[0]?.[0]).toBe(id);
  });
});

describe('sinkBatch: request size', () => {
  it('splits 1,234 records into requests of 500, 500 and 234, in sequence order', async () => {
    const { bigQuery, failed } = await sink(readingEvent(1234));
    expect(failed).toEqual([]);
    expect(bigQuery.requests.map((request) => request.rows.length)).toEqual([500, 500, 234]);
    expect(bigQuery.insertIds.flat()).toEqual(Array.from({ length: 1234 }, (_, i) => `alice/${SHARD}/${sequenceNumber(i)}`));
  });

  it('keeps every request body within the byte limit', async () => {
    const maxBytes = 4_000;
    const { bigQuery, failed } = await sink(readingEvent(100), [], { limits: { maxRows: 500, maxBytes } });
    expect(failed).toEqual([]);
    expect(bigQuery.requests.length).toBeGreaterThan(1);
    for (const request of bigQuery.requests) expect(Buffer.byteLength(JSON.stringify(request))).toBeLessThanOrEqual(maxBytes);
    expect(bigQuery.requests.flatMap((request) => request.rows)).toHaveLength(100);
  });

  it('reports a record too large for any request as failed, without sending it', async () => {
    const huge = readingRecord(1, { iotName: 'x'.repeat(5_000) });
    const { bigQuery, failed, events } = await sink({ Records: [readingRecord(0), huge, readingRecord(2)] }, [], {
      limits: { maxRows: 500, maxBytes: 4_000 },
    });
    expect(failed).toEqual([sequenceNumber(1)]);
    expect(bigQuery.insertIds.flat()).toEqual([`alice/${SHARD}/${sequenceNumber(0)}`, `alice/${SHARD}/${sequenceNumber(2)}`]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'oversized', sequenceNumber: sequenceNumber(1) }));
  });
});

describe('sinkBatch: rows BigQuery rejects', () => {
  it('reports exactly the records of the rows in insertErrors, and does not resend invalid rows', async () => {
    const { failed, bigQuery, events } = await sink(readingEvent(10), [rejected(2, 7)]);
    expect(failed).toEqual([sequenceNumber(2), sequenceNumber(7)]);
    expect(bigQuery.requests).toHaveLength(1);
    expect(events).toContainEqual({
      type: 'rows-rejected',
      attempt: 1,
      rows: [2, 7].map((i) => ({
        sequenceNumber: sequenceNumber(i),
        retried: false,
        errors: [{ reason: 'invalid', location: 'iot_value', message: 'Cannot convert value' }],
      })),
    });
    expect(events).toContainEqual({ type: 'inserted', rows: 8, attempt: 1 });
  });

  it('maps insertErrors indexes to the request they answer, not to the batch', async () => {
    const { failed } = await sink(readingEvent(1200), [{}, rejected(0, 199)]);
    expect(failed).toEqual([sequenceNumber(500), sequenceNumber(699)]);
  });

  it('resends only the rows with an error a retry may clear, with the same insertIds', async () => {
    const { failed, bigQuery, sleeps } = await sink(readingEvent(6), [backendError(1, 4)]);
    expect(failed).toEqual([]);
    expect(bigQuery.insertIds[1]).toEqual([bigQuery.insertIds[0]?.[1], bigQuery.insertIds[0]?.[4]]);
    expect(sleeps).toHaveLength(1);
  });

  it('reports rows whose retryable errors persist through every attempt', async () => {
    const { failed, bigQuery } = await sink(readingEvent(3), [backendError(0), backendError(0), backendError(0), backendError(0)]);
    expect(bigQuery.requests).toHaveLength(4);
    expect(failed).toEqual([sequenceNumber(0)]);
  });

  it('reports every row of a request whose insertErrors name rows it did not have', async () => {
    const { failed } = await sink(readingEvent(3), [{ insertErrors: [{ index: 3, errors: [{ reason: 'invalid' }] }] }]);
    expect(failed).toEqual([0, 1, 2].map(sequenceNumber));
  });
});

describe('sinkBatch: requests that fail as a whole', () => {
  it('retries a 503 with backoff and then succeeds, resending the same rows', async () => {
    const { failed, bigQuery, sleeps, events } = await sink(readingEvent(4), [unavailable(), unavailable()]);
    expect(failed).toEqual([]);
    expect(bigQuery.insertIds).toEqual([bigQuery.insertIds[0], bigQuery.insertIds[0], bigQuery.insertIds[0]]);
    // Full jitter under caps of 200 ms, then 400 ms (random() = 0.999).
    expect(sleeps).toEqual([199, 399]);
    expect(events.filter((event) => event.type === 'request-failed')).toEqual([
      { type: 'request-failed', rows: 4, attempt: 1, error: expect.stringContaining('503'), willRetry: true },
      { type: 'request-failed', rows: 4, attempt: 2, error: expect.stringContaining('503'), willRetry: true },
    ]);
  });

  it('after the last attempt of a throttled (429) request, reports every record of that request and only those', async () => {
    const ok: Answer = {};
    const script = [ok, rateLimited(), rateLimited(), rateLimited(), rateLimited(), ok];
    const { failed, bigQuery, sleeps } = await sink(readingEvent(1100), script, { concurrency: 1 });
    expect(bigQuery.requests.map((request) => request.rows.length)).toEqual([500, 500, 500, 500, 500, 100]);
    expect(failed).toEqual(Array.from({ length: 500 }, (_, k) => sequenceNumber(500 + k)));
    expect(sleeps).toEqual([199, 399, 799]);
  });

  it('caps the backoff delay', async () => {
    const { sleeps } = await sink(readingEvent(1), [unavailable(), unavailable(), unavailable(), unavailable(), unavailable()], {
      maxAttempts: 6,
      backoff: { baseMs: 1_000, maxMs: 2_500 },
    });
    expect(sleeps).toEqual([999, 1998, 2497, 2497, 2497]);
  });

  it('does not retry a request refused for good (403), and reports its records', async () => {
    const { failed, bigQuery, events } = await sink(readingEvent(3), [forbidden()]);
    expect(bigQuery.requests).toHaveLength(1);
    expect(failed).toEqual([0, 1, 2].map(sequenceNumber));
    expect(events).toContainEqual({
      type: 'request-failed',
      rows: 3,
      attempt: 1,
      error: 'insertAll answered 403: Access Denied',
      willRetry: false,
    });
  });

  it('treats an unexpected error of the client as a failure of the request, never of the whole invocation', async () => {
    const { failed, bigQuery } = await sink(readingEvent(2), [new TypeError('boom')]);
    expect(bigQuery.requests).toHaveLength(1);
    expect(failed).toEqual([0, 1].map(sequenceNumber));
  });
});

describe('sinkBatch: records that are not sensor readings', () => {
  const cases: [string, Uint8Array | string][] = [
    ['not JSON', 'iotName=DemoSensor'],
    ['JSON but not a reading', JSON.stringify({ iotName: 'DemoSensor', iotValue: 12 })],
    ['an unreadable timestamp', JSON.stringify(reading(1, { timestamp: 'yesterday' }))],
    ['a timestamp BigQuery cannot store', JSON.stringify(reading(1, { timestamp: '+010000-01-01T00:00:00.000Z' }))],
    ['a fractional sequence', JSON.stringify(reading(1, { seq: 1.5 }))],
  ];

  it.each(cases)('reports a record with %s as failed, says why, and inserts the others', async (_, data) => {
    const { failed, bigQuery, events } = await sink({ Records: [readingRecord(0), kinesisRecord(1, data), readingRecord(2)] });
    expect(failed).toEqual([sequenceNumber(1)]);
    expect(bigQuery.insertIds.flat()).toEqual([0, 2].map((i) => `alice/${SHARD}/${sequenceNumber(i)}`));
    expect(events).toContainEqual({ type: 'undecodable', sequenceNumber: sequenceNumber(1), reason: expect.any(String) });
  });

  it('reports an undecodable record every time it is delivered (the mapping retry limit then routes it to the on-failure destination)', async () => {
    const batch = { Records: [kinesisRecord(0, '{'), readingRecord(1)] };
    for (let delivery = 0; delivery < 3; delivery += 1) expect((await sink(batch)).failed).toEqual([sequenceNumber(0)]);
  });
});

describe('sinkBatch: Lambda resumes the shard from the lowest reported sequence number', () => {
  it('reports failures in batch order, so the first reported is the lowest, whichever request finished first', async () => {
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const script: Answer[] = [
      async () => {
        await firstHeld;
        return rejected(10);
      },
      () => {
        releaseFirst();
        return rejected(3);
      },
    ];
    const { failed } = await sink(readingEvent(1000), script);
    expect(failed).toEqual([sequenceNumber(10), sequenceNumber(503)]);
  });

  it('reports every failed record, so the lowest is among them when a later record also fails', async () => {
    const { failed } = await sink({ Records: [readingRecord(0), readingRecord(1), kinesisRecord(2, 'x'), readingRecord(3)] }, [
      rejected(1),
    ]);
    expect(failed).toEqual([sequenceNumber(1), sequenceNumber(2)]);
    const lowest = failed.reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
    expect(lowest).toBe(sequenceNumber(1));
  });

  it('on the redelivery from the lowest failure, resends the records after it with their earlier insertIds (de-duplicated)', async () => {
    const batch = readingEvent(8);
    const first = await sink(batch, [rejected(3)]);
    expect(first.failed).toEqual([sequenceNumber(3)]);
    // What Lambda delivers next: the records from the lowest reported sequence number on.
    const resumeAt = batch.Records.findIndex((record) => record.kinesis.sequenceNumber === first.failed[0]);
    const redelivery = await sink({ Records: batch.Records.slice(resumeAt) });
    expect(redelivery.failed).toEqual([]);
    expect(redelivery.bigQuery.insertIds[0]).toEqual(first.bigQuery.insertIds[0]?.slice(3));
  });
});
