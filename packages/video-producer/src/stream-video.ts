import { MkvFragmenter } from './mkv/mkv-fragmenter';
import type { Fragment, TimecodeType } from './mkv/fragment';
import type { ProducerMetrics } from './put-media/metrics';
import { PutMediaProducer, type PutMediaProducerOptions } from './put-media/put-media-producer';
import { startFfmpeg } from './source/ffmpeg-process';
import { fragmentStream } from './source/fragment-stream';
import type { EncodingOptions, VideoSource } from './source/video-source';

/** Options of `streamVideo`: a source, how to encode and cut it, and where to send it. */
export interface StreamVideoOptions extends Pick<
  PutMediaProducerOptions,
  'streamName' | 'endpoint' | 'signer' | 'rotateAfterMs' | 'connectionLifetimeMs' | 'backoff' | 'deadlines' | 'retry' | 'log'
> {
  readonly source: VideoSource;
  readonly encoding: EncodingOptions;
  /** @default 1000 */
  readonly fragmentDurationMs?: number;
  /** @default 'ABSOLUTE' */
  readonly timecodeType?: TimecodeType;
  /** @default 'ffmpeg' */
  readonly ffmpegPath?: string;
  /** Called for every fragment the fragmenter cuts. */
  readonly onFragment?: (fragment: Fragment) => void;
  /** Aborting stops ffmpeg; the fragments already cut are still sent and acknowledged. */
  readonly signal?: AbortSignal;
}

/** The producer's metrics plus what ffmpeg produced. */
export interface StreamVideoResult extends ProducerMetrics {
  /** Matroska bytes read from ffmpeg. */
  readonly mkvBytes: number;
}

/** Runs ffmpeg → MkvFragmenter → PutMediaProducer until the source ends (or forever for a live source). */
export async function streamVideo(options: StreamVideoOptions): Promise<StreamVideoResult> {
  const producerStartMs = Date.now();
  const timecodeType = options.timecodeType ?? 'ABSOLUTE';
  const fragmenter = new MkvFragmenter({ fragmentDurationMs: options.fragmentDurationMs ?? 1000, timecodeType, producerStartMs });
  const ffmpeg = startFfmpeg(options.source, options.encoding, options.ffmpegPath);
  const exited = ffmpeg.exited.then(
    () => undefined,
    (error: Error) => error,
  );
  if (options.signal?.aborted) ffmpeg.stop();
  options.signal?.addEventListener('abort', () => ffmpeg.stop(), { once: true });
  async function* fragments(): AsyncGenerator<Fragment> {
    for await (const fragment of fragmentStream(ffmpeg.stdout, fragmenter)) {
      options.onFragment?.(fragment);
      yield fragment;
    }
    const error = await exited;
    if (error) throw error;
  }
  const producer = new PutMediaProducer({ ...options, timecodeType, producerStartMs });
  try {
    const metrics = await producer.run(fragments(), () => {
      if (!fragmenter.header) throw new Error('no Matroska Tracks element from ffmpeg before the first fragment');
      return fragmenter.header;
    });
    return { ...metrics, mkvBytes: fragmenter.bytesIn };
  } finally {
    ffmpeg.stop();
    await exited;
  }
}
