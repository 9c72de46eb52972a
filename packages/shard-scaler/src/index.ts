export {
  type HoldReason,
  type ScalingDecision,
  type ScalingPolicy,
  type ShardCapacity,
  type StreamSample,
  type StreamState,
  type StreamStatus,
  type UtilisationRule,
} from './types';
export { defaultPolicy, KINESIS_SCALINGS_PER_24H, KINESIS_SHARD_CAPACITY, labTriggerPolicy, validatePolicy } from './policy';
export { alarmThresholds, type AlarmThresholds, demandExpression, demandInShards, utilisation } from './utilisation';
export { callsInLastDay, DAY_MS, formatScalingHistory, parseScalingHistory, SCALING_HISTORY_TAG } from './history';
export { decideScaling } from './decide';
export { readStreamState } from './stream-state';
export { allAlarmNames, readAlarmThresholds, resetAlarms, rewriteAlarmThresholds, type ScalingAlarmNames } from './alarms';
export { type AppliedScaling, applyScaling, type ApplyScalingRequest, type ScalingAlarms } from './apply';
export { actionableAlarms, type AlarmNotification, parseAlarmNotifications } from './alarm-event';
export { fetchStreamSamples, type SampleWindow } from './stream-metrics';
export { KINESIS_METRIC_NAMESPACE, SCALING_METRICS, STREAM_DIMENSION } from './kinesis-metrics';
export { publishShardCount, SCALER_METRIC_NAMESPACE, SHARD_COUNT_METRIC } from './shard-count-metric';
export { createScalerHandler, type ScalerConfig, type ScalerDependencies, type ScalerEvent, type ScalerRunResult } from './handler';
export { SCALER_ENV, scalerConfigFromEnv } from './lambda-config';
export { DAY_MINUTES, type OfferedMinute, standardTraces, TRACE_RECORD_BYTES, type TrafficTrace } from './simulation/traces';
export { aasSampleBaseline, goSampleBaseline, ownPolicy, type PolicyView, type SimulatedPolicy } from './simulation/policies';
export { oracleShardHours, simulate, type SimulatedScaling, type SimulationOptions, type SimulationResult } from './simulation/simulate';
export { checkResponseUrl, cloudFormationResponseHosts, putCustomResourceResponse } from './custom-resource-response';
export {
  createStreamResourceHandler,
  handleStreamResource,
  NOT_CREATED_PREFIX,
  type StreamResourceData,
  type StreamResourceDependencies,
  type StreamResourceProperties,
} from './stream-resource';
