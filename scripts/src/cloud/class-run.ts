/** Where one environment of a class run stands. */
export type ClassItemState = 'waiting' | 'skipped' | 'running' | 'done' | 'failed' | 'not started';

/** What one environment's work gave. */
export interface ClassWorkOutcome {
  readonly ok: boolean;
  /** One line: what happened, or the summarized error. */
  readonly message: string;
  /** The cloud refused the call for its rate (throttling): worth another attempt after a pause. */
  readonly throttled?: boolean;
}

/** One environment's line in the live view and the summary. */
export interface ClassItemStatus {
  readonly env: string;
  readonly state: ClassItemState;
  readonly message: string;
  /** Attempts made (throttled attempts are retried). */
  readonly attempts: number;
  /** Milliseconds since its first attempt started (0 while waiting). */
  readonly elapsedMs: number;
}

/** How a class run goes. */
export interface ClassRunOptions {
  /** The environment names, in order. */
  readonly envs: readonly string[];
  /** At most this many run at once. */
  readonly parallel: number;
  /** The work for one environment (a deploy, a destroy). It is never cancelled once started. */
  readonly work: (env: string) => Promise<ClassWorkOutcome>;
  /** Environments already where the run would take them (resumption): skipped with this message. */
  readonly alreadyDone?: (env: string) => Promise<string | undefined>;
  /** Attempts of a throttled environment in all. @default 4 */
  readonly maxAttempts?: number;
  /** Pause before attempt n (1-based retry count). @default 2 s doubling, full jitter, at most 60 s */
  readonly retryDelayMs?: (retry: number) => number;
  /** Aborted (Ctrl-C): no new environment starts; running ones finish or roll back. */
  readonly signal?: AbortSignal;
  /** Called on every change of state, for the live view. */
  readonly onChange?: (items: readonly ClassItemStatus[]) => void;
  /** The clock. @default Date.now */
  readonly now?: () => number;
  /** Waits; resolves early when the signal aborts. @default a timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultRetryDelay = (retry: number): number => Math.random() * Math.min(60_000, 2_000 * 2 ** (retry - 1));

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs one piece of work per environment with at most `parallel` at once, in the given order:
 * environments already done are skipped, throttled attempts are retried after a jittered pause, a
 * failure never stops the others, and an abort stops starting new work while what runs finishes.
 * Resolves, in the given order, with where each environment stands.
 */
export async function runClass(options: ClassRunOptions): Promise<ClassItemStatus[]> {
  if (!Number.isInteger(options.parallel) || options.parallel < 1)
    throw new RangeError(`parallel must be a positive integer, got ${options.parallel}`);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 4;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const items = options.envs.map((env) => ({
    env,
    state: 'waiting' as ClassItemState,
    message: '',
    attempts: 0,
    startedAt: 0,
    endedAt: 0,
  }));
  const snapshot = (): ClassItemStatus[] =>
    items.map(({ env, state, message, attempts, startedAt, endedAt }) => ({
      env,
      state,
      message,
      attempts,
      elapsedMs: startedAt ? (endedAt || now()) - startedAt : 0,
    }));
  const changed = () => options.onChange?.(snapshot());
  const aborted = () => options.signal?.aborted === true;

  async function runOne(item: (typeof items)[number]): Promise<void> {
    const skip = await options.alreadyDone?.(item.env);
    if (skip !== undefined) {
      Object.assign(item, { state: 'skipped', message: skip });
      return changed();
    }
    if (aborted()) return;
    Object.assign(item, { state: 'running', startedAt: now() });
    changed();
    for (;;) {
      item.attempts += 1;
      const outcome = await options.work(item.env).catch((error: Error) => ({ ok: false, message: error.message, throttled: false }));
      const retry = !outcome.ok && outcome.throttled === true && item.attempts < maxAttempts && !aborted();
      if (!retry) {
        Object.assign(item, { state: outcome.ok ? 'done' : 'failed', message: outcome.message, endedAt: now() });
        return changed();
      }
      item.message = `throttled, retrying (attempt ${item.attempts + 1} of ${maxAttempts})`;
      changed();
      await sleep(retryDelay(item.attempts), options.signal);
    }
  }

  let next = 0;
  const lanes = Array.from({ length: Math.min(options.parallel, items.length) }, async () => {
    while (next < items.length && !aborted()) {
      const item = items[next++];
      if (item) await runOne(item);
    }
  });
  await Promise.all(lanes);
  for (const item of items)
    if (item.state === 'waiting') Object.assign(item, { state: 'not started', message: 'stopped before it started' });
  changed();
  return snapshot();
}
