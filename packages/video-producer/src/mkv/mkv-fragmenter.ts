import { children } from './children';
import { encodeSize, MkvId, readId, readSize, readUint, uintPayload, UNKNOWN_SIZE } from './ebml';
import type { Fragment, TimecodeType } from './fragment';
import { PUT_MEDIA_LIMITS } from '../put-media/service-limits';
import { streamHeader } from './stream-header';
import { readVideoTrack, type VideoTrack } from './track-info';

/** The longest fragment this producer cuts: ErrorId 4002 of the PutMedia reference names 10 s (see `PUT_MEDIA_LIMITS`). */
export const MAX_FRAGMENT_MS = PUT_MEDIA_LIMITS.producerMaxFragmentDurationMs;
/** Kinesis Video's ceiling on one fragment's size (50 MB, service quotas page). */
export const MAX_FRAGMENT_BYTES = PUT_MEDIA_LIMITS.maxFragmentBytes;

/** Options of `MkvFragmenter`. */
export interface MkvFragmenterOptions {
  /** Target fragment duration: a fragment closes at the first key frame at or after it. @default 1000 */
  readonly fragmentDurationMs?: number;
  /** Cluster timecode type. @default 'ABSOLUTE' */
  readonly timecodeType?: TimecodeType;
  /** Producer start (epoch ms): added to stream time for ABSOLUTE timecodes. @default Date.now() at construction */
  readonly producerStartMs?: number;
}

interface Frame {
  readonly timeMs: number;
  readonly track: Buffer;
  readonly flags: number;
  readonly data: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Segment-level ids that end an unknown-size Cluster. */
const SEGMENT_CHILDREN = new Set<number>([
  MkvId.Cluster,
  MkvId.Info,
  MkvId.Tracks,
  MkvId.SeekHead,
  0x1c53bb6b /* Cues */,
  0x1254c367 /* Tags */,
  0x1043a770 /* Chapters */,
  0x1941a469 /* Attachments */,
]);

/**
 * Reads a Matroska byte stream incrementally (as ffmpeg writes it to a pipe) and re-emits it as
 * Kinesis Video fragments: one Cluster per fragment, each starting on a key frame of the video track,
 * closed at the first key frame after `fragmentDurationMs`, with 1 ms timecodes (absolute or relative).
 * `header` (EBML header, Segment, Info, Tracks with the AVCC codec private data) is available once the
 * source's Tracks element has been read.
 */
export class MkvFragmenter {
  /** The stream header to send before the first fragment of every connection. */
  header: Buffer | undefined;
  /** The video track, once known. */
  track: VideoTrack | undefined;
  /** Total bytes pushed. */
  bytesIn = 0;

  private readonly fragmentMs: number;
  private readonly timecodeType: TimecodeType;
  private readonly producerStartMs: number;
  private buf: Buffer = EMPTY;
  private pos = 0;
  private skip = 0;
  /** Bytes from `pos` the element being waited for needs. */
  private need = 0;
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private inCluster = false;
  private clusterEnd = UNKNOWN_SIZE;
  private consumed = 0;
  private clusterTicks = 0;
  private timecodeScale = 1_000_000;
  private firstTimeMs: number | undefined;
  private frames: Frame[] = [];
  private fragmentStartMs = 0;
  private lastFrameMs = 0;
  private frameIntervalMs = 0;
  private sequence = 0;
  private ready: Fragment[] = [];

  constructor(options: MkvFragmenterOptions = {}) {
    this.fragmentMs = options.fragmentDurationMs ?? 1000;
    this.timecodeType = options.timecodeType ?? 'ABSOLUTE';
    this.producerStartMs = options.producerStartMs ?? Date.now();
  }

