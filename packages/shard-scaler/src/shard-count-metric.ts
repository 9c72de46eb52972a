import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';

/** Namespace of the metrics the scaler publishes (Kinesis itself publishes no shard count). */
export const SCALER_METRIC_NAMESPACE = 'Labs/Kinesis';

/** Name of the shard count metric the scaler publishes, dimension `StreamName`. */
export const SHARD_COUNT_METRIC = 'OpenShardCount';

/** Publishes the stream's open shard count so the dashboard can plot it. */
export async function publishShardCount(cloudwatch: CloudWatchClient, streamName: string, shardCount: number, now: number): Promise<void> {
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: SCALER_METRIC_NAMESPACE,
      MetricData: [
        {
          MetricName: SHARD_COUNT_METRIC,
          Dimensions: [{ Name: 'StreamName', Value: streamName }],
          Value: shardCount,
          Unit: 'Count',
          Timestamp: new Date(now),
        },
      ],
    }),
  );
}
