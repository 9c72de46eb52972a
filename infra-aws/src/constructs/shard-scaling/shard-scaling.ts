import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import {
  alarmThresholds,
  defaultPolicy,
  demandExpression,
  SCALER_ENV,
  SCALER_METRIC_NAMESPACE,
  SCALING_METRICS,
  type ScalingAlarmNames,
  type ScalingPolicy,
  validatePolicy,
} from '@labs/shard-scaler';
import { LabsError } from '@labs/config';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { LabFunction } from '../lab-function/lab-function';
import { streamMetric } from '../stream-metric/stream-metric';

/** Props of {@link ShardScaling}. */
export interface ShardScalingProps {
  /** The stream to scale. */
  readonly streamName: string;
  /** Its ARN. */
  readonly streamArn: string;
  /** Customer-managed key for the topics and logs. */
  readonly key: IKey;
  /** Shards the stream starts with (the alarms' first thresholds). @default 1 */
  readonly initialShardCount?: number;
  /** Fewest shards. @default 1 */
  readonly minShards?: number;
  /** Most shards. @default 8 */
  readonly maxShards?: number;
}

/** The scaler's code, in `packages/shard-scaler`. */
const SCALER_ENTRY = join(__dirname, '../../../../packages/shard-scaler/src/lambda.ts');

/**
 * Automatic shard scaling: two metric-math alarms on the stream's demand in shards (max of records and
 * bytes over one shard's capacity; utilisation is that over the shard count), thresholds = policy
 * utilisation × shard count, and one on `WriteProvisionedThroughputExceeded` (writes refused), notifying
 * an encrypted SSL-only SNS topic that invokes the scaler function. The topic's policy lets CloudWatch publish
 * only for these three alarms of this account (`enforceSSL` alone leaves just a Deny, and alarms could never
 * notify). The scaler decides with
 * `decideScaling`, calls UpdateShardCount and rewrites the demand thresholds for the new count. Its role
 * is limited to this stream and these three alarms (plus the two CloudWatch calls that have no
 * resource-level permissions).
 */
export class ShardScaling extends Construct {
  /** Fires when utilisation stays above the scale-out mark. */
  readonly scaleOutAlarm: Alarm;
  /** Fires when utilisation stays below the scale-in mark. */
  readonly scaleInAlarm: Alarm;
  /** Fires when Kinesis refuses writes for throughput. */
  readonly throttlingAlarm: Alarm;
  /** Carries alarm notifications to the scaler. */
  readonly topic: Topic;
  /** The scaler. */
  readonly scaler: LabFunction;
  /** The policy the alarms and the scaler use. */
  readonly policy: ScalingPolicy;

