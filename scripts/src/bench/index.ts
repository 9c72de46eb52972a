/** A benchmark: returns the figures that `labs bench <name> --json` prints. */
export type Benchmark = (argv: readonly string[]) => Promise<Record<string, unknown>>;

/** The benchmarks by name, loaded lazily. */
export const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  synth: async () => (await import('./synth')).benchSynth,
  producer: async () => (await import('./producer')).benchProducer,
  scaler: async () => (await import('./scaler')).benchScaler,
  video: async () => (await import('./video')).benchVideo,
  translate: async () => (await import('./translate')).benchTranslate,
  class: async () => (await import('./class')).benchClass,
};
