import { ResourceNotFoundException, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createShardCountReadbackHandler, putCustomResourceResponse, readBackShardCount } from '../src';
import { recordingClient } from './recording-client';

const properties = { StreamName: 'RawStreamData-alice', InitialShardCount: '1', ScaleOutPerShard: '0.8', ScaleInPerShard: '0.5' };

function kinesisAnswering(...answers: (() => unknown)[]) {
  let call = 0;
  return recordingClient<KinesisClient>({
    DescribeStreamSummaryCommand: () => {
      const answer = answers[Math.min(call, answers.length - 1)];
      call += 1;
      return answer?.();
    },
  });
}
const summary = (status: string, shards: number) => () => ({ StreamDescriptionSummary: { StreamStatus: status, OpenShardCount: shards } });
const notFound = () => { throw new ResourceNotFoundException({ message: 'Stream RawStreamData-alice not found', $metadata: {} }); };
const noWait = async () => undefined;

describe('shard count read-back', () => {
  it('gives a new stream its initial shard count', async () => {
    const { client } = kinesisAnswering(notFound);
    await expect(readBackShardCount(properties, { kinesis: client, respond: async () => undefined, sleep: noWait })).resolves.toEqual({ ShardCount: 1, ScaleOutThreshold: 0.8, ScaleInThreshold: 0.5 });
  });

  it('keeps the scaler\'s shard count on a redeploy, with the alarm thresholds for it', async () => {
    const { client } = kinesisAnswering(summary('ACTIVE', 4));
    await expect(readBackShardCount(properties, { kinesis: client, respond: async () => undefined, sleep: noWait })).resolves.toEqual({ ShardCount: 4, ScaleOutThreshold: 3.2, ScaleInThreshold: 2 });
  });

  it('waits while the stream is resharding', async () => {
    const { client, calls } = kinesisAnswering(summary('UPDATING', 2), summary('UPDATING', 2), summary('ACTIVE', 4));
    await expect(readBackShardCount(properties, { kinesis: client, respond: async () => undefined, sleep: noWait })).resolves.toMatchObject({ ShardCount: 4 });
    expect(calls).toHaveLength(3);
  });

  it('gives up on a stream that stays UPDATING, saying what to do', async () => {
    const { client } = kinesisAnswering(summary('UPDATING', 2));
    await expect(readBackShardCount(properties, { kinesis: client, respond: async () => undefined, sleep: noWait, maxPolls: 3 })).rejects.toThrow('did not become ACTIVE within 15 s; deploy again');
  });
});

describe('read-back custom resource handler', () => {
  const event = (RequestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent =>
    ({
      RequestType,
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:readback',
      ResponseURL: 'https://cloudformation-custom-resource-response.invalid/x',
      StackId: 'stack',
      RequestId: 'req',
      LogicalResourceId: 'ShardCount',
      ResourceType: 'Custom::ShardCountReadback',
      ResourceProperties: { ServiceToken: 'x', ...properties },
      ...(RequestType === 'Create' ? {} : { PhysicalResourceId: 'shard-count-readback-RawStreamData-alice' }),
    }) as CloudFormationCustomResourceEvent;

  it('answers SUCCESS with the data on Update', async () => {
    const sent: CloudFormationCustomResourceResponse[] = [];
    const { client } = kinesisAnswering(summary('ACTIVE', 2));
    await createShardCountReadbackHandler({ kinesis: client, respond: async (_, r) => { sent.push(r); }, sleep: noWait })(event('Update'));
    expect(sent).toEqual([
      { Status: 'SUCCESS', StackId: 'stack', RequestId: 'req', LogicalResourceId: 'ShardCount', PhysicalResourceId: 'shard-count-readback-RawStreamData-alice', Data: { ShardCount: 2, ScaleOutThreshold: 1.6, ScaleInThreshold: 1 } },
    ]);
  });

  it('does not read the stream on Delete', async () => {
    const sent: CloudFormationCustomResourceResponse[] = [];
    const { client, calls } = kinesisAnswering(summary('ACTIVE', 2));
    await createShardCountReadbackHandler({ kinesis: client, respond: async (_, r) => { sent.push(r); }, sleep: noWait })(event('Delete'));
    expect(calls).toEqual([]);
    expect(sent[0]).toMatchObject({ Status: 'SUCCESS' });
  });

  it('answers FAILED with the reason instead of leaving CloudFormation waiting', async () => {
    const sent: CloudFormationCustomResourceResponse[] = [];
    const { client } = recordingClient<KinesisClient>({ DescribeStreamSummaryCommand: () => { throw new Error('AccessDeniedException'); } });
    await createShardCountReadbackHandler({ kinesis: client, respond: async (_, r) => { sent.push(r); }, sleep: noWait })(event('Create'));
    expect(sent[0]).toMatchObject({ Status: 'FAILED', Reason: 'AccessDeniedException' });
  });

  it('uploads the response with PUT and an empty content type', async () => {
    const received: { method?: string; type?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => { received.push({ method: req.method, type: req.headers['content-type'], body }); res.end(); });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response: CloudFormationCustomResourceResponse = { Status: 'SUCCESS', StackId: 's', RequestId: 'r', LogicalResourceId: 'l', PhysicalResourceId: 'p' };
      await putCustomResourceResponse(`http://127.0.0.1:${port}/presigned?sig=1`, response);
      expect(received).toEqual([{ method: 'PUT', type: '', body: JSON.stringify(response) }]);
    } finally {
      server.close();
    }
  });
});
