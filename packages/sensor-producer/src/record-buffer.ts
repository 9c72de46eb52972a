/** A record waiting in the producer's buffer. */
export interface BufferedRecord {
  readonly data: Uint8Array;
  readonly partitionKey: string;
  /** Data plus partition key bytes, as Kinesis counts them. */
  readonly size: number;
  /** Failed attempts so far. */
  attempts: number;
}

/** Limits of one batch taken from the buffer. */
export interface BatchLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
}

interface KeyQueue {
  readonly records: BufferedRecord[];
  head: number;
  /** A record of this key is in flight or waiting to be retried. */
  busy: boolean;
  /** The key is in the ready queue. */
  ready: boolean;
}

/**
 * The producer's in-memory buffer: one FIFO per partition key and a round-robin queue of keys that can
 * send. A key is locked from the moment one of its records is taken into a batch until that record is
 * delivered or given up, so a later record of the same key never overtakes an earlier one, not even
 * across retries: order per key (and so per shard) is preserved. Pure data structure, no I/O.
 */
export class RecordBuffer {
  private readonly keys = new Map<string, KeyQueue>();
  private readonly readyKeys: string[] = [];
  private readyHead = 0;
  private waitingRecords = 0;

  /** Records waiting in the buffer (not in flight). */
  get waiting(): number {
    return this.waitingRecords;
  }

  /** Keys that can send a record now: the size of the next batch, before limits. */
  get readyCount(): number {
    return this.readyKeys.length - this.readyHead;
  }

  /** Appends a record behind the others of its key. */
  push(record: BufferedRecord): void {
    const queue = this.queueOf(record.partitionKey);
    queue.records.push(record);
    this.waitingRecords++;
    this.markReady(record.partitionKey, queue);
  }

  /** Puts a record back in front of its key's queue (a retry) and unlocks the key. */
  retry(record: BufferedRecord): void {
    const queue = this.queueOf(record.partitionKey);
    if (queue.head > 0) queue.records[--queue.head] = record;
    else queue.records.unshift(record);
    this.waitingRecords++;
    this.release(record.partitionKey);
  }

  /** Unlocks a key after its in-flight record was delivered or given up. */
  release(partitionKey: string): void {
    const queue = this.keys.get(partitionKey);
    if (!queue) return;
    queue.busy = false;
    if (queue.head < queue.records.length) this.markReady(partitionKey, queue);
    else this.keys.delete(partitionKey);
  }

  /** Takes the next batch: at most one record per ready key, round-robin, within the limits; locks those keys. */
  takeBatch(limits: BatchLimits): BufferedRecord[] {
    const batch: BufferedRecord[] = [];
    let bytes = 0;
    while (batch.length < limits.maxRecords && this.readyHead < this.readyKeys.length) {
      const key = this.readyKeys[this.readyHead] as string;
      const queue = this.keys.get(key) as KeyQueue;
      const record = queue.records[queue.head] as BufferedRecord;
      if (bytes + record.size > limits.maxBytes) break;
      this.readyHead++;
      queue.ready = false;
      queue.busy = true;
      queue.records[queue.head] = undefined as unknown as BufferedRecord;
      queue.head++;
      if (queue.head === queue.records.length) {
        queue.records.length = 0;
        queue.head = 0;
      }
      this.waitingRecords--;
      bytes += record.size;
      batch.push(record);
    }
    this.compactReadyKeys();
    return batch;
  }

  private queueOf(partitionKey: string): KeyQueue {
    let queue = this.keys.get(partitionKey);
    if (!queue) {
      queue = { records: [], head: 0, busy: false, ready: false };
      this.keys.set(partitionKey, queue);
    }
    return queue;
  }

  private markReady(partitionKey: string, queue: KeyQueue): void {
    if (queue.busy || queue.ready) return;
    queue.ready = true;
    this.readyKeys.push(partitionKey);
  }

  private compactReadyKeys(): void {
    if (this.readyHead === this.readyKeys.length) {
      this.readyKeys.length = 0;
      this.readyHead = 0;
    } else if (this.readyHead > 1024 && this.readyHead * 2 > this.readyKeys.length) {
      this.readyKeys.splice(0, this.readyHead);
      this.readyHead = 0;
    }
  }
}
