import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { Command } from 'commander';
import {
  DEFAULT_ENCODING,
  ffmpegArgs,
  MkvFragmenter,
  localSigner,
  percentile,
  PutMediaProducer,
  startLocalPutMediaEndpoint,
  type Fragment,
  type LocalEndpointOptions,
  type ProducerMetrics,
} from '@labs/video-producer';
import { parseWholeNumber } from '../labs/kinesis-data/run-duration';
import { log } from '../output';
import type { Benchmark } from './index';

/** PutMedia's per-stream ingest ceiling; the fragmenter target is 20x this on one core. */
const PUT_MEDIA_CEILING_MB_S = 12.5;
const CHUNK_BYTES = 64 * 1024;
/** Fragments 200 ms apart: the service's 5 fragments per second. */
const LATENCY_GAP_MS = 200;

/**
 * Delays that make the local endpoint answer like a regional Kinesis Video endpoint seen from EC2 in the
 * same region (assumptions, not measurements: no AWS account here): about 150 ms from request to HTTP 200
 * (TCP and TLS handshakes, SigV4 and stream checks), 500 ms from RECEIVED to PERSISTED (archival), a
 * closed connection's slot held 200 ms after it closes (service-side cleanup), and 50 ms for GetDataEndpoint.
 */
const REALISTIC: LocalEndpointOptions = { responseDelayMs: 150, persistDelayMs: 500, releaseDelayMs: 200 };
const GET_DATA_ENDPOINT_MS = 50;
/**
 * `labs bench video`: (1) fragmenter throughput — MB of ffmpeg's Matroska parsed and re-emitted as
 * fragments per CPU-second of this (single-threaded) process, i.e. what one core does whatever else
 * the machine runs, plus the wall-clock rate under the current load; ffmpeg is excluded (the stream is
 * encoded once up front); medians of several runs after a warm-up;
 * (2) send-to-PERSISTED latency of the PutMedia client against the local endpoint (no added delays:
 * the client's own overhead), fragments 200 ms apart;
 * (3) the time to recover from a cut connection: the local endpoint with `REALISTIC` delays drops the
 * connection at the 3rd fragment; from the failure to the first PERSISTED on the new connection.
 */
export const benchVideo: Benchmark = async (argv) => {
  const command = new Command('labs bench video')
    .option('--seconds <n>', 'seconds of 1280x720 30 fps test pattern to fragment', '60')
    .option('--runs <n>', 'fragmenter runs (the median is reported)', '7')
    .option('--fragments <n>', 'fragments for the latency run', '40')
    .option('--cuts <n>', 'cut connections for the reconnect gap (the median is reported)', '7')
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<{ seconds: string; runs: string; fragments: string; cuts: string }>();
  const seconds = parseWholeNumber('--seconds', flags.seconds);
  const runs = parseWholeNumber('--runs', flags.runs);
  const latencyFragments = parseWholeNumber('--fragments', flags.fragments);
  const cuts = parseWholeNumber('--cuts', flags.cuts);

  log(`encoding ${seconds}s of 1280x720 test pattern with ffmpeg (not timed) …`);
  const mkv = encode({ seconds, width: 1280, height: 720, fps: 30 });
  fragmentAll(mkv); // warm-up: let the JIT compile the parser before measuring
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  let fragments: Fragment[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    ({ fragments } = fragmentAll(mkv));
    const used = process.cpuUsage(cpu);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    cpuRates.push(mkv.length / 1e6 / ((used.user + used.system) / 1e6));
    wallRates.push(mkv.length / 1e6 / elapsed);
  }
  const fragmenterMbS = percentile(cpuRates, 50);
  log(
    `fragmenter: ${fragmenterMbS.toFixed(0)} MB per CPU-second, ${percentile(wallRates, 50).toFixed(0)} MB/s wall clock (median of ${runs} runs, ${fragments.length} fragments, load ${loadavg()[0]?.toFixed(1)})`,
  );

  const lab = fragmentAll(encode({ seconds: Math.max(latencyFragments, 8), width: 640, height: 480, fps: 25 }));
  const paced = await throughLocalEndpoint(lab.fragments.slice(0, latencyFragments), lab.header, {});
  const gaps: number[] = [];
  for (let i = 0; i < cuts; i++) {
    const cut = await throughLocalEndpoint(
      lab.fragments.slice(0, 8),
      lab.header,
      { ...REALISTIC, faults: { dropAtFragment: 3 } },
      GET_DATA_ENDPOINT_MS,
    );
    gaps.push(...cut.reconnectGapsMs);
  }
  log(`reconnect gap: ${gaps.join(', ')} ms over ${cuts} cut connections`);
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
    reconnect_gap_ms_p50: percentile(gaps, 50),
    reconnect_gap_ms_max: gaps.length ? Math.max(...gaps) : 0,
    reconnect_gap_cuts: gaps.length,
    reconnect_gap_delays_ms: {
      response: REALISTIC.responseDelayMs,
      persist: REALISTIC.persistDelayMs,
      release: REALISTIC.releaseDelayMs,
      get_data_endpoint: GET_DATA_ENDPOINT_MS,
    },
    load_average_1m: round(loadavg()[0] ?? 0),
    node: process.version,
  };
};

function encode(options: { seconds: number; width: number; height: number; fps: number }): Buffer {
  const args = ffmpegArgs({ kind: 'testsrc' }, { ...DEFAULT_ENCODING, ...options, realtime: false, durationMs: options.seconds * 1000 });
  return execFileSync('ffmpeg', args, { maxBuffer: 2 ** 31 - 1 });
}

/** Fragments a whole encoded stream; returns the fragments and the stream header. */
function fragmentAll(mkv: Buffer): { fragments: Fragment[]; header: Buffer } {
  const fragmenter = new MkvFragmenter({ producerStartMs: Date.now() });
  const out: Fragment[] = [];
  for (let at = 0; at < mkv.length; at += CHUNK_BYTES) out.push(...fragmenter.push(mkv.subarray(at, at + CHUNK_BYTES)));
  out.push(...fragmenter.end());
  if (!fragmenter.header) throw new Error('no Matroska header in the encoded stream');
  return { fragments: out, header: fragmenter.header };
}

/**
 * Streams fragments (200 ms apart) after `header` to a fresh local endpoint with `options` and returns
 * the producer's metrics; `lookupMs` delays each GetDataEndpoint.
 */
async function throughLocalEndpoint(
  fragments: Fragment[],
  header: Buffer,
  options: LocalEndpointOptions,
  lookupMs = 0,
): Promise<ProducerMetrics> {
  const endpoint = await startLocalPutMediaEndpoint(options);
  try {
    const producer = new PutMediaProducer({
      streamName: 'bench',
      endpoint: async () => {
        await new Promise((resolve) => setTimeout(resolve, lookupMs));
        return endpoint.url;
      },
      signer: localSigner(),
      producerStartMs: (fragments[0] as Fragment).timecode,
    });
    return await producer.run(paced(fragments, LATENCY_GAP_MS), () => header);
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
