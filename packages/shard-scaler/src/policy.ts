import { LabsError } from '@labs/config';
import type { ScalingPolicy } from './types';

/** Kinesis' per-shard write limits: 1,000 records and 1 MiB per second. */
export const KINESIS_SHARD_CAPACITY = { records: 1_000, bytes: 1_048_576, perSeconds: 1 } as const;

/** UpdateShardCount calls Kinesis allows per stream per rolling 24 hours. */
export const KINESIS_SCALINGS_PER_24H = 10;

/**
 * The project's policy: scale out at once when Kinesis throttles writes, or after 15 minutes above 80 %
 * of capacity (records or bytes, whichever is higher; load that stays high without throttling has
 * time to pass, as a sawtooth does); scale in after 60 minutes below 60 %, size the new count for 70 %
 * (a scale-in keeps the hour's peak at or under 70 %, so it cannot re-trigger a scale-out), 1–64
 * shards, 10 calls per 24 h with 2 kept for scale-out.
 */
export const defaultPolicy: ScalingPolicy = Object.freeze({
  capacityPerShard: KINESIS_SHARD_CAPACITY,
  scaleOut: Object.freeze({ threshold: 0.8, periods: 15 }),
  scaleIn: Object.freeze({ threshold: 0.6, periods: 60 }),
  throttledPeriods: 1,
  targetUtilisation: 0.7,
  saturation: 1,
  minShards: 1,
  maxShards: 64,
  maxScalingsPer24h: KINESIS_SCALINGS_PER_24H,
  scaleInReserve: 2,
});

/**
 * The lab's own trigger as a policy: `IncomingRecords` above 1,000 in one minute on one shard scales out
 * (the lab raised 1 → 2 shards by hand and never scaled in). Bytes keep the real 1 MiB/s per shard so
 * large records still count. A shard really throttles at 60x that (1,000 records per second).
 */
export function labTriggerPolicy(overrides: Partial<ScalingPolicy> = {}): ScalingPolicy {
  return validatePolicy({
    capacityPerShard: { records: 1_000, bytes: 60 * 1_048_576, perSeconds: 60 },
    scaleOut: { threshold: 1, periods: 1 },
    scaleIn: { threshold: 0, periods: 1 },
    throttledPeriods: 1,
    targetUtilisation: 1,
    saturation: 60,
    minShards: 1,
    maxShards: 2,
    maxScalingsPer24h: KINESIS_SCALINGS_PER_24H,
    scaleInReserve: 0,
    ...overrides,
  });
}

/** Checks a policy's numbers and returns it; throws `LabsError` naming the bad field. */
export function validatePolicy(policy: ScalingPolicy): ScalingPolicy {
  const positive = (name: string, value: number): void => {
    if (!(Number.isFinite(value) && value > 0)) throw new LabsError(`scaling policy ${name} is ${value}: expected a number above 0`);
  };
  const count = (name: string, value: number, min: number): void => {
    if (!(Number.isInteger(value) && value >= min))
      throw new LabsError(`scaling policy ${name} is ${value}: expected a whole number of at least ${min}`);
  };
  positive('capacityPerShard.records', policy.capacityPerShard.records);
  positive('capacityPerShard.bytes', policy.capacityPerShard.bytes);
  positive('capacityPerShard.perSeconds', policy.capacityPerShard.perSeconds);
  positive('scaleOut.threshold', policy.scaleOut.threshold);
  positive('targetUtilisation', policy.targetUtilisation);
  positive('saturation', policy.saturation);
  count('scaleOut.periods', policy.scaleOut.periods, 1);
  count('scaleIn.periods', policy.scaleIn.periods, 1);
  count('throttledPeriods', policy.throttledPeriods, 0);
  count('minShards', policy.minShards, 1);
  count('maxShards', policy.maxShards, policy.minShards);
  count('maxScalingsPer24h', policy.maxScalingsPer24h, 1);
  count('scaleInReserve', policy.scaleInReserve, 0);
  if (policy.maxScalingsPer24h > KINESIS_SCALINGS_PER_24H) {
    throw new LabsError(
      `scaling policy maxScalingsPer24h is ${policy.maxScalingsPer24h}: Kinesis allows at most ${KINESIS_SCALINGS_PER_24H} UpdateShardCount calls per 24 h`,
    );
  }
  if (!(policy.scaleIn.threshold >= 0 && policy.scaleIn.threshold < policy.scaleOut.threshold)) {
    throw new LabsError(
      `scaling policy scaleIn.threshold is ${policy.scaleIn.threshold}: expected at least 0 and below scaleOut.threshold (${policy.scaleOut.threshold})`,
    );
  }
  if (policy.targetUtilisation > policy.scaleOut.threshold) {
    throw new LabsError(
      `scaling policy targetUtilisation is ${policy.targetUtilisation}: expected at most scaleOut.threshold (${policy.scaleOut.threshold}) so a new shard count does not re-trigger`,
    );
  }
  return policy;
}
