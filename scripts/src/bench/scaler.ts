import {
  aasSampleBaseline,
  defaultPolicy,
  goSampleBaseline,
  oracleShardHours,
  ownPolicy,
  simulate,
  standardTraces,
  TRACE_RECORD_BYTES,
  type SimulatedPolicy,
  type SimulationOptions,
} from '@labs/shard-scaler';
import type { Benchmark } from './index';

/** Simulated stream behaviour shared by every policy. */
const MODEL: Required<Omit<SimulationOptions, 'start'>> = { reshardMinutes: 2, metricDelayMinutes: 1 };
/** The target: shard-hours no more than this times the oracle's. */
const ORACLE_FACTOR_TARGET = 1.25;
/** Kinesis' UpdateShardCount limit per rolling 24 h. */
const SCALINGS_PER_DAY_TARGET = 10;

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/**
 * `labs bench scaler`: replays five synthetic days (step up, steady at 70 %, sawtooth around the
 * threshold, spike, slow decay) through this package's decision function and through the rules of the two
 * AWS samples, and reports per policy: flaps (scale-out within an hour of a scale-in), accepted and
 * refused UpdateShardCount calls, throttled minutes, shard-hours against a clairvoyant oracle, and the
 * minutes from the first throttled minute until capacity covered the load.
 */
export const benchScaler: Benchmark = async () => {
  const traces = standardTraces();
  const policies: SimulatedPolicy[] = [ownPolicy('labs-default', defaultPolicy), goSampleBaseline(), aasSampleBaseline()];
  const oracleByTrace = Object.fromEntries(traces.map((t) => [t.name, oracleShardHours(t)]));
  const oracleTotal = Object.values(oracleByTrace).reduce((a, b) => a + b, 0);

  const entries = policies.map((policy) => {
    const runs = traces.map((trace) => ({ trace, result: simulate(trace, policy, MODEL) }));
    const shardHours = runs.reduce((sum, r) => sum + r.result.shardHours, 0);
    return {
      name: policy.name,
      description: policy.description,
      flaps: runs.reduce((sum, r) => sum + r.result.flaps, 0),
      scalings: runs.reduce((sum, r) => sum + r.result.scalings, 0),
      max_scalings_per_24h: Math.max(...runs.map((r) => r.result.scalings)),
      rejected_calls: runs.reduce((sum, r) => sum + r.result.rejectedCalls, 0),
      throttled_minutes: runs.reduce((sum, r) => sum + r.result.throttledMinutes, 0),
      shard_hours: round(shardHours),
      oracle_shard_hours: round(oracleTotal),
      shard_hours_vs_oracle: round(shardHours / oracleTotal, 3),
      time_to_scale_out_min: Object.fromEntries(runs.map((r) => [r.trace.name, r.result.timeToScaleOutMinutes])),
      per_trace: Object.fromEntries(
        runs.map(({ trace, result }) => [
          trace.name,
          {
            scalings: result.scalings,
            rejected_calls: result.rejectedCalls,
            flaps: result.flaps,
            throttled_minutes: result.throttledMinutes,
            shard_hours: round(result.shardHours),
            shard_hours_vs_oracle: round(result.shardHours / (oracleByTrace[trace.name] ?? Number.NaN), 3),
            calls: result.calls.map(
              (c) =>
                `${String(Math.floor(c.minute / 60)).padStart(2, '0')}:${String(c.minute % 60).padStart(2, '0')} ${c.from}->${c.to}${c.accepted ? '' : ' refused'}`,
            ),
          },
        ]),
      ),
    };
  });

  const [ours, ...baselines] = entries;
  if (!ours) throw new Error('no policy simulated');
  const bestBaselineThrottled = Math.min(...baselines.map((b) => b.throttled_minutes));
  return {
    model: {
      days: traces.length,
      minutes_per_day: 1440,
      reshard_minutes: MODEL.reshardMinutes,
      metric_delay_minutes: MODEL.metricDelayMinutes,
      record_bytes: TRACE_RECORD_BYTES,
      oracle: 'knows every minute in advance; holds ceil(load / shard capacity) shards, no API limits',
    },
    traces: traces.map((t) => ({
      name: t.name,
      description: t.description,
      initial_shards: t.initialShards,
      oracle_shard_hours: round(oracleByTrace[t.name] ?? 0),
    })),
    policies: entries,
    targets: {
      zero_flaps: ours.flaps === 0,
      at_most_10_scalings_per_24h: ours.max_scalings_per_24h <= SCALINGS_PER_DAY_TARGET && ours.rejected_calls === 0,
      throttled_minutes_at_most_best_baseline: ours.throttled_minutes <= bestBaselineThrottled,
      shard_hours_at_most_1_25x_oracle: ours.shard_hours_vs_oracle <= ORACLE_FACTOR_TARGET,
    },
  };
};
