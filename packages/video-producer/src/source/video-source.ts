import { LabsError } from '@labs/config';

/** Where the video comes from. */
export type VideoSource =
  | { readonly kind: 'testsrc' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'rtsp'; readonly url: string }
  | { readonly kind: 'v4l2'; readonly device: string };

/** How ffmpeg encodes it. */
export interface EncodingOptions {
  /** Frames per second; a key frame starts every second. @default 25 */
  readonly fps: number;
  /** @default 640 */
  readonly width: number;
  /** @default 480 */
  readonly height: number;
  /** H.264 profile. @default 'baseline' */
  readonly profile: 'baseline' | 'main';
  /** Stop after this long (ms). @default unlimited */
  readonly durationMs?: number;
  /** Read the input at its native frame rate (live pacing) rather than as fast as possible. @default true */
  readonly realtime: boolean;
}

/** The encoding the lab uses unless told otherwise: the Java demo's 640x480 at 25 fps. */
export const DEFAULT_ENCODING: EncodingOptions = { fps: 25, width: 640, height: 480, profile: 'baseline', realtime: true };

/**
 * Parses `--source`: `testsrc` (ffmpeg's test pattern), `rtsp://…`/`rtsps://…` (a camera),
 * `/dev/videoN` (V4L2) or a file path (looped).
 * @throws LabsError for an empty value or an unsupported URL scheme.
 */
export function parseVideoSource(text: string): VideoSource {
  const value = text.trim();
  if (value === '') throw new LabsError('invalid --source "": use testsrc, rtsp://HOST/PATH, /dev/videoN or a video file path');
  if (value === 'testsrc') return { kind: 'testsrc' };
  if (/^rtsps?:\/\//i.test(value)) return { kind: 'rtsp', url: value };
  if (/^\/dev\/video\d+$/.test(value)) return { kind: 'v4l2', device: value };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new LabsError(`invalid --source "${value}": only rtsp:// and rtsps:// URLs are supported (or testsrc, /dev/videoN, a file path)`);
  }
  return { kind: 'file', path: value };
}

/**
 * Checks encoding options: fps 1–60, even width/height 16–3840, profile baseline or main.
 * @throws LabsError naming the bad value and the allowed range.
 */
export function validateEncoding(encoding: EncodingOptions): EncodingOptions {
  const { fps, width, height, profile } = encoding;
  if (!Number.isInteger(fps) || fps < 1 || fps > 60) throw new LabsError(`invalid fps "${fps}": use a whole number from 1 to 60`);
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 16 || value > 3840 || value % 2 !== 0) {
      throw new LabsError(`invalid ${name} "${value}": use an even whole number from 16 to 3840`);
    }
  }
  if (profile !== 'baseline' && profile !== 'main') throw new LabsError(`invalid profile "${String(profile)}": use baseline or main`);
  return encoding;
}

/**
 * The ffmpeg arguments: H.264 with a key frame every second (`-g fps -keyint_min fps -sc_threshold 0`),
 * no B-frames, no audio, written to stdout as live Matroska (codec id V_MPEG4/ISO/AVC, AVCC private data).
 */
export function ffmpegArgs(source: VideoSource, encoding: EncodingOptions): string[] {
  const { fps, width, height } = validateEncoding(encoding);
  const pace = encoding.realtime ? ['-re'] : [];
  const input: string[] =
    source.kind === 'testsrc'
      ? [...pace, '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`]
      : source.kind === 'file'
        ? [...pace, '-stream_loop', '-1', '-i', source.path]
        : source.kind === 'rtsp'
          ? ['-rtsp_transport', 'tcp', '-i', source.url]
          : ['-f', 'v4l2', '-framerate', String(fps), '-video_size', `${width}x${height}`, '-i', source.device];
  const duration = encoding.durationMs !== undefined ? ['-t', (encoding.durationMs / 1000).toFixed(3)] : [];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    ...input,
    ...duration,
    '-an',
    '-vf',
    `scale=${width}:${height},fps=${fps}`,
    '-c:v',
    'libx264',
    '-profile:v',
    encoding.profile,
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-g',
    String(fps),
    '-keyint_min',
    String(fps),
    '-sc_threshold',
    '0',
    '-bf',
    '0',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'matroska',
    '-live',
    '1',
    '-cluster_time_limit',
    '1000',
    'pipe:1',
  ];
}
