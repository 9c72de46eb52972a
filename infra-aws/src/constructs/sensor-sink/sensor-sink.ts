import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { awsExternalAccountConfig, LabsError, SENSOR_SINK_ROLE_PREFIX, validateEnvName } from '@labs/config';
import { SINK_ENV } from '@labs/sensor-sink';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { BigQuerySinkTarget } from '../../bigquery-sink';
import { LabFunction } from '../lab-function/lab-function';

/** Props of {@link SensorSink}. */
export interface SensorSinkProps {
  /** The environment's name: the function's role is `labs-sensor-sink-<env>`, a name the GCP provider admits. */
  readonly environmentName: string;
  /** The stream to read, by name and ARN. */
  readonly stream: { readonly streamName: string; readonly streamArn: string };
  /** The stream's key; it also encrypts the dead-letter queue and the function's logs. */
  readonly key: IKey;
  /** Where the readings go and as whom (the GCP foundation's federation outputs, nothing secret). */
  readonly target: BigQuerySinkTarget;
  /** Most records per invocation. @default 500 (BigQuery's recommended rows per insert request) */
  readonly batchSize?: number;
  /** Longest wait to fill a batch. @default 5 seconds */
  readonly maxBatchingWindow?: Duration;
  /** Retries of a failing batch (each halved first) before its records go to the dead-letter queue. @default 3 */
  readonly retryAttempts?: number;
  /** Records older than this go to the dead-letter queue unread. @default 1 hour */
  readonly maxRecordAge?: Duration;
}

/** The sink's code, in `packages/sensor-sink`. */
const SINK_ENTRY = join(__dirname, '../../../../packages/sensor-sink/src/lambda.ts');

/** The calls Lambda's poller makes with the function's role to read a stream (Lambda Developer Guide, Kinesis event source). */
export const STREAM_READ_ACTIONS = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
] as const;

/** Batches in flight per shard: a full shard takes 1,000 records/s, two 500-record batches at once keep up while each takes under a second. */
const PARALLEL_BATCHES_PER_SHARD = 2;

/**
 * The BigQuery sink of a stream: a {@link LabFunction} fed by an event source mapping (batches with a
 * batching window, a failing batch halved on each retry, partial batch responses so only the failed
 * records are retried, bounded retries and record age), and an SSL-only SQS queue encrypted with the
 * environment's key that receives what still fails (the records' shard and sequence numbers, kept 14 days).
 *
 * The mapping starts at LATEST: the sink is a live feed, and adding it to a running environment must not
 * replay the stream's retained day (a bill in BigQuery, and records past the maximum age would flood the
 * dead-letter queue). The stack starts the producer only after the mapping, so a new environment loses
 * no reading.
 *
 * The role is named `labs-sensor-sink-<env>`: the GCP provider admits only assumed roles with that prefix,
 * and the function exchanges its role credentials for a short-lived GCP token (no key anywhere). The role
 * may read only this stream, use only this key (to decrypt the stream, and data keys for its queue and
 * its function's dead-letter topic) and send only to its own queue and topic.
 */
