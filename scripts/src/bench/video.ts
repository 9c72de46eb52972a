import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { Command } from 'commander';
import {
  DEFAULT_ENCODING,
  ffmpegArgs,
  MkvFragmenter,
  percentile,
  PutMediaProducer,
  startLocalPutMediaEndpoint,
  unsignedLoopback,
  type Fragment,
  type ProducerMetrics,
} from '@labs/video-producer';
import { parseWholeNumber } from '../labs/kinesis-data/run-duration';
import { log } from '../output';
import type { Benchmark } from './index';

/** PutMedia's per-stream ingest ceiling; the fragmenter target is 20x this on one core. */
const PUT_MEDIA_CEILING_MB_S = 12.5;
const CHUNK_BYTES = 64 * 1024;

/**
 * `labs bench video`: (1) fragmenter throughput — MB of ffmpeg's Matroska parsed and re-emitted as
 * fragments per CPU-second of this (single-threaded) process, i.e. what one core does whatever else
 * the machine runs, plus the wall-clock rate under the current load; ffmpeg is excluded (the stream is
 * encoded once up front); medians of several runs after a warm-up;
 * (2) send-to-PERSISTED latency of the PutMedia client against the local endpoint with fragments paced
 * apart, and (3) unpaced PutMedia throughput through that endpoint.
 */
export const benchVideo: Benchmark = async (argv) => {
  const command = new Command('labs bench video')
    .option('--seconds <n>', 'seconds of 1280x720 30 fps test pattern to fragment', '60')
    .option('--runs <n>', 'fragmenter runs (the median is reported)', '7')
    .option('--fragments <n>', 'fragments for the latency run', '40')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<{ seconds: string; runs: string; fragments: string }>();
  const seconds = parseWholeNumber('--seconds', flags.seconds);
  const runs = parseWholeNumber('--runs', flags.runs);
  const latencyFragments = parseWholeNumber('--fragments', flags.fragments);

  log(`encoding ${seconds}s of 1280x720 test pattern with ffmpeg (not timed) …`);
  const mkv = encode({ seconds, width: 1280, height: 720, fps: 30 });
  fragmentAll(mkv); // warm-up: let the JIT compile the parser before measuring
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  let fragments: Fragment[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    fragments = fragmentAll(mkv);
    const used = process.cpuUsage(cpu);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    cpuRates.push(mkv.length / 1e6 / ((used.user + used.system) / 1e6));
    wallRates.push(mkv.length / 1e6 / elapsed);
  }
  const fragmenterMbS = percentile(cpuRates, 50);
  log(
    `fragmenter: ${fragmenterMbS.toFixed(0)} MB per CPU-second, ${percentile(wallRates, 50).toFixed(0)} MB/s wall clock (median of ${runs} runs, ${fragments.length} fragments, load ${loadavg()[0]?.toFixed(1)})`,
  );

  const paced = await throughLocalEndpoint(fragmentAll(encode({ seconds: latencyFragments, width: 640, height: 480, fps: 25 })), 100);
  const unpaced = await throughLocalEndpoint(fragments, 0);
  return {
    fragmenter_mb_s: round(fragmenterMbS),
    fragmenter_mb_s_wall: round(percentile(wallRates, 50)),
    fragmenter_mb_s_wall_best: round(Math.max(...wallRates)),
    fragmenter_target_mb_s: 20 * PUT_MEDIA_CEILING_MB_S,
    fragmenter_x_put_media_ceiling: round(fragmenterMbS / PUT_MEDIA_CEILING_MB_S),
    fragmenter_input_mb: round(mkv.length / 1e6),
    fragmenter_fragments: fragments.length,
    fragmenter_runs: runs,
    ack_latency_ms_p50: paced.latencyMsP50,
    ack_latency_ms_p95: paced.latencyMsP95,
    ack_latency_fragments: paced.fragmentsPersisted,
    local_put_media_mb_s: round(unpaced.bytesPerSecond / 1e6),
    local_put_media_fragments: unpaced.fragmentsPersisted,
    load_average_1m: round(loadavg()[0] ?? 0),
    node: process.version,
  };
};

function encode(options: { seconds: number; width: number; height: number; fps: number }): Buffer {
  const args = ffmpegArgs({ kind: 'testsrc' }, { ...DEFAULT_ENCODING, ...options, realtime: false, durationMs: options.seconds * 1000 });
  return execFileSync('ffmpeg', args, { maxBuffer: 2 ** 31 - 1 });
}

function fragmentAll(mkv: Buffer): Fragment[] {
  const fragmenter = new MkvFragmenter({ producerStartMs: Date.now() });
  const out: Fragment[] = [];
  for (let at = 0; at < mkv.length; at += CHUNK_BYTES) out.push(...fragmenter.push(mkv.subarray(at, at + CHUNK_BYTES)));
  out.push(...fragmenter.end());
  if (!fragmenter.header) throw new Error('no Matroska header in the encoded stream');
  headers.set(out, fragmenter.header);
  return out;
}

const headers = new WeakMap<Fragment[], Buffer>();

/** Streams fragments to a fresh local endpoint, `gapMs` apart, and returns the producer's metrics. */
async function throughLocalEndpoint(fragments: Fragment[], gapMs: number): Promise<ProducerMetrics> {
  const header = headers.get(fragments);
  if (!header) throw new Error('fragments without their header');
  const endpoint = await startLocalPutMediaEndpoint();
  try {
    const producer = new PutMediaProducer({
      streamName: 'bench',
      endpoint: async () => endpoint.url,
      signer: unsignedLoopback,
      producerStartMs: (fragments[0] as Fragment).timecode,
    });
    return await producer.run(paced(fragments, gapMs), () => header);
  } finally {
    await endpoint.stop();
  }
}

async function* paced(fragments: readonly Fragment[], gapMs: number): AsyncGenerator<Fragment> {
  for (const fragment of fragments) {
    if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
    yield fragment;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
