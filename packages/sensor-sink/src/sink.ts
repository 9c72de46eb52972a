import { mapLimited } from '@labs/config';
import { type BackoffPolicy, backoffDelay } from '@labs/sensor-producer/src/backoff';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import {
  type BigQueryInsertClient,
  type InsertAllRequest,
  InsertAllRequestError,
  type InsertRowError,
  isRetryableRowError,
} from './insert-all';
import { chunkRows, INSERT_ALL_LIMITS, type InsertLimits } from './insert-chunks';
import { decodeRecord, type SensorReadingRow } from './sensor-row';

/** How the sink inserts. */
export interface SinkOptions {
  /** Request size limits. @default INSERT_ALL_LIMITS (500 rows, 10 MB) */
  readonly limits: InsertLimits;
  /** Attempts per request, the first included, before its rows are reported as failed. @default 4 */
  readonly maxAttempts: number;
  /** Backoff between attempts ("full jitter"). @default 200 ms doubling up to 3 s */
  readonly backoff: BackoffPolicy;
  /** Requests in flight at once. @default 4 */
  readonly concurrency: number;
  /**
   * A request is sent again only while at least this much of the invocation remains (one request timeout
   * and the longest backoff), so that the function answers with its failures before Lambda's timeout
   * would fail the whole batch. @default 15 s
   */
  readonly retryReserveMs: number;
}

/** The defaults: at most 1.4 s of backoff per request; with 10 s request timeouts, well inside a one-minute function timeout. */
const DEFAULT_SINK_OPTIONS: SinkOptions = {
  limits: INSERT_ALL_LIMITS,
  maxAttempts: 4,
  backoff: { baseMs: 200, maxMs: 3_000 },
  concurrency: 4,
  retryReserveMs: 15_000,
};

/** What happened to the batch, as it happens (the Lambda logs each as one JSON line). */
export type SinkEvent =
  | { readonly type: 'undecodable'; readonly sequenceNumber: string; readonly reason: string }
  | { readonly type: 'oversized'; readonly sequenceNumber: string; readonly bytes: number }
  | { readonly type: 'inserted'; readonly rows: number; readonly attempt: number }
  | { readonly type: 'rows-rejected'; readonly rows: readonly RejectedRow[]; readonly attempt: number }
  | {
      readonly type: 'request-failed';
      readonly rows: number;
      readonly attempt: number;
      readonly error: string;
      readonly willRetry: boolean;
    };

/** A row BigQuery did not insert, and what it said. */
export interface RejectedRow {
  readonly sequenceNumber: string;
  readonly errors: readonly InsertRowError[];
  /** Whether it is sent again in this invocation (a rejection a retry may clear, attempts left). */
  readonly retried: boolean;
}

/** What the sink works with (injected; the Lambda entry point builds real ones). */
export interface SinkDeps {
  readonly client: BigQueryInsertClient;
  /** The lab environment written into every row. */
  readonly environment: string;
  /** Waits between attempts. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Jitter source. @default Math.random */
  readonly random?: () => number;
  /** Milliseconds left in the invocation (Lambda's `context.getRemainingTimeInMillis`). @default unlimited */
  readonly remainingMs?: () => number;
  readonly onEvent?: (event: SinkEvent) => void;
  readonly options?: Partial<SinkOptions>;
}

/** The body fields of every request: invalid rows are skipped by BigQuery and reported back, unknown fields rejected. */
const ENVELOPE: Omit<InsertAllRequest, 'rows'> = {
  kind: 'bigquery#tableDataInsertAllRequest',
  skipInvalidRows: true,
  ignoreUnknownValues: false,
};

interface PendingRow {
  readonly index: number;
  readonly sequenceNumber: string;
  readonly insertId: string;
  readonly json: SensorReadingRow;
}

/**
 * Writes one Kinesis batch (one shard's records, in sequence order) into the `sensor_readings` table and
 * answers with the records that did not make it, for the event source mapping's partial batch response:
 *
 * - every record is decoded into a row; a record that is not a sensor reading (or too large for any
 *   request) will never succeed: it is reported as failed, with its reason logged, so that the mapping's
 *   retry limit, bisection and on-failure destination take it out of the shard instead of dropping it here;
 * - rows go out in requests of at most 500 rows and 10 MB, a few at a time, each row with an `insertId`
 *   that names its record, so the re-sends of a retried batch are de-duplicated by BigQuery;
 * - `skipInvalidRows`: valid rows go in even when others of the request are rejected; every rejected row
 *   (its `insertErrors`) is reported as failed. A rejection a retry may clear (`backendError`, `timeout`,
 *   `stopped`…) is retried within the invocation first; `invalid` and the like are reported at once;
 * - a whole request that fails with 429, 5xx or a network error (a stall ends in one) is retried with
 *   jittered exponential backoff, up to `maxAttempts` and while `retryReserveMs` of the invocation remain;
 *   then every row of it is reported as failed. Other failures (400, 403, 404: configuration or
 *   permission) are reported without retrying here;
 * - every failed record's sequence number is reported, in batch order. Lambda resumes the shard from the
 *   lowest one, so the records after it are delivered again; their insert ids make that harmless.
 *
 * Never throws for a record or a request: a thrown error would fail the whole batch.
 */
