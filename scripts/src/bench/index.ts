/** A benchmark: returns the figures that `labs bench <name> --json` prints. */
export type Benchmark = (argv: readonly string[]) => Promise<Record<string, unknown>>;

/** Benchmarks of the whole project rather than of one lab, by name. */
export const PROJECT_BENCHMARKS: Readonly<Record<string, () => Promise<Benchmark>>> = {
  synth: async () => (await import('./synth')).benchSynth,
  class: async () => (await import('./class')).benchClass,
};
