import { defaultPolicy, type ScalingPolicy, type StreamSample, type StreamState } from '../src';

/** Start of the test day. */
export const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
export const MINUTE = 60_000;

/** One-minute samples starting at `start`, one per utilisation value of `shards` shards (records only, 100-byte records). */
export function minutes(start: number, recordsPerMinute: readonly number[]): StreamSample[] {
  return recordsPerMinute.map((records, i) => ({
    timestamp: start + i * MINUTE,
    periodSeconds: 60,
    incomingRecords: records,
    incomingBytes: records * 100,
  }));
}

/** Records per minute that make `utilisation` of `shards` Kinesis shards. */
export function recordsAt(utilisation: number, shards = 1): number {
  return Math.round(utilisation * 60_000 * shards);
}

/** An ACTIVE stream with no scaling history. */
export function active(shardCount: number, scalingHistory: number[] = []): StreamState {
  return { shardCount, status: 'ACTIVE', scalingHistory };
}

/**
 * The policy the rule tests are written against: Kinesis capacity, out above 80 % for 3 periods, in
 * below 50 % for 60, sized for 70 %, no throttling rule (the default policy's numbers may change; the
 * rules do not).
 */
export const RULES_POLICY: ScalingPolicy = {
  ...defaultPolicy,
  scaleOut: { threshold: 0.8, periods: 3 },
  scaleIn: { threshold: 0.5, periods: 60 },
  throttledPeriods: 0,
};

/** {@link RULES_POLICY} with the throttling rule on (one period) and a 15-period sustained scale-out window. */
export const THROTTLING_POLICY: ScalingPolicy = { ...RULES_POLICY, scaleOut: { threshold: 0.8, periods: 15 }, throttledPeriods: 1 };
