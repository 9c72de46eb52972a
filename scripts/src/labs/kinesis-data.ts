import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { environment, LabsError, resourceName, systemClock, type Clock, type ProjectConfig } from '@labs/config';
import { projectConfig } from '../repo';
import { requireAwsCredentials } from '../cloud/aws-credentials';
import { createKinesisClient, rampRate, type KinesisClientOptions } from '@labs/sensor-producer';
import { labTriggerPolicy } from '@labs/shard-scaler';
import { EMULATOR_CREDENTIALS, KinesisLocal } from '@labs/testing';
import { log, print, printJson, table } from '../output';
import { ensureStream } from './kinesis-data/ensure-stream';
import { LiveView } from './kinesis-data/live-view';
import { parseRunDuration, parseWholeNumber } from './kinesis-data/run-duration';
import { runSession, type SessionOptions, type SessionSummary } from './kinesis-data/session';
import type { LabRunner } from './lab-runner';
import { withStopSignals } from '../stop-signals';

/** The lab's stream name (per environment in the cloud; this one locally). */
export const LOCAL_STREAM = 'RawStreamData-local';
/** Readings/s before the ramp: below the lab's trigger (1,000 a minute ≈ 16.7/s). */
const START_RATE = 5;
/** The ramp runs from 10 s to 40 s into the run. */
const RAMP = { startMs: 10_000, endMs: 40_000 } as const;
/** The local decision loop runs this often. */
export const SCALER_EVERY_MS = 2_000;
/** How long the consumer may take to catch up after producing stops. */
export const DRAIN_TIMEOUT_MS = 30_000;
/** Defaults of `--duration`, `--sensors` and `--peak-rate`. */
export const RUN_DEFAULTS = { durationMs: 90_000, sensors: 100, peakRate: 40 } as const;

/** The lab's simulated sensors: `sensors` ramping from below the trigger to `peakRate` readings/s. */
export function labProducer(sensors: number, peakRate: number, idPrefix: string) {
  return { sensors, rate: rampRate(START_RATE, peakRate, RAMP.startMs, RAMP.endMs), idPrefix };
}

/** A local Kinesis endpoint the runner started, stopped when the run ends. */
export interface LocalKinesis {
  readonly endpoint: string;
  stop(): void;
}

/** What the Kinesis Data Streams runner needs from the outside world (injected in tests). */
export interface KinesisDataDeps {
  /** The clock of the whole run: producer pacing, consumer polling, the scaler's minutes. @default systemClock */
  readonly clock: Clock;
  /** Opens a Kinesis client. @default `createKinesisClient` (HTTP/1.1 keep-alive, default credential chain) */
  readonly connect: (options: KinesisClientOptions) => KinesisClient;
  /** Starts kinesis-local on free ports. @default `KinesisLocal.start()` */
  readonly startEmulator: () => Promise<LocalKinesis>;
  /** Loads the project config. @default `labs.config.json` at the repository root, or `$LABS_CONFIG_FILE` */
  readonly loadConfig: () => ProjectConfig;
}

const defaultDeps: KinesisDataDeps = {
  clock: systemClock,
  connect: createKinesisClient,
  startEmulator: () => KinesisLocal.start(),
  loadConfig: projectConfig,
};

interface CommonFlags {
  duration: string;
  json?: boolean;
  sensors: string;
  peakRate: string;
}

/**
 * `labs local kinesis-data`: kinesis-local on free ports (or `--endpoint`), the stream with 1 shard,
 * simulated sensors ramping past the lab's trigger, a consumer following the shards, and the scaler's
 * decision loop on the measured metrics: the stream goes 1 → 2 shards by itself.
 */
export async function localKinesisData(argv: readonly string[], deps: KinesisDataDeps = defaultDeps): Promise<number> {
  const command = new Command('labs local kinesis-data')
    .description('run the Kinesis Data Streams lab offline on kinesis-local: producer, consumer, automatic 1 → 2 shard scaling')
    .option('--duration <time>', 'how long to produce (s, m or h)', `${RUN_DEFAULTS.durationMs / 1000}s`)
    .option(
      '--endpoint <url>',
      'use a running Kinesis-compatible endpoint instead of starting kinesis-local (the stream is created if missing)',
    )
    .option('--stream <name>', 'stream name', LOCAL_STREAM)
    .option(
      '--sensors <n>',
      'simulated sensors (partition keys; each sends at most one record per round trip, to keep its order)',
      String(RUN_DEFAULTS.sensors),
    )
    .option(
      '--peak-rate <n>',
      `readings per second after the ramp (the lab's trigger is 1,000 a minute per shard)`,
      String(RUN_DEFAULTS.peakRate),
    )
    .option('--json', 'print one JSON summary on stdout (the live view stays on stderr)')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<CommonFlags & { endpoint?: string; stream: string }>();
  const durationMs = parseRunDuration(flags.duration);
  const sensors = parseWholeNumber('--sensors', flags.sensors);
  const peakRate = parseWholeNumber('--peak-rate', flags.peakRate);
  if (flags.endpoint && !/^https?:\/\/[^\s]+$/.test(flags.endpoint)) {
    throw new LabsError(`invalid --endpoint "${flags.endpoint}": use an http:// or https:// URL such as http://127.0.0.1:4568`);
  }

  return withStopSignals(['SIGINT', 'SIGTERM'], async (signal) => {
    const { clock } = deps;
    let emulator: LocalKinesis | undefined;
    try {
      if (!flags.endpoint) {
        log('starting kinesis-local …');
        emulator = await deps.startEmulator();
      }
      const endpoint = flags.endpoint ?? (emulator as LocalKinesis).endpoint;
      const client = deps.connect({ region: 'us-east-1', endpoint, credentials: EMULATOR_CREDENTIALS });
      try {
        const created = await ensureStream(client, flags.stream, 1, { clock });
        log(`${created ? 'created' : 'using'} stream ${flags.stream} on ${endpoint}`);
        const summary = await session(
          {
            client,
            clock,
            streamName: flags.stream,
            durationMs,
            signal,
            startAt: created ? 'TRIM_HORIZON' : new Date(clock.now() - 1_000),
            producer: labProducer(sensors, peakRate, runPrefix()),
            scaling: { policy: labTriggerPolicy(), everyMs: SCALER_EVERY_MS },
            drainTimeoutMs: DRAIN_TIMEOUT_MS,
          },
          flags.json === true,
        );
        return summary.error ? 1 : 0;
      } finally {
        client.destroy();
      }
    } finally {
      emulator?.stop();
    }
  });
}

