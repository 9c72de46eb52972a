import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { KinesisLocal, REPO_ROOT, runCli } from '@labs/testing';

jest.setTimeout(300_000);

interface Summary {
  produced: number | null;
  delivered: number;
  duplicates: number;
  out_of_order: number;
  shards_start: number;
  shards_end: number;
  reshards: number;
  scalings: { from: number; to: number }[];
  max_lag_ms: number;
  dropped: number | null;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('labs local kinesis-data', () => {
  it('scales the stream 1 → 2 shards by itself within 75 s and reads back every reading (exit 0, one JSON document)', async () => {
    const result = await runCli(['local', 'kinesis-data', '--duration', '75s', '--json'], { timeoutMs: 280_000 });
    expect(result.stderr).toContain('scaler: scale-out 1 → 2 shards');
    expect(result.stderr).toMatch(/consumer: shardId-0+ drained, moving on to its children/);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(result.code).toBe(0);
    expect(summary).toMatchObject({ shards_start: 1, shards_end: 2, reshards: 1, duplicates: 0, out_of_order: 0, dropped: 0 });
    expect(summary.scalings).toEqual([expect.objectContaining({ from: 1, to: 2 })]);
    expect(summary.produced).toBeGreaterThan(1000);
    expect(summary.delivered).toBe(summary.produced);
  });

  it('Ctrl-C ends the run cleanly: summary printed, exit 0, emulator killed', async () => {
    const child = spawn(
      process.execPath,
      // node --import tsx, not the tsx CLI: the CLI's signal relay force-kills a child that is slow to confirm
      ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'src', 'main.ts'), 'local', 'kinesis-data', '--duration', '10m', '--json'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 120_000;
    while (!/t=5s/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const port = Number(/created stream \S+ on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]);
    expect(await portOpen(port)).toBe(true);
    child.kill('SIGINT');
    const code = await exited;

    const summary = JSON.parse(stdout) as Summary;
    expect(code).toBe(0);
    expect(summary.produced).toBeGreaterThan(0);
    expect(summary.delivered).toBe(summary.produced);
    await new Promise((r) => setTimeout(r, 500));
    expect(await portOpen(port)).toBe(false);
  });

  it('--endpoint uses a running emulator and creates the stream when missing', async () => {
    const emulator = await KinesisLocal.start();
    const runFor = (duration: string) =>
      runCli(['local', 'kinesis-data', '--endpoint', emulator.endpoint, '--stream', 'lab-stream', '--duration', duration, '--json']);
    try {
      const result = await runFor('8s');
      expect(result.stderr).toContain(`created stream lab-stream on ${emulator.endpoint}`);
      const summary = JSON.parse(result.stdout) as Summary;
      expect(result.code).toBe(0);
      expect(summary).toMatchObject({ shards_start: 1, shards_end: 1, reshards: 0, duplicates: 0 });
      expect(summary.delivered).toBe(summary.produced);

      const again = await runFor('5s');
      expect(again.stderr).toContain(`using stream lab-stream on ${emulator.endpoint}`);
      const second = JSON.parse(again.stdout) as Summary;
      expect(again.code).toBe(0);
      // only this run's readings are counted, not the first run's
      expect(second.delivered).toBe(second.produced);
    } finally {
      emulator.stop();
    }
  });

  it.each([
    [['--duration', '90x'], 'error: invalid duration "90x": use a positive whole number with a unit s, m or h (for example 90s, 5m)'],
    [['--sensors', '0'], 'error: invalid --sensors "0": use a whole number of at least 1'],
    [
      ['--endpoint', 'localhost:4568'],
      'error: invalid --endpoint "localhost:4568": use an http:// or https:// URL such as http://127.0.0.1:4568',
    ],
  ])('refuses %p with a one-line error', async (args, message) => {
    const result = await runCli(['local', 'kinesis-data', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(message);
    expect(result.stdout).toBe('');
  });
});

describe('labs run kinesis-data', () => {
  it('watches RawStreamData-<env> and, with --produce, reads back what it produced (Kinesis endpoint from the SDK environment)', async () => {
    const emulator = await KinesisLocal.start();
    try {
      await emulator.createStream('RawStreamData-alice', 1);
      const result = await runCli(
        ['run', 'kinesis-data', '--env', 'alice', '--region', emulator.region, '--produce', '--duration', '8s', '--json'],
        {
          env: {
            AWS_ENDPOINT_URL_KINESIS: emulator.endpoint,
            AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
          },
        },
      );
      expect(result.stderr).toContain('watching stream RawStreamData-alice in us-east-1, producing from here too');
      const summary = JSON.parse(result.stdout) as Summary;
      expect(result.code).toBe(0);
      expect(summary.delivered).toBe(summary.produced);
      expect(summary.scalings).toEqual([]);
    } finally {
      emulator.stop();
    }
  });

  it('without --produce, fails when nothing arrives and says why', async () => {
    const emulator = await KinesisLocal.start();
    try {
      await emulator.createStream('RawStreamData-bob', 1);
      const result = await runCli(['run', 'kinesis-data', '--env', 'bob', '--region', emulator.region, '--duration', '3s', '--json'], {
        env: {
          AWS_ENDPOINT_URL_KINESIS: emulator.endpoint,
          AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
        },
      });
      const summary = JSON.parse(result.stdout) as Summary & { error: string };
      expect(result.code).toBe(1);
      expect(summary).toMatchObject({ produced: null, delivered: 0 });
      expect(summary.error).toBe('no readings read back from RawStreamData-bob: is a producer (the AnalyticsEngine service) running?');
      expect(result.stderr).toContain(`error: ${summary.error}`);
    } finally {
      emulator.stop();
    }
  });

  it('refuses a bad environment name', async () => {
    const result = await runCli(['run', 'kinesis-data', '--env', 'Bad_Name']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: invalid environment name "Bad_Name"');
  });
});
