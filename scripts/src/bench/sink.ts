import { Command } from 'commander';
import { BIGQUERY_INSERT_SCOPE, sleep, systemClock } from '@labs/config';
import { encodeReading, SensorSimulator } from '@labs/sensor-producer';
import { createInsertAllClient, SENSOR_READINGS_SCHEMA, sinkBatch, type SinkEvent } from '@labs/sensor-sink';
import { BigQueryInsertAllStandIn, kinesisEventRecord } from '@labs/testing';
import { parseWholeNumber } from '../labs/kinesis-data/run-duration';
import { log } from '../output';
import type { Benchmark } from './index';

/** A Kinesis event as the event source mapping hands it to the sink. */
type KinesisStreamEvent = Parameters<typeof sinkBatch>[0];

const TABLE = { projectId: 'bench-project', datasetId: 'labs_sensors', tableId: 'sensor_readings' };
const TOKEN = 'bench-token';
/** The event source mapping's batch size (the sink construct's). */
const BATCH_SIZE = 500;
/** Every this many batches, one is delivered again (as Lambda does after a failure) in the redelivery phase. */
const REDELIVER_EVERY = 10;
/** Every this many batches, the stand-in throttles one request (HTTP 429) in the throttling phase. */
const THROTTLE_EVERY = 10;

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** `count` readings from the lab's simulator as Kinesis event batches, sequence numbers rising per shard. */
function batches(count: number, size: number): KinesisStreamEvent[] {
  const arrival = Date.now() / 1000;
  let clock = arrival * 1000;
  const simulator = new SensorSimulator({ sensors: 64, now: () => clock++ });
  const events: KinesisStreamEvent[] = [];
  for (let start = 0; start < count; start += size) {
    const Records = Array.from({ length: Math.min(size, count - start) }, (_, k) => {
      const i = start + k;
      const reading = simulator.read();
      return kinesisEventRecord({
        data: encodeReading(reading),
        partitionKey: reading.sensorId,
        sequenceNumber: String(49_590_000_000_000_000_000n + BigInt(i) * 4_096n),
        shardId: 'shardId-000000000000',
        approximateArrivalTimestamp: arrival + i / 1000,
        environment: 'bench',
        region: 'us-east-1',
      });
    });
    events.push({ Records });
  }
  return events;
}

/**
 * `labs bench sink` (part of `labs bench kinesis-data`): the BigQuery sink's batch handling with its real
 * insertAll client against the local `tabledata.insertAll` stand-in (same process, loopback HTTP), in
 * three phases over the same readings: a clean pass (records/s, per-batch latency), every tenth batch
 * delivered again (rows stored twice: de-duplication by insertId), and every tenth request throttled
 * (retried with the sink's real backoff; records reported failed).
 */
export const benchSink: Benchmark = async (argv) => {
  const command = new Command('labs bench sink').option('--records <n>', 'readings per phase', '100000').exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const records = parseWholeNumber('--records', command.opts<{ records: string }>().records, BATCH_SIZE);
  const events = batches(records, BATCH_SIZE);

  const phase = async (name: string, setUp: (bigQuery: BigQueryInsertAllStandIn, batch: number) => void, redeliver = false) => {
    const bigQuery = await BigQueryInsertAllStandIn.start({
      ...TABLE,
      schema: SENSOR_READINGS_SCHEMA,
      tokenScopes: (token) => (token === TOKEN ? [BIGQUERY_INSERT_SCOPE] : undefined),
      dedupWindowMs: 10 * 60_000,
    });
    try {
      const auth = { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${TOKEN}` }) };
      const client = createInsertAllClient({ auth, table: TABLE, baseUrl: bigQuery.url });
      let retried = 0;
      const onEvent = (event: SinkEvent): void => {
        if (event.type === 'request-failed' && event.willRetry) retried++;
      };
      const deps = { client, environment: 'bench', sleep: (ms: number) => sleep(systemClock, ms), onEvent };
      const latencies: number[] = [];
      let failed = 0;
      let delivered = 0;
      const started = process.hrtime.bigint();
      for (const [index, event] of events.entries()) {
        setUp(bigQuery, index);
        const deliveries = redeliver && index % REDELIVER_EVERY === 0 ? 2 : 1;
        for (let d = 0; d < deliveries; d++) {
          const batchStarted = process.hrtime.bigint();
          failed += (await sinkBatch(event, deps)).batchItemFailures.length;
          latencies.push(Number(process.hrtime.bigint() - batchStarted) / 1e6);
          delivered += event.Records.length;
        }
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const sorted = [...latencies].sort((a, b) => a - b);
      const figures = {
        records_delivered: delivered,
        seconds: round(seconds, 2),
        records_per_s: Math.round(delivered / seconds),
        batch_ms_p50: round(percentile(sorted, 0.5)),
        batch_ms_p99: round(percentile(sorted, 0.99)),
        requests: bigQuery.calls.length,
        retried_requests: retried,
        rows_stored: bigQuery.rows.length,
        duplicates_stored: bigQuery.rows.length - new Set(bigQuery.rows.map((row) => row.insertId)).size,
        failed_records: failed,
      };
      log(`sink ${name}: ${JSON.stringify(figures)}`);
      return figures;
    } finally {
      await bigQuery.stop();
    }
  };

  const clean = await phase('clean', () => undefined);
  const redelivered = await phase('redelivered', () => undefined, true);
  const throttled = await phase('throttled', (bigQuery, batch) => {
    if (batch % THROTTLE_EVERY === 0) bigQuery.failRequests(1, 429);
  });
  return {
    records,
    batch_size: BATCH_SIZE,
    clean,
    redelivered: { ...redelivered, every_nth_batch_twice: REDELIVER_EVERY },
    throttled: { ...throttled, every_nth_batch_429: THROTTLE_EVERY },
    rss_mb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
};
