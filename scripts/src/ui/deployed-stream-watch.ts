import { setTimeout as delay } from 'node:timers/promises';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { fetchStreamSamples } from '@labs/shard-scaler';
import type { LiveEvent } from '@labs/web-console';
import { openShards } from '../labs/kinesis-data/session';

/** Options of `watchDeployedStream`. */
export interface DeployedWatchOptions {
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
  readonly kinesis: Pick<KinesisClient, 'send'>;
  /** The environment's stream, e.g. `RawStreamData-alice`. */
  readonly streamName: string;
  /** How often to read CloudWatch (its stream metrics are per minute). @default 30000 */
  readonly everyMs?: number;
  /** Minutes of history on the chart. @default 30 */
  readonly minutes?: number;
  readonly signal: AbortSignal;
  readonly onEvent: (event: LiveEvent) => void;
}

/**
 * The live view of a deployed Kinesis Data environment: every `everyMs`, the stream's `AWS/Kinesis`
 * metrics per minute from CloudWatch (records/s in, records refused for throughput) and its open shard
 * count, until `signal` aborts. A failed read is reported and the watch goes on.
 */
export async function watchDeployedStream(options: DeployedWatchOptions): Promise<void> {
  const { streamName, signal, onEvent } = options;
  onEvent({ type: 'starting', detail: `reading CloudWatch metrics of ${streamName}` });
  while (!signal.aborted) {
    try {
      const [samples, shards] = await Promise.all([
        fetchStreamSamples(options.cloudwatch as CloudWatchClient, {
          streamName,
          periods: options.minutes ?? 30,
          periodSeconds: 60,
          now: Date.now(),
        }),
        openShards(options.kinesis, streamName),
      ]);
      onEvent({
        type: 'metrics',
        stream: streamName,
        shards,
        minutes: samples.map((s) => ({
          at: new Date(s.timestamp).toISOString(),
          recordsPerSecond: s.incomingRecords / s.periodSeconds,
          throttled: s.throttledRecords ?? 0,
        })),
      });
    } catch (error) {
      onEvent({ type: 'event', line: `CloudWatch: ${(error as Error).message ?? String(error)}` });
    }
    await delay(options.everyMs ?? 30_000, undefined, { signal }).catch(() => undefined);
  }
}
