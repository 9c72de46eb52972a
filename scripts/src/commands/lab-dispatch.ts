import type { Command } from 'commander';
import { getLab, LabsError } from '@labs/config';
import { LAB_RUNNERS } from '../labs';

/** `labs run <lab> …` and `labs local <lab> …`: hand the remaining arguments to the lab's runner. */
export function registerLabDispatch(program: Command): void {
  for (const mode of ['run', 'local'] as const) {
    program
      .command(`${mode} <lab>`)
      .description(
        mode === 'run'
          ? "run a lab against its deployed environment (see 'labs run <lab> --help')"
          : "run a lab offline on embedded stand-ins (see 'labs local <lab> --help')",
      )
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[args...]', 'the lab runner’s own arguments')
      .action(async (labId: string, args: string[]) => {
        const lab = getLab(labId);
        const load = LAB_RUNNERS[lab.id];
        const runner = load ? await load() : undefined;
        const entry = runner?.[mode];
        if (!entry) {
          throw new LabsError(`lab "${lab.id}" has no '${mode}' runner yet; labs with one: ${labsWith(mode)}`);
        }
        process.exitCode = await entry(args);
      });
  }
}

function labsWith(mode: 'run' | 'local'): string {
  const ids = Object.keys(LAB_RUNNERS);
  return ids.length ? `${ids.join(', ')} (check 'labs ${mode} <lab> --help')` : 'none';
}
