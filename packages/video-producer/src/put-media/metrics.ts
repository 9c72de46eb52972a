/** What a producer run achieved. */
export interface ProducerMetrics {
  /** Fragments the source produced. */
  readonly fragments: number;
  readonly fragmentsPersisted: number;
  /** Fragment writes, resends included. */
  readonly fragmentsSent: number;
  /** Fragments written again on a later connection. */
  readonly fragmentsResent: number;
  readonly bytesSent: number;
  readonly bytesPersisted: number;
  readonly connections: number;
  readonly reconnects: number;
  /** Connections opened to replace one closed on purpose for its age (`connections` = 1 + `rotations` + `reconnects`). */
  readonly rotations: number;
  readonly errorAcks: number;
  readonly idleAcks: number;
  /** Median send-to-PERSISTED latency in ms. */
  readonly latencyMsP50: number;
  readonly latencyMsP95: number;
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
