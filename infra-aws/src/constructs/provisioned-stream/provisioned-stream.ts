import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LabsError } from '@labs/config';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { LabFunction } from '../lab-function/lab-function';

/** Props of {@link ProvisionedStream}. */
export interface ProvisionedStreamProps {
  /** The stream's name, e.g. `RawStreamData-alice`. */
  readonly streamName: string;
  /** Customer-managed key the stream is encrypted with. */
  readonly key: IKey;
  /** Tags of the stream (a custom resource is not tagged by the stack's tags). */
  readonly tags: Record<string, string>;
  /** Shards the stream starts with. @default 1 */
  readonly initialShardCount?: number;
  /** Retention in hours. @default 24 */
  readonly retentionPeriodHours?: number;
}

/** The stream custom resource's code, in `packages/shard-scaler`. */
const HANDLER_ENTRY = join(__dirname, '../../../../packages/shard-scaler/src/stream-resource-lambda.ts');

/**
 * A provisioned, KMS-encrypted Kinesis data stream owned by a custom resource that sets the shard count
 * only when it creates the stream. The shard scaler owns the count afterwards, and no redeploy can undo a
 * scaling: `AWS::Kinesis::Stream` would send its template `ShardCount` again on any update (a tag change
 * included). Updates change tags, retention and the key; delete removes the stream.
 */
export class ProvisionedStream extends Construct {
  /** The stream's name. */
  readonly streamName: string;
  /** The stream's ARN (built from the name, so policies need not wait for the resource). */
  readonly streamArn: string;
  /** The custom resource: depend on it to start after the stream exists. */
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ProvisionedStreamProps) {
    super(scope, id);
    checkStreamProps(props);
    this.streamName = props.streamName;
    this.streamArn = Stack.of(this).formatArn({ service: 'kinesis', resource: 'stream', resourceName: props.streamName });
    const handler = new LabFunction(this, 'Handler', {
      entry: HANDLER_ENTRY,
      description: `Creates and configures Kinesis stream ${props.streamName} (never its shard count after creation)`,
      key: props.key,
      timeout: Duration.minutes(14),
    });
    handler.function.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'kinesis:CreateStream',
          'kinesis:DeleteStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:ListTagsForStream',
          'kinesis:AddTagsToStream',
          'kinesis:RemoveTagsFromStream',
          'kinesis:IncreaseStreamRetentionPeriod',
          'kinesis:DecreaseStreamRetentionPeriod',
          'kinesis:StartStreamEncryption',
        ],
        resources: [this.streamArn],
      }),
    );
    handler.function.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:DescribeKey', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: handler.function.functionArn,
      resourceType: 'Custom::KinesisStream',
      properties: {
        StreamName: props.streamName,
        InitialShardCount: String(props.initialShardCount ?? 1),
        RetentionPeriodHours: String(props.retentionPeriodHours ?? 24),
        KmsKeyArn: props.key.keyArn,
        Tags: props.tags,
      },
    });
  }
}

/** Kinesis keeps data 24 hours to 365 days (the `IncreaseStreamRetentionPeriod` limits). */
const RETENTION_HOURS = { min: 24, max: 8760 } as const;

/** Refuses props Kinesis would refuse at deploy time, at construction instead. */
function checkStreamProps(props: ProvisionedStreamProps): void {
  const shards = props.initialShardCount ?? 1;
  if (!Number.isInteger(shards) || shards < 1)
    throw new LabsError(`ProvisionedStream initialShardCount is ${shards}: expected a whole number of at least 1`);
  const retention = props.retentionPeriodHours ?? RETENTION_HOURS.min;
  if (!Number.isInteger(retention) || retention < RETENTION_HOURS.min || retention > RETENTION_HOURS.max)
    throw new LabsError(
      `ProvisionedStream retentionPeriodHours is ${retention}: Kinesis keeps data ${RETENTION_HOURS.min} to ${RETENTION_HOURS.max} hours (a whole number)`,
    );
}
