import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { KinesisLocal, REPO_ROOT } from '@labs/testing';
import { DeliveryTally } from '../src/delivery-tally';
import { KinesisProducer } from '../src/producer';
import { decodeReading, encodeReading } from '../src/sensor-reading';
import { SensorSimulator } from '../src/simulator';
import { StreamReader } from '../src/stream-reader';

jest.setTimeout(120_000);

/** Reads the stream back until `expected` distinct readings arrived (or `timeoutMs` passed). */
async function readBack(client: KinesisClient, streamName: string, expected: number, timeoutMs = 30_000) {
  const tally = new DeliveryTally();
  const order = new Map<string, number[]>();
  const reader = new StreamReader(client, {
    streamName,
    idlePollMs: 200,
    onRecords: (_shard, records) => {
      for (const record of records) {
        const reading = decodeReading(record.Data ?? new Uint8Array());
        tally.add(reading, Date.now());
        order.set(reading.sensorId, [...(order.get(reading.sensorId) ?? []), reading.seq]);
      }
    },
  });
  reader.start();
  const deadline = Date.now() + timeoutMs;
  while (tally.summary().delivered < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await reader.stop();
  return { summary: tally.summary(), order };
}

describe('sensor producer against kinesis-local', () => {
  let emulator: KinesisLocal;
  let client: KinesisClient;

  beforeAll(async () => {
    emulator = await KinesisLocal.start();
    client = emulator.client();
  });

  afterAll(() => {
    client?.destroy();
    emulator?.stop();
  });

  it('every record is readable by the consumer, in order per sensor, across a 2-shard stream', async () => {
    await emulator.createStream('readable', 2);
    const producer = new KinesisProducer(client, { streamName: 'readable', lingerMs: 5 });
    const simulator = new SensorSimulator({ sensors: 30 });
    for (let i = 0; i < 1500; i++) {
      const reading = simulator.read();
      await producer.put(encodeReading(reading), reading.sensorId);
    }
    await producer.flush();
    expect(producer.getStats()).toMatchObject({ accepted: 1500, delivered: 1500, dropped: { bufferFull: 0, retryBudget: 0, rejected: 0 } });

    const { summary, order } = await readBack(client, 'readable', 1500);
    expect(summary).toMatchObject({ delivered: 1500, duplicates: 0, outOfOrder: 0 });
    expect(order.size).toBe(30);
    for (const seqs of order.values()) expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('the consumer follows a reshard: parent drained before its children, nothing lost or reordered', async () => {
    await emulator.createStream('resharded', 1);
    const { UpdateShardCountCommand } = await import('@aws-sdk/client-kinesis');
    const producer = new KinesisProducer(client, { streamName: 'resharded', lingerMs: 5 });
    const simulator = new SensorSimulator({ sensors: 20 });
    const send = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const reading = simulator.read();
        await producer.put(encodeReading(reading), reading.sensorId);
      }
      await producer.flush();
    };
    await send(400);
    await client.send(new UpdateShardCountCommand({ StreamName: 'resharded', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    await new Promise((r) => setTimeout(r, 1000));
    await send(400);
    expect(producer.getStats().delivered).toBe(800);

    const { summary, order } = await readBack(client, 'resharded', 800);
    expect(summary).toMatchObject({ delivered: 800, duplicates: 0, outOfOrder: 0 });
    for (const seqs of order.values()) expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('SIGTERM flushes: the EC2 entry point delivers every reading it accepted, then exits 0', async () => {
    await emulator.createStream('sigterm', 1);
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'src', 'ec2-main.ts')], {
      env: {
        PATH: process.env.PATH,
        STREAM_NAME: 'sigterm',
        AWS_REGION: emulator.region,
        AWS_ENDPOINT_URL_KINESIS: emulator.endpoint,
        AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
        RATE: '300',
        SENSORS: '20',
        STATS_EVERY_MS: '100',
      },
      // node --import tsx, not the tsx CLI: the CLI's signal relay force-kills a child that is slow to confirm
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 30_000;
    // SIGTERM once it has accepted over 100 readings (its stats lines say so), however loaded the machine.
    const acceptedSoFar = (): number =>
      Math.max(0, ...[...stdout.matchAll(/"event":"stats".*?"accepted":(\d+)/g)].map((match) => Number(match[1])));
    while (acceptedSoFar() <= 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const code = await exited;

    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const stopped = lines.find((line) => line.event === 'stopped');
    expect({ code, stderr: stderr.includes('error:') ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(stopped).toMatchObject({ buffered: 0, dropped: { bufferFull: 0, retryBudget: 0, rejected: 0 } });
    const accepted = stopped?.accepted as number;
    expect(accepted).toBeGreaterThan(100);
    expect(stopped?.delivered).toBe(accepted);

    const { summary } = await readBack(client, 'sigterm', accepted);
    expect(summary).toMatchObject({ delivered: accepted, duplicates: 0, outOfOrder: 0 });
  });

  it('the EC2 entry point refuses to start without STREAM_NAME and says so', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'src', 'ec2-main.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('error: STREAM_NAME is not set: the producer needs it (for example STREAM_NAME=RawStreamData-alice)');
  });
});
