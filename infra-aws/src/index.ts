export {
  appFromContext,
  awsLabsWithStacks,
  buildApp,
  type BuildAppOptions,
  checkExpiry,
  type EnvironmentTarget,
  FEATURE_FLAGS,
} from './app';
export { bundleEntry, type BundleOptions } from './bundle';
export {
  boundaryPolicyArn,
  boundaryPolicyName,
  deploymentRoleArn,
  environmentPolicyName,
  EXPIRER_FUNCTION_NAME,
  expirerFunctionArn,
} from './foundation-names';
export { LAB_STACKS, type LabStackFactory } from './stacks';
export { EnvironmentStack, type EnvironmentStackProps } from './stacks/environment-stack';
export { FoundationStack, type FoundationStackProps } from './stacks/foundation-stack';
export { ExpirySchedule, type ExpiryScheduleProps } from './constructs/expiry-schedule/expiry-schedule';
export { INSTANCE_NODE_MAJOR, LabInstance, type LabInstanceDownload, type LabInstanceProps } from './constructs/lab-instance/lab-instance';
export { SharedNetwork, type SharedNetworkRef } from './constructs/shared-network/shared-network';
export {
  type BigQuerySinkTarget,
  parseSink,
  SINK_LAB,
  SINK_OUTPUT,
  type SinkName,
  SINKS,
  sinkContextArgs,
  sinkFromContext,
} from './bigquery-sink';
export { SensorSink, type SensorSinkProps, STREAM_READ_ACTIONS } from './constructs/sensor-sink/sensor-sink';
