import {
  AccessDeniedException,
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  ListTagsForStreamCommand,
  RemoveTagsFromStreamCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  StartStreamEncryptionCommand,
  type KinesisClient,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { checkResponseUrl } from './custom-resource-response';
import { SCALING_HISTORY_TAG } from './history';

/**
 * Prefix of the physical id a failed create reports when it created no stream. The colon is not allowed
 * in stream names, so the id can never name a real stream.
 */
export const NOT_CREATED_PREFIX = 'not-created:';

/** The custom resource's properties, as CloudFormation passes them (numbers arrive as strings). */
export interface StreamResourceProperties {
  /** Stream name, e.g. `RawStreamData-alice`. */
  StreamName: string;
  /** Shards the stream is created with; never applied again (the scaler owns the count afterwards). */
  InitialShardCount: string;
  /** Retention in hours (24–8760). */
  RetentionPeriodHours: string;
  /** ARN of the customer-managed KMS key for server-side encryption. */
  KmsKeyArn: string;
  /** Tags of the stream (the environment's tags). */
  Tags: Record<string, string>;
}

/** What the resource returns to the template. */
export interface StreamResourceData {
  /** The stream's ARN. */
  Arn: string;
  /** The stream's name. */
  Name: string;
}

/** Clients and timing of the stream resource handler. */
export interface StreamResourceDependencies {
  kinesis: KinesisClient;
  /** The function's region: only CloudFormation's response endpoint in it is accepted as `ResponseURL`. */
  region: string;
  /** Sends the custom resource response to CloudFormation. */
  respond: (url: string, response: CloudFormationCustomResourceResponse) => Promise<void>;
  /** Waits between status polls. */
  sleep: (ms: number) => Promise<void>;
  /** Polls before giving up waiting for ACTIVE. @default 120 */
  maxPolls?: number;
  /** Time between polls in ms. @default 5000 */
  pollMs?: number;
}

/**
 * Creates a provisioned, KMS-encrypted stream with its initial shard count and tags, and on updates
 * changes only tags, retention and the key, never the shard count: that belongs to the scaler, so a
 * redeploy cannot undo a scaling (CloudFormation's own stream resource would send its `ShardCount`
 * again). The scaler's history tag is left alone.
 *
 * Delete removes the stream, and succeeds for anything this resource did not create, so a rollback or an
 * expiry never ends in `DELETE_FAILED`: a placeholder id from a failed create ({@link NOT_CREATED_PREFIX})
 * touches nothing, and a stream that is missing or that the function may not describe is not one it
 * created (its role may describe every stream it may create).
 */
export async function handleStreamResource(
  event: CloudFormationCustomResourceEvent,
  deps: StreamResourceDependencies,
  progress: { created: boolean } = { created: false },
): Promise<StreamResourceData | undefined> {
  const props = event.ResourceProperties as unknown as StreamResourceProperties;
  if (event.RequestType === 'Delete') {
    await deleteStream(deps, event.PhysicalResourceId);
    return undefined;
  }
  const previous = event.RequestType === 'Update' ? (event.OldResourceProperties as unknown as StreamResourceProperties) : undefined;
  if (!previous || previous.StreamName !== props.StreamName) {
    // A new name is a new stream: CloudFormation deletes the old one after this succeeds.
    await deps.kinesis.send(
      new CreateStreamCommand({
        StreamName: props.StreamName,
        ShardCount: Number(props.InitialShardCount),
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
      }),
    );
    progress.created = true;
    const created = await waitActive(deps, props.StreamName);
    await reconcile(deps, props, created, {});
    return dataOf(await waitActive(deps, props.StreamName));
  }
  const current = await waitActive(deps, props.StreamName);
  await reconcile(deps, props, current, await tagsOf(deps.kinesis, props.StreamName));
  return dataOf(await waitActive(deps, props.StreamName));
}

/**
 * The Lambda handler: refuses an event whose `ResponseURL` is not CloudFormation's response endpoint in
 * the function's region (it throws, acts on nothing and sends nothing), otherwise runs
 * {@link handleStreamResource} and always answers CloudFormation. A failed create reports the stream's
 * name as its id only if this call created the stream, so the rollback's Delete removes what was created
 * and nothing else.
 */
export function createStreamResourceHandler(deps: StreamResourceDependencies): (event: CloudFormationCustomResourceEvent) => Promise<void> {
  return async (event) => {
    checkResponseUrl(event.ResponseURL, deps.region);
    const name = (event.ResourceProperties as unknown as StreamResourceProperties).StreamName;
    const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
    const progress = { created: false };
    try {
      const data = await handleStreamResource(event, deps, progress);
      await deps.respond(event.ResponseURL, {
        ...base,
        Status: 'SUCCESS',
        PhysicalResourceId: event.RequestType === 'Delete' ? event.PhysicalResourceId : name,
        ...(data ? { Data: { ...data } } : {}),
      });
    } catch (error) {
      const physicalResourceId =
        event.RequestType !== 'Create' ? event.PhysicalResourceId : progress.created ? name : `${NOT_CREATED_PREFIX}${name}`;
      await deps.respond(event.ResponseURL, {
        ...base,
        Status: 'FAILED',
        PhysicalResourceId: physicalResourceId,
        Reason: error instanceof Error ? error.message : String(error),
      });
    }
  };
}

/** Brings tags, retention and encryption to the properties, leaving the shard count and history tag alone. */
async function reconcile(
  deps: StreamResourceDependencies,
  props: StreamResourceProperties,
  summary: StreamDescriptionSummary,
  currentTags: Record<string, string>,
): Promise<void> {
  const name = props.StreamName;
  const retention = Number(props.RetentionPeriodHours);
  const currentRetention = summary.RetentionPeriodHours ?? 24;
  if (retention > currentRetention) {
    await deps.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: retention }));
    await waitActive(deps, name);
  } else if (retention < currentRetention) {
    await deps.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: retention }));
    await waitActive(deps, name);
  }
  if (summary.EncryptionType !== 'KMS' || summary.KeyId !== props.KmsKeyArn) {
    await deps.kinesis.send(new StartStreamEncryptionCommand({ StreamName: name, EncryptionType: 'KMS', KeyId: props.KmsKeyArn }));
    await waitActive(deps, name);
  }
  const changed = Object.fromEntries(Object.entries(props.Tags).filter(([key, value]) => currentTags[key] !== value));
  if (Object.keys(changed).length > 0) await deps.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: changed }));
  const removed = Object.keys(currentTags).filter((key) => !(key in props.Tags) && key !== SCALING_HISTORY_TAG);
  if (removed.length > 0) await deps.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: name, TagKeys: removed }));
}