/**
 * `labs run kinesis-data --env NAME`: reads the deployed stream (the EC2 producer's readings), shows the
 * shard count the scaler Lambda sets, optionally adds a producer from the laptop (`--produce`).
 */
export async function runKinesisData(argv: readonly string[], deps: KinesisDataDeps = defaultDeps): Promise<number> {
  const command = new Command('labs run kinesis-data')
    .description('watch the deployed Kinesis Data Streams lab: consumer, shard count, lag (optionally produce from here too)')
    .requiredOption('--env <name>', 'environment name (the stream is RawStreamData-<name>)')
    .option('--region <region>', 'AWS region (default: aws.region of labs.config.json)')
    .option('--duration <time>', 'how long to watch (s, m or h)', `${RUN_DEFAULTS.durationMs / 1000}s`)
    .option('--produce', 'also run simulated sensors from this machine (default credential chain)')
    .option('--sensors <n>', 'simulated sensors with --produce', String(RUN_DEFAULTS.sensors))
    .option('--peak-rate <n>', 'readings per second after the ramp with --produce', String(RUN_DEFAULTS.peakRate))
    .option('--json', 'print one JSON summary on stdout (the live view stays on stderr)')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<CommonFlags & { env: string; region?: string; produce?: boolean }>();
  const env = environment('kinesis-data', flags.env);
  const durationMs = parseRunDuration(flags.duration);
  const sensors = parseWholeNumber('--sensors', flags.sensors);
  const peakRate = parseWholeNumber('--peak-rate', flags.peakRate);
  const region = flags.region ?? deps.loadConfig().aws.region;
  const streamName = resourceName(env, 'RawStreamData');

  return withStopSignals(['SIGINT', 'SIGTERM'], async (signal) => {
    const { clock } = deps;
    const client = deps.connect({ region });
    try {
      await requireAwsCredentials(client.config.credentials);
      log(`watching stream ${streamName} in ${region}${flags.produce ? ', producing from here too' : ''}`);
      const summary = await session(
        {
          client,
          clock,
          streamName,
          durationMs,
          signal,
          startAt: new Date(clock.now() - 1_000),
          ...(flags.produce ? { producer: labProducer(sensors, peakRate, runPrefix()) } : {}),
          drainTimeoutMs: DRAIN_TIMEOUT_MS,
        },
        flags.json === true,
      );
      return summary.error ? 1 : 0;
    } finally {
      client.destroy();
    }
  });
}

/** Runs a session with the live view on stderr and prints the summary. */
async function session(options: Omit<SessionOptions, 'onStatus' | 'onEvent'>, json: boolean): Promise<SessionSummary> {
  const view = new LiveView();
  let summary: SessionSummary;
  try {
    summary = await runSession({ ...options, onStatus: (s) => view.update(s), onEvent: (line) => view.event(line) });
  } finally {
    view.close();
  }
  if (json) printJson(summary);
  else {
    print(
      table(
        ['produced', 'delivered', 'duplicates', 'out of order', 'shards', 'reshards', 'max lag'],
        [
          [
            summary.produced ?? '-',
            summary.delivered,
            summary.duplicates,
            summary.out_of_order,
            `${summary.shards_start} → ${summary.shards_end}`,
            summary.reshards,
            `${summary.max_lag_ms} ms`,
          ],
        ],
      ),
    );
    for (const scaling of summary.scalings) print(`scaled ${scaling.from} → ${scaling.to} shards at ${scaling.at_s}s: ${scaling.detail}`);
  }
  if (summary.error) log(`error: ${summary.error}`);
  return summary;
}

/** A sensor id prefix unique to this run, so the consumer counts only this run's readings. */
function runPrefix(): string {
  return `run-${randomBytes(3).toString('hex')}`;
}

/** The Kinesis Data Streams lab's CLI runner. */
export const runner: LabRunner = { local: (argv) => localKinesisData(argv), run: (argv) => runKinesisData(argv) };
