import { Command } from 'commander';
import { environment, LabsError, resourceName } from '@labs/config';
import { projectConfig } from '../repo';
import { requireAwsCredentials } from '../cloud/aws-credentials';
import {
  checkVideoSourceExists,
  dataEndpoint,
  DEFAULT_ENCODING,
  getPlaybackUrl,
  kinesisVideoClients,
  localSigner,
  parseMediaDuration,
  parseVideoSource,
  redactPlaybackUrl,
  sigV4Signer,
  signerForEndpoint,
  startLocalPutMediaEndpoint,
  streamVideo,
  validateEncoding,
  validateFragmentDuration,
  VIDEO_STREAM_BASE_NAME,
  type EncodingOptions,
  type StreamVideoResult,
} from '@labs/video-producer';
import { log, print, printJson } from '../output';
import { withStopSignals } from '../stop-signals';
import type { LabRunner } from './lab-runner';

/** HLS needs persisted fragments before it hands out a session: wait this long, then retry this often. */
const PLAYBACK_FIRST_TRY_MS = 5_000;
const PLAYBACK_RETRY_MS = 3_000;
const PLAYBACK_TRIES = 10;
/** The stream name `labs local` sends. */
export const LOCAL_STREAM = 'VideoStream-local';
/** Default fragment duration (ms): one key frame per fragment. */
export const DEFAULT_FRAGMENT_MS = 1_000;

interface SourceFlags {
  source: string;
  fps: string;
  width: string;
  height: string;
  profile: string;
  fragment: string;
  json?: boolean;
}

/** Adds the flags shared by `local` and `run`: what to stream and how to encode and cut it. */
function withSourceFlags(command: Command, defaultDuration?: string): Command {
  return command
    .option('--source <source>', 'testsrc (ffmpeg test pattern), a video file (looped), rtsp://… or /dev/videoN', 'testsrc')
    .option('--duration <time>', `how long to stream (ms, s, m or h)${defaultDuration ? '' : '; default: until Ctrl-C'}`, defaultDuration)
    .option('--fps <n>', 'frames per second (a key frame every second)', String(DEFAULT_ENCODING.fps))
    .option('--width <px>', 'frame width', String(DEFAULT_ENCODING.width))
    .option('--height <px>', 'frame height', String(DEFAULT_ENCODING.height))
    .option('--profile <profile>', 'H.264 profile: baseline or main', DEFAULT_ENCODING.profile)
    .option('--fragment <time>', 'fragment duration, 1s to 10s', `${DEFAULT_FRAGMENT_MS / 1000}s`)
    .option('--json', 'print one JSON summary on stdout (progress stays on stderr)')
    .exitOverride();
}

function encodingFrom(flags: SourceFlags & { duration?: string }, realtime: boolean): EncodingOptions {
  return validateEncoding({
    fps: wholeNumber('--fps', flags.fps),
    width: wholeNumber('--width', flags.width),
    height: wholeNumber('--height', flags.height),
    profile: flags.profile as EncodingOptions['profile'],
    realtime,
    ...(flags.duration !== undefined ? { durationMs: parseMediaDuration(flags.duration) } : {}),
  });
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new LabsError(`invalid ${flag} "${text}": use a whole number`);
  return Number(text);
}

/**
 * `labs local kinesis-video --out FILE.mkv`: ffmpeg → fragmenter → PutMedia client → the local PutMedia
 * endpoint on 127.0.0.1, which acknowledges each fragment and writes what it persisted as one MKV file.
 * With `--endpoint URL` the client streams to that PutMedia endpoint instead (signed with the default
 * credential chain, or the fixed local credentials when none are configured).
 */