async function waitActive(deps: StreamResourceDependencies, name: string): Promise<StreamDescriptionSummary> {
  const maxPolls = deps.maxPolls ?? 120;
  for (let poll = 1; ; poll += 1) {
    const summary = (await deps.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
    if (summary?.StreamStatus === 'ACTIVE') return summary;
    if (poll >= maxPolls)
      throw new Error(
        `stream "${name}" is ${summary?.StreamStatus ?? 'unknown'} after ${poll} checks; expected ACTIVE (retry the deployment once it is)`,
      );
    await deps.sleep(deps.pollMs ?? 5_000);
  }
}

async function tagsOf(kinesis: KinesisClient, name: string): Promise<Record<string, string>> {
  const listed = await kinesis.send(new ListTagsForStreamCommand({ StreamName: name }));
  return Object.fromEntries((listed.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

/**
 * Deletes the stream and waits until it is gone. Nothing to do for a placeholder id, a missing stream or
 * one the function may not describe (see {@link handleStreamResource}).
 */
async function deleteStream(deps: StreamResourceDependencies, name: string): Promise<void> {
  if (name.startsWith(NOT_CREATED_PREFIX)) return;
  const maxPolls = deps.maxPolls ?? 120;
  for (let poll = 1; ; poll += 1) {
    let status: string | undefined;
    try {
      status = (await deps.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.StreamStatus;
    } catch (error) {
      if (error instanceof ResourceNotFoundException || error instanceof AccessDeniedException) return;
      throw error;
    }
    if (status === 'ACTIVE') {
      await deps.kinesis.send(new DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true })).catch((error: unknown) => {
        // Gone meanwhile, or busy (a scaling in progress): the next check decides.
        if (!(error instanceof ResourceNotFoundException || error instanceof ResourceInUseException)) throw error;
      });
    }
    if (poll >= maxPolls) throw new Error(`stream "${name}" is still ${status ?? 'present'} after ${poll} checks; delete it or retry`);
    await deps.sleep(deps.pollMs ?? 5_000);
  }
}

function dataOf(summary: StreamDescriptionSummary): StreamResourceData {
  if (!summary.StreamARN || !summary.StreamName) throw new Error('DescribeStreamSummary returned no stream ARN or name');
  return { Arn: summary.StreamARN, Name: summary.StreamName };
}
