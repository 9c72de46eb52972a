import type { Command } from 'commander';
import { LabsError } from '@labs/config';
import { isMissing, labContract, labsWith } from '../lab-contract';

/** `labs run <lab> …` and `labs local <lab> …`: hand the remaining arguments to the lab's entry in its contract. */
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
        const contract = labContract(labId);
        const piece = contract[mode];
        if (isMissing(piece)) {
          throw new LabsError(`lab "${contract.id}" has no '${mode}': ${piece.missing}; labs with one: ${labsWith(mode).join(', ')}`);
        }
        process.exitCode = await (await piece.load())(args);
      });
  }
}
