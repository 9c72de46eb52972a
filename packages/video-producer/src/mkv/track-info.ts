import { MkvId, readUint } from './ebml';
import { children } from './children';

/** The video track of a Matroska stream, as HLS playback needs it. */
export interface VideoTrack {
  readonly number: number;
  /** Matroska codec id, `V_MPEG4/ISO/AVC` for H.264. */
  readonly codecId: string;
  /** AVCDecoderConfigurationRecord (AVCC): version 1, profile, level, SPS and PPS. */
  readonly codecPrivate: Buffer;
  readonly width?: number;
  readonly height?: number;
}

/** The codec id Kinesis Video HLS playback and ffmpeg agree on for H.264. */
export const H264_CODEC_ID = 'V_MPEG4/ISO/AVC';

/**
 * Reads the first video track (TrackType 1) from a Tracks element payload.
 * @throws Error when there is no video track, or it is not H.264 with AVCC codec private data.
 */
export function readVideoTrack(tracksPayload: Buffer): VideoTrack {
  for (const entry of children(tracksPayload).filter((c) => c.id === MkvId.TrackEntry)) {
    let number = 0;
    let type = 0;
    let codecId = '';
    let codecPrivate: Buffer | undefined;
    let width: number | undefined;
    let height: number | undefined;
    for (const field of children(tracksPayload, entry.start, entry.end)) {
      const length = field.end - field.start;
      if (field.id === MkvId.TrackNumber) number = readUint(tracksPayload, field.start, length);
      else if (field.id === MkvId.TrackType) type = readUint(tracksPayload, field.start, length);
      else if (field.id === MkvId.CodecID) codecId = tracksPayload.toString('latin1', field.start, field.end).replace(/\0+$/, '');
      else if (field.id === MkvId.CodecPrivate) codecPrivate = Buffer.from(tracksPayload.subarray(field.start, field.end));
      else if (field.id === MkvId.Video) {
        for (const v of children(tracksPayload, field.start, field.end)) {
          if (v.id === MkvId.PixelWidth) width = readUint(tracksPayload, v.start, v.end - v.start);
          if (v.id === MkvId.PixelHeight) height = readUint(tracksPayload, v.start, v.end - v.start);
        }
      }
    }
    if (type !== 1) continue;
    if (codecId !== H264_CODEC_ID) {
      throw new Error(`video track codec is "${codecId}": Kinesis Video HLS playback needs ${H264_CODEC_ID} (encode with libx264)`);
    }
    if (!codecPrivate || codecPrivate.length < 7 || codecPrivate[0] !== 1) {
      throw new Error('the H.264 track has no AVCC codec private data (AVCDecoderConfigurationRecord version 1)');
    }
    return { number, codecId, codecPrivate, ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
  }
  throw new Error('the Matroska stream has no video track');
}
