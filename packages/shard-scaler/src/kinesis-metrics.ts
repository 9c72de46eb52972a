/**
 * The CloudWatch identity of a Kinesis data stream's metrics, shared by the scaler's `GetMetricData`
 * queries, the stack's alarms and its dashboard (so the three can never name a metric differently).
 */
export const KINESIS_METRIC_NAMESPACE = 'AWS/Kinesis';

/** The dimension that names the stream. */
export const STREAM_DIMENSION = 'StreamName';

/** The stream metrics the scaler reads and the alarms watch. */
export const SCALING_METRICS = {
  records: 'IncomingRecords',
  bytes: 'IncomingBytes',
  throttled: 'WriteProvisionedThroughputExceeded',
} as const;
