import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { sleep, systemClock, type Clock } from '@labs/config';

/** Shortest wait between two GetRecords calls on one shard (Kinesis allows 5 a second). */
const MIN_POLL_MS = 200;

/** The part of a Kinesis client the reader uses. */
export type StreamReaderClient = Pick<KinesisClient, 'send'>;

/** Options of a `StreamReader`. */
export interface StreamReaderOptions {
  readonly streamName: string;
  /** Called with each non-empty GetRecords result, in shard order. */
  readonly onRecords: (shardId: string, records: readonly _Record[]) => void;
  /** Where to start in each shard: the oldest record, or records arriving at/after an instant. @default 'TRIM_HORIZON' */
  readonly startAt?: 'TRIM_HORIZON' | Date;
  /** Wait between GetRecords calls on a shard with nothing new (ms); at least 200 (Kinesis allows 5 calls/s per shard). @default 250 */
  readonly idlePollMs?: number;
  /** Wait between shard listings (ms). @default 1000 */
  readonly listEveryMs?: number;
  /** Called when a shard is fully read (closed by a reshard and drained). */
  readonly onShardFinished?: (shardId: string) => void;
  /** Called with an error that stopped nothing but is worth showing (the reader retries). */
  readonly onError?: (error: unknown) => void;
  /** The clock the reader waits on. @default systemClock */
  readonly clock?: Clock;
}

/**
 * Reads every shard of a stream and follows it across resharding: a child shard is read only after its
 * parent (and adjacent parent) shards are drained, so records of one partition key come out in order.
 */
export class StreamReader {
  private readonly started = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly tasks: Promise<void>[] = [];
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly client: StreamReaderClient,
    private readonly options: StreamReaderOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Shards fully read so far. */
  get finishedShards(): readonly string[] {
    return [...this.finished];
  }

  /** Starts reading in the background. */
  start(): void {
    this.loop ??= this.discover();
  }

  /** Stops reading and waits for the shard readers to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await Promise.all(this.tasks);
  }

  private async discover(): Promise<void> {
    while (!this.stopped) {
      try {
        const shards = await this.listShards();
        const known = new Set(shards.map((s) => s.ShardId));
        for (const shard of shards) {
          const id = shard.ShardId as string;
          if (this.started.has(id)) continue;
          const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((p): p is string => !!p);
          if (parents.every((p) => this.finished.has(p) || !known.has(p))) {
            this.started.add(id);
            this.tasks.push(this.readShard(id));
          }
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      await this.pause(this.options.listEveryMs ?? 1000);
    }
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: this.options.streamName }),
      );
      shards.push(...(page.Shards ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return shards;
  }

  private async readShard(shardId: string): Promise<void> {
    let iterator: string | undefined;
    let lastSequence: string | undefined;
    while (!this.stopped) {
      try {
        iterator ??= await this.iterator(shardId, lastSequence);
        const calledAt = this.clock.now();
        const page = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        const records = page.Records ?? [];
        if (records.length > 0) {
          lastSequence = records[records.length - 1]?.SequenceNumber;
          this.options.onRecords(shardId, records);
        }
        iterator = page.NextShardIterator;
        if (!iterator) {
          this.finished.add(shardId);
          this.options.onShardFinished?.(shardId);
          this.wake?.();
          return;
        }
        // Kinesis allows 5 GetRecords calls per second per shard: never start calls closer together than that.
        const interval = records.length === 0 ? Math.max(MIN_POLL_MS, this.options.idlePollMs ?? 250) : MIN_POLL_MS;
        await this.sleep(Math.max(0, interval - (this.clock.now() - calledAt)));
      } catch (error) {
        if ((error as { name?: string }).name === 'ExpiredIteratorException') iterator = undefined;
        else this.options.onError?.(error);
        await this.sleep(this.options.idlePollMs ?? 250);
      }
    }
  }

  private async iterator(shardId: string, afterSequence: string | undefined): Promise<string> {
    const startAt = this.options.startAt ?? 'TRIM_HORIZON';
    const position = afterSequence
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, StartingSequenceNumber: afterSequence }
      : startAt === 'TRIM_HORIZON'
        ? { ShardIteratorType: 'TRIM_HORIZON' as const }
        : { ShardIteratorType: 'AT_TIMESTAMP' as const, Timestamp: startAt };
    const result = await this.client.send(
      new GetShardIteratorCommand({ StreamName: this.options.streamName, ShardId: shardId, ...position }),
    );
    if (!result.ShardIterator) throw new Error(`no shard iterator for ${shardId}`);
    return result.ShardIterator;
  }

  /** Waits `ms`, or less when a shard finishes (so its children start at once) or the reader stops. */
  private pause(ms: number): Promise<void> {
    const woken = new AbortController();
    this.wake = () => woken.abort();
    return sleep(this.clock, ms, woken.signal);
  }

  private sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : sleep(this.clock, ms);
  }
}
