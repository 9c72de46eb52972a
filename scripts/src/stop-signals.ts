/**
 * Runs `work` with an AbortSignal that aborts on the first of `signals` the process receives (Ctrl-C is
 * SIGINT), so a command can stop producing and flush what it has instead of dying. The listeners are
 * removed once `work` settles, whether it resolves or throws.
 */
export async function withStopSignals<T>(signals: readonly NodeJS.Signals[], work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  for (const name of signals) process.once(name, onSignal);
  try {
    return await work(stop.signal);
  } finally {
    for (const name of signals) process.removeListener(name, onSignal);
  }
}
