import { callsInLastDay } from '../history';
import { KINESIS_SCALINGS_PER_24H, KINESIS_SHARD_CAPACITY } from '../policy';
import type { StreamSample } from '../types';
import type { SimulatedPolicy } from './policies';
import type { TrafficTrace } from './traces';

/** How the simulated stream and CloudWatch behave. */
export interface SimulationOptions {
  /** Minutes an UpdateShardCount takes (the stream is UPDATING, old capacity applies). @default 2 */
  reshardMinutes?: number;
  /** Minutes before a minute's metrics are visible to the scaler. @default 1 */
  metricDelayMinutes?: number;
  /** Start of the simulated day, ms since the epoch. @default 2026-01-01T00:00Z */
  start?: number;
}

/** One UpdateShardCount call of a run. */
export interface SimulatedScaling {
  /** Minute of the day the call was made. */
  minute: number;
  /** Shards before. */
  from: number;
  /** Shards asked for. */
  to: number;
  /** False when Kinesis refused it (more than 10 calls in 24 h, or outside 0.5x–2x). */
  accepted: boolean;
}

/** What a policy did over one trace. */
export interface SimulationResult {
  /** Accepted UpdateShardCount calls. */
  scalings: number;
  /** Calls Kinesis refused. */
  rejectedCalls: number;
  /** Scale-outs less than an hour after a scale-in. */
  flaps: number;
  /** Minutes in which offered load exceeded the stream's capacity (records or bytes). */
  throttledMinutes: number;
  /** Open shards integrated over the day (during a reshard the larger count). */
  shardHours: number;
  /** Minutes from the first throttled minute until capacity covered the load again; null if never throttled. */
  timeToScaleOutMinutes: number | null;
  /** Every call, in order. */
  calls: SimulatedScaling[];
}

const MINUTE_MS = 60_000;
const RECORDS_PER_SHARD_MINUTE = (KINESIS_SHARD_CAPACITY.records * 60) / KINESIS_SHARD_CAPACITY.perSeconds;
const BYTES_PER_SHARD_MINUTE = (KINESIS_SHARD_CAPACITY.bytes * 60) / KINESIS_SHARD_CAPACITY.perSeconds;

/**
 * Replays a day minute by minute: producers offer the trace's load, the stream accepts up to its
 * capacity (CloudWatch reports what was accepted, and the refused records as
 * `WriteProvisionedThroughputExceeded`), and at the start of each minute the policy sees
 * the published samples and may call UpdateShardCount, which Kinesis accepts only under its own rules.
 */
export function simulate(trace: TrafficTrace, policy: SimulatedPolicy, options: SimulationOptions = {}): SimulationResult {
  const reshardMinutes = options.reshardMinutes ?? 2;
  const delay = options.metricDelayMinutes ?? 1;
  const start = options.start ?? Date.UTC(2026, 0, 1);
  let shards = trace.initialShards;
  let pending: { to: number; doneAt: number } | undefined;
  const history: number[] = [];
  const samples: StreamSample[] = [];
  const calls: SimulatedScaling[] = [];
  let throttledMinutes = 0;
  let shardMinutes = 0;
  let firstThrottle: number | undefined;
  let timeToScaleOut: number | null = null;

  trace.minutes.forEach((offered, minute) => {
    const now = start + minute * MINUTE_MS;
    if (pending && minute >= pending.doneAt) {
      shards = pending.to;
      pending = undefined;
    }
    if (!pending) {
      const visible = samples.slice(0, Math.max(0, minute - delay));
      const target = policy.decide({ now, shards, history, samples: visible });
      if (target !== undefined && target !== shards) {
        const accepted =
          callsInLastDay(history, now).length < KINESIS_SCALINGS_PER_24H &&
          target >= Math.ceil(shards / 2) &&
          target <= 2 * shards &&
          target >= 1;
        calls.push({ minute, from: shards, to: target, accepted });
        if (accepted) {
          history.push(now);
          pending = { to: target, doneAt: minute + reshardMinutes };
        }
      }
    }
    const capacityShards = shards;
    const throttled =
      offered.records > capacityShards * RECORDS_PER_SHARD_MINUTE || offered.bytes > capacityShards * BYTES_PER_SHARD_MINUTE;
    if (throttled) {
      throttledMinutes += 1;
      firstThrottle ??= minute;
    } else if (firstThrottle !== undefined && timeToScaleOut === null) {
      timeToScaleOut = minute - firstThrottle;
    }
    shardMinutes += pending ? Math.max(shards, pending.to) : shards;
    const acceptedShare = Math.min(
      1,
      (capacityShards * RECORDS_PER_SHARD_MINUTE) / offered.records,
      (capacityShards * BYTES_PER_SHARD_MINUTE) / offered.bytes,
    );
    samples.push({
      timestamp: now,
      periodSeconds: 60,
      incomingRecords: Math.min(offered.records, capacityShards * RECORDS_PER_SHARD_MINUTE),
      incomingBytes: Math.min(offered.bytes, capacityShards * BYTES_PER_SHARD_MINUTE),
      throttledRecords: throttled ? Math.max(1, Math.round(offered.records * (1 - acceptedShare))) : 0,
    });
  });

  const accepted = calls.filter((c) => c.accepted);
  const flaps = accepted.filter(
    (c, i) => c.to > c.from && accepted.slice(0, i).some((p) => p.to < p.from && c.minute - p.minute < 60),
  ).length;
  if (firstThrottle !== undefined && timeToScaleOut === null) timeToScaleOut = trace.minutes.length - firstThrottle;
  return {
    scalings: accepted.length,
    rejectedCalls: calls.length - accepted.length,
    flaps,
    throttledMinutes,
    shardHours: shardMinutes / 60,
    timeToScaleOutMinutes: timeToScaleOut,
    calls,
  };
}

/**
 * Shard-hours of an oracle that knows every minute in advance and holds exactly the shards the load needs
 * (ceil of records and bytes over one shard's capacity, at least 1), with no API limits: a lower bound.
 */
export function oracleShardHours(trace: TrafficTrace): number {
  const shardMinutes = trace.minutes.reduce(
    (sum, m) => sum + Math.max(1, Math.ceil(m.records / RECORDS_PER_SHARD_MINUTE), Math.ceil(m.bytes / BYTES_PER_SHARD_MINUTE)),
    0,
  );
  return shardMinutes / 60;
}
