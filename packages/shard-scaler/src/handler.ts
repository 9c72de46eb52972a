import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ScheduledEvent, SNSEvent } from 'aws-lambda';
import { actionableAlarms, parseAlarmNotifications } from './alarm-event';
import { allAlarmNames, readAlarmThresholds, resetAlarms, rewriteAlarmThresholds, type ScalingAlarmNames } from './alarms';
import { applyScaling, type AppliedScaling } from './apply';
import { decideScaling } from './decide';
import { publishShardCount } from './shard-count-metric';
import { fetchStreamSamples } from './stream-metrics';
import { readStreamState } from './stream-state';
import type { ScalingDecision, ScalingPolicy } from './types';
import { alarmThresholds } from './utilisation';

/** What the scaler Lambda manages. */
export interface ScalerConfig {
  /** The stream to scale. */
  streamName: string;
  /** Its scaling alarms. */
  alarmNames: ScalingAlarmNames;
  /** The decision policy (its periods count metric periods of `periodSeconds`). */
  policy: ScalingPolicy;
  /** Metric period in seconds, the alarms' period. @default 60 */
  periodSeconds?: number;
}

/** The clients and clock the handler uses. */
export interface ScalerDependencies {
  /** Kinesis: DescribeStreamSummary, ListTagsForStream, AddTagsToStream, UpdateShardCount. */
  kinesis: KinesisClient;
  /** CloudWatch: GetMetricData, DescribeAlarms, PutMetricAlarm, SetAlarmState, PutMetricData. */
  cloudwatch: CloudWatchClient;
  /** Current time, ms since the epoch. */
  clock: () => number;
}

/** The events the scaler handles: alarm notifications through SNS, and a periodic schedule. */
export type ScalerEvent = SNSEvent | ScheduledEvent;

/** What one invocation did (logged by Lambda as the return value). */
export interface ScalerRunResult {
  /** `alarm`/`schedule`: evaluated; `ignored`: an SNS event with no current alarm of this stream. */
  trigger: 'alarm' | 'schedule' | 'ignored';
  /** Open shards after the run. */
  shardCount: number;
  /** The decision, when one was made. */
  decision?: ScalingDecision;
  /** What was applied, when a decision was made. */
  applied?: AppliedScaling;
  /** Alarms whose thresholds did not match the shard count and were rewritten. */
  alarmsRealigned: string[];
}

/** Holds that only mean "not yet": the alarm that triggered them is reset so it notifies again. */
const RETRY_REASONS: readonly string[] = ['stream-not-active', 'not-enough-data'];

/** Tolerance when comparing an alarm's stored threshold with the expected one. */
const THRESHOLD_TOLERANCE = 1e-9;

/**
 * Builds the Lambda handler. An alarm notification older than the last scaling is ignored; otherwise
 * (and on a scheduled event) it fetches recent metrics, decides, applies, realigns alarm thresholds a
 * redeploy may have reset, and publishes the shard count for the dashboard. An alarm held only because
 * the stream is resharding or the data since the last scaling is too short is reset to OK, so it
 * notifies again.
 */
export function createScalerHandler(config: ScalerConfig, deps: ScalerDependencies): (event: ScalerEvent) => Promise<ScalerRunResult> {
  const periodSeconds = config.periodSeconds ?? 60;
  return async (event) => {
    const now = deps.clock();
    const state = await readStreamState(deps.kinesis, config.streamName);
    const lastScaledAt = Math.max(-Infinity, ...state.scalingHistory);
    const isAlarm = 'Records' in event;
    const alarms = isAlarm ? actionableAlarms(parseAlarmNotifications(event), allAlarmNames(config.alarmNames), lastScaledAt) : [];
    if (isAlarm && alarms.length === 0) {
      return { trigger: 'ignored', shardCount: state.shardCount, alarmsRealigned: [] };
    }
    const samples = await fetchStreamSamples(deps.cloudwatch, {
      streamName: config.streamName,
      periods: Math.max(config.policy.scaleOut.periods, config.policy.scaleIn.periods, config.policy.throttledPeriods),
      periodSeconds,
      now,
    });
    const decision = decideScaling(samples, state, config.policy, now);
    const applied = await applyScaling(deps.kinesis, {
      streamName: config.streamName,
      decision,
      state,
      policy: config.policy,
      now,
      alarms: { cloudwatch: deps.cloudwatch, names: config.alarmNames },
    });
    const shardCount = applied.applied ? applied.toShards : state.shardCount;
    const alarmsRealigned = !applied.applied && state.status === 'ACTIVE' ? await realignAlarms(config, deps.cloudwatch, shardCount) : [];
    if (decision.action === 'hold' && RETRY_REASONS.includes(decision.reason) && alarms.length > 0) {
      // An alarm notifies only on a state change: reset it so it notifies again once the data is there.
      await resetAlarms(
        deps.cloudwatch,
        alarms.map((a) => a.alarmName),
        `shard-scaler: held (${decision.reason}); re-evaluating`,
      );
    }
    await publishShardCount(deps.cloudwatch, config.streamName, shardCount, now);
    return { trigger: isAlarm ? 'alarm' : 'schedule', shardCount, decision, applied, alarmsRealigned };
  };
}

async function realignAlarms(config: ScalerConfig, cloudwatch: CloudWatchClient, shardCount: number): Promise<string[]> {
  const expected = alarmThresholds(config.policy, shardCount);
  const current = await readAlarmThresholds(cloudwatch, config.alarmNames);
  const off = (actual: number | undefined, wanted: number): boolean =>
    actual !== undefined && Math.abs(actual - wanted) > THRESHOLD_TOLERANCE;
  if (!off(current.scaleOut, expected.scaleOut) && !off(current.scaleIn, expected.scaleIn)) return [];
  return rewriteAlarmThresholds(cloudwatch, config.alarmNames, expected, `shard-scaler: thresholds realigned for ${shardCount} shards`);
}
