import { ArnFormat, CfnOutput } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { awsTags, KINESIS_DATA_PRODUCER_RATE } from '@labs/config';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { LabInstance } from '../constructs/lab-instance/lab-instance';
import { ProvisionedStream } from '../constructs/provisioned-stream/provisioned-stream';
import { SensorSink } from '../constructs/sensor-sink/sensor-sink';
import { ShardScaling } from '../constructs/shard-scaling/shard-scaling';
import { StreamDashboard } from '../constructs/stream-dashboard/stream-dashboard';
import { SINK_OUTPUT, type BigQuerySinkTarget } from '../bigquery-sink';
import { ENVIRONMENT_KEY } from '../defaults';
import { EnvironmentStack, type EnvironmentStackProps } from './environment-stack';

/** The EC2 producer's code, in `packages/sensor-producer`. */
const PRODUCER_ENTRY = join(__dirname, '../../../packages/sensor-producer/src/ec2-main.ts');

/** Sensors (partition keys) of the EC2 producer. */
export const PRODUCER_SENSORS = 100;

/** Props of {@link KinesisDataStack}. */
export interface KinesisDataStackProps extends EnvironmentStackProps {
  /** The BigQuery sink of the stream (`labs up kinesis-data --sink bigquery`). @default no sink */
  readonly sink?: BigQuerySinkTarget;
}

/**
 * The kinesis-data lab: stream `RawStreamData-<env>` (provisioned, 1 shard, customer-managed KMS key with
 * rotation), the keyless EC2 producer `AnalyticsEngine-<env>` writing sensor readings to it, automatic
 * shard scaling from utilisation alarms, the lab's dashboard, and on request a {@link SensorSink} that
 * writes the readings into BigQuery with federated, short-lived GCP tokens.
 */
export class KinesisDataStack extends EnvironmentStack {
  /** The data stream. */
  readonly stream: ProvisionedStream;
  /** The stream's key (also encrypts the topics and logs of this environment). */
  readonly key: Key;
  /** The producer instance. */
  readonly producer: LabInstance;
  /** Alarms, topic and scaler. */
  readonly scaling: ShardScaling;
  /** The dashboard. */
  readonly dashboard: StreamDashboard;
  /** The BigQuery sink, when requested. */
  readonly sink?: SensorSink;

  constructor(scope: Construct, id: string, props: KinesisDataStackProps) {
    super(scope, id, props);
    const streamName = this.nameFor('RawStreamData');

    this.key = new Key(this, 'StreamKey', {
      ...ENVIRONMENT_KEY,
      description: `Encrypts stream ${streamName}, its alarm topics and its function logs`,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    this.stream = new ProvisionedStream(this, 'RawStreamData', {
      streamName,
      key: this.key,
      tags: awsTags({ environment: props.labEnvironment, owner: props.owner, expiresAt: props.expiresAt }),
    });

    this.producer = new LabInstance(this, 'AnalyticsEngine', {
      network: this.network,
      name: this.nameFor('AnalyticsEngine'),
      entry: PRODUCER_ENTRY,
      serviceEnvironment: {
        STREAM_NAME: streamName,
        AWS_REGION: this.region,
        RATE: String(KINESIS_DATA_PRODUCER_RATE),
        SENSORS: String(PRODUCER_SENSORS),
      },
    });
    this.producer.role.addToPolicy(
      new PolicyStatement({
        actions: ['kinesis:PutRecords'],
        resources: [this.stream.streamArn],
      }),
    );
    this.producer.role.addToPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }));
    this.producer.instance.node.addDependency(this.stream.resource);

    if (props.sink) {
      this.sink = new SensorSink(this, 'SensorSink', {
        environmentName: props.labEnvironment.name,
        stream: this.stream,
        key: this.key,
        target: props.sink,
      });
      this.sink.mapping.node.addDependency(this.stream.resource);
      // The mapping starts at LATEST: the producer starts after it, so no reading of a new environment is skipped.
      this.producer.instance.node.addDependency(this.sink.mapping);
      new CfnOutput(this, SINK_OUTPUT, { value: 'bigquery', description: 'The sink of the stream (kept by labs extend)' });
    }

    this.scaling = new ShardScaling(this, 'ShardScaling', {
      streamName,
      streamArn: this.stream.streamArn,
      key: this.key,
    });
    this.dashboard = new StreamDashboard(this, 'Dashboard', {
      dashboardName: streamName,
      streamName,
      scaleOutAlarm: this.scaling.scaleOutAlarm,
      scaleInAlarm: this.scaling.scaleInAlarm,
    });
  }
}
