import type { StreamSample, StreamState } from '../src';

/** Start of the test day. */
export const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
export const MINUTE = 60_000;

/** One-minute samples starting at `start`, one per utilisation value of `shards` shards (records only, 100-byte records). */
export function minutes(start: number, recordsPerMinute: readonly number[]): StreamSample[] {
  return recordsPerMinute.map((records, i) => ({
    timestamp: start + i * MINUTE,
    periodSeconds: 60,
    incomingRecords: records,
    incomingBytes: records * 100,
  }));
}

/** Records per minute that make `utilisation` of `shards` Kinesis shards. */
export function recordsAt(utilisation: number, shards = 1): number {
  return Math.round(utilisation * 60_000 * shards);
}

/** An ACTIVE stream with no scaling history. */
export function active(shardCount: number, scalingHistory: number[] = []): StreamState {
  return { shardCount, status: 'ACTIVE', scalingHistory };
}
