import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { Command } from 'commander';
import { createKinesisClient, encodeReading, KinesisProducer, SensorSimulator, droppedTotal } from '@labs/sensor-producer';
import { EMULATOR_CREDENTIALS, KinesisLocal, REPO_ROOT } from '@labs/testing';
import { parseWholeNumber } from '../labs/kinesis-data/run-duration';
import { log } from '../output';
import type { Benchmark } from './index';

/** One measured run. */
interface Measurement {
  readonly records: number;
  readonly seconds: number;
  readonly rps: number;
  /** CPU time of this process (user + system) per 1,000 records delivered. */
  readonly cpu_ms_per_1000: number;
  /** CPU time divided by wall time: how many cores the producer kept busy. */
  readonly cores: number;
}

/** How a run is bounded: a record count or a time budget. */
type Bound = { readonly records: number } | { readonly seconds: number };

const STREAM = 'bench';
/** Readings each side delivers into kinesis-local by default: the same work, each into a fresh stream. */
const LOCAL_RECORDS = 5_000;

/** Where a producer run writes and how much it may buffer. */
interface ProducerTarget {
  readonly streamName: string;
  readonly maxBufferedRecords: number;
}
const FAST_SINK_TARGET: ProducerTarget = { streamName: STREAM, maxBufferedRecords: 20_000 };
/** A slow endpoint gets a small buffer: back-pressure paces the loop and the final flush stays short. */
const LOCAL_TARGET: ProducerTarget = { streamName: `${STREAM}-producer`, maxBufferedRecords: 1_000 };
const LOCAL_BASELINE_STREAM = `${STREAM}-baseline`;
/** Fast-sink runs of our producer; the best is the ceiling. */
const CEILING_RUNS = 3;
/** Keys for our producer: enough that a batch fills to 500 (one record per key per batch keeps order). */
const SENSORS = 2_000;
/** The lab's stream after its scale-out: keys spread over both shards, the constant key uses one. */
const LOCAL_SHARDS = 2;
/** The original script's constant partition key. */
const CONSTANT_KEY = 'DemoSensor';

/**
 * `labs bench producer`: records/s and CPU per 1,000 records of our producer against (a) a fast local
 * PutRecords sink in its own process (the producer's own ceiling) and (b) kinesis-local, each beside a
 * baseline that behaves like the lab's `sensorstream.py` (sequential PutRecord, one constant key).
 *
 * Against kinesis-local both sides deliver the same number of readings, each into a fresh stream:
 * kinesis-local's PutRecords groups a request's entries by (shard, every record the shard holds), so
 * its cost per entry grows with what the stream already stores while PutRecord's does not; equal work
 * on equal (empty) streams keeps that emulator cost out of the comparison. `--seconds` bounds both
 * sides by time instead.
 */
