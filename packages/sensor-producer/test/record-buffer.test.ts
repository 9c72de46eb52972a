import { RecordBuffer, type BufferedRecord } from '../src/record-buffer';

const record = (partitionKey: string, body: string, size = 10): BufferedRecord => ({
  data: Buffer.from(body),
  partitionKey,
  size,
  attempts: 0,
});
const bodies = (batch: readonly BufferedRecord[]): string[] => batch.map((r) => Buffer.from(r.data).toString());
const LIMITS = { maxRecords: 500, maxBytes: 5 * 1024 * 1024 };

describe('RecordBuffer', () => {
  it('takes at most one record per key per batch, round-robin', () => {
    const buffer = new RecordBuffer();
    for (const [key, body] of [
      ['a', 'a0'],
      ['a', 'a1'],
      ['b', 'b0'],
      ['c', 'c0'],
    ] as const)
      buffer.push(record(key, body));
    expect(buffer.readyCount).toBe(3);
    expect(bodies(buffer.takeBatch(LIMITS))).toEqual(['a0', 'b0', 'c0']);
    expect(buffer.waiting).toBe(1);
  });

  it('locks a key while its record is in flight: nothing of that key overtakes it', () => {
    const buffer = new RecordBuffer();
    buffer.push(record('a', 'a0'));
    buffer.push(record('a', 'a1'));
    expect(bodies(buffer.takeBatch(LIMITS))).toEqual(['a0']);
    expect(buffer.takeBatch(LIMITS)).toEqual([]);
    buffer.release('a');
    expect(bodies(buffer.takeBatch(LIMITS))).toEqual(['a1']);
  });

  it('a retried record goes back in front of its key', () => {
    const buffer = new RecordBuffer();
    buffer.push(record('a', 'a0'));
    buffer.push(record('a', 'a1'));
    const [first] = buffer.takeBatch(LIMITS);
    buffer.retry(first as BufferedRecord);
    expect(bodies(buffer.takeBatch(LIMITS))).toEqual(['a0']);
    buffer.release('a');
    expect(bodies(buffer.takeBatch(LIMITS))).toEqual(['a1']);
    expect(buffer.waiting).toBe(0);
  });

  it('respects the record-count limit', () => {
    const buffer = new RecordBuffer();
    for (let i = 0; i < 1200; i++) buffer.push(record(`k${i}`, String(i)));
    expect(buffer.takeBatch(LIMITS)).toHaveLength(500);
    expect(buffer.takeBatch(LIMITS)).toHaveLength(500);
    expect(buffer.takeBatch(LIMITS)).toHaveLength(200);
  });

  it('respects the byte limit (5 MiB of 1 MiB records → 5 per batch)', () => {
    const buffer = new RecordBuffer();
    for (let i = 0; i < 7; i++) buffer.push(record(`k${i}`, String(i), 1024 * 1024));
    expect(buffer.takeBatch(LIMITS)).toHaveLength(5);
    expect(buffer.takeBatch(LIMITS)).toHaveLength(2);
  });
});
