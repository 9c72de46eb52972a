import type { Command } from 'commander';
import { benchmarkNames, loadBenchmark } from '../lab-contract';
import { printJson, print, withConventionNames } from '../output';

/** `labs bench <lab|alias> [--json]`: runs a lab's benchmark (or one part of it by alias) and prints its figures. */
export function registerBench(program: Command): void {
  program
    .command('bench <name>')
    .description(`run a benchmark and print its figures (${benchmarkNames().join(', ')})`)
    .option('--json', 'print one JSON document on stdout')
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'benchmark-specific arguments')
    .action(async (name: string, args: string[], options: { json?: boolean }) => {
      const figures = withConventionNames(await (await loadBenchmark(name))(args));
      if (options.json) printJson(figures);
      else print(JSON.stringify(figures, null, 2));
    });
}
