import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@labs/testing';
import { PutRecordsSink, type SinkFaults } from '../src/put-records-sink';

jest.setTimeout(60_000);

interface Run {
  code: number | null;
  events: Record<string, unknown>[];
}

/** Runs the real EC2 entry point against a faulty sink; stops it with SIGTERM after `stopAfterMs` unless it ends first. */
async function runEc2Main(faults: SinkFaults, env: Record<string, string>, stopAfterMs: number): Promise<Run> {
  const sink = await PutRecordsSink.start({ faults });
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'src', 'ec2-main.ts')], {
      env: {
        PATH: process.env.PATH,
        STREAM_NAME: 'faulty',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_KINESIS: sink.endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        ...env,
      },
      // node --import tsx, not the tsx CLI: the CLI's signal relay force-kills a child that is slow to confirm
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('"event":"started"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const timer = setTimeout(() => child.kill('SIGTERM'), stopAfterMs);
    const code = await exited;
    clearTimeout(timer);
    return {
      code,
      events: stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    };
  } finally {
    await sink.stop();
  }
}

describe('EC2 entry point when records cannot be delivered', () => {
  it('retry budget exhausted: says how many and exits 1', async () => {
    const { code, events } = await runEc2Main({ throttleEntryRate: 1 }, { RATE: '50', SENSORS: '10', MAX_ATTEMPTS: '2' }, 1500);
    const stopped = events.find((e) => e.event === 'stopped') as {
      accepted: number;
      delivered: number;
      dropped: { retryBudget: number };
      error: string;
    };
    expect(code).toBe(1);
    expect(stopped.delivered).toBe(0);
    expect(stopped.dropped.retryBudget).toBe(stopped.accepted);
    expect(stopped.error).toBe(
      `${stopped.accepted} of ${stopped.accepted} records were not delivered (${stopped.accepted} retry budget exhausted); last error: ProvisionedThroughputExceededException: Rate exceeded for shard (injected) (after 2 attempts)`,
    );
  });

  it('buffer limit exceeded: stops by itself, says how many and exits 1', async () => {
    const { code, events } = await runEc2Main(
      { throttleRequestRate: 1 },
      { RATE: '200', SENSORS: '10', MAX_BUFFERED_RECORDS: '20', MAX_BLOCK_MS: '300', MAX_ATTEMPTS: '1000', FLUSH_TIMEOUT_MS: '500' },
      30_000,
    );
    const stopped = events.find((e) => e.event === 'stopped') as { buffered: number; dropped: { bufferFull: number }; error: string };
    expect(code).toBe(1);
    expect(events.map((e) => e.event)).toContain('buffer-full');
    expect(stopped.dropped.bufferFull).toBe(1);
    expect(stopped.buffered).toBe(20);
    expect(stopped.error).toBe(
      '21 of 21 records were not delivered (1 buffer full, 20 still buffered after the 500 ms flush timeout); last error: ProvisionedThroughputExceededException: Rate exceeded for stream (injected)',
    );
  });
});
