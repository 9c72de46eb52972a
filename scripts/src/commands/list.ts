import type { Command } from 'commander';
import { isMissing, labsJson } from '../lab-contract';
import { print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { listEnvironments, recordJson } from './status';

/** `labs list [--json] [--envs]`: the labs and their pieces, offline; with `--envs` also their environments. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the labs with their cloud, stack and pieces (offline); --envs also lists existing environments (needs credentials)')
    .option('--envs', 'also list the environments that exist')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { envs?: boolean; json?: boolean }) => {
      const now = new Date();
      const environments = options.envs ? (await listEnvironments()).map((record) => recordJson(record, now)) : undefined;
      const { prices } = projectConfig();
      const labs = labsJson(prices).map((lab) => ({
        ...lab,
        ...(environments ? { environments: environments.filter((e) => e.lab === lab.id) } : {}),
      }));
      if (options.json) {
        printJson(labs);
        return;
      }
      const has = (piece: object): string => (isMissing(piece) ? '-' : 'yes');
      print(
        table(
          ['lab', 'cloud', 'stack', 'infra', 'run', 'local', 'bench', 'title'],
          labs.map((lab) => [
            lab.id,
            lab.cloud,
            lab.stack,
            has(lab.pieces.infrastructure),
            has(lab.pieces.run),
            has(lab.pieces.local),
            has(lab.pieces.bench),
            lab.title,
          ]),
        ),
      );
      if (environments) {
        print();
        print(
          environments.length
            ? table(
                ['stack', 'owner', 'expires at', 'state'],
                environments.map((e) => [e.stack, e.owner, e.expiresAt ?? '-', e.state]),
              )
            : 'no environments',
        );
      }
    });
}
