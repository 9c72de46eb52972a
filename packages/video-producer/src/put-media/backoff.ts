/** Reconnect back-off settings. */
export interface BackoffOptions {
  /** First delay. @default 250 */
  readonly baseMs?: number;
  /** Ceiling. @default 10000 */
  readonly maxMs?: number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential with full jitter,
 * `random() * min(max, base * 2^(attempt-1))`.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 10_000;
  return Math.round(random() * Math.min(max, base * 2 ** Math.max(0, attempt - 1)));
}
