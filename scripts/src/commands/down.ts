import type { Command } from 'commander';
import { environment, stackName } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { log, print, printJson } from '../output';
import { projectConfig } from '../repo';
import { askConsent } from './consent';

/** `labs down <lab> --env NAME [--yes]`: destroys an environment, idempotently. */
export function registerDown(program: Command): void {
  program
    .command('down <lab>')
    .description('destroy a lab environment (a second down says there is nothing to do)')
    .requiredOption('--env <name>', 'environment name')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string, options: { env: string; yes?: boolean; json?: boolean }) => {
      const env = environment(labId, options.env);
      await askConsent([`labs down ${env.lab.id}: destroys ${stackName(env)} and everything in it`], { yes: options.yes });
      const result = await new Deployer(projectConfig()).down(env);
      if (options.json) printJson({ stack: stackName(env), ok: result.ok, message: result.message });
      else print(result.message);
      if (!result.ok) {
        log(`FAILED: ${result.message}`);
        process.exitCode = 1;
      }
    });
}