async function local(argv: readonly string[]): Promise<number> {
  const command = withSourceFlags(new Command('labs local kinesis-video'), '10s')
    .description('run the Kinesis Video lab offline: ffmpeg → MKV fragments → PutMedia → a local endpoint that writes FILE.mkv')
    .option('--out <file.mkv>', 'where the built-in local endpoint writes the persisted stream (required without --endpoint)')
    .option('--endpoint <url>', 'stream to this PutMedia endpoint instead of the built-in one (e.g. http://127.0.0.1:8080)')
    .option('--stream <name>', 'stream name sent to the endpoint', LOCAL_STREAM)
    .option('--fast', 'encode as fast as possible instead of in real time');
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<SourceFlags & { out?: string; endpoint?: string; stream: string; duration: string; fast?: boolean }>();
  if (flags.endpoint !== undefined) {
    if (!/^https?:\/\/[^\s/]+\/?$/.test(flags.endpoint)) {
      throw new LabsError(`invalid --endpoint "${flags.endpoint}": use an http:// or https:// base URL such as http://127.0.0.1:8080`);
    }
    if (flags.out !== undefined)
      throw new LabsError(`invalid --out "${flags.out}" with --endpoint: the endpoint stores the stream, not this command`);
  } else if (flags.out === undefined) {
    throw new LabsError('missing --out FILE.mkv: where the built-in local endpoint writes the stream (or give --endpoint URL)');
  } else if (!flags.out.endsWith('.mkv')) {
    throw new LabsError(`invalid --out "${flags.out}": use a file name ending in .mkv`);
  }
  const source = parseVideoSource(flags.source);
  if (source.kind !== 'testsrc' && source.kind !== 'file') {
    throw new LabsError(`invalid --source "${flags.source}" for labs local: use testsrc or a video file (cameras need labs run)`);
  }
  checkVideoSourceExists(source);
  const encoding = encodingFrom(flags, flags.fast !== true);
  const fragmentDurationMs = validateFragmentDuration(parseMediaDuration(flags.fragment, '--fragment'));

  const builtIn = flags.endpoint === undefined ? await startLocalPutMediaEndpoint({ outFile: flags.out as string }) : undefined;
  const url = builtIn?.url ?? (flags.endpoint as string).replace(/\/$/, '');
  log(
    builtIn
      ? `local PutMedia endpoint on ${url}, writing ${flags.out} (Ctrl-C stops and flushes)`
      : `streaming to the PutMedia endpoint ${url}`,
  );
  let result: StreamVideoResult;
  try {
    const signer = builtIn ? localSigner() : await signerForEndpoint(process.env.AWS_REGION ?? 'us-east-1', log);
    result = await withStopSignals(['SIGINT'], (signal) =>
      streamVideo({
        signal,
        source,
        encoding,
        fragmentDurationMs,
        streamName: flags.stream,
        endpoint: async () => url,
        signer,
        log,
        onFragment: (f) => log(`fragment ${f.sequence}: ${f.frames} frames, ${f.bytes.length} bytes, timecode ${f.timecode}`),
      }),
    );
  } finally {
    await builtIn?.stop();
  }
  const summary = {
    out: flags.out ?? null,
    endpoint: builtIn ? null : url,
    ...metricsJson(result),
    // what the built-in endpoint stored, when it was used
    persisted: builtIn?.stats.fragmentsPersisted ?? result.fragmentsPersisted,
    bytes: builtIn?.stats.bytes ?? result.bytesPersisted,
    duplicates: builtIn?.stats.duplicates ?? result.duplicates,
    mkv_bytes_from_ffmpeg: result.mkvBytes,
  };
  if (flags.json) printJson(summary);
  else {
    const where = flags.out ? `wrote ${flags.out}` : `streamed to ${url}`;
    print(
      `${where}: ${result.fragmentsPersisted} of ${summary.fragments} fragments persisted, ${summary.bytes} bytes, ${summary.given_up} given up`,
    );
    print(`send → PERSISTED latency p50 ${summary.ack_latency_ms_p50} ms${flags.out ? `; watch it with: ffplay ${flags.out}` : ''}`);
  }
  return result.fragmentsPersisted === summary.fragments && summary.given_up === 0 ? 0 : 1;
}

/**
 * `labs run kinesis-video --env NAME`: prints the HLS playback URL of the environment's stream
 * (`--playback-url`), or streams from this machine with the default credential chain and prints it
 * once fragments are persisted.
 */
