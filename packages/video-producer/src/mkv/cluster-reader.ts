import { MkvId, readId, readSize, readUint, UNKNOWN_SIZE } from './ebml';
import { children } from './children';

/** What `ClusterReader` finds in a PutMedia body. */
export type MkvPart =
  /** A Cluster has begun and its Timecode is known (it is announced once, before it completes). */
  | { readonly kind: 'cluster-start'; readonly timecode: number; readonly size: number }
  /** A complete Cluster. */
  | {
      readonly kind: 'cluster';
      readonly timecode: number;
      readonly bytes: Buffer;
      readonly tracks: readonly number[];
      readonly startsOnKeyFrame: boolean;
      /** The latest block time relative to the Cluster Timecode (ms at a 1 ms timecode scale). */
      readonly spanMs: number;
    }
  /** A complete Info or Tracks element (raw bytes, id included). */
  | { readonly kind: 'info' | 'tracks'; readonly bytes: Buffer; readonly payload: Buffer }
  /** The EBML header or the start of a Segment. */
  | { readonly kind: 'ebml' | 'segment' };

/**
 * Splits a Matroska stream made of known-size Clusters (what `MkvFragmenter` sends) into its parts,
 * incrementally. Used by the local PutMedia endpoint to acknowledge and store fragments.
 * @throws Error on malformed EBML or an unknown-size Cluster.
 */
export class ClusterReader {
  private buf: Buffer = Buffer.alloc(0);
  private announced = false;

  /** Feeds bytes; returns the parts they complete. */
  push(chunk: Buffer): MkvPart[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const parts: MkvPart[] = [];
    let pos = 0;
    for (;;) {
      const id = readId(this.buf, pos);
      const size = id && readSize(this.buf, pos + id.length);
      if (!id || !size) break;
      const payload = pos + id.length + size.length;
      if (id.value === MkvId.Segment) {
        parts.push({ kind: 'segment' });
        pos = payload;
        continue;
      }
      if (size.value === UNKNOWN_SIZE) throw new Error(`unknown-size element 0x${id.value.toString(16)}: Clusters must have a known size`);
      const end = payload + size.value;
      if (id.value === MkvId.Cluster && !this.announced) {
        const timecode = leadingTimecode(this.buf, payload, Math.min(end, this.buf.length));
        if (timecode !== undefined) {
          this.announced = true;
          parts.push({ kind: 'cluster-start', timecode, size: end - pos });
        }
      }
      if (end > this.buf.length) break;
      const bytes = this.buf.subarray(pos, end);
      if (id.value === MkvId.Cluster) {
        this.announced = false;
        parts.push({ kind: 'cluster', bytes, ...readCluster(this.buf, payload, end) });
      } else if (id.value === MkvId.EBML) parts.push({ kind: 'ebml' });
      else if (id.value === MkvId.Info) parts.push({ kind: 'info', bytes, payload: this.buf.subarray(payload, end) });
      else if (id.value === MkvId.Tracks) parts.push({ kind: 'tracks', bytes, payload: this.buf.subarray(payload, end) });
      pos = end;
    }
    this.buf = this.buf.subarray(pos);
    return parts;
  }
}

/** The Cluster's Timecode when it is the first child and fully available in `buf[start, available)`. */
function leadingTimecode(buf: Buffer, start: number, available: number): number | undefined {
  const id = readId(buf, start);
  const size = id && readSize(buf, start + id.length);
  if (!id || !size || id.value !== MkvId.Timecode || size.value === UNKNOWN_SIZE) return undefined;
  const payload = start + id.length + size.length;
  return payload + size.value <= available ? readUint(buf, payload, size.value) : undefined;
}

function readCluster(
  buf: Buffer,
  start: number,
  end: number,
): { timecode: number; tracks: number[]; startsOnKeyFrame: boolean; spanMs: number } {
  let timecode = -1;
  const tracks: number[] = [];
  let startsOnKeyFrame = false;
  let spanMs = 0;
  for (const child of children(buf, start, end)) {
    if (child.id === MkvId.Timecode) timecode = readUint(buf, child.start, child.end - child.start);
    if (child.id === MkvId.SimpleBlock) {
      const track = readSize(buf, child.start);
      if (!track) throw new Error('truncated SimpleBlock');
      if (child.start + track.length + 3 > child.end) throw new Error('truncated SimpleBlock');
      if (tracks.length === 0) startsOnKeyFrame = ((buf[child.start + track.length + 2] as number) & 0x80) !== 0;
      spanMs = Math.max(spanMs, buf.readInt16BE(child.start + track.length));
      tracks.push(track.value);
    }
  }
  if (timecode < 0) throw new Error('Cluster without a Timecode element');
  return { timecode, tracks, startsOnKeyFrame, spanMs };
}
