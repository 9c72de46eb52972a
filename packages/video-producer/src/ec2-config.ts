import { LabsError } from '@labs/config';
import { parseMediaDuration, validateFragmentDuration } from './source/durations';
import { DEFAULT_ENCODING, parseVideoSource, validateEncoding, type EncodingOptions, type VideoSource } from './source/video-source';

/** What the EC2 producer service runs, read from its systemd environment. */
export interface Ec2ProducerConfig {
  readonly streamName: string;
  readonly region: string;
  readonly source: VideoSource;
  readonly encoding: EncodingOptions;
  readonly fragmentDurationMs: number;
  readonly ffmpegPath: string;
}

/**
 * Reads the service environment: `STREAM_NAME`, `AWS_REGION` (required), `VIDEO_SOURCE` (default testsrc),
 * `VIDEO_FPS`, `VIDEO_WIDTH`, `VIDEO_HEIGHT`, `FRAGMENT_DURATION` (default 1s), `FFMPEG_PATH` (default ffmpeg).
 * @throws LabsError naming the missing or bad variable.
 */
export function ec2ProducerConfig(env: NodeJS.ProcessEnv): Ec2ProducerConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new LabsError(`missing environment variable ${name}: the stack sets it in the service unit`);
    return value;
  };
  const whole = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d+$/.test(text)) throw new LabsError(`invalid ${name} "${text}": use a whole number`);
    return Number(text);
  };
  return {
    streamName: required('STREAM_NAME'),
    region: required('AWS_REGION'),
    source: parseVideoSource(env.VIDEO_SOURCE || 'testsrc'),
    encoding: validateEncoding({
      ...DEFAULT_ENCODING,
      fps: whole('VIDEO_FPS', DEFAULT_ENCODING.fps),
      width: whole('VIDEO_WIDTH', DEFAULT_ENCODING.width),
      height: whole('VIDEO_HEIGHT', DEFAULT_ENCODING.height),
    }),
    fragmentDurationMs: validateFragmentDuration(parseMediaDuration(env.FRAGMENT_DURATION || '1s', 'FRAGMENT_DURATION')),
    ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
  };
}
