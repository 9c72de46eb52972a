import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Agent } from 'node:http';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
  ResourceInUseException,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { freePort } from './free-port';

/** Options of `KinesisLocal.start`. */
export interface KinesisLocalOptions {
  /** Shards per account and region (`SHARD_LIMIT`). @default 50 */
  readonly shardLimit?: number;
  /** How long CreateStream/UpdateShardCount keep a stream CREATING/UPDATING (ms). @default 200 (AWS takes seconds to minutes) */
  readonly transitionMs?: number;
  /** Kill the emulator if it does not answer within this many ms. @default 30000 */
  readonly startTimeoutMs?: number;
}

/** Starts kinesis-local listening on 127.0.0.1 only (kinesis-mock itself binds every interface). */
const LOOPBACK_BOOTSTRAP = join(__dirname, '..', 'bin', 'kinesis-local-loopback.js');

/** Fixed region of the emulator. */
const REGION = 'us-east-1';

/** Placeholder credentials for local Kinesis emulators, which accept any signature; valid nowhere else. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'kinesis-local', secretAccessKey: 'kinesis-local' } as const;

/** Emulators started by this process, killed on every exit path. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * `kinesis-local` (kinesis-mock) as a child process on free loopback ports (127.0.0.1 only, so nobody
 * else on the network can read or alter its streams): a real Kinesis API (PutRecord(s), GetRecords,
 * ListShards, UpdateShardCount, …) for tests and `labs local`. Start with
 * `KinesisLocal.start()`, always `stop()`. It ignores SIGTERM, so it is stopped with SIGKILL; it also
 * exits by itself when this process dies (it watches its stdin pipe), and a process `exit` hook kills
 * any emulator still running.
 */
export class KinesisLocal {
  private constructor(
    private readonly child: ChildProcess,
    /** Plain-HTTP endpoint, e.g. `http://127.0.0.1:41234`. */
    readonly endpoint: string,
    /** Port of its HTTPS listener (self-signed certificate), also on 127.0.0.1. */
    readonly tlsPort: number,
  ) {}

  /** Region the emulator serves. */
  readonly region = REGION;

  /** Starts the emulator on free ports and waits until it answers. */
  static async start(options: KinesisLocalOptions = {}): Promise<KinesisLocal> {
    const [plainPort, tlsPort] = [await freePort(), await freePort()];
    const packageDir = dirname(require.resolve('kinesis-local/package.json'));
    const transition = `${options.transitionMs ?? 200}ms`;
    const child = spawn(
      process.execPath,
      // Loopback only, and exit when the parent's end of stdin closes (the parent died).
      [LOOPBACK_BOOTSTRAP, join(packageDir, 'main.js')],
      {
        env: {
          PATH: process.env.PATH,
          KINESIS_MOCK_CERT_PATH: join(packageDir, 'server.json'),
          KINESIS_MOCK_PLAIN_PORT: String(plainPort),
          KINESIS_MOCK_TLS_PORT: String(tlsPort),
          AWS_REGION: REGION,
          SHARD_LIMIT: String(options.shardLimit ?? 50),
          CREATE_STREAM_DURATION: transition,
          DELETE_STREAM_DURATION: transition,
          UPDATE_SHARD_COUNT_DURATION: transition,
          SPLIT_SHARD_DURATION: transition,
          MERGE_SHARDS_DURATION: transition,
          LOG_LEVEL: 'ERROR',
        },
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    track(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const emulator = new KinesisLocal(child, `http://127.0.0.1:${plainPort}`, tlsPort);
    const client = emulator.client();
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    try {
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`kinesis-local exited (${child.exitCode ?? child.signalCode}) before answering: ${stderr.trim()}`);
        }
        if (
          await client.send(new ListStreamsCommand({})).then(
            () => true,
            () => false,
          )
        )
          return emulator;
        if (Date.now() > deadline) throw new Error(`kinesis-local did not answer on ${emulator.endpoint}: ${stderr.trim()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } catch (error) {
      emulator.stop();
      throw error;
    } finally {
      client.destroy();
    }
  }

  /** Process id of the emulator. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the emulator process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Placeholder credentials the emulator accepts (never valid anywhere else). */
  get credentials(): { readonly accessKeyId: string; readonly secretAccessKey: string } {
    return EMULATOR_CREDENTIALS;
  }

  /** A new SDK client for this emulator (HTTP/1.1 handler; destroy it when done). */
  client(): KinesisClient {
    return new KinesisClient({
      endpoint: this.endpoint,
      region: this.region,
      credentials: EMULATOR_CREDENTIALS,
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) }),
    });
  }

  /** Creates a provisioned stream and waits until it is ACTIVE. */
  async createStream(streamName: string, shardCount: number): Promise<void> {
    const client = this.client();
    try {
      await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount })).catch((error: unknown) => {
        if (!(error instanceof ResourceInUseException)) throw error;
      });
    } finally {
      client.destroy();
    }
    await this.waitActive(streamName);
  }

  /** Polls the stream every 50 ms until it is ACTIVE (after CreateStream, UpdateShardCount, …). */
  async waitActive(streamName: string): Promise<void> {
    const client = this.client();
    try {
      for (;;) {
        const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
        if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      client.destroy();
    }
  }

  /** Kills the emulator (SIGKILL: it ignores SIGTERM). Safe to call twice. */
  stop(): void {
    kill(this.child);
  }
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const emulator of running) kill(emulator);
    });
  }
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.delete(child);
}
