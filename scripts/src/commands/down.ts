import type { Command } from 'commander';
import { environment, getLab, stackName } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { isThrottled } from '../cloud/throttling';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { envNames, PARALLEL_HELP, parallelism, runOnEnvs, type EnvSelection } from './class-options';
import { askConsent } from './consent';

interface DownOptions extends EnvSelection {
  yes?: boolean;
  parallel?: string;
  json?: boolean;
}

/** `labs down <lab> --env NAME | --envs a,b | --class FILE [--yes]`: destroys environments, idempotently. */
export function registerDown(program: Command): void {
  program
    .command('down <lab>')
    .description('destroy lab environments (a second down says there is nothing to do)')
    .option('--env <name>', 'environment name')
    .option('--envs <names>', 'comma-separated environment names, for a class')
    .option('--class <file>', 'file with one environment name per line')
    .option('--parallel <n>', PARALLEL_HELP)
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string, options: DownOptions) => {
      const lab = getLab(labId);
      const names = envNames(options);
      const parallel = parallelism(options.parallel, lab.cloud);
      const stacks = names.map((name) => stackName(environment(lab.id, name)));
      await askConsent([`labs down ${lab.id}: destroys ${stacks.join(', ')} and everything in ${stacks.length === 1 ? 'it' : 'them'}`], {
        yes: options.yes,
      });
      const deployer = new Deployer(projectConfig());
      const down = async (name: string) => {
        const result = await deployer.down(environment(lab.id, name));
        return { ...result, throttled: !result.ok && isThrottled(result.message) };
      };
      const items = await runOnEnvs(`labs down ${lab.id}`, { envs: names, parallel, work: down });
      const results = items.map((item) => ({ stack: stackName(environment(lab.id, item.env)), ok: item.ok, message: item.message }));
      const failed = results.filter((result) => !result.ok).length;
      if (options.json) printJson(results.length === 1 ? results[0] : { lab: lab.id, results, succeeded: results.length - failed, failed });
      else if (results.length === 1) print(results[0]?.message);
      else
        print(
          table(
            ['stack', 'result', 'detail'],
            results.map((r) => [r.stack, r.ok ? 'ok' : 'FAILED', r.message]),
          ),
        );
      if (failed && results.length === 1) log(`FAILED: ${results[0]?.message ?? ''}`);
      if (failed) process.exitCode = 1;
    });
}
