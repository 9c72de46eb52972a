/** One Kinesis Video fragment: a complete Matroska Cluster that starts on a key frame. */
export interface Fragment {
  /** 0-based position in the stream. */
  readonly sequence: number;
  /** The Cluster Timecode as written, in milliseconds (absolute epoch ms or relative to producer start). */
  readonly timecode: number;
  /** Start of the fragment in stream time (ms since the first key frame). */
  readonly streamMs: number;
  /** Duration in ms (up to the next fragment's start; the last one adds one frame interval). */
  readonly durationMs: number;
  /** Number of blocks (frames) in the cluster. */
  readonly frames: number;
  /** The encoded Cluster element. */
  readonly bytes: Buffer;
}

/** Whether cluster timecodes are absolute (epoch ms) or relative to `x-amzn-producer-start-timestamp`. */
export type TimecodeType = 'ABSOLUTE' | 'RELATIVE';
