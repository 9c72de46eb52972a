import {
  DescribeStreamSummaryCommand,
  ListTagsForStreamCommand,
  UpdateShardCountCommand,
  AddTagsToStreamCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { KinesisLocal } from '@labs/testing';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStreamResourceHandler, putCustomResourceResponse, type StreamResourceProperties } from '../src';

const KEY = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555';
const props = (overrides: Partial<StreamResourceProperties> = {}): StreamResourceProperties => ({
  StreamName: 'RawStreamData-alice',
  InitialShardCount: '1',
  RetentionPeriodHours: '24',
  KmsKeyArn: KEY,
  Tags: { 'labs-lab': 'kinesis-data', 'labs-env': 'alice', 'labs-expires-at': '2026-11-29T03:00:00Z' },
  ...overrides,
});

function event(
  RequestType: 'Create' | 'Update' | 'Delete',
  properties: StreamResourceProperties,
  old?: StreamResourceProperties,
): CloudFormationCustomResourceEvent {
  return {
    RequestType,
    ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:stream',
    ResponseURL: 'https://response.invalid/',
    StackId: 'stack',
    RequestId: `${RequestType}-1`,
    LogicalResourceId: 'RawStream',
    ResourceType: 'Custom::KinesisStream',
    ResourceProperties: { ServiceToken: 'x', ...properties } as never,
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: (old ?? properties).StreamName }),
    ...(RequestType === 'Update' ? { OldResourceProperties: old as never } : {}),
  } as CloudFormationCustomResourceEvent;
}

describe('stream custom resource against kinesis-local', () => {
  let emulator: KinesisLocal;
  let kinesis: KinesisClient;
  const responses: CloudFormationCustomResourceResponse[] = [];
  const handler = () =>
    createStreamResourceHandler({
      kinesis,
      respond: async (_, r) => {
        responses.push(r);
      },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      pollMs: 50,
    });
  const summary = async (name = 'RawStreamData-alice') =>
    (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
  const tags = async (name = 'RawStreamData-alice') =>
    Object.fromEntries(((await kinesis.send(new ListTagsForStreamCommand({ StreamName: name }))).Tags ?? []).map((t) => [t.Key, t.Value]));

  beforeAll(async () => {
    emulator = await KinesisLocal.start();
    kinesis = emulator.client();
  }, 60_000);
  afterAll(() => {
    kinesis?.destroy();
    emulator?.stop();
  });
  beforeEach(() => {
    responses.length = 0;
  });

  it('creates a provisioned, KMS-encrypted, tagged stream with 1 shard', async () => {
    await handler()(event('Create', props()));
    expect(responses[0]).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'RawStreamData-alice',
      Data: { Name: 'RawStreamData-alice' },
    });
    expect(String(responses[0]?.Data?.Arn)).toMatch(/:stream\/RawStreamData-alice$/);
    expect(await summary()).toMatchObject({
      StreamStatus: 'ACTIVE',
      OpenShardCount: 1,
      EncryptionType: 'KMS',
      KeyId: KEY,
      RetentionPeriodHours: 24,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    expect(await tags()).toEqual(props().Tags);
  }, 60_000);

  it("a redeploy keeps the scaler's shard count and history tag while it updates tags and retention", async () => {
    await kinesis.send(
      new UpdateShardCountCommand({ StreamName: 'RawStreamData-alice', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }),
    );
    await emulator.waitActive('RawStreamData-alice');
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'RawStreamData-alice', Tags: { 'labs-scaling-history': '1764370000' } }));
    const next = props({
      RetentionPeriodHours: '48',
      Tags: { 'labs-lab': 'kinesis-data', 'labs-env': 'alice', 'labs-expires-at': '2026-11-30T03:00:00Z' },
    });
    await handler()(event('Update', next, props()));
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'RawStreamData-alice' });
    expect(await summary()).toMatchObject({ OpenShardCount: 2, RetentionPeriodHours: 48, EncryptionType: 'KMS' });
    expect(await tags()).toEqual({ ...next.Tags, 'labs-scaling-history': '1764370000' });
  }, 60_000);

  it('drops tags the environment no longer has', async () => {
    const fewer = props({ RetentionPeriodHours: '48', Tags: { 'labs-lab': 'kinesis-data' } });
    await handler()(event('Update', fewer, props({ RetentionPeriodHours: '48' })));
    expect(await tags()).toEqual({ 'labs-lab': 'kinesis-data', 'labs-scaling-history': '1764370000' });
  }, 60_000);

  it('creates a new stream when the name changes (CloudFormation then deletes the old one)', async () => {
    await handler()(event('Update', props({ StreamName: 'RawStreamData-bob' }), props()));
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'RawStreamData-bob' });
    expect(await summary('RawStreamData-bob')).toMatchObject({ OpenShardCount: 1 });
  }, 60_000);

  it('deletes the stream, and a second delete of a missing stream succeeds', async () => {
    await handler()(event('Delete', props({ StreamName: 'RawStreamData-bob' })));
    await handler()(event('Delete', props({ StreamName: 'RawStreamData-bob' })));
    expect(responses.map((r) => r.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    await expect(summary('RawStreamData-bob')).rejects.toThrow(/not found|does not exist/i);
  }, 60_000);

  it('answers FAILED with the reason, naming no stream it did not create', async () => {
    await handler()(event('Create', props()));
    expect(responses[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'not-created-RawStreamData-alice' });
    expect(responses[0]?.Reason).toMatch(/RawStreamData-alice/);
  }, 60_000);
});

describe('custom resource response upload', () => {
  it('PUTs the JSON with an empty content type', async () => {
    const received: { method?: string; type?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response: CloudFormationCustomResourceResponse = {
        Status: 'SUCCESS',
        StackId: 's',
        RequestId: 'r',
        LogicalResourceId: 'l',
        PhysicalResourceId: 'p',
      };
      await putCustomResourceResponse(`http://127.0.0.1:${port}/presigned?sig=1`, response);
      expect(received).toEqual([{ method: 'PUT', type: '', body: JSON.stringify(response) }]);
    } finally {
      server.close();
    }
  });
});
