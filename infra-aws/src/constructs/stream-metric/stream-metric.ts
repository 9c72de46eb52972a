import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { KINESIS_METRIC_NAMESPACE, STREAM_DIMENSION } from '@labs/shard-scaler';

/**
 * One `AWS/Kinesis` metric of a stream per minute: the one place the stack builds the metrics its alarms
 * and dashboard use (the scaler reads the same names through `@labs/shard-scaler`).
 */
export function streamMetric(streamName: string, metricName: string, statistic = 'Sum', label?: string): Metric {
  return new Metric({
    namespace: KINESIS_METRIC_NAMESPACE,
    metricName,
    dimensionsMap: { [STREAM_DIMENSION]: streamName },
    statistic,
    period: Duration.minutes(1),
    label,
  });
}
