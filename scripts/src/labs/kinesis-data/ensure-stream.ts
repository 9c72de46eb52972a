import { CreateStreamCommand, DescribeStreamSummaryCommand, ResourceNotFoundException, type KinesisClient } from '@aws-sdk/client-kinesis';

/** Creates a provisioned stream with `shards` shards unless it exists; waits until it is ACTIVE. Returns whether it was created. */
export async function ensureStream(client: KinesisClient, streamName: string, shards: number, timeoutMs = 60_000): Promise<boolean> {
  let created = false;
  try {
    await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
    created = true;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary?.StreamStatus;
    if (status === 'ACTIVE') return created;
    if (Date.now() > deadline) throw new Error(`stream "${streamName}" is still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