  /** Feeds bytes; returns the fragments completed by them (in order). */
  push(chunk: Buffer): Fragment[] {
    this.bytesIn += chunk.length;
    if (chunk.length === 0) return [];
    if (this.skip >= chunk.length) {
      this.skip -= chunk.length;
      this.consumed += this.buf.length + chunk.length;
      this.buf = EMPTY;
      this.pos = 0;
      return [];
    }
    const start = this.skip;
    this.skip = 0;
    const held = this.buf.length - this.pos;
    if (held > 0) {
      // Waiting for the rest of an element: gather chunks and copy once it is complete.
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      if (held + this.waitingBytes < this.need) return [];
      this.consumed += this.pos;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), ...this.waiting]);
      this.waiting = [];
      this.waitingBytes = 0;
    } else {
      this.consumed += this.buf.length + start;
      this.buf = start ? chunk.subarray(start) : chunk;
    }
    this.pos = 0;
    this.need = 0;
    this.parse();
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Ends the stream: returns the last fragment, if any frames are pending. */
  end(): Fragment[] {
    if (this.frames.length > 0) this.closeFragment(this.lastFrameMs + this.frameIntervalMs);
    const out = this.ready;
    this.ready = [];
    return out;
  }

  private parse(): void {
    const buf = this.buf;
    for (;;) {
      if (this.inCluster && this.clusterEnd !== UNKNOWN_SIZE && this.consumed + this.pos >= this.clusterEnd) {
        this.inCluster = false;
      }
      const id = readId(buf, this.pos);
      if (!id) return;
      const size = readSize(buf, this.pos + id.length);
      if (!size) return;
      const payload = this.pos + id.length + size.length;
      if (this.inCluster && SEGMENT_CHILDREN.has(id.value)) this.inCluster = false;

      if (id.value === MkvId.Segment) {
        this.pos = payload;
        continue;
      }
      if (id.value === MkvId.Cluster) {
        this.inCluster = true;
        this.clusterEnd = size.value === UNKNOWN_SIZE ? UNKNOWN_SIZE : this.consumed + payload + size.value;
        this.pos = payload;
        continue;
      }
      if (size.value === UNKNOWN_SIZE) throw new Error(`unexpected unknown-size element 0x${id.value.toString(16)} in the Matroska stream`);
      const end = payload + size.value;
      const wanted = this.wants(id.value);
      if (!wanted) {
        if (end > buf.length) {
          this.skip = end - buf.length;
          this.pos = buf.length;
          return;
        }
        this.pos = end;
        continue;
      }
      if (end > buf.length) {
        this.need = end - this.pos;
        return;
      }
      this.pos = end;
      this.handle(id.value, buf, payload, end);
    }
  }

  private wants(id: number): boolean {
    if (this.inCluster) return id === MkvId.Timecode || id === MkvId.SimpleBlock || id === MkvId.BlockGroup;
    return id === MkvId.Info || id === MkvId.Tracks;
  }

  private handle(id: number, buf: Buffer, start: number, end: number): void {
    switch (id) {
      case MkvId.Info:
        for (const child of children(buf, start, end)) {
          if (child.id === MkvId.TimecodeScale) this.timecodeScale = readUint(buf, child.start, child.end - child.start);
        }
        return;
      case MkvId.Tracks: {
        const payload = Buffer.from(buf.subarray(start, end));
        this.track = readVideoTrack(payload);
        this.header = streamHeader(payload);
        return;
      }
      case MkvId.Timecode:
        this.clusterTicks = readUint(buf, start, end - start);
        return;
      case MkvId.SimpleBlock:
        this.block(buf, start, end, undefined);
        return;
      default: {
        let block: { start: number; end: number } | undefined;
        let referenced = false;
        for (const child of children(buf, start, end)) {
          if (child.id === MkvId.Block) block = child;
          if (child.id === MkvId.ReferenceBlock) referenced = true;
        }
        if (block) this.block(buf, block.start, block.end, !referenced);
      }
    }
  }

  private block(buf: Buffer, start: number, end: number, groupKey: boolean | undefined): void {
    if (!this.track) throw new Error('Matroska block before the Tracks element');
    const trackVint = readSize(buf, start);
    if (!trackVint || start + trackVint.length + 3 > end) throw new Error('truncated Matroska block header');
    const headerEnd = start + trackVint.length;
    const relative = buf.readInt16BE(headerEnd);
    const rawFlags = buf[headerEnd + 2] as number;
    const key = groupKey ?? (rawFlags & 0x80) !== 0;
    const flags = (rawFlags & 0x0f) | (key ? 0x80 : 0);
    const timeMs = Math.round(((this.clusterTicks + relative) * this.timecodeScale) / 1_000_000);
    const isVideo = trackVint.value === this.track.number;

    if (isVideo && key && (this.frames.length === 0 || timeMs - this.fragmentStartMs >= this.fragmentMs)) {
      if (this.frames.length > 0) this.closeFragment(timeMs);
      this.firstTimeMs ??= timeMs;
      this.fragmentStartMs = timeMs;
    } else if (this.frames.length === 0) {
      return; // a fragment must start on a key frame: drop what comes before the first one
    }
    if (timeMs - this.fragmentStartMs > MAX_FRAGMENT_MS) {
      throw new Error(
        `no key frame for ${timeMs - this.fragmentStartMs} ms: Kinesis Video fragments last at most ${MAX_FRAGMENT_MS} ms; encode with key frames at an interval that divides the fragment duration (${this.fragmentMs} ms)`,
      );
    }
    if (isVideo && timeMs > this.lastFrameMs) {
      if (this.frames.length > 0) this.frameIntervalMs = timeMs - this.lastFrameMs;
      this.lastFrameMs = timeMs;
    }
    this.frames.push({ timeMs, track: buf.subarray(start, headerEnd), flags, data: buf.subarray(headerEnd + 3, end) });
  }

  private closeFragment(nextStartMs: number): void {
    const startMs = this.fragmentStartMs;
    const streamMs = startMs - (this.firstTimeMs ?? startMs);
    const timecode = this.timecodeType === 'ABSOLUTE' ? this.producerStartMs + streamMs : streamMs;
    const timecodeBytes = uintPayload(timecode);
    let payloadSize = 2 + timecodeBytes.length;
    const blockSizes: number[] = [];
    for (const frame of this.frames) {
      const size = frame.track.length + 3 + frame.data.length;
      blockSizes.push(size);
      payloadSize += 1 + encodeSize(size).length + size;
    }
    const sizeBytes = encodeSize(payloadSize);
    const total = 4 + sizeBytes.length + payloadSize;
    if (total > MAX_FRAGMENT_BYTES) {
      throw new Error(
        `fragment of ${total} bytes exceeds the Kinesis Video limit of ${MAX_FRAGMENT_BYTES} bytes; lower the bitrate or the fragment duration`,
      );
    }
    const out = Buffer.allocUnsafe(total);
    let at = out.writeUInt32BE(MkvId.Cluster, 0);
    at += sizeBytes.copy(out, at);
    out[at++] = MkvId.Timecode;
    out[at++] = 0x80 | timecodeBytes.length;
    at += timecodeBytes.copy(out, at);
    this.frames.forEach((frame, i) => {
      const size = blockSizes[i] as number;
      out[at++] = MkvId.SimpleBlock;
      at += encodeSize(size).copy(out, at);
      at += frame.track.copy(out, at);
      at = out.writeInt16BE(frame.timeMs - startMs, at);
      out[at++] = frame.flags;
      at += frame.data.copy(out, at);
    });
    this.ready.push({
      sequence: this.sequence++,
      timecode,
      streamMs,
      durationMs: Math.max(0, nextStartMs - startMs),
      frames: this.frames.length,
      bytes: out,
    });
    this.frames = [];
  }
}
