import {
  KinesisClient,
  DescribeStreamSummaryCommand,
  ListTagsForStreamCommand,
  UpdateShardCountCommand,
  AddTagsToStreamCommand,
} from '@aws-sdk/client-kinesis';
import { EMULATOR_CREDENTIALS, KinesisLocal } from '@labs/testing';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkResponseUrl,
  createStreamResourceHandler,
  NOT_CREATED_PREFIX,
  putCustomResourceResponse,
  type StreamResourceDependencies,
  type StreamResourceProperties,
} from '../src';

/** A response URL as CloudFormation sends it in us-east-1 (the emulator's region). */
const RESPONSE_URL =
  'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation%3Aus-east-1%3A000000000000%3Astack/labs-kinesis-data-alice/1%7CRawStream%7C2?X-Amz-Signature=abc';

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
  overrides: Partial<{ PhysicalResourceId: string; ResponseURL: string }> = {},
): CloudFormationCustomResourceEvent {
  return {
    RequestType,
    ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:stream',
    ResponseURL: overrides.ResponseURL ?? RESPONSE_URL,
    StackId: 'stack',
    RequestId: `${RequestType}-1`,
    LogicalResourceId: 'RawStream',
    ResourceType: 'Custom::KinesisStream',
    ResourceProperties: { ServiceToken: 'x', ...properties } as never,
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: overrides.PhysicalResourceId ?? (old ?? properties).StreamName }),
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
      region: 'us-east-1',
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
    expect(responses[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: `${NOT_CREATED_PREFIX}RawStreamData-alice` });
    expect(responses[0]?.Reason).toMatch(/RawStreamData-alice/);
  }, 60_000);

  it('a create that fails on a pre-created stream rolls back cleanly and leaves that stream alone', async () => {
    await emulator.createStream('RawStreamData-carol', 1);
    await handler()(event('Create', props({ StreamName: 'RawStreamData-carol' })));
    const placeholder = responses[0]?.PhysicalResourceId;
    expect(responses[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: `${NOT_CREATED_PREFIX}RawStreamData-carol` });
    await handler()(event('Delete', props({ StreamName: 'RawStreamData-carol' }), undefined, { PhysicalResourceId: placeholder }));
    expect(responses[1]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: placeholder });
    expect(await summary('RawStreamData-carol')).toMatchObject({ StreamStatus: 'ACTIVE' });
  }, 60_000);

  it('refuses an event whose ResponseURL is not CloudFormation: no stream is created and nothing is sent', async () => {
    const forged = event('Create', props({ StreamName: 'RawStreamData-mallory' }), undefined, {
      ResponseURL: 'https://attacker.example/collect',
    });
    await expect(handler()(forged)).rejects.toThrow(
      /ResponseURL host "https:\/\/attacker\.example" is not CloudFormation's response endpoint in us-east-1/,
    );
    expect(responses).toEqual([]);
    await expect(summary('RawStreamData-mallory')).rejects.toThrow(/not found|does not exist/i);
  }, 60_000);
});

/**
 * A Kinesis endpoint that denies every call, as Kinesis answers a role whose policy does not cover the
 * stream (awsJson1_1: HTTP 400, `__type` AccessDeniedException), recording the operations it was asked for.
 */
async function denyingKinesis(): Promise<{ client: KinesisClient; operations: string[]; close: () => void }> {
  const operations: string[] = [];
  const server = createServer((req, res) => {
    operations.push(String(req.headers['x-amz-target']).split('.').pop() ?? '');
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          __type: 'AccessDeniedException',
          message:
            'User: arn:aws:sts::000000000000:assumed-role/stream-handler is not authorized to perform: kinesis:DescribeStreamSummary',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new KinesisClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
  return { client, operations, close: () => (client.destroy(), server.close()) };
}

describe('delete always lets the stack go', () => {
  const run = async (kinesis: KinesisClient, physicalId: string) => {
    const responses: CloudFormationCustomResourceResponse[] = [];
    const deps: StreamResourceDependencies = {
      kinesis,
      region: 'us-east-1',
      respond: async (_, r) => {
        responses.push(r);
      },
      sleep: async () => undefined,
    };
    await createStreamResourceHandler(deps)(event('Delete', props(), undefined, { PhysicalResourceId: physicalId }));
    return responses;
  };

  it('succeeds for a stream the function may not describe (AccessDenied is not a stream it created)', async () => {
    const denying = await denyingKinesis();
    try {
      expect(await run(denying.client, 'RawStreamData-alice')).toMatchObject([
        { Status: 'SUCCESS', PhysicalResourceId: 'RawStreamData-alice' },
      ]);
      expect(denying.operations).toEqual(['DescribeStreamSummary']);
    } finally {
      denying.close();
    }
  });

  it.each([`${NOT_CREATED_PREFIX}RawStreamData-alice`, 'not-created-RawStreamData-alice'])(
    'succeeds for the placeholder id of a failed create (%s) under a role scoped to the real stream',
    async (placeholder) => {
      const denying = await denyingKinesis();
      try {
        expect(await run(denying.client, placeholder)).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: placeholder }]);
      } finally {
        denying.close();
      }
    },
  );

  it('does not even ask Kinesis about a placeholder id', async () => {
    const denying = await denyingKinesis();
    try {
      await run(denying.client, `${NOT_CREATED_PREFIX}RawStreamData-alice`);
      expect(denying.operations).toEqual([]);
    } finally {
      denying.close();
    }
  });
});

describe('ResponseURL check', () => {
  it.each([
    ['us-east-1', 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3A?sig=1'],
    ['eu-west-1', 'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/arn%3A?sig=1'],
    ['us-east-2', 'https://cloudformation-custom-resource-response-useast2.s3.us-east-2.amazonaws.com/arn%3A?sig=1'],
    ['cn-north-1', 'https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/arn%3A?sig=1'],
  ])("accepts CloudFormation's response bucket in %s", (region, url) => {
    expect(checkResponseUrl(url, region).href).toBe(url);
  });

  it.each([
    ['plain HTTP', 'http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x'],
    ['another region', 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x'],
    ['a look-alike host', 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.attacker.example/x'],
    ['another bucket', 'https://attacker-bucket.s3.amazonaws.com/x'],
    ['a port', 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com:8443/x'],
    ['credentials', 'https://user:pw@cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x'],
    ['no URL at all', 'not a url'],
  ])('refuses %s in us-east-1', (_, url) => {
    expect(() => checkResponseUrl(url, 'us-east-1')).toThrow(/ResponseURL .* us-east-1/);
  });
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