export async function sinkBatch(event: KinesisStreamEvent, deps: SinkDeps): Promise<KinesisStreamBatchResponse> {
  const options = { ...DEFAULT_SINK_OPTIONS, ...deps.options };
  const emit = (sinkEvent: SinkEvent): void => deps.onEvent?.(sinkEvent);
  const failed = new Set<number>();
  const rows: PendingRow[] = [];
  event.Records.forEach((record, index) => {
    try {
      const { sequenceNumber, insertId, row } = decodeRecord(record, deps.environment);
      rows.push({ index, sequenceNumber, insertId, json: row });
    } catch (error) {
      failed.add(index);
      emit({ type: 'undecodable', sequenceNumber: record.kinesis.sequenceNumber, reason: (error as Error).message });
    }
  });
  const { requests, oversized } = chunkRows(rows, ENVELOPE, options.limits);
  for (const row of oversized) {
    failed.add(row.index);
    emit({ type: 'oversized', sequenceNumber: row.sequenceNumber, bytes: Buffer.byteLength(JSON.stringify(row.json)) });
  }
  const failedRows = await mapLimited(requests, options.concurrency, (request) => insertWithRetries(request, deps, options, emit));
  for (const row of failedRows.flat()) failed.add(row.index);
  return {
    batchItemFailures: event.Records.filter((_, index) => failed.has(index)).map((record) => ({
      itemIdentifier: record.kinesis.sequenceNumber,
    })),
  };
}

/** Sends one request's rows until they are in or out of attempts; returns the rows that failed. */
async function insertWithRetries(
  rows: readonly PendingRow[],
  deps: SinkDeps,
  options: SinkOptions,
  emit: (event: SinkEvent) => void,
): Promise<readonly PendingRow[]> {
  const failed: PendingRow[] = [];
  let pending = rows;
  for (let attempt = 1; pending.length; attempt += 1) {
    if (attempt > 1) await deps.sleep(backoffDelay(attempt - 1, options.backoff, deps.random));
    let response;
    try {
      response = await deps.client.insertAll({ ...ENVELOPE, rows: pending.map(({ insertId, json }) => ({ insertId, json })) });
    } catch (error) {
      const retryable = error instanceof InsertAllRequestError && error.retryable;
      const willRetry = retryable && mayRetry(attempt, deps, options);
      emit({ type: 'request-failed', rows: pending.length, attempt, error: (error as Error).message, willRetry });
      if (willRetry) continue;
      return [...failed, ...pending];
    }
    const errors = new Map((response.insertErrors ?? []).map(({ index, errors: rowErrors }) => [index, rowErrors ?? []]));
    if ([...errors.keys()].some((index) => !Number.isInteger(index) || index < 0 || index >= pending.length)) {
      // Errors that name no row of the request cannot be attributed: none of the rows is known to be in.
      emit({
        type: 'request-failed',
        rows: pending.length,
        attempt,
        error: 'insertErrors name rows the request did not have',
        willRetry: false,
      });
      return [...failed, ...pending];
    }
    const willRetry = mayRetry(attempt, deps, options);
    const retry: PendingRow[] = [];
    const rejected: RejectedRow[] = [];
    pending.forEach((row, index) => {
      const rowErrors = errors.get(index);
      if (!rowErrors) return;
      const retried = willRetry && isRetryableRowError(rowErrors);
      rejected.push({ sequenceNumber: row.sequenceNumber, errors: rowErrors, retried });
      (retried ? retry : failed).push(row);
    });
    emit({ type: 'inserted', rows: pending.length - rejected.length, attempt });
    if (rejected.length) emit({ type: 'rows-rejected', rows: rejected, attempt });
    pending = retry;
  }
  return failed;
}

/** Whether a request that just failed (wholly or for some rows) may be sent again: attempts and time are left. */
function mayRetry(attempt: number, deps: SinkDeps, options: SinkOptions): boolean {
  return attempt < options.maxAttempts && (deps.remainingMs?.() ?? Infinity) >= options.retryReserveMs;
}