export const benchProducer: Benchmark = async (argv) => {
  const command = new Command('labs bench producer')
    .option('--records <n>', 'records per fast-sink run', '200000')
    .option('--local-records <n>', 'readings each side delivers into kinesis-local', String(LOCAL_RECORDS))
    .option('--seconds <n>', 'bound each kinesis-local run by time instead of --local-records')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<{ records: string; localRecords: string; seconds?: string }>();
  const records = parseWholeNumber('--records', flags.records, 1_000);
  const localBound: Bound =
    flags.seconds === undefined
      ? { records: parseWholeNumber('--local-records', flags.localRecords, 100) }
      : { seconds: parseWholeNumber('--seconds', flags.seconds, 1) };

  const loadAtStart = round(loadavg()[0] ?? 0);
  const sink = await startSinkProcess();
  const sinkClient = createKinesisClient({
    region: 'us-east-1',
    endpoint: sink.endpoint,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  let fastSink;
  try {
    log('fast sink: warm-up, producer, baseline …');
    await runProducer(sinkClient, { records: 20_000 });
    // The best of three runs: a ceiling is what the producer reaches when the machine lets it.
    const runs: Measurement[] = [];
    for (let i = 0; i < CEILING_RUNS; i++) runs.push(await runProducer(sinkClient, { records }));
    const producer = runs.reduce((best, run) => (run.rps > best.rps ? run : best));
    const baseline = await runBaseline(sinkClient, { records: Math.min(records, 20_000) });
    fastSink = { producer, runs_rps: runs.map((run) => run.rps), baseline, speedup: round(producer.rps / baseline.rps) };
  } finally {
    sinkClient.destroy();
    sink.stop();
  }

  const emulator = await KinesisLocal.start();
  const localClient = emulator.client();
  let kinesisLocal;
  try {
    const each = 'records' in localBound ? `${localBound.records} readings` : `${localBound.seconds} s`;
    log(`kinesis-local: producer ${each}, baseline ${each}, each into a fresh ${LOCAL_SHARDS}-shard stream …`);
    await emulator.createStream(LOCAL_TARGET.streamName, LOCAL_SHARDS);
    const producer = await runProducer(localClient, localBound, LOCAL_TARGET);
    await emulator.createStream(LOCAL_BASELINE_STREAM, LOCAL_SHARDS);
    const baseline = await runBaseline(localClient, localBound, LOCAL_BASELINE_STREAM);
    kinesisLocal = {
      bound: localBound,
      producer_rps: producer.rps,
      baseline_rps: baseline.rps,
      speedup: round(producer.rps / baseline.rps),
      producer_cpu_ms_per_1000: producer.cpu_ms_per_1000,
      baseline_cpu_ms_per_1000: baseline.cpu_ms_per_1000,
      producer,
      baseline,
    };
  } finally {
    localClient.destroy();
    emulator.stop();
  }

  return {
    own_ceiling_rps: fastSink.producer.rps,
    own_ceiling_cpu_ms_per_1000: fastSink.producer.cpu_ms_per_1000,
    // What one core sustains at the measured CPU cost: the ceiling when the machine is not shared.
    own_ceiling_one_core_rps: Math.round(1_000_000 / fastSink.producer.cpu_ms_per_1000),
    fast_sink: fastSink,
    kinesis_local: kinesisLocal,
    targets: {
      own_ceiling_rps: { target: 50_000, met: fastSink.producer.rps >= 50_000 },
      kinesis_local_speedup: { target: 5, met: kinesisLocal.speedup >= 5 },
    },
    setup: {
      sensors: SENSORS,
      record_bytes: encodeReading(new SensorSimulator({ sensors: 1 }).read()).byteLength,
      node: process.version,
      cpus: cpus().length,
      load_average_1m: { start: loadAtStart, end: round(loadavg()[0] ?? 0) },
    },
  };
};

/** Our producer: simulated readings as fast as it accepts them (back-pressure bounds the buffer). */
async function runProducer(client: KinesisClient, bound: Bound, target: ProducerTarget = FAST_SINK_TARGET): Promise<Measurement> {
  const producer = new KinesisProducer(client, {
    ...target,
    maxBlockMs: 300_000,
    maxInFlight: 8,
    lingerMs: 5,
  });
  const simulator = new SensorSimulator({ sensors: SENSORS });
  return measure(async (deadline) => {
    let sent = 0;
    while ('records' in bound ? sent < bound.records : performance.now() < deadline) {
      const reading = simulator.read();
      await producer.put(encodeReading(reading), reading.sensorId);
      sent++;
    }
    await producer.flush();
    const stats = producer.getStats();
    if (droppedTotal(stats) > 0) throw new Error(`producer dropped ${droppedTotal(stats)} records during the benchmark`);
    return stats.delivered;
  }, bound);
}

/** The lab's script: one synchronous PutRecord per reading, always the same partition key. */
async function runBaseline(client: KinesisClient, bound: Bound, streamName = STREAM): Promise<Measurement> {
  const simulator = new SensorSimulator({ sensors: 1 });
  return measure(async (deadline) => {
    let sent = 0;
    while ('records' in bound ? sent < bound.records : performance.now() < deadline) {
      await client.send(
        new PutRecordCommand({ StreamName: streamName, PartitionKey: CONSTANT_KEY, Data: encodeReading(simulator.read()) }),
      );
      sent++;
    }
    return sent;
  }, bound);
}

async function measure(work: (deadline: number) => Promise<number>, bound: Bound): Promise<Measurement> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const records = await work(started + ('seconds' in bound ? bound.seconds * 1000 : Infinity));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return {
    records,
    seconds: round(wallMs / 1000),
    rps: Math.round((records * 1000) / wallMs),
    cpu_ms_per_1000: round((cpuMs * 1000) / records),
    cores: round(cpuMs / wallMs),
  };
}

/** The PutRecords sink in its own process, so this process's CPU time is the producer's alone. */
async function startSinkProcess(): Promise<{ endpoint: string; stop: () => void }> {
  const main = join(dirname(require.resolve('@labs/sensor-producer/package.json')), 'src', 'put-records-sink-main.ts');
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), main, '{}'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`PutRecords sink exited with code ${code} before it listened`)));
  });
  const { endpoint } = JSON.parse(firstLine) as { endpoint: string };
  return { endpoint, stop: () => child.kill('SIGKILL') };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
