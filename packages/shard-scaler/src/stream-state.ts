import { DescribeStreamSummaryCommand, ListTagsForStreamCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { parseScalingHistory, SCALING_HISTORY_TAG } from './history';
import type { StreamState, StreamStatus } from './types';

/** Reads shard count, status and the scaling history tag of a stream. */
export async function readStreamState(kinesis: KinesisClient, streamName: string): Promise<StreamState> {
  const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  const description = summary.StreamDescriptionSummary;
  if (!description || description.OpenShardCount === undefined || !description.StreamStatus) {
    throw new Error(`DescribeStreamSummary for "${streamName}" returned no shard count or status`);
  }
  const tags = await kinesis.send(new ListTagsForStreamCommand({ StreamName: streamName }));
  const historyTag = tags.Tags?.find((tag) => tag.Key === SCALING_HISTORY_TAG)?.Value;
  return {
    shardCount: description.OpenShardCount,
    status: description.StreamStatus as StreamStatus,
    scalingHistory: parseScalingHistory(historyTag),
  };
}
