import { PutRecordsCommand, type KinesisClient, type PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { systemClock, type Clock } from '@labs/config';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { DroppedCounts, ProducerStats } from './producer-stats';
import { PUT_RECORDS_LIMITS, recordLimitViolation, recordSize } from './put-records-limits';
import { RecordBuffer, type BufferedRecord } from './record-buffer';
import { isRetryableRecordError, isRetryableRequestError } from './retryable-errors';

/** The part of a Kinesis client the producer uses (inject a real `KinesisClient`). */
export type PutRecordsClient = Pick<KinesisClient, 'send'>;

/** Records and bytes Kinesis acknowledged on one shard in one response. */
export interface ShardDelivery {
  readonly shardId: string;
  readonly records: number;
  readonly bytes: number;
}

/** Options of a `KinesisProducer`. */
export interface KinesisProducerOptions {
  /** Target stream. */
  readonly streamName: string;
  /** Records held in memory at most (waiting, in flight, retrying). @default 100000 */
  readonly maxBufferedRecords?: number;
  /** How long `put` waits for buffer space before giving the record up (ms). @default 10000 */
  readonly maxBlockMs?: number;
  /** Concurrent PutRecords requests. @default 8 */
  readonly maxInFlight?: number;
  /** Attempts per record before it is given up (the retry budget). @default 10 */
  readonly maxAttempts?: number;
  /** How long to wait for a fuller batch before sending a partial one (ms). @default 20 */
  readonly lingerMs?: number;
  /** Records per request. @default 500 (the PutRecords limit) */
  readonly maxBatchRecords?: number;
  /** Retry backoff. @default 50 ms doubling to 5 s, full jitter */
  readonly backoff?: BackoffPolicy;
  /** Random numbers for the jitter. @default Math.random */
  readonly random?: () => number;
  /** Called after each response with what each shard accepted (local metrics for the scaler). */
  readonly onDelivered?: (deliveries: readonly ShardDelivery[]) => void;
  /** The clock for lingering, backoff and waiting for space. @default systemClock */
  readonly clock?: Clock;
}

/** `put` found the buffer full for longer than `maxBlockMs`; the record was counted as dropped. */
export class BufferFullError extends Error {
  constructor(limit: number, waitedMs: number) {
    super(`producer buffer full (${limit} records) for ${waitedMs} ms`);
    this.name = 'BufferFullError';
  }
}

interface MutableStats {
  accepted: number;
  delivered: number;
  retried: number;
  throttled: number;
  requests: number;
  dropped: { -readonly [K in keyof DroppedCounts]: number };
  lastError?: string;
}

/**
 * A Kinesis producer: batches records into PutRecords requests (≤ 500 records, ≤ 5 MiB, ≤ 1 MiB each),
 * keeps several requests in flight, retries only the failed entries of a partial failure with jittered
 * exponential backoff, preserves order per partition key, and holds at most `maxBufferedRecords` in memory
 * (`put` waits for space: back-pressure). Every record ends up delivered or counted in `stats.dropped`.
 */
export class KinesisProducer {
  private readonly buffer = new RecordBuffer();
  private readonly stats: MutableStats = {
    accepted: 0,
    delivered: 0,
    retried: 0,
    throttled: 0,
    requests: 0,
    dropped: { bufferFull: 0, retryBudget: 0, rejected: 0 },
  };
  private held = 0;
  private inFlight = 0;
  private flushing = 0;
  private cancelLinger: (() => void) | undefined;
  private spaceWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly maxBuffered: number;
  private readonly maxBlockMs: number;
  private readonly maxInFlight: number;
  private readonly maxAttempts: number;
  private readonly lingerMs: number;
  private readonly maxBatchRecords: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly clock: Clock;

  constructor(
    private readonly client: PutRecordsClient,
    private readonly options: KinesisProducerOptions,
  ) {
    this.maxBuffered = options.maxBufferedRecords ?? 100_000;
    this.maxBlockMs = options.maxBlockMs ?? 10_000;
    this.maxInFlight = options.maxInFlight ?? 8;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.lingerMs = options.lingerMs ?? 20;
    this.maxBatchRecords = Math.min(options.maxBatchRecords ?? PUT_RECORDS_LIMITS.maxRecords, PUT_RECORDS_LIMITS.maxRecords);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
  }

  /** A snapshot of the counters. */
  getStats(): ProducerStats {
    return { ...this.stats, dropped: { ...this.stats.dropped }, buffered: this.held };
  }

  /** Whether `put` would have to wait for space. */
  get full(): boolean {
    return this.held >= this.maxBuffered;
  }

  /**
   * Queues one record. Resolves at once while the buffer has room; when it is full, waits for space
   * (back-pressure) up to `maxBlockMs`, then counts the record as dropped and rejects with `BufferFullError`.
   * Throws `RangeError` for a record that breaks the Kinesis limits.
   */
  async put(data: Uint8Array, partitionKey: string): Promise<void> {
    const violation = recordLimitViolation(data, partitionKey);
    if (violation) throw new RangeError(violation);
    if (this.held >= this.maxBuffered) await this.waitForSpace();
    this.held++;
    this.stats.accepted++;
    this.buffer.push({ data, partitionKey, size: recordSize(data, partitionKey), attempts: 0 });
    this.pump();
  }

  /** Sends everything buffered without lingering and resolves when nothing is held any more. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      this.pump();
      while (this.held > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    } finally {
      this.flushing--;
    }
  }

  private async waitForSpace(): Promise<void> {
    const started = this.clock.now();
    while (this.held >= this.maxBuffered) {
      const remaining = started + this.maxBlockMs - this.clock.now();
      if (remaining <= 0 || !(await this.spaceFreed(remaining))) {
        this.stats.dropped.bufferFull++;
        throw new BufferFullError(this.maxBuffered, this.clock.now() - started);
      }
    }
  }

  /** Resolves `true` when records leave the buffer, `false` after `timeoutMs`. */
  private spaceFreed(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const waiter = (): void => {
        cancel();
        resolve(true);
      };
      const cancel = this.clock.schedule(timeoutMs, () => {
        this.spaceWaiters = this.spaceWaiters.filter((w) => w !== waiter);
        resolve(false);
      });
      this.spaceWaiters.push(waiter);
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.buffer.readyCount > 0) {
      if (this.buffer.readyCount < this.maxBatchRecords && this.flushing === 0) {
        this.cancelLinger ??= this.clock.schedule(this.lingerMs, () => {
          this.cancelLinger = undefined;
          this.sendNextBatch();
          this.pump();
        });
        return;
      }
      this.sendNextBatch();
    }
  }

  private sendNextBatch(): void {
    if (this.inFlight >= this.maxInFlight) return;
    const batch = this.buffer.takeBatch({ maxRecords: this.maxBatchRecords, maxBytes: PUT_RECORDS_LIMITS.maxRequestBytes });
    if (batch.length === 0) return;
    if (this.cancelLinger && this.buffer.readyCount === 0) {
      this.cancelLinger();
      this.cancelLinger = undefined;
    }
    this.inFlight++;
    this.stats.requests++;
    this.client
      .send(
        new PutRecordsCommand({
          StreamName: this.options.streamName,
          Records: batch.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey })),
        }),
      )
      .then(
        (output) => this.settle(batch, output),
        (error: unknown) => this.fail(batch, error),
      )
      .finally(() => {
        this.inFlight--;
        this.pump();
        this.notify();
      });
  }

  private settle(batch: readonly BufferedRecord[], output: PutRecordsCommandOutput): void {
    const results = output.Records ?? [];
    const shards = new Map<string, { records: number; bytes: number }>();
    const retry: BufferedRecord[] = [];
    batch.forEach((record, i) => {
      const result = results[i];
      if (result && !result.ErrorCode && result.ShardId !== undefined) {
        this.delivered(record);
        const shard = shards.get(result.ShardId) ?? { records: 0, bytes: 0 };
        shard.records++;
        shard.bytes += record.size;
        shards.set(result.ShardId, shard);
      } else if (result && result.ErrorCode && !isRetryableRecordError(result.ErrorCode)) {
        this.giveUp(record, 'rejected', `${result.ErrorCode}: ${result.ErrorMessage ?? ''}`.trim());
      } else {
        if (result?.ErrorCode === 'ProvisionedThroughputExceededException') this.stats.throttled++;
        retry.push(record);
      }
    });
    if (shards.size > 0 && this.options.onDelivered) {
      this.options.onDelivered([...shards].map(([shardId, s]) => ({ shardId, records: s.records, bytes: s.bytes })));
    }
    const failure = results.find((r) => r.ErrorCode);
    this.scheduleRetry(retry, failure ? `${failure.ErrorCode}: ${failure.ErrorMessage ?? ''}`.trim() : 'missing result entry');
  }

  private fail(batch: readonly BufferedRecord[], error: unknown): void {
    const message = describeError(error);
    if (!isRetryableRequestError(error)) {
      for (const record of batch) this.giveUp(record, 'rejected', message);
      return;
    }
    if (/Throughput|Throttl|LimitExceeded/.test(message)) this.stats.throttled++;
    this.scheduleRetry([...batch], message);
  }

  private scheduleRetry(records: BufferedRecord[], reason: string): void {
    if (records.length === 0) return;
    this.stats.lastError = reason;
    const retrying: BufferedRecord[] = [];
    for (const record of records) {
      record.attempts++;
      if (record.attempts >= this.maxAttempts) this.giveUp(record, 'retryBudget', `${reason} (after ${record.attempts} attempts)`);
      else retrying.push(record);
    }
    if (retrying.length === 0) return;
    this.stats.retried += retrying.length;
    const attempts = Math.max(...retrying.map((r) => r.attempts));
    this.clock.schedule(backoffDelay(attempts, this.backoff, this.random), () => {
      for (const record of retrying) this.buffer.retry(record);
      this.pump();
    });
  }

  private delivered(record: BufferedRecord): void {
    this.stats.delivered++;
    this.held--;
    this.buffer.release(record.partitionKey);
  }

  private giveUp(record: BufferedRecord, reason: keyof DroppedCounts, message: string): void {
    this.stats.dropped[reason]++;
    this.stats.lastError = message;
    this.held--;
    this.buffer.release(record.partitionKey);
  }

  private notify(): void {
    if (this.held < this.maxBuffered && this.spaceWaiters.length > 0) {
      const waiters = this.spaceWaiters;
      this.spaceWaiters = [];
      for (const waiter of waiters) waiter();
    }
    if (this.held === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of waiters) waiter();
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