async function run(argv: readonly string[]): Promise<number> {
  const command = withSourceFlags(new Command('labs run kinesis-video'))
    .description('stream to the deployed Kinesis Video lab from this machine and print the HLS playback URL')
    .requiredOption('--env <name>', `environment name (the stream is ${VIDEO_STREAM_BASE_NAME}-<name>)`)
    .option('--region <region>', 'AWS region (default: aws.region of labs.config.json)')
    .option('--playback-url', 'only print the HLS playback URL of the stream (the EC2 producer feeds it)')
    .option('--expires <time>', 'playback session lifetime, 5m to 12h', '1h');
  await command.parseAsync([...argv], { from: 'user' });
  const flags = command.opts<SourceFlags & { env: string; region?: string; duration?: string; playbackUrl?: boolean; expires: string }>();
  const env = environment('kinesis-video', flags.env);
  const streamName = resourceName(env, VIDEO_STREAM_BASE_NAME);
  const expiresMs = parseMediaDuration(flags.expires, '--expires');
  if (expiresMs < 300_000 || expiresMs > 43_200_000) throw new LabsError(`invalid --expires "${flags.expires}": use 5m to 12h`);
  const region = flags.region ?? projectConfig().aws.region;
  const { client, credentials, archivedMediaFor } = kinesisVideoClients(region);
  const playbackUrl = (): Promise<string> =>
    getPlaybackUrl(client, archivedMediaFor, streamName, {
      expiresSeconds: Math.round(expiresMs / 1000),
    });
  try {
    await requireAwsCredentials(client.config.credentials);
    if (flags.playbackUrl) {
      const url = await playbackUrl();
      if (flags.json) printJson({ stream: streamName, playback_url: url });
      else print(url);
      return 0;
    }
    const source = parseVideoSource(flags.source);
    const encoding = encodingFrom(flags, true);
    const fragmentDurationMs = validateFragmentDuration(parseMediaDuration(flags.fragment, '--fragment'));
    log(`streaming ${flags.source} to ${streamName} in ${region} (Ctrl-C stops and flushes)`);
    return await withStopSignals(['SIGINT'], async (signal) => {
      const streaming = streamVideo({
        signal,
        source,
        encoding,
        fragmentDurationMs,
        streamName,
        endpoint: () => dataEndpoint(client, streamName, 'PUT_MEDIA'),
        signer: sigV4Signer({ region, credentials }),
        log,
      });
      const playback = waitForPlaybackUrl(playbackUrl).catch((error: Error) => {
        log(`could not get a playback URL: ${error.message}`);
        return undefined;
      });
      const url = await Promise.race([playback, streaming.then(() => undefined)]);
      if (url && !flags.json) print(url);
      if (url) log(`playback URL printed on stdout (${redactPlaybackUrl(url)}); open it in Safari, VLC or ffplay`);
      const result = await streaming;
      if (flags.json) printJson({ stream: streamName, playback_url: url ?? null, ...metricsJson(result) });
      else log(`${result.fragmentsPersisted} of ${result.fragments} fragments persisted, p50 send → PERSISTED ${result.latencyMsP50} ms`);
      return result.fragmentsPersisted === result.fragments && result.givenUp === 0 ? 0 : 1;
    });
  } finally {
    client.destroy();
  }
}

/** Asks for the playback URL until the stream has persisted fragments (HLS refuses an empty stream). */
async function waitForPlaybackUrl(playbackUrl: () => Promise<string>): Promise<string> {
  await sleep(PLAYBACK_FIRST_TRY_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await playbackUrl();
    } catch (error) {
      const name = (error as Error).name;
      if (attempt >= PLAYBACK_TRIES || name !== 'ResourceNotFoundException') throw error;
      await sleep(PLAYBACK_RETRY_MS);
    }
  }
}

/** The producer figures both JSON summaries of this lab print. */
function metricsJson(result: StreamVideoResult) {
  return {
    fragments: result.fragments,
    persisted: result.fragmentsPersisted,
    bytes: result.bytesPersisted,
    connections: result.connections,
    reconnects: result.reconnects,
    given_up: result.givenUp,
    throttled: result.throttled,
    ack_latency_ms_p50: result.latencyMsP50,
    ack_latency_ms_p95: result.latencyMsP95,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Kinesis Video Streams lab's CLI runner. */
export const runner: LabRunner = { local, run };
