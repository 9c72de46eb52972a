import { decideScaling, defaultPolicy, labTriggerPolicy, type ScalingPolicy, type StreamSample, type StreamState } from '../src';
import { active, minutes, MINUTE, recordsAt, RULES_POLICY, T0, THROTTLING_POLICY } from './helpers';

const policy: ScalingPolicy = RULES_POLICY;
const repeat = (value: number, n: number): number[] => Array.from({ length: n }, () => value);
/** `now` right after `n` one-minute samples starting at T0 have ended. */
const after = (n: number): number => T0 + n * MINUTE;

describe('decideScaling: scale out', () => {
  it('scales out after 3 periods above 80 %', () => {
    const samples = minutes(T0, repeat(recordsAt(0.9), 3));
    const decision = decideScaling(samples, active(1), policy, after(3));
    expect(decision).toMatchObject({ action: 'scale-out', fromShards: 1, toShards: 2 });
  });

  it('holds when only 2 of the 3 periods are above the high-water mark', () => {
    const samples = minutes(T0, [recordsAt(0.5), recordsAt(0.9), recordsAt(0.9)]);
    expect(decideScaling(samples, active(1), policy, after(3))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('needs strictly above the threshold: exactly 80 % holds, one record more scales', () => {
    const exactly = minutes(T0, repeat(48_000, 3));
    expect(decideScaling(exactly, active(1), policy, after(3))).toMatchObject({ action: 'hold' });
    const above = minutes(T0, repeat(48_001, 3));
    expect(decideScaling(above, active(1), policy, after(3))).toMatchObject({ action: 'scale-out' });
  });

  it('counts bytes: few large records above 80 % of 1 MiB/s scale out', () => {
    const samples = [0, 1, 2].map((i) => ({
      timestamp: T0 + i * MINUTE,
      periodSeconds: 60,
      incomingRecords: 600, // 1 % of record capacity
      incomingBytes: 0.9 * 1_048_576 * 60, // 90 % of byte capacity
    }));
    const decision = decideScaling(samples, active(1), policy, after(3));
    expect(decision).toMatchObject({ action: 'scale-out', toShards: 2 });
    expect(decision.action === 'scale-out' && decision.utilisation).toBeCloseTo(0.9, 6);
  });

  it('sizes the new count for the target utilisation, at least +1 and at most 2x', () => {
    // 4 shards at 90 %: 3.6 shards of demand / 0.7 = 5.1 → 6 shards
    const four = minutes(T0, repeat(recordsAt(0.9, 4), 3));
    expect(decideScaling(four, active(4), policy, after(3))).toMatchObject({ toShards: 6 });
    // 10 shards at 81 %: 8.1 / 0.7 = 11.6 → 12
    const ten = minutes(T0, repeat(recordsAt(0.81, 10), 3));
    expect(decideScaling(ten, active(10), policy, after(3))).toMatchObject({ toShards: 12 });
    // 5 shards saturated (100 %: the rest was throttled and is not in the metrics): doubles to 10, not 5 / 0.7 → 8
    const saturated = minutes(T0, repeat(recordsAt(1, 5), 3));
    expect(decideScaling(saturated, active(5), policy, after(3))).toMatchObject({ toShards: 10 });
    // 1 shard at 500 %: capped at 2x
    const flood = minutes(T0, repeat(recordsAt(5), 3));
    expect(decideScaling(flood, active(1), policy, after(3))).toMatchObject({ toShards: 2 });
  });

  it('never goes above maxShards, and holds at it', () => {
    const capped: ScalingPolicy = { ...policy, maxShards: 3 };
    const two = minutes(T0, repeat(recordsAt(1, 2), 3));
    expect(decideScaling(two, active(2), capped, after(3))).toMatchObject({ action: 'scale-out', toShards: 3 });
    const three = minutes(T0, repeat(recordsAt(1, 3), 3));
    expect(decideScaling(three, active(3), capped, after(3))).toMatchObject({ action: 'hold', reason: 'at-max-shards' });
  });

  it('needs contiguous periods: a missing minute breaks the window', () => {
    const samples = minutes(T0, repeat(recordsAt(0.9), 4)).filter((_, i) => i !== 1);
    expect(decideScaling(samples, active(1), policy, after(4))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('accepts samples in any order', () => {
    const samples = minutes(T0, repeat(recordsAt(0.9), 3)).reverse();
    expect(decideScaling(samples, active(1), policy, after(3))).toMatchObject({ action: 'scale-out' });
  });
});

describe('decideScaling: throttling', () => {
  const refused = (samples: StreamSample[], records: number): StreamSample[] => samples.map((s) => ({ ...s, throttledRecords: records }));

  it('scales out after one period at capacity, doubling (the refused demand is unknown)', () => {
    const samples = minutes(T0, repeat(recordsAt(1), 1));
    expect(decideScaling(samples, active(1), THROTTLING_POLICY, after(1))).toMatchObject({ action: 'scale-out', toShards: 2 });
    expect(decideScaling(minutes(T0, repeat(recordsAt(1, 2), 1)), active(2), THROTTLING_POLICY, after(1))).toMatchObject({ toShards: 4 });
  });

  it('scales out after one period with refused writes above the high-water mark, sized for the target', () => {
    const samples = refused(minutes(T0, repeat(recordsAt(0.9, 2), 1)), 120);
    expect(decideScaling(samples, active(2), THROTTLING_POLICY, after(1))).toMatchObject({
      action: 'scale-out',
      toShards: 3,
      detail: 'writes throttled for 1 periods (peak 90.0%)',
    });
  });

  it('ignores refused writes at a utilisation below the high-water mark (from before a reshard, or one hot key)', () => {
    const samples = refused(minutes(T0, repeat(recordsAt(0.6, 3), 1)), 500);
    expect(decideScaling(samples, active(3), THROTTLING_POLICY, after(1))).toMatchObject({ action: 'hold' });
  });

  it('without throttling waits the sustained window: 14 minutes above 80 % hold, 15 scale out', () => {
    const high = minutes(T0, repeat(recordsAt(0.95), 15));
    expect(decideScaling(high.slice(1), active(1), THROTTLING_POLICY, after(15))).toMatchObject({
      action: 'hold',
      reason: 'not-enough-data',
    });
    expect(decideScaling(high, active(1), THROTTLING_POLICY, after(15))).toMatchObject({
      action: 'scale-out',
      detail: 'utilisation above 80.0% for 15 periods (peak 95.0%)',
    });
  });

  it('is off with throttledPeriods 0', () => {
    const samples = refused(minutes(T0, repeat(recordsAt(1), 3)), 1_000);
    expect(decideScaling(samples, active(1), { ...THROTTLING_POLICY, throttledPeriods: 0 }, after(3))).toMatchObject({ action: 'hold' });
  });

  it('ignores throttled periods that started before the last scaling', () => {
    const samples = minutes(T0, repeat(recordsAt(1), 3));
    const scaled: StreamState = { ...active(2), scalingHistory: [T0 + 3 * MINUTE] };
    expect(decideScaling(samples, scaled, THROTTLING_POLICY, after(4))).toMatchObject({ action: 'hold', reason: 'not-enough-data' });
  });

  it('is part of the default policy, with the 15-minute sustained rule', () => {
    expect(defaultPolicy).toMatchObject({ throttledPeriods: 1, scaleOut: { threshold: 0.8, periods: 15 } });
  });
});

describe('decideScaling: scale in', () => {
  it('scales in after 60 periods below 50 %, halving at most', () => {
    const samples = minutes(T0, repeat(recordsAt(0.05, 8), 60));
    expect(decideScaling(samples, active(8), policy, after(60))).toMatchObject({ action: 'scale-in', fromShards: 8, toShards: 4 });
  });

  it('holds with 59 low periods', () => {
    const samples = minutes(T0, repeat(recordsAt(0.05, 8), 59));
    expect(decideScaling(samples, active(8), policy, after(59))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('one period at or above 50 % in the hour resets it (exactly 50 % is not below)', () => {
    const values = repeat(recordsAt(0.1, 2), 60);
    values[30] = recordsAt(0.5, 2);
    expect(decideScaling(minutes(T0, values), active(2), policy, after(60))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('keeps enough shards for the peak of the window at the target utilisation', () => {
    // 10 shards, peak 49 %: 4.9 shards of demand / 0.7 = 7, more than the half
    const samples = minutes(T0, [...repeat(recordsAt(0.1, 10), 59), recordsAt(0.49, 10)]);
    expect(decideScaling(samples, active(10), policy, after(60))).toMatchObject({ action: 'scale-in', toShards: 7 });
    // 3 shards: half is 1.5 → 2 (UpdateShardCount's lower bound)
    const three = minutes(T0, repeat(recordsAt(0.01, 3), 60));
    expect(decideScaling(three, active(3), policy, after(60))).toMatchObject({ action: 'scale-in', toShards: 2 });
  });

  it("a scale-in keeps the hour's peak at or under the target, below the scale-out mark (no flap)", () => {
    let scaleIns = 0;
    for (const shards of [2, 3, 4, 7, 16]) {
      for (const peak of [0.05, 0.2, 0.34, 0.36, 0.4999]) {
        const samples = minutes(T0, repeat(recordsAt(peak, shards), 60));
        const decision = decideScaling(samples, active(shards), policy, after(60));
        if (decision.action !== 'scale-in') {
          expect(decision).toMatchObject({ action: 'hold', reason: 'within-band' });
          expect((peak * shards) / (shards - 1)).toBeGreaterThan(policy.targetUtilisation);
          continue;
        }
        scaleIns += 1;
        expect((peak * shards) / decision.toShards).toBeLessThanOrEqual(policy.targetUtilisation);
      }
    }
    expect(scaleIns).toBeGreaterThan(10);
  });

  it('never goes below minShards, and holds at it', () => {
    const floor: ScalingPolicy = { ...policy, minShards: 3 };
    const four = minutes(T0, repeat(0, 60));
    expect(decideScaling(four, active(4), floor, after(60))).toMatchObject({ action: 'scale-in', toShards: 3 });
    expect(decideScaling(four, active(3), floor, after(60))).toMatchObject({ action: 'hold', reason: 'at-min-shards' });
  });

  it('holds when fewer shards could not carry the peak at the target', () => {
    const loose: ScalingPolicy = { ...policy, scaleIn: { threshold: 0.5, periods: 60 }, targetUtilisation: 0.4 };
    // 2 shards at 45 %: 0.9 shards of demand / 0.4 = 2.25 → 3 ≥ 2
    const samples = minutes(T0, repeat(recordsAt(0.45, 2), 60));
    expect(decideScaling(samples, active(2), loose, after(60))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });
});

describe('decideScaling: stream status and stale data', () => {
  it.each(['CREATING', 'UPDATING', 'DELETING'] as const)('holds while the stream is %s', (status) => {
    const samples = minutes(T0, repeat(recordsAt(2), 3));
    const state: StreamState = { ...active(1), status };
    expect(decideScaling(samples, state, policy, after(3))).toMatchObject({ action: 'hold', reason: 'stream-not-active' });
  });

  it('ignores periods that started before the last scaling', () => {
    const samples = minutes(T0, repeat(recordsAt(2), 5));
    const state: StreamState = { ...active(2), lastScaledAt: T0 + 3 * MINUTE };
    expect(decideScaling(samples, state, policy, after(5))).toMatchObject({ action: 'hold', reason: 'not-enough-data' });
    const later = [...samples, ...minutes(T0 + 5 * MINUTE, [recordsAt(2)])];
    expect(decideScaling(later, state, policy, after(6))).toMatchObject({ action: 'scale-out', fromShards: 2, toShards: 4 });
  });

  it('takes the last scaling from the history when lastScaledAt is not given', () => {
    const samples = minutes(T0, repeat(recordsAt(2), 5));
    expect(decideScaling(samples, active(2, [T0 + 3 * MINUTE]), policy, after(5))).toMatchObject({ action: 'hold' });
  });

  it('ignores a period that has not ended yet', () => {
    const samples = minutes(T0, repeat(recordsAt(0.9), 3));
    expect(decideScaling(samples, active(1), policy, after(3) - 1)).toMatchObject({ action: 'hold', reason: 'not-enough-data' });
  });

  it('says so when no usable period exists', () => {
    expect(decideScaling([], active(1), policy, T0)).toMatchObject({ action: 'hold', reason: 'not-enough-data' });
  });
});

describe('decideScaling: the 24 h budget', () => {
  const now = T0 + 30 * 60 * MINUTE;
  const start = now - 3 * MINUTE;
  const hot = minutes(start, repeat(recordsAt(0.9, 2), 3));
  const cold = minutes(now - 60 * MINUTE, repeat(0, 60));
  /** `n` calls an hour apart, the newest two hours before `now`. */
  const calls = (n: number, newest = now - 2 * 60 * MINUTE): number[] => Array.from({ length: n }, (_, i) => newest - i * 60 * MINUTE);

  it('allows the 10th call and refuses the 11th within 24 h', () => {
    expect(decideScaling(hot, active(2, calls(9)), policy, now)).toMatchObject({ action: 'scale-out' });
    expect(decideScaling(hot, active(2, calls(10)), policy, now)).toMatchObject({ action: 'hold', reason: 'budget-exhausted' });
  });

  it('forgets a call exactly 24 h old (rolling window)', () => {
    const history = [...calls(9), now - 24 * 60 * MINUTE];
    expect(decideScaling(hot, active(2, history), policy, now)).toMatchObject({ action: 'scale-out' });
    const justInside = [...calls(9), now - 24 * 60 * MINUTE + 1];
    expect(decideScaling(hot, active(2, justInside), policy, now)).toMatchObject({ action: 'hold', reason: 'budget-exhausted' });
  });

  it('keeps the reserve for scale-out: scale-in stops at 8 calls, scale-out may still use 9 and 10', () => {
    expect(decideScaling(cold, active(4, calls(7)), policy, now)).toMatchObject({ action: 'scale-in' });
    expect(decideScaling(cold, active(4, calls(8)), policy, now)).toMatchObject({ action: 'hold', reason: 'budget-exhausted' });
    expect(decideScaling(hot, active(2, calls(8)), policy, now)).toMatchObject({ action: 'scale-out' });
  });
});

describe("labTriggerPolicy: the lab's trigger", () => {
  const lab = labTriggerPolicy();

  it('scales 1 → 2 shards when IncomingRecords exceeds 1,000 in one minute on one shard', () => {
    expect(decideScaling(minutes(T0, [1_001]), active(1), lab, after(1))).toMatchObject({
      action: 'scale-out',
      fromShards: 1,
      toShards: 2,
    });
  });

  it('does not trigger at exactly 1,000 records in the minute', () => {
    expect(decideScaling(minutes(T0, [1_000]), active(1), lab, after(1))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('stops at 2 shards like the lab, and never scales in', () => {
    expect(decideScaling(minutes(T0, [5_000]), active(2), lab, after(1))).toMatchObject({ action: 'hold', reason: 'at-max-shards' });
    expect(decideScaling(minutes(T0, [0]), active(2), lab, after(1))).toMatchObject({ action: 'hold', reason: 'within-band' });
  });

  it('judges per shard: 1,500 records a minute on 2 shards is 750 each', () => {
    const wider = labTriggerPolicy({ maxShards: 4 });
    expect(decideScaling(minutes(T0, [1_500]), active(2), wider, after(1))).toMatchObject({ action: 'hold' });
    expect(decideScaling(minutes(T0, [2_001]), active(2), wider, after(1))).toMatchObject({ action: 'scale-out', toShards: 3 });
  });
});