export class SensorSink extends Construct {
  /** The function. */
  readonly function: LabFunction;
  /** The event source mapping on the stream. */
  readonly mapping: EventSourceMapping;
  /** Where records go that still fail after the retries. */
  readonly deadLetterQueue: Queue;
  /** The role's name, `labs-sensor-sink-<env>`. */
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: SensorSinkProps) {
    super(scope, id);
    const settings = checkSinkProps(props);
    this.roleName = settings.roleName;
    const { target } = props;
    const credentials = awsExternalAccountConfig({ providerName: target.providerName, serviceAccountEmail: target.serviceAccountEmail });

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new LabFunction(this, 'Writer', {
      entry: SINK_ENTRY,
      description: `Writes the sensor readings of ${props.stream.streamName} into BigQuery ${target.project}.${target.dataset}.${target.table} (federated, no key)`,
      key: props.key,
      roleName: this.roleName,
      environment: {
        [SINK_ENV.credentials]: JSON.stringify(credentials),
        [SINK_ENV.project]: target.project,
        [SINK_ENV.dataset]: target.dataset,
        [SINK_ENV.table]: target.table,
        [SINK_ENV.environment]: props.environmentName,
      },
    });
    const fn = this.function.function;
    fn.addToRolePolicy(new PolicyStatement({ actions: [...STREAM_READ_ACTIONS], resources: [props.stream.streamArn] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));

    const deadLetterQueue = this.deadLetterQueue;
    this.mapping = new EventSourceMapping(this, 'Mapping', {
      target: fn,
      eventSourceArn: props.stream.streamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: settings.batchSize,
      maxBatchingWindow: settings.maxBatchingWindow,
      parallelizationFactor: PARALLEL_BATCHES_PER_SHARD,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: settings.retryAttempts,
      maxRecordAge: settings.maxRecordAge,
      // The role's own grant above, not SqsDlq's (which would add GetQueueAttributes, GetQueueUrl and Encrypt/ReEncrypt).
      onFailure: { bind: () => ({ destination: deadLetterQueue.queueArn }) },
    });
    // Lambda checks the role can read the stream and send to the queue when it creates the mapping.
    if (fn.role) this.mapping.node.addDependency(fn.role);

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "The queue is itself the dead-letter queue: the event source mapping's on-failure destination.",
    });
  }
}

/** Limits of a Kinesis event source mapping (Lambda API reference, CreateEventSourceMapping). */
const LIMITS = { batchSize: 10_000, maxBatchingWindowSeconds: 300, retryAttempts: 10_000, recordAgeSeconds: { min: 60, max: 604_800 } };
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_OR_TABLE = /^[A-Za-z0-9_]{1,1024}$/;

/** Refuses props the deploy, Lambda or the federation would refuse, at construction instead; returns the settled values. */
function checkSinkProps(props: SensorSinkProps): {
  roleName: string;
  batchSize: number;
  maxBatchingWindow: Duration;
  retryAttempts: number;
  maxRecordAge: Duration;
} {
  validateEnvName(props.environmentName);
  const roleName = `${SENSOR_SINK_ROLE_PREFIX}${props.environmentName}`;
  const { project, dataset, table } = props.target;
  if (!PROJECT_ID.test(project))
    throw new LabsError(
      `SensorSink project "${project}": expected a GCP project id (6-30 lowercase letters, digits and hyphens, starting with a letter)`,
    );
  for (const [what, value] of [
    ['dataset', dataset],
    ['table', table],
  ] as const) {
    if (!DATASET_OR_TABLE.test(value))
      throw new LabsError(`SensorSink ${what} "${value}": expected 1-1024 letters, digits and underscores`);
  }
  const batchSize = props.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > LIMITS.batchSize)
    throw new LabsError(`SensorSink batchSize is ${batchSize}: expected a whole number from 1 to ${LIMITS.batchSize}`);
  const maxBatchingWindow = props.maxBatchingWindow ?? Duration.seconds(5);
  const windowSeconds = maxBatchingWindow.toSeconds({ integral: false });
  if (!Number.isInteger(windowSeconds) || windowSeconds > LIMITS.maxBatchingWindowSeconds)
    throw new LabsError(
      `SensorSink maxBatchingWindow is ${windowSeconds} s: expected whole seconds from 0 to ${LIMITS.maxBatchingWindowSeconds}`,
    );
  const retryAttempts = props.retryAttempts ?? 3;
  if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > LIMITS.retryAttempts)
    throw new LabsError(
      `SensorSink retryAttempts is ${retryAttempts}: expected a whole number from 0 to ${LIMITS.retryAttempts} (never unbounded)`,
    );
  const maxRecordAge = props.maxRecordAge ?? Duration.hours(1);
  const ageSeconds = maxRecordAge.toSeconds({ integral: false });
  if (!Number.isInteger(ageSeconds) || ageSeconds < LIMITS.recordAgeSeconds.min || ageSeconds > LIMITS.recordAgeSeconds.max)
    throw new LabsError(
      `SensorSink maxRecordAge is ${ageSeconds} s: expected whole seconds from ${LIMITS.recordAgeSeconds.min} to ${LIMITS.recordAgeSeconds.max} (7 days)`,
    );
  return { roleName, batchSize, maxBatchingWindow, retryAttempts, maxRecordAge };
}
