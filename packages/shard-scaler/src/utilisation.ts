import type { ScalingPolicy, ShardCapacity, StreamSample } from './types';

/**
 * Demand of one period in shards' worth of capacity: max(records, bytes) each divided by what one shard
 * accepts in that period. Utilisation is this divided by the shard count.
 */
export function demandInShards(sample: StreamSample, capacity: ShardCapacity): number {
  const recordShares = (sample.incomingRecords * capacity.perSeconds) / (capacity.records * sample.periodSeconds);
  const byteShares = (sample.incomingBytes * capacity.perSeconds) / (capacity.bytes * sample.periodSeconds);
  return Math.max(recordShares, byteShares);
}

/** Utilisation of `shardCount` shards in one period: max(records %, bytes %) as a fraction (1 = full). */
export function utilisation(sample: StreamSample, shardCount: number, capacity: ShardCapacity): number {
  return demandInShards(sample, capacity) / shardCount;
}

/** Alarm thresholds on demand-in-shards ({@link demandInShards}) for a shard count: each rule's utilisation times shards. */
export interface AlarmThresholds {
  /** The scale-out alarm fires when demand is above this. */
  scaleOut: number;
  /** The scale-in alarm fires when demand is below this. */
  scaleIn: number;
}

/** The alarm thresholds for `shardCount` shards under `policy`. */
export function alarmThresholds(policy: ScalingPolicy, shardCount: number): AlarmThresholds {
  return { scaleOut: policy.scaleOut.threshold * shardCount, scaleIn: policy.scaleIn.threshold * shardCount };
}

/**
 * CloudWatch metric-math expression for demand in shards, given the ids of the `IncomingRecords` and
 * `IncomingBytes` Sum queries (`PERIOD(m)` is the period in seconds). Divided by the shard count it is
 * the utilisation; the alarms compare it with {@link alarmThresholds} instead, rewritten on each scaling.
 */
export function demandExpression(policy: ScalingPolicy, recordsId: string, bytesId: string): string {
  const { records, bytes, perSeconds } = policy.capacityPerShard;
  return `MAX([${recordsId} * ${perSeconds} / (${records} * PERIOD(${recordsId})), ${bytesId} * ${perSeconds} / (${bytes} * PERIOD(${bytesId}))])`;
}
