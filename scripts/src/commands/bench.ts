import type { Command } from 'commander';
import { LabsError } from '@labs/config';
import { BENCHMARKS } from '../bench';
import { printJson, print } from '../output';

/** `labs bench <name> [--json]`: runs a benchmark and prints its figures. */
export function registerBench(program: Command): void {
  program
    .command('bench <name>')
    .description(`run a benchmark and print its figures (${Object.keys(BENCHMARKS).join(', ')})`)
    .option('--json', 'print one JSON document on stdout')
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'benchmark-specific arguments')
    .action(async (name: string, args: string[], options: { json?: boolean }) => {
      const load = BENCHMARKS[name];
      if (!load) throw new LabsError(`unknown benchmark "${name}": expected one of ${Object.keys(BENCHMARKS).join(', ')}`);
      const figures = await (await load())(args);
      if (options.json) printJson(figures);
      else print(JSON.stringify(figures, null, 2));
    });
}
