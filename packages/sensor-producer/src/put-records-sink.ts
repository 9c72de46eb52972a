import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Faults a `PutRecordsSink` injects, to test retries. */
export interface SinkFaults {
  /** Share of PutRecords requests refused whole with `ProvisionedThroughputExceededException` (HTTP 400). */
  readonly throttleRequestRate?: number;
  /** Share of entries failed with `ProvisionedThroughputExceededException` in an otherwise accepted request. */
  readonly throttleEntryRate?: number;
  /** Share of entries failed with `InternalFailure`. */
  readonly internalFailureRate?: number;
  /** Share of requests answered with HTTP 500 `InternalFailure`. */
  readonly serverErrorRate?: number;
  /** Random numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Options of `PutRecordsSink.start`. */
export interface PutRecordsSinkOptions {
  /** Shards records are spread over (by MD5 of the partition key, like Kinesis). @default 1 */
  readonly shards?: number;
  /** Keep every accepted record (for tests; off for benchmarks). @default false */
  readonly keepRecords?: boolean;
  /** Faults to inject. @default none */
  readonly faults?: SinkFaults;
}

/** A record the sink accepted. */
export interface SinkRecord {
  readonly partitionKey: string;
  readonly data: Buffer;
  readonly shardId: string;
}

/** What the sink has seen. */
export interface SinkCounts {
  readonly requests: number;
  readonly accepted: number;
  readonly throttledRequests: number;
  readonly failedEntries: number;
}

const MAX_HASH_KEY = 2n ** 128n;

/**
 * A fast stand-in for Kinesis on loopback that speaks the PutRecords wire protocol (JSON 1.1 targets
 * `Kinesis_20131202.PutRecords` and `Kinesis_20131202.PutRecord`), so the real SDK and producer run
 * against it unchanged. It accepts everything instantly unless told to inject throttling and partial
 * failures. Used to find the producer's own ceiling and to test that faults lose nothing.
 */
export class PutRecordsSink {
  /** Records accepted, in arrival order (only with `keepRecords`). */
  readonly records: SinkRecord[] = [];
  private counts = { requests: 0, accepted: 0, throttledRequests: 0, failedEntries: 0 };
  private sequence = 0n;
  private readonly shardCount: number;
  private readonly random: () => number;

  private constructor(
    private readonly server: Server,
    private readonly options: PutRecordsSinkOptions,
  ) {
    this.shardCount = options.shards ?? 1;
    this.random = options.faults?.random ?? Math.random;
  }

  /** Starts the sink on a free loopback port. */
  static async start(options: PutRecordsSinkOptions = {}): Promise<PutRecordsSink> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    const sink = new PutRecordsSink(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => sink.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return sink;
  }

  /** Endpoint URL for the SDK, e.g. `http://127.0.0.1:41234`. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Counts so far. */
  getCounts(): SinkCounts {
    return { ...this.counts };
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        if (target === 'Kinesis_20131202.PutRecords' && this.acceptsBlindly()) {
          this.acceptAll(text, res);
          return;
        }
        const body = JSON.parse(text) as Record<string, unknown>;
        if (target === 'Kinesis_20131202.PutRecords') this.putRecords(body, res);
        else if (target === 'Kinesis_20131202.PutRecord') this.putRecord(body, res);
        else reply(res, 400, { __type: 'UnknownOperationException', message: `unsupported target ${target}` });
      } catch (error) {
        reply(res, 400, { __type: 'SerializationException', message: String(error) });
      }
    });
  }

  private putRecords(body: Record<string, unknown>, res: ServerResponse): void {
    this.counts.requests++;
    const faults = this.options.faults ?? {};
    if (this.chance(faults.serverErrorRate)) {
      reply(res, 500, { __type: 'InternalFailure', message: 'injected server error' });
      return;
    }
    if (this.chance(faults.throttleRequestRate)) {
      this.counts.throttledRequests++;
      reply(res, 400, { __type: 'ProvisionedThroughputExceededException', message: 'Rate exceeded for stream (injected)' });
      return;
    }
    const entries = (body.Records ?? []) as { Data: string; PartitionKey: string }[];
    let failed = 0;
    const results = entries.map((entry) => {
      if (this.chance(faults.throttleEntryRate)) {
        failed++;
        return { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard (injected)' };
      }
      if (this.chance(faults.internalFailureRate)) {
        failed++;
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure (injected)' };
      }
      return this.accept(entry);
    });
    this.counts.failedEntries += failed;
    reply(res, 200, { FailedRecordCount: failed, Records: results, EncryptionType: 'NONE' });
  }

  /** No faults, nothing kept, one shard: every entry succeeds the same way, so the body need not be parsed. */
  private acceptsBlindly(): boolean {
    const faults = this.options.faults;
    const noFaults =
      !faults || !(faults.throttleRequestRate || faults.throttleEntryRate || faults.internalFailureRate || faults.serverErrorRate);
    return noFaults && !this.options.keepRecords && this.shardCount === 1;
  }

  /** The fast path of a benchmark sink: counts the entries (one `"PartitionKey"` each; base64 data cannot contain a quote) and accepts them all. */
  private acceptAll(body: string, res: ServerResponse): void {
    this.counts.requests++;
    let entries = 0;
    for (let at = body.indexOf('"PartitionKey"'); at !== -1; at = body.indexOf('"PartitionKey"', at + 14)) entries++;
    this.counts.accepted += entries;
    const results = new Array<{ SequenceNumber: string; ShardId: string }>(entries);
    for (let i = 0; i < entries; i++) results[i] = { SequenceNumber: String(++this.sequence), ShardId: shardName(0) };
    reply(res, 200, { FailedRecordCount: 0, Records: results, EncryptionType: 'NONE' });
  }

  private putRecord(body: Record<string, unknown>, res: ServerResponse): void {
    this.counts.requests++;
    reply(res, 200, { ...this.accept(body as { Data: string; PartitionKey: string }), EncryptionType: 'NONE' });
  }

  private accept(entry: { Data: string; PartitionKey: string }): { SequenceNumber: string; ShardId: string } {
    const shardId = this.shardOf(entry.PartitionKey);
    this.counts.accepted++;
    if (this.options.keepRecords) {
      this.records.push({ partitionKey: entry.PartitionKey, data: Buffer.from(entry.Data, 'base64'), shardId });
    }
    this.sequence++;
    return { SequenceNumber: String(this.sequence), ShardId: shardId };
  }

  private shardOf(partitionKey: string): string {
    if (this.shardCount === 1) return shardName(0);
    const hash = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
    return shardName(Number((hash * BigInt(this.shardCount)) / MAX_HASH_KEY));
  }

  private chance(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }
}

function shardName(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
