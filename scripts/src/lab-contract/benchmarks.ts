import { LAB_IDS, LabsError, type LabId } from '@labs/config';
import { PROJECT_BENCHMARKS, type Benchmark } from '../bench';
import { isMissing } from './contract';
import { LAB_CONTRACTS } from './labs';

/** The names `labs bench` accepts: lab ids with a benchmark, their part aliases, the project benchmarks. */
export function benchmarkNames(): string[] {
  const labs = LAB_IDS.filter((id) => !isMissing(LAB_CONTRACTS[id].bench));
  const aliases = labs.flatMap((id) => Object.keys(LAB_CONTRACTS[id].bench));
  return [...labs, ...aliases, ...Object.keys(PROJECT_BENCHMARKS)];
}

/**
 * The benchmark named `name`: a lab id runs every part of the lab's benchmark (one part prints its own
 * figures, several print `{ <part>: figures }`); a part alias (`producer`, `video`, …) runs that part;
 * `synth` is the project's. Throws a `LabsError` naming the allowed names, or the reason a lab has none.
 */
export async function loadBenchmark(name: string): Promise<Benchmark> {
  if ((LAB_IDS as readonly string[]).includes(name)) {
    const bench = LAB_CONTRACTS[name as LabId].bench;
    if (isMissing(bench)) throw new LabsError(`lab "${name}" has no benchmark: ${bench.missing}`);
    const parts = await Promise.all(Object.entries(bench).map(async ([part, load]) => [part, await load()] as const));
    if (parts.length === 1) return (parts[0] as readonly [string, Benchmark])[1];
    return async (argv) => {
      const figures: Record<string, unknown> = {};
      for (const [part, run] of parts) figures[part] = await run(argv);
      return figures;
    };
  }
  for (const id of LAB_IDS) {
    const bench = LAB_CONTRACTS[id].bench;
    if (!isMissing(bench) && bench[name]) return bench[name]();
  }
  const project = PROJECT_BENCHMARKS[name];
  if (project) return project();
  throw new LabsError(`unknown benchmark "${name}": expected one of ${benchmarkNames().join(', ')}`);
}
