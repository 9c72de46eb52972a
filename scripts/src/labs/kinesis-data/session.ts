import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { every, sleep, type Clock } from '@labs/config';
import {
  DeliveryTally,
  KinesisProducer,
  SensorSimulator,
  StreamReader,
  decodeReading,
  describeDropped,
  droppedTotal,
  runSensorLoop,
  type RateSchedule,
} from '@labs/sensor-producer';
import { applyScaling, decideScaling, readStreamState, type ScalingPolicy } from '@labs/shard-scaler';
import { DeliveryMeter } from './delivery-meter';

/**
 * How long the producer waits to fill a batch: the Kinesis Producer Library's default
 * (`RecordMaxBufferedTime`). At the lab's tens of readings a second it sends a few readings per request
 * instead of one, for a tenth of a second of added latency.
 */
const LINGER_MS = 100;

/** The simulated sensors a session runs (omit to only read, e.g. the EC2 producer's readings). */
export interface SessionProducer {
  readonly sensors: number;
  readonly rate: RateSchedule;
  /** Sensor id prefix of this run; the consumer counts only these readings. */
  readonly idPrefix: string;
}

/** Options of `runSession`. */
export interface SessionOptions {
  readonly client: KinesisClient;
  /** The clock every part of the session reads and waits on (simulated in tests). */
  readonly clock: Clock;
  readonly streamName: string;
  readonly durationMs: number;
  /** Aborted by Ctrl-C: the run ends early, still flushing and draining. */
  readonly signal: AbortSignal;
  /** Where the consumer starts in each shard. */
  readonly startAt: 'TRIM_HORIZON' | Date;
  readonly producer?: SessionProducer;
  /** Run the scaler's decision loop locally on the measured metrics (omit when a deployed Lambda scales). */
  readonly scaling?: { readonly policy: ScalingPolicy; readonly everyMs: number };
  /** How long to wait for the consumer to catch up after producing stops (ms). */
  readonly drainTimeoutMs: number;
  /** Called about once a second with the live figures. */
  readonly onStatus: (status: SessionStatus) => void;
  /** Called with notable events (scalings, errors), one line each. */
  readonly onEvent: (line: string) => void;
}

/** Live figures of a session. */
export interface SessionStatus {
  readonly phase: 'running' | 'draining';
  readonly elapsedMs: number;
  /** Records/s the stream accepted over the last seconds (producing) or read (read-only). */
  readonly rate: number;
  readonly shards: number;
  readonly produced: number;
  readonly delivered: number;
  /** Records accepted so far in the current one-minute period (the lab's trigger counts these). */
  readonly minuteRecords: number;
  readonly lagMs: number;
}

/** One scaling the local decision loop applied. */
export interface AppliedScalingEvent {
  readonly at_s: number;
  readonly from: number;
  readonly to: number;
  readonly detail: string;
}

/** The end-of-run summary (`--json` prints it). */
export interface SessionSummary {
  readonly stream: string;
  readonly duration_s: number;
  /** Readings the producer accepted (null when this run did not produce). */
  readonly produced: number | null;
  /** Distinct readings read back by the consumer. */
  readonly delivered: number;
  /** Readings the consumer saw more than once. */
  readonly duplicates: number;
  /** Readings read after a later reading of the same sensor. */
  readonly out_of_order: number;
  /** Missing seq numbers between the first and last reading seen of each sensor. */
  readonly gaps: number;
  readonly shards_start: number;
  readonly shards_end: number;
  /** Times the open shard count changed during the run. */
  readonly reshards: number;
  readonly scalings: readonly AppliedScalingEvent[];
  readonly max_lag_ms: number;
  /** Producer counters (null when this run did not produce). */
  readonly retried: number | null;
  readonly dropped: number | null;
  /** Why the run failed, when it did. */
  readonly error?: string;
}

/**
 * One run of the lab: the simulated sensors and producer (optional), a consumer that follows the
 * stream's shards across resharding, and the scaler's decision loop on locally measured metrics
 * (optional), for `durationMs` or until `signal` aborts; then flush, drain and summarise.
 */
