import { decideScaling } from '../decide';
import type { ScalingPolicy, StreamSample } from '../types';
import { utilisation } from '../utilisation';

/** What a simulated policy sees at the start of a minute. */
export interface PolicyView {
  /** Now, ms since the epoch (the start of the current minute). */
  now: number;
  /** Open shards. */
  shards: number;
  /** Times of the UpdateShardCount calls made so far (accepted ones). */
  history: readonly number[];
  /** Published one-minute samples of accepted load (what CloudWatch shows), oldest first. */
  samples: readonly StreamSample[];
}

/** A scaling rule under test: returns the shard count to ask for, or undefined to hold. */
export interface SimulatedPolicy {
  /** Key in the bench output. */
  name: string;
  /** Where the rule comes from. */
  description: string;
  /** Called at the start of every minute while the stream is ACTIVE. */
  decide(view: PolicyView): number | undefined;
}

const MINUTE_MS = 60_000;

/** This package's decision function under `policy`. */
export function ownPolicy(name: string, policy: ScalingPolicy): SimulatedPolicy {
  return {
    name,
    description: `decideScaling: out above ${policy.scaleOut.threshold * 100}% for ${policy.scaleOut.periods} min, in below ${policy.scaleIn.threshold * 100}% for ${policy.scaleIn.periods} min, sized for ${policy.targetUtilisation * 100}%, 24 h budget ${policy.maxScalingsPer24h}`,
    decide: ({ now, shards, history, samples }) => {
      const decision = decideScaling(samples, { shardCount: shards, status: 'ACTIVE', scalingHistory: history }, policy, now);
      return decision.action === 'hold' ? undefined : decision.toShards;
    },
  };
}

/**
 * The AWS Go sample (aws-samples/kinesis-auto-scaling): 5-minute periods of max(records %, bytes %);
 * double when 5 of the last 5 periods are at or above 75 %, halve when 57 of the last 60 are below 25 %;
 * periods before the last scaling do not count (its alarms are reset); no guard for the daily limit.
 */
export function goSampleBaseline(): SimulatedPolicy {
  const periodMinutes = 5;
  return {
    name: 'aws-go-sample-75-25',
    description: 'aws-samples/kinesis-auto-scaling: 5-min periods, 2x when 5/5 >= 75%, 0.5x when 57/60 < 25%',
    decide: ({ now, shards, history, samples }) => {
      const lastScaledAt = Math.max(-Infinity, ...history);
      const periods = periodsOf(samples, periodMinutes).filter(
        (p) => p.timestamp >= lastScaledAt && p.timestamp + periodMinutes * MINUTE_MS <= now,
      );
      const kinesis = { records: 1_000, bytes: 1_048_576, perSeconds: 1 };
      const values = periods.map((p) => utilisation(p, shards, kinesis));
      const lastUp = values.slice(-5);
      if (lastUp.length === 5 && lastUp.every((u) => u >= 0.75)) return shards * 2;
      const lastDown = values.slice(-60);
      if (shards > 1 && lastDown.length === 60 && lastDown.filter((u) => u < 0.25).length >= 57) return Math.ceil(shards / 2);
      return undefined;
    },
  };
}

/**
 * The Application Auto Scaling sample (aws-samples/aws-application-auto-scaling-kinesis): records only;
 * scale-out alarm IncomingRecords (1-min Sum) above 1,000, scale-in alarm (5-min Sum, 3 periods) below
 * 700; after its first scaling both thresholds become the same 80 % of the new shard count's records per
 * minute; step ±1 shard, 600 s cooldown, re-applied while an alarm stays in ALARM; no daily-limit guard.
 */
export function aasSampleBaseline(): SimulatedPolicy {
  return {
    name: 'aas-sample-1000-per-min',
    description:
      'aws-samples/aws-application-auto-scaling-kinesis: records only, out > 1,000/min then equal in/out thresholds at 80% of records, ±1 shard, 600 s cooldown',
    decide: ({ now, shards, history, samples }) => {
      const lastScaledAt = Math.max(-Infinity, ...history);
      if (now - lastScaledAt < 10 * MINUTE_MS) return undefined;
      const rewritten = history.length > 0;
      const outThreshold = rewritten ? 0.8 * 60_000 * shards : 1_000;
      const inThreshold = rewritten ? 0.8 * 60_000 * shards : 700;
      const last = samples.at(-1);
      if (last && last.incomingRecords > outThreshold) return shards + 1;
      const fiveMinute = periodsOf(samples, 5)
        .filter((p) => p.timestamp + 5 * MINUTE_MS <= now)
        .slice(-3);
      if (shards > 1 && fiveMinute.length === 3 && fiveMinute.every((p) => p.incomingRecords < inThreshold)) return shards - 1;
      return undefined;
    },
  };
}

/** Sums one-minute samples into complete `periodMinutes` periods aligned to the epoch. */
function periodsOf(samples: readonly StreamSample[], periodMinutes: number): StreamSample[] {
  const periodMs = periodMinutes * MINUTE_MS;
  const buckets = new Map<number, StreamSample & { count: number }>();
  for (const s of samples) {
    const start = Math.floor(s.timestamp / periodMs) * periodMs;
    const bucket = buckets.get(start) ?? {
      timestamp: start,
      periodSeconds: periodMinutes * 60,
      incomingRecords: 0,
      incomingBytes: 0,
      count: 0,
    };
    bucket.incomingRecords += s.incomingRecords;
    bucket.incomingBytes += s.incomingBytes;
    bucket.count += 1;
    buckets.set(start, bucket);
  }
  return [...buckets.values()]
    .filter((b) => b.count === periodMinutes)
    .sort((a, b) => a.timestamp - b.timestamp)
    .map(({ count: _count, ...sample }) => sample);
}
