import { connect } from 'node:net';
import { parseProjectConfig } from '@labs/config';
import { createKinesisClient } from '@labs/sensor-producer';
import { KinesisLocal, runCli, SimulatedClock } from '@labs/testing';
import { localKinesisData, runKinesisData, type KinesisDataDeps } from '../src/labs/kinesis-data';

jest.setTimeout(120_000);

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

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
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

/**
 * The runner's dependencies for one run in simulated time: a fresh clock starting at the real time (so
 * that AT_TIMESTAMP positions fall before what the emulator stamps), every Kinesis call holding the clock
 * still until kinesis-local answers, and the emulators it starts recorded.
 */
function simulated(started: KinesisLocal[] = []): KinesisDataDeps {
  const clock = new SimulatedClock();
  return {
    clock,
    connect: (options) => clock.tracking(createKinesisClient(options)),
    startEmulator: async () => {
      const emulator = await KinesisLocal.start();
      started.push(emulator);
      return emulator;
    },
    loadConfig: () => parseProjectConfig({}),
  };
}

/** Runs a lab entry in this process with stdout and stderr captured; `onStderr` sees each write as it happens. */
async function capture(work: () => Promise<number>, onStderr: (text: string, all: string) => void = () => undefined): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    onStderr(chunk.toString(), stderr);
    return true;
  });
  try {
    const code = await work();
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('labs local kinesis-data (simulated time, real kinesis-local)', () => {
  it('scales the stream 1 → 2 shards by itself within 75 s and reads back every reading (exit 0, one JSON document)', async () => {
    const result = await capture(() => localKinesisData(['--duration', '75s', '--json'], simulated()));
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
    const emulators: KinesisLocal[] = [];
    let port = 0;
    let openAtCtrlC: Promise<boolean> | undefined;
    const result = await capture(
      () => localKinesisData(['--duration', '10m', '--json'], simulated(emulators)),
      (text, all) => {
        if (openAtCtrlC || !/t=5s/.test(text)) return;
        port = Number(/created stream \S+ on http:\/\/127\.0\.0\.1:(\d+)/.exec(all)?.[1]);
        openAtCtrlC = portOpen(port);
        process.emit('SIGINT');
      },
    );
    expect(await openAtCtrlC).toBe(true);
    const summary = JSON.parse(result.stdout) as Summary & { duration_s: number };
    expect(result.code).toBe(0);
    expect(summary.duration_s).toBeLessThan(60);
    expect(summary.produced).toBeGreaterThan(0);
    expect(summary.delivered).toBe(summary.produced);
    expect(emulators).toHaveLength(1);
    // The emulator was killed: its port closes once the process is gone (waited for, not assumed within 500 ms).
    const deadline = Date.now() + 10_000;
    while ((await portOpen(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await portOpen(port)).toBe(false);
  });

  it('--endpoint uses a running emulator and creates the stream when missing', async () => {
    const emulator = await KinesisLocal.start();
    const runFor = (duration: string) =>
      capture(() =>
        localKinesisData(['--endpoint', emulator.endpoint, '--stream', 'lab-stream', '--duration', duration, '--json'], simulated()),
      );
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
  ])('refuses %p with a one-line error (the CLI process)', async (args, message) => {
    const result = await runCli(['local', 'kinesis-data', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(message);
    expect(result.stdout).toBe('');
  });
});

describe('labs run kinesis-data (simulated time, real kinesis-local)', () => {
  /** Points the SDK's default endpoint and credential chain at the emulator for one run, as a user's environment would. */
  async function withSdkEnvironment<T>(emulator: KinesisLocal, work: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_KINESIS: emulator.endpoint,
      AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    });
    try {
      return await work();
    } finally {
      process.env = saved;
    }
  }

  it('watches RawStreamData-<env> and, with --produce, reads back what it produced (Kinesis endpoint from the SDK environment)', async () => {
    const emulator = await KinesisLocal.start();
    try {
      await emulator.createStream('RawStreamData-alice', 1);
      const result = await withSdkEnvironment(emulator, () =>
        capture(() =>
          runKinesisData(['--env', 'alice', '--region', emulator.region, '--produce', '--duration', '8s', '--json'], simulated()),
        ),
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
      const result = await withSdkEnvironment(emulator, () =>
        capture(() => runKinesisData(['--env', 'bob', '--region', emulator.region, '--duration', '3s', '--json'], simulated())),
      );
      const summary = JSON.parse(result.stdout) as Summary & { error: string };
      expect(result.code).toBe(1);
      expect(summary).toMatchObject({ produced: null, delivered: 0 });
      expect(summary.error).toBe('no readings read back from RawStreamData-bob: is a producer (the AnalyticsEngine service) running?');
      expect(result.stderr).toContain(`error: ${summary.error}`);
    } finally {
      emulator.stop();
    }
  });

  it('refuses a bad environment name (the CLI process)', async () => {
    const result = await runCli(['run', 'kinesis-data', '--env', 'Bad_Name']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: invalid environment name "Bad_Name"');
  });
});
