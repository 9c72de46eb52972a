import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LabsError } from '@labs/config';
import type { VideoRun } from '@labs/web-console';
import {
  DEFAULT_ENCODING,
  parseVideoSource,
  startLocalPutMediaEndpoint,
  streamVideo,
  localSigner,
  validateEncoding,
} from '@labs/video-producer';
import { DEFAULT_FRAGMENT_MS, LOCAL_STREAM } from '../labs/kinesis-video';

/** Seconds of test pattern the console's offline video run streams. */
const SECONDS = 6;

/**
 * `labs local kinesis-video` for the browser: ffmpeg's test pattern → MKV fragments → PutMedia → the local
 * endpoint, which writes what it persisted as MKV; then ffmpeg remuxes that MKV (stream copy, no
 * re-encoding) to fragmented MP4, which every browser's video element plays, and to HLS (fMP4 segments), the format a
 * deployed stream's playback URL serves. The MKV, MP4 and HLS files go to `dir` (overwritten by each run).
 */
export async function runKinesisVideoOffline(dir: string): Promise<VideoRun> {
  const mkvFile = join(dir, 'offline.mkv');
  const mp4File = join(dir, 'offline.mp4');
  const endpoint = await startLocalPutMediaEndpoint({ outFile: mkvFile });
  let result;
  try {
    result = await streamVideo({
      source: parseVideoSource('testsrc'),
      encoding: validateEncoding({ ...DEFAULT_ENCODING, realtime: false, durationMs: SECONDS * 1000 }),
      fragmentDurationMs: DEFAULT_FRAGMENT_MS,
      streamName: LOCAL_STREAM,
      endpoint: async () => endpoint.url,
      signer: localSigner(),
    });
  } finally {
    await endpoint.stop();
  }
  if (endpoint.stats.fragmentsPersisted === 0)
    throw new LabsError('the offline video run persisted no fragment: is ffmpeg installed (./setup.sh)?');
  const hlsDir = join(dir, 'hls');
  rmSync(hlsDir, { recursive: true, force: true });
  mkdirSync(hlsDir);
  const remux = async (format: string, args: string[]) => {
    try {
      await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-i', mkvFile, '-c', 'copy', ...args]);
    } catch (error) {
      const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
      throw new LabsError(`ffmpeg could not remux ${mkvFile} to ${format}: ${detail}`);
    }
  };
  await remux('MP4', ['-movflags', '+frag_keyframe+empty_moov+default_base_moof', mp4File]);
  // HLS with fragmented-MP4 segments, one per fragment (a key frame every second), as Kinesis Video's HLS serves.
  await remux('HLS', [
    ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'],
    ...['-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(hlsDir, 'segment%03d.m4s')],
    join(hlsDir, 'index.m3u8'),
  ]);
  return {
    mp4File,
    hlsDir,
    summary: {
      fragments: result.fragments,
      persisted: endpoint.stats.fragmentsPersisted,
      bytes: endpoint.stats.bytes,
      ack_latency_ms_p50: result.latencyMsP50,
      ack_latency_ms_p95: result.latencyMsP95,
      mkv: mkvFile,
      mp4: mp4File,
    },
  };
}
