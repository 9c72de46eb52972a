/** What a producer run achieved. */
export interface ProducerMetrics {
  /** Fragments the source produced. */
  readonly fragments: number;
  readonly fragmentsPersisted: number;
  /** Fragment writes, resends included. */
  readonly fragmentsSent: number;
  /** Fragments written again on a later connection. */
  readonly fragmentsResent: number;
  /** Fragments not delivered: given up after the retry budget, over the buffer limit, or left at a fatal error. */
  readonly givenUp: number;
  /** Resent fragments that an earlier connection had acknowledged RECEIVED: the service may hold them twice. */
  readonly duplicates: number;
  readonly bytesSent: number;
  readonly bytesPersisted: number;
  /** Connection attempts (endpoint lookup, signing and the call), successful or not. */
  readonly connections: number;
  /** Connections (or attempts) that failed and were retried. */
  readonly reconnects: number;
  /** Connections closed on purpose for their age, after their last acknowledgements arrived. */
  readonly rotations: number;
  /** Calls refused by throttling (ClientLimitExceeded, ConnectionLimitExceeded, HTTP 429). */
  readonly throttled: number;
  readonly errorAcks: number;
  readonly idleAcks: number;
  /** Acknowledgement lines that could not be read (logged and skipped). */
  readonly ignoredAckLines: number;
  /** Most fragments sent within one second. */
  readonly peakFragmentsPerSecond: number;
  /** Median send-to-PERSISTED latency in ms. */
  readonly latencyMsP50: number;
  readonly latencyMsP95: number;
  /** Times from a failed connection to the first PERSISTED acknowledgement on a new one (ms). */
  readonly reconnectGapsMs: readonly number[];
  readonly durationMs: number;
  /** Persisted bytes per second of run time. */
  readonly bytesPerSecond: number;
}

/** The p-th percentile (0–100, nearest rank) of `values`; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
