import { AddTagsToStreamCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { rewriteAlarmThresholds, type ScalingAlarmNames } from './alarms';
import { formatScalingHistory, SCALING_HISTORY_TAG } from './history';
import type { ScalingDecision, ScalingPolicy, StreamState } from './types';
import { alarmThresholds } from './utilisation';

/** The scaling alarms to rewrite after a scaling, with the client to reach them. */
export interface ScalingAlarms {
  /** CloudWatch client for DescribeAlarms / PutMetricAlarm / SetAlarmState. */
  cloudwatch: CloudWatchClient;
  /** The alarms' names. */
  names: ScalingAlarmNames;
}

/** What {@link applyScaling} needs besides the Kinesis client. */
export interface ApplyScalingRequest {
  /** The stream to rescale. */
  streamName: string;
  /** The decision from `decideScaling`. */
  decision: ScalingDecision;
  /** The state the decision was made on (its history is extended). */
  state: StreamState;
  /** The policy the decision was made with (for the alarm thresholds). */
  policy: ScalingPolicy;
  /** Time of the call, ms since the epoch. */
  now: number;
  /** Alarms to rewrite for the new shard count. @default none (e.g. against kinesis-local) */
  alarms?: ScalingAlarms;
}

/** What {@link applyScaling} did. */
export type AppliedScaling =
  { applied: false } | { applied: true; fromShards: number; toShards: number; scalingHistory: number[]; alarmsRewritten: string[] };

/**
 * Applies a decision: records the call in the stream's `labs-scaling-history` tag first (so a failure
 * after it can only over-count the 24 h budget, never under-count it), calls UpdateShardCount with
 * uniform scaling, then rewrites the alarms' thresholds for the new shard count. A hold does nothing.
 */
export async function applyScaling(kinesis: KinesisClient, request: ApplyScalingRequest): Promise<AppliedScaling> {
  const { decision, streamName, state, policy, now } = request;
  if (decision.action === 'hold') return { applied: false };
  const history = formatScalingHistory(state.scalingHistory, now);
  await kinesis.send(new AddTagsToStreamCommand({ StreamName: streamName, Tags: { [SCALING_HISTORY_TAG]: history } }));
  await kinesis.send(
    new UpdateShardCountCommand({ StreamName: streamName, TargetShardCount: decision.toShards, ScalingType: 'UNIFORM_SCALING' }),
  );
  const alarmsRewritten = request.alarms
    ? await rewriteAlarmThresholds(
        request.alarms.cloudwatch,
        request.alarms.names,
        alarmThresholds(policy, decision.toShards),
        `shard-scaler: ${decision.action} ${decision.fromShards} -> ${decision.toShards} shards`,
      )
    : [];
  return {
    applied: true,
    fromShards: decision.fromShards,
    toShards: decision.toShards,
    scalingHistory: [...state.scalingHistory, now],
    alarmsRewritten,
  };
}
