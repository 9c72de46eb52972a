/** Jittered exponential backoff settings. */
export interface BackoffPolicy {
  /** Delay cap before jitter for the first retry (ms). */
  readonly baseMs: number;
  /** Largest delay cap (ms). */
  readonly maxMs: number;
}

/** Default backoff: 50 ms doubling up to 5 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 50, maxMs: 5_000 };

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(max, base·2^(retry-1))].
 * `retry` counts from 1 (the first retry after the first failed attempt).
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}
