import { CreateStreamCommand, DescribeStreamSummaryCommand, ResourceNotFoundException, type KinesisClient } from '@aws-sdk/client-kinesis';
import { sleep, systemClock, type Clock } from '@labs/config';

/** Creates a provisioned stream with `shards` shards unless it exists; waits until it is ACTIVE. Returns whether it was created. */
export async function ensureStream(
  client: Pick<KinesisClient, 'send'>,
  streamName: string,
  shards: number,
  { clock = systemClock, timeoutMs = 60_000 }: { readonly clock?: Clock; readonly timeoutMs?: number } = {},
): Promise<boolean> {
  let created = false;
  try {
    await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
    created = true;
  }
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const status = (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary?.StreamStatus;
    if (status === 'ACTIVE') return created;
    if (clock.now() > deadline) throw new Error(`stream "${streamName}" is still ${status} after ${timeoutMs} ms`);
    await sleep(clock, 100);
  }
}