  constructor(scope: Construct, id: string, props: ShardScalingProps) {
    super(scope, id);
    this.policy = validatePolicy({ ...defaultPolicy, minShards: props.minShards ?? 1, maxShards: props.maxShards ?? 8 });
    const initialShardCount = props.initialShardCount ?? 1;
    if (!Number.isInteger(initialShardCount) || initialShardCount < this.policy.minShards || initialShardCount > this.policy.maxShards) {
      throw new LabsError(
        `ShardScaling initialShardCount is ${initialShardCount}: expected a whole number from minShards ${this.policy.minShards} to maxShards ${this.policy.maxShards}`,
      );
    }
    const thresholds = alarmThresholds(this.policy, initialShardCount);
    const alarmNames = {
      scaleOut: `${props.streamName}-scale-out`,
      scaleIn: `${props.streamName}-scale-in`,
      throttling: `${props.streamName}-throttling`,
    } satisfies ScalingAlarmNames;
    const demand = new MathExpression({
      expression: demandExpression(this.policy, 'records', 'bytes'),
      usingMetrics: {
        records: streamMetric(props.streamName, SCALING_METRICS.records),
        bytes: streamMetric(props.streamName, SCALING_METRICS.bytes),
      },
      period: Duration.minutes(1),
      label: 'Demand in shards (max of records and bytes over one shard)',
    });

    this.topic = new Topic(this, 'AlarmTopic', {
      masterKey: props.key,
      enforceSSL: true,
      displayName: `Scaling alarms of ${props.streamName}`,
    });
    this.scaleOutAlarm = new Alarm(this, 'ScaleOut', {
      alarmName: alarmNames.scaleOut,
      alarmDescription: `Utilisation of ${props.streamName} above ${this.policy.scaleOut.threshold * 100}% for ${this.policy.scaleOut.periods} minutes: scale out (threshold rewritten by the scaler for each shard count)`,
      metric: demand,
      threshold: thresholds.scaleOut,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: this.policy.scaleOut.periods,
      datapointsToAlarm: this.policy.scaleOut.periods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.scaleInAlarm = new Alarm(this, 'ScaleIn', {
      alarmName: alarmNames.scaleIn,
      alarmDescription: `Utilisation of ${props.streamName} below ${this.policy.scaleIn.threshold * 100}% for ${this.policy.scaleIn.periods} minutes: scale in (threshold rewritten by the scaler for each shard count)`,
      metric: demand,
      threshold: thresholds.scaleIn,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: this.policy.scaleIn.periods,
      datapointsToAlarm: this.policy.scaleIn.periods,
      treatMissingData: TreatMissingData.BREACHING,
    });
    this.throttlingAlarm = new Alarm(this, 'Throttling', {
      alarmName: alarmNames.throttling,
      alarmDescription: `${props.streamName} refused writes for throughput ${this.policy.throttledPeriods === 1 ? 'in a minute' : `in ${this.policy.throttledPeriods} consecutive minutes`}: scale out at once`,
      metric: streamMetric(props.streamName, SCALING_METRICS.throttled),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: this.policy.throttledPeriods,
      datapointsToAlarm: this.policy.throttledPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const alarms = [this.scaleOutAlarm, this.scaleInAlarm, this.throttlingAlarm];
    for (const alarm of alarms) alarm.addAlarmAction(new SnsAction(this.topic));
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisStream',
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': Object.values(alarmNames).map((alarmName) =>
              stack.formatArn({
                service: 'cloudwatch',
                resource: 'alarm',
                resourceName: alarmName,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ),
          },
        },
      }),
    );

    this.scaler = new LabFunction(this, 'Scaler', {
      entry: SCALER_ENTRY,
      description: `Scales the shards of ${props.streamName} from its utilisation alarms`,
      key: props.key,
      environment: {
        [SCALER_ENV.streamName]: props.streamName,
        [SCALER_ENV.scaleOutAlarm]: alarmNames.scaleOut,
        [SCALER_ENV.scaleInAlarm]: alarmNames.scaleIn,
        [SCALER_ENV.throttlingAlarm]: alarmNames.throttling,
        [SCALER_ENV.minShards]: String(this.policy.minShards),
        [SCALER_ENV.maxShards]: String(this.policy.maxShards),
      },
    });
    this.topic.addSubscription(new LambdaSubscription(this.scaler.function));
    const fn = this.scaler.function;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kinesis:DescribeStreamSummary', 'kinesis:ListTagsForStream', 'kinesis:AddTagsToStream'],
        resources: [props.streamArn],
      }),
    );
    // The Service Authorization Reference gives UpdateShardCount no resource type: IAM evaluates it on "*".
    fn.addToRolePolicy(new PolicyStatement({ actions: ['kinesis:UpdateShardCount'], resources: ['*'] }));
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:SetAlarmState'],
        resources: alarms.map((alarm) => alarm.alarmArn),
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': SCALER_METRIC_NAMESPACE } },
      }),
    );
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudwatch:GetMetricData, cloudwatch:PutMetricData and kinesis:UpdateShardCount have no resource-level permissions; PutMetricData is limited to the Labs/Kinesis namespace by condition, and the permissions boundary keeps every other call on this environment.',
      });
    }
    // CloudWatch alarms of this account publish to the encrypted topic with the key.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
