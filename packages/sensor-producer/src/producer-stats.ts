/** Records given up, by reason. None of these is ever silent: a non-zero total fails the run. */
export interface DroppedCounts {
  /** `put` found the buffer full and no space freed up in time. */
  readonly bufferFull: number;
  /** A record failed more times than the retry budget allows. */
  readonly retryBudget: number;
  /** Kinesis refused the record with a non-retryable error (missing stream, access, validation). */
  readonly rejected: number;
}

/** What a producer has done so far. */
export interface ProducerStats {
  /** Records accepted by `put`. */
  readonly accepted: number;
  /** Records Kinesis acknowledged. */
  readonly delivered: number;
  /** Record retries (one per failed attempt that was tried again). */
  readonly retried: number;
  /** Failed entries or requests that were throttling. */
  readonly throttled: number;
  /** PutRecords requests sent. */
  readonly requests: number;
  /** Records in memory: waiting, in flight or waiting to be retried. */
  readonly buffered: number;
  readonly dropped: DroppedCounts;
  /** The last failure seen (a retried or dropped request or entry), for the report. */
  readonly lastError?: string;
}

/** Total records dropped for any reason. */
export function droppedTotal(stats: ProducerStats): number {
  return stats.dropped.bufferFull + stats.dropped.retryBudget + stats.dropped.rejected;
}

/**
 * One-line account of records not delivered, or `undefined` when there are none. Pass `flushTimeoutMs`
 * when a flush gave up: the records still buffered then count as not delivered too.
 */
export function describeDropped(stats: ProducerStats, flushTimeoutMs?: number): string | undefined {
  const stranded = flushTimeoutMs === undefined ? 0 : stats.buffered;
  const total = droppedTotal(stats) + stranded;
  if (total === 0) return undefined;
  const parts = [
    stats.dropped.bufferFull ? `${stats.dropped.bufferFull} buffer full` : '',
    stats.dropped.retryBudget ? `${stats.dropped.retryBudget} retry budget exhausted` : '',
    stats.dropped.rejected ? `${stats.dropped.rejected} rejected by Kinesis` : '',
    stranded ? `${stranded} still buffered after the ${flushTimeoutMs} ms flush timeout` : '',
  ].filter(Boolean);
  const cause = stats.lastError ? `; last error: ${stats.lastError}` : '';
  return `${total} of ${stats.accepted + stats.dropped.bufferFull} records were not delivered (${parts.join(', ')})${cause}`;
}
