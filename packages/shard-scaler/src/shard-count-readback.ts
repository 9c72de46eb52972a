import { DescribeStreamSummaryCommand, ResourceNotFoundException, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';

/** Properties the stack gives the read-back custom resource. */
export interface ShardCountReadbackProperties {
  /** The stream's name (known before the stream exists). */
  StreamName: string;
  /** Shards to create the stream with when it does not exist yet. */
  InitialShardCount: string;
  /** Scale-out alarm threshold per shard (policy `scaleOut.threshold`). */
  ScaleOutPerShard: string;
  /** Scale-in alarm threshold per shard (policy `scaleIn.threshold`). */
  ScaleInPerShard: string;
}

/** What the resource returns: the live shard count and the alarm thresholds for it. */
export interface ShardCountReadbackData {
  ShardCount: number;
  ScaleOutThreshold: number;
  ScaleInThreshold: number;
}

/** Clients and timing of the read-back handler. */
export interface ShardCountReadbackDependencies {
  kinesis: KinesisClient;
  /** Sends the custom resource response (PUT to the pre-signed ResponseURL). */
  respond: (url: string, response: CloudFormationCustomResourceResponse) => Promise<void>;
  /** Waits between polls while the stream is resharding. */
  sleep: (ms: number) => Promise<void>;
  /** Polls before giving up on a stream that stays UPDATING. @default 40 (every 5 s) */
  maxPolls?: number;
}

const POLL_MS = 5_000;

/**
 * Reads the stream's live open shard count so the template's `ShardCount` (and the alarm thresholds)
 * follow what the scaler did instead of resetting it: the stack gives the stream this value, so a
 * redeploy never undoes a scaling. A stream that does not exist yet gets `InitialShardCount`; one that is
 * resharding is waited for. Delete does nothing (the stream is the stack's to delete).
 */
export async function readBackShardCount(
  properties: ShardCountReadbackProperties,
  deps: ShardCountReadbackDependencies,
): Promise<ShardCountReadbackData> {
  const maxPolls = deps.maxPolls ?? 40;
  for (let poll = 0; ; poll += 1) {
    let shardCount: number | undefined;
    try {
      const summary = await deps.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: properties.StreamName }));
      const description = summary.StreamDescriptionSummary;
      if (description?.StreamStatus === 'ACTIVE') shardCount = description.OpenShardCount;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      shardCount = Number(properties.InitialShardCount);
    }
    if (shardCount !== undefined) {
      return {
        ShardCount: shardCount,
        ScaleOutThreshold: Number(properties.ScaleOutPerShard) * shardCount,
        ScaleInThreshold: Number(properties.ScaleInPerShard) * shardCount,
      };
    }
    if (poll + 1 >= maxPolls) {
      throw new Error(`stream "${properties.StreamName}" did not become ACTIVE within ${(maxPolls * POLL_MS) / 1000} s; deploy again when its resharding has finished`);
    }
    await deps.sleep(POLL_MS);
  }
}

/** The custom resource handler: answers CloudFormation with {@link readBackShardCount}'s data, or FAILED with the reason. */
export function createShardCountReadbackHandler(deps: ShardCountReadbackDependencies): (event: CloudFormationCustomResourceEvent) => Promise<void> {
  return async (event) => {
    const properties = event.ResourceProperties as unknown as ShardCountReadbackProperties;
    const physicalResourceId = `shard-count-readback-${properties.StreamName}`;
    const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, PhysicalResourceId: physicalResourceId };
    try {
      const data = event.RequestType === 'Delete' ? undefined : await readBackShardCount(properties, deps);
      await deps.respond(event.ResponseURL, { ...base, Status: 'SUCCESS', ...(data ? { Data: { ...data } } : {}) });
    } catch (error) {
      await deps.respond(event.ResponseURL, { ...base, Status: 'FAILED', Reason: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** Sends a custom resource response to CloudFormation's pre-signed S3 URL. */
export async function putCustomResourceResponse(url: string, response: CloudFormationCustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const result = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) } });
  if (!result.ok) throw new Error(`CloudFormation response upload failed: HTTP ${result.status}`);
}
