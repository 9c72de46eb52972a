import { callsInLastDay } from './history';
import type { ScalingDecision, ScalingPolicy, StreamSample, StreamState } from './types';
import { utilisation } from './utilisation';

/** Slack for floating-point noise when sizing a shard count (1.2 / 0.6 must give 2, not 3). */
const SIZING_EPSILON = 1e-9;

/**
 * Decides whether to rescale a stream. Pure: the same samples, state, policy and time give the same
 * decision. Rules, in order:
 * - only an `ACTIVE` stream is rescaled;
 * - samples that started before the last scaling (they describe another shard count) or have not ended
 *   by `now` are ignored; fewer than `scaleOut.periods` left is `not-enough-data`;
 * - scale out when the last `scaleOut.periods` contiguous periods are all above `scaleOut.threshold`,
 *   or the last `throttledPeriods` were all throttled (utilisation at `saturation`, or writes refused
 *   while above `scaleOut.threshold`: refusals at a lower utilisation of the current count date from
 *   before the reshard finished, or come from one hot key that more shards would not help);
 *   the new count brings the highest of them to `targetUtilisation` (doubles at `saturation`, where
 *   throttling hides the real demand), at least +1, at most 2x and `maxShards`;
 * - scale in when the last `scaleIn.periods` contiguous periods are all below `scaleIn.threshold`; the
 *   new count keeps the highest of them at or under `targetUtilisation`, at least half and `minShards`;
 * - at most `maxScalingsPer24h` calls in the rolling 24 h, of which a scale-in may not use the last
 *   `scaleInReserve`.
 */
export function decideScaling(samples: readonly StreamSample[], state: StreamState, policy: ScalingPolicy, now: number): ScalingDecision {
  const shards = state.shardCount;
  if (state.status !== 'ACTIVE') {
    return { action: 'hold', reason: 'stream-not-active', detail: `stream is ${state.status}; UpdateShardCount needs ACTIVE` };
  }
  const lastScaledAt = state.lastScaledAt ?? Math.max(-Infinity, ...state.scalingHistory);
  const usable = samples
    .filter((s) => s.timestamp >= lastScaledAt && s.timestamp + s.periodSeconds * 1000 <= now)
    .sort((a, b) => a.timestamp - b.timestamp);
  const latest = usable.at(-1);
  if (!latest) {
    return { action: 'hold', reason: 'not-enough-data', detail: 'no complete period since the last scaling' };
  }
  const latestUtilisation = utilisation(latest, shards, policy.capacityPerShard);
  const used = callsInLastDay(state.scalingHistory, now).length;

  const sustainedPeak = peakIfAll(usable, policy.scaleOut.periods, shards, policy, (u) => u > policy.scaleOut.threshold);
  // The throttling rule (when the policy has it) only matters when demand is not already sustained above the mark.
  const outPeak =
    sustainedPeak ??
    (policy.throttledPeriods > 0
      ? peakIfAll(
          usable,
          policy.throttledPeriods,
          shards,
          policy,
          (u, s) => u >= policy.saturation || (isThrottled(s) && u > policy.scaleOut.threshold),
        )
      : undefined);
  if (outPeak !== undefined) {
    if (shards >= policy.maxShards) {
      return {
        action: 'hold',
        reason: 'at-max-shards',
        utilisation: outPeak,
        detail: `utilisation ${percent(outPeak)} but already at maxShards ${policy.maxShards}`,
      };
    }
    if (used >= policy.maxScalingsPer24h) {
      return {
        action: 'hold',
        reason: 'budget-exhausted',
        utilisation: outPeak,
        detail: `scale-out needed but ${used} of ${policy.maxScalingsPer24h} UpdateShardCount calls used in the last 24 h`,
      };
    }
    // At full capacity the accepted load hides the offered load (the rest was throttled): double.
    const sized = outPeak >= policy.saturation ? 2 * shards : Math.ceil((shards * outPeak) / policy.targetUtilisation - SIZING_EPSILON);
    const toShards = Math.min(policy.maxShards, 2 * shards, Math.max(shards + 1, sized));
    return {
      action: 'scale-out',
      fromShards: shards,
      toShards,
      utilisation: outPeak,
      detail:
        sustainedPeak === undefined
          ? `writes throttled for ${policy.throttledPeriods} periods (peak ${percent(outPeak)})`
          : `utilisation above ${percent(policy.scaleOut.threshold)} for ${policy.scaleOut.periods} periods (peak ${percent(outPeak)})`,
    };
  }

  const inPeak = peakIfAll(usable, policy.scaleIn.periods, shards, policy, (u) => u < policy.scaleIn.threshold);
  if (inPeak !== undefined) {
    if (shards <= policy.minShards) {
      return {
        action: 'hold',
        reason: 'at-min-shards',
        utilisation: inPeak,
        detail: `utilisation ${percent(inPeak)} but already at minShards ${policy.minShards}`,
      };
    }
    const sized = Math.ceil((shards * inPeak) / policy.targetUtilisation - SIZING_EPSILON);
    const toShards = Math.max(policy.minShards, Math.ceil(shards / 2), sized);
    if (toShards >= shards) {
      return {
        action: 'hold',
        reason: 'within-band',
        utilisation: inPeak,
        detail: `fewer than ${shards} shards would exceed ${percent(policy.targetUtilisation)} at the peak ${percent(inPeak)}`,
      };
    }
    const allowed = policy.maxScalingsPer24h - policy.scaleInReserve;
    if (used >= allowed) {
      return {
        action: 'hold',
        reason: 'budget-exhausted',
        utilisation: inPeak,
        detail: `scale-in possible but ${used} of ${policy.maxScalingsPer24h} calls used in the last 24 h (${policy.scaleInReserve} kept for scale-out)`,
      };
    }
    return {
      action: 'scale-in',
      fromShards: shards,
      toShards,
      utilisation: inPeak,
      detail: `utilisation below ${percent(policy.scaleIn.threshold)} for ${policy.scaleIn.periods} periods (peak ${percent(inPeak)})`,
    };
  }

  if (usable.length < policy.scaleOut.periods) {
    return {
      action: 'hold',
      reason: 'not-enough-data',
      utilisation: latestUtilisation,
      detail: `${usable.length} complete periods since the last scaling; scale-out needs ${policy.scaleOut.periods}`,
    };
  }
  return { action: 'hold', reason: 'within-band', utilisation: latestUtilisation, detail: `utilisation ${percent(latestUtilisation)}` };
}

/**
 * The highest utilisation of the last `periods` samples when there are that many, they are contiguous
 * (no missing period) and every one satisfies `holds` (given its utilisation and the sample); otherwise undefined.
 */
function peakIfAll(
  usable: readonly StreamSample[],
  periods: number,
  shards: number,
  policy: ScalingPolicy,
  holds: (utilisation: number, sample: StreamSample) => boolean,
): number | undefined {
  const window = usable.slice(-periods);
  const first = window[0];
  const last = window.at(-1);
  if (window.length < periods || !first || !last) return undefined;
  if (last.timestamp - first.timestamp !== (periods - 1) * last.periodSeconds * 1000) return undefined;
  const values = window.map((s) => utilisation(s, shards, policy.capacityPerShard));
  return values.every((u, i) => holds(u, window[i]!)) ? Math.max(...values) : undefined;
}

function isThrottled(sample: StreamSample): boolean {
  return (sample.throttledRecords ?? 0) > 0;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
