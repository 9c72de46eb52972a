/**
 * Time, as code that reads it or waits on it sees it. Injected, so that tests can run the same code in
 * simulated time (`SimulatedClock` in `@labs/testing`); `systemClock` is the real one.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `run` once, `ms` from now; returns a function that cancels the call. */
  schedule(ms: number, run: () => void): () => void;
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** Resolves `ms` from now on `clock`, or as soon as `signal` aborts (it never rejects). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const cancel = clock.schedule(ms, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Calls `run` every `ms` on `clock` until the returned function is called. */
export function every(clock: Clock, ms: number, run: () => void): () => void {
  let cancel = (): void => undefined;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    cancel = clock.schedule(ms, tick);
    run();
  };
  cancel = clock.schedule(ms, tick);
  return () => {
    stopped = true;
    cancel();
  };
}