export async function runSession(options: SessionOptions): Promise<SessionSummary> {
  const { client, clock, streamName } = options;
  const startedAt = clock.now();
  const tally = new DeliveryTally();
  const meter = new DeliveryMeter(startedAt);
  const readMeter = new DeliveryMeter(startedAt);
  const scalings: AppliedScalingEvent[] = [];
  const prefix = options.producer ? `${options.producer.idPrefix}-` : undefined;

  const shardsStart = await openShards(client, streamName);
  let shards = shardsStart;
  let reshards = 0;
  const observeShards = async (): Promise<void> => {
    const now = await openShards(client, streamName);
    if (now !== shards) {
      reshards++;
      options.onEvent(`shards ${shards} → ${now}`);
      shards = now;
    }
  };

  const reader = new StreamReader(client, {
    streamName,
    clock,
    startAt: options.startAt,
    onRecords: (shardId, records) => {
      const readAt = clock.now();
      let counted = 0;
      for (const record of records) {
        const reading = decodeSafely(record.Data);
        if (!reading || (prefix && !reading.sensorId.startsWith(prefix))) continue;
        tally.add(reading, readAt);
        counted++;
      }
      readMeter.add([{ shardId, records: counted, bytes: 0 }], readAt);
    },
    onShardFinished: (shardId) => options.onEvent(`consumer: ${shardId} drained, moving on to its children`),
    onError: (error) => options.onEvent(`consumer: ${String(error)}`),
  });
  reader.start();

  const stopProducing = new AbortController();
  const producer = options.producer
    ? new KinesisProducer(client, {
        streamName,
        clock,
        lingerMs: LINGER_MS,
        onDelivered: (deliveries) => meter.add(deliveries, clock.now()),
      })
    : undefined;
  const producing =
    options.producer && producer
      ? runSensorLoop({
          simulator: new SensorSimulator({
            sensors: options.producer.sensors,
            idPrefix: options.producer.idPrefix,
            now: () => clock.now(),
          }),
          producer,
          clock,
          rate: options.producer.rate,
          signal: stopProducing.signal,
        }).catch((error: unknown) => {
          options.onEvent(`producer: ${String(error)}`);
          return 0;
        })
      : Promise.resolve(0);

  const scalingConfig = options.scaling;
  const scaling = scalingConfig
    ? scaleLoop(
        clock,
        scalingConfig.everyMs,
        stopProducing.signal,
        (error) => options.onEvent(`scaler: ${String(error)}`),
        async () => {
          const now = clock.now();
          const { policy } = scalingConfig;
          const state = await readStreamState(client, streamName);
          const decision = decideScaling(meter.samples(now), state, policy, now);
          if (decision.action === 'hold') return;
          const applied = await applyScaling(client, { streamName, decision, state, policy, now });
          if (applied.applied) {
            scalings.push({
              at_s: Math.round((now - startedAt) / 1000),
              from: applied.fromShards,
              to: applied.toShards,
              detail: decision.detail,
            });
            options.onEvent(`scaler: ${decision.action} ${applied.fromShards} → ${applied.toShards} shards (${decision.detail})`);
          }
        },
      )
    : Promise.resolve();

  let phase: SessionStatus['phase'] = 'running';
  const status = (): void => {
    const now = clock.now();
    const stats = producer?.getStats();
    options.onStatus({
      phase,
      elapsedMs: now - startedAt,
      rate: producer ? meter.rate(now) : readMeter.rate(now),
      shards,
      produced: stats?.accepted ?? 0,
      delivered: tally.summary().delivered,
      minuteRecords: producer ? meter.currentPeriodRecords(now) : readMeter.currentPeriodRecords(now),
      lagMs: tally.summary().lastLagMs,
    });
  };
  const stopTicker = every(clock, 1000, () => {
    status();
    observeShards().catch((error: unknown) => options.onEvent(`describe: ${String(error)}`));
  });

  try {
    await sleep(clock, options.durationMs, options.signal);
    stopProducing.abort();
    await producing;
    await scaling;
    phase = 'draining';
    if (producer) await producer.flush();
    const target = producer?.getStats().accepted;
    const drainUntil = clock.now() + options.drainTimeoutMs;
    while (target !== undefined && tally.summary().delivered < target && clock.now() < drainUntil) await sleep(clock, 200);
  } finally {
    stopTicker();
    stopProducing.abort();
    await reader.stop();
  }
  await observeShards();
  status();

  const summary = tally.summary();
  const stats = producer?.getStats();
  const produced = stats?.accepted ?? null;
  const problems = [
    stats ? describeDropped(stats) : undefined,
    produced !== null && summary.delivered !== produced
      ? `${produced - summary.delivered} of ${produced} readings were not read back`
      : undefined,
    produced === null && summary.gaps > 0 ? `${summary.gaps} readings missing between the ones read back` : undefined,
    produced === null && summary.delivered === 0
      ? `no readings read back from ${streamName}: is a producer (the AnalyticsEngine service) running?`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  return {
    stream: streamName,
    duration_s: Math.round((clock.now() - startedAt) / 1000),
    produced,
    delivered: summary.delivered,
    duplicates: summary.duplicates,
    out_of_order: summary.outOfOrder,
    gaps: summary.gaps,
    shards_start: shardsStart,
    shards_end: shards,
    reshards,
    scalings,
    max_lag_ms: summary.maxLagMs,
    retried: stats?.retried ?? null,
    dropped: stats ? droppedTotal(stats) : null,
    ...(problems.length ? { error: problems.join('; ') } : {}),
  };
}

/** The stream's open shard count (0 when the summary has none). */
export async function openShards(client: Pick<KinesisClient, 'send'>, streamName: string): Promise<number> {
  const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  return summary.StreamDescriptionSummary?.OpenShardCount ?? 0;
}

function decodeSafely(data: Uint8Array | undefined): ReturnType<typeof decodeReading> | undefined {
  try {
    return data ? decodeReading(data) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `step` every `everyMs` until `signal` aborts; a failed step is reported and the loop goes on. */
async function scaleLoop(
  clock: Clock,
  everyMs: number,
  signal: AbortSignal,
  onError: (error: unknown) => void,
  step: () => Promise<void>,
): Promise<void> {
  while (!signal.aborted) {
    await step().catch(onError);
    await sleep(clock, everyMs, signal);
  }
}
