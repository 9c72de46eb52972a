/** Readings per second as a function of the time since the run started (ms). */
export type RateSchedule = (elapsedMs: number) => number;

/** A constant rate. */
export function constantRate(perSecond: number): RateSchedule {
  return () => perSecond;
}

/** `from` until `startMs`, then a linear ramp reaching `to` at `endMs`, then `to`. */
export function rampRate(from: number, to: number, startMs: number, endMs: number): RateSchedule {
  return (elapsedMs) => {
    if (elapsedMs <= startMs) return from;
    if (elapsedMs >= endMs) return to;
    return from + ((to - from) * (elapsedMs - startMs)) / (endMs - startMs);
  };
}
