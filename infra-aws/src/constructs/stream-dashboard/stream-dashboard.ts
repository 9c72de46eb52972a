import { Duration } from 'aws-cdk-lib';
import { AlarmWidget, Dashboard, GraphWidget, Metric, type IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SCALER_METRIC_NAMESPACE, SHARD_COUNT_METRIC } from '@labs/shard-scaler';
import { Construct } from 'constructs';
import { streamMetric } from '../stream-metric/stream-metric';

/** Props of {@link StreamDashboard}. */
export interface StreamDashboardProps {
  /** Dashboard name. */
  readonly dashboardName: string;
  /** The stream whose metrics it shows. */
  readonly streamName: string;
  /** Scale-out alarm (its demand line and threshold are shown). */
  readonly scaleOutAlarm: IAlarm;
  /** Scale-in alarm. */
  readonly scaleInAlarm: IAlarm;
}

/**
 * The lab's CloudWatch dashboard: incoming bytes, incoming records, PutRecord(s) bytes, latency and
 * success (the panels the lab watched), plus the shard count the scaler publishes, write throttling and
 * the two scaling alarms.
 */
export class StreamDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: StreamDashboardProps) {
    super(scope, id);
    const kinesis = (metricName: string, statistic: string, label: string) => streamMetric(props.streamName, metricName, statistic, label);
    const graph = (title: string, ...left: Metric[]) => new GraphWidget({ title, left, width: 8, height: 6 });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          graph('Incoming bytes', kinesis('IncomingBytes', 'Sum', 'IncomingBytes')),
          graph('Incoming records', kinesis('IncomingRecords', 'Sum', 'IncomingRecords')),
          graph(
            'PutRecord bytes',
            kinesis('PutRecord.Bytes', 'Sum', 'PutRecord.Bytes'),
            kinesis('PutRecords.Bytes', 'Sum', 'PutRecords.Bytes'),
          ),
        ],
        [
          graph(
            'PutRecord latency (ms)',
            kinesis('PutRecord.Latency', 'Average', 'PutRecord.Latency'),
            kinesis('PutRecords.Latency', 'Average', 'PutRecords.Latency'),
          ),
          graph(
            'PutRecord success',
            kinesis('PutRecord.Success', 'Average', 'PutRecord.Success'),
            kinesis('PutRecords.Success', 'Average', 'PutRecords.Success'),
            kinesis('PutRecords.SuccessfulRecords', 'Sum', 'PutRecords.SuccessfulRecords'),
            kinesis('PutRecords.TotalRecords', 'Sum', 'PutRecords.TotalRecords'),
          ),
          graph(
            'Shard count',
            new Metric({
              namespace: SCALER_METRIC_NAMESPACE,
              metricName: SHARD_COUNT_METRIC,
              dimensionsMap: { StreamName: props.streamName },
              statistic: 'Maximum',
              period: Duration.minutes(5),
              label: 'Open shards (published by the scaler)',
            }),
          ),
        ],
        [
          graph(
            'Throttling',
            kinesis('WriteProvisionedThroughputExceeded', 'Sum', 'WriteProvisionedThroughputExceeded'),
            kinesis('PutRecords.ThrottledRecords', 'Sum', 'PutRecords.ThrottledRecords'),
          ),
          new AlarmWidget({ title: 'Scale-out alarm (demand in shards)', alarm: props.scaleOutAlarm, width: 8, height: 6 }),
          new AlarmWidget({ title: 'Scale-in alarm (demand in shards)', alarm: props.scaleInAlarm, width: 8, height: 6 }),
        ],
      ],
    });
  }
}
