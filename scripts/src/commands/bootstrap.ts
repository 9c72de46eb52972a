import type { Command } from 'commander';
import { LabsError } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { print, printJson } from '../output';
import { projectConfig } from '../repo';
import { askConsent } from './consent';

/** `labs bootstrap --cloud aws|gcp [--destroy]`: the permanent foundation stack of one cloud. */
export function registerBootstrap(program: Command): void {
  program
    .command('bootstrap')
    .description(
      'deploy (or remove) the permanent foundation stack of one cloud (AWS: network, deployment and expiry roles; GCP: APIs, state bucket, federation) and say which Pulumi backend the GCP environments use',
    )
    .requiredOption('--cloud <cloud>', 'aws or gcp')
    .option('--destroy', 'remove the foundation instead')
    .option('--yes', 'do not ask for consent')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { cloud: string; destroy?: boolean; yes?: boolean; json?: boolean }) => {
      if (options.cloud !== 'aws' && options.cloud !== 'gcp')
        throw new LabsError(`invalid --cloud "${options.cloud}": expected aws or gcp`);
      await askConsent(
        [
          options.destroy
            ? `labs bootstrap: removes the ${options.cloud.toUpperCase()} foundation stack labs-foundation (bring every environment down first)`
            : options.cloud === 'aws'
              ? 'labs bootstrap: deploys labs-foundation on AWS: a VPC with one NAT gateway (~$0.045/h + data), flow logs, the deployment and expiry roles and the scheduler group'
              : 'labs bootstrap: deploys labs-foundation on GCP: enables the lab APIs and creates the Pulumi state bucket <project>-labs-state (storage cost only); from nothing, its own state starts in .labs/ and then moves into that bucket',
        ],
        options,
      );
      const result = await new Deployer(projectConfig()).foundation(options.cloud, Boolean(options.destroy));
      if (options.json)
        printJson({
          cloud: options.cloud,
          ok: result.ok,
          message: result.message,
          ...(result.backend ? { backend: result.backend } : {}),
          ...(result.kept ? { kept: result.kept } : {}),
        });
      else {
        print(result.ok ? result.message : `FAILED: ${result.message}`);
        for (const line of result.kept ?? []) print(`  kept: ${line}`);
      }
      if (!result.ok) process.exitCode = 1;
    });
}
