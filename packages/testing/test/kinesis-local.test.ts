import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  UpdateShardCountCommand,
} from '@aws-sdk/client-kinesis';
import { KinesisLocal } from '../src/kinesis-local';
import { acceptsConnections, externalIpv4, isLoopbackAddress, listeningAddresses } from '../src/listening-addresses';

jest.setTimeout(60_000);

describe('KinesisLocal', () => {
  let emulator: KinesisLocal;

  beforeAll(async () => {
    emulator = await KinesisLocal.start();
  });

  afterAll(() => emulator?.stop());

  it('serves a plain-HTTP endpoint on a free loopback port', () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.endpoint).not.toMatch(/:(4567|4568)$/);
  });

  it('listens on loopback only (HTTP and TLS ports): nobody else on the network reaches its streams', async () => {
    const external = externalIpv4();
    for (const port of [Number(new URL(emulator.endpoint).port), emulator.tlsPort]) {
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
      expect(listeningAddresses(port).every(isLoopbackAddress)).toBe(true);
      if (external) expect(await acceptsConnections(external, port)).toBe(false);
      expect(await acceptsConnections('127.0.0.1', port)).toBe(true);
    }
  });

  it('creates an ACTIVE stream and round-trips a record', async () => {
    await emulator.createStream('round-trip', 1);
    const client = emulator.client();
    try {
      const put = await client.send(new PutRecordCommand({ StreamName: 'round-trip', PartitionKey: 'k', Data: Buffer.from('hello') }));
      const iterator = await client.send(
        new GetShardIteratorCommand({ StreamName: 'round-trip', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
      expect(page.Records?.map((r) => Buffer.from(r.Data ?? []).toString())).toEqual(['hello']);
    } finally {
      client.destroy();
    }
  });

  it('creating an existing stream is not an error', async () => {
    await emulator.createStream('twice', 1);
    await expect(emulator.createStream('twice', 1)).resolves.toBeUndefined();
  });

  it('reshards 1 → 2 quickly (UpdateShardCount), the parent closed with two children', async () => {
    await emulator.createStream('reshard', 1);
    const client = emulator.client();
    try {
      await client.send(new UpdateShardCountCommand({ StreamName: 'reshard', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
      const deadline = Date.now() + 10_000;
      let status: string | undefined;
      do {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await client.send(new DescribeStreamSummaryCommand({ StreamName: 'reshard' }))).StreamDescriptionSummary?.StreamStatus;
      } while (status !== 'ACTIVE' && Date.now() < deadline);
      expect(status).toBe('ACTIVE');
      const shards = (await client.send(new ListShardsCommand({ StreamName: 'reshard' }))).Shards ?? [];
      const [parent, ...children] = shards;
      expect(parent?.SequenceNumberRange?.EndingSequenceNumber).toBeDefined();
      expect(children.map((c) => c.ParentShardId)).toEqual([parent?.ShardId, parent?.ShardId]);
    } finally {
      client.destroy();
    }
  });

  it('stop() kills the process (SIGKILL) and is idempotent', async () => {
    const other = await KinesisLocal.start();
    const pid = other.pid as number;
    other.stop();
    other.stop();
    // Its exit is reported asynchronously: wait for it (however loaded the machine), not a fixed 200 ms.
    const deadline = Date.now() + 10_000;
    while (other.running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.running).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
