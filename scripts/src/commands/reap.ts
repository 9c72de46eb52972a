import type { Command } from 'commander';
import { environment, formatAwsExpiry } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { isExpired } from '../cloud/environment-record';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { cloudsOption, listEnvironments } from './status';

/** `labs reap [--dry-run] [--owner …]`: destroys every environment past its expiry. */
export function registerReap(program: Command): void {
  program
    .command('reap')
    .description('destroy every environment past its expiry (foundation stacks carry no expiry and are never reaped)')
    .option('--dry-run', 'list what would be destroyed')
    .option('--owner <who>', 'only environments of this owner')
    .option('--cloud <cloud>', 'only aws or gcp')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { dryRun?: boolean; owner?: string; cloud?: string; json?: boolean }) => {
      const now = new Date();
      const expired = (await listEnvironments(cloudsOption(options.cloud))).filter(
        (record) => isExpired(record, now) && (options.owner === undefined || record.owner === options.owner),
      );
      const deployer = new Deployer(projectConfig());
      const results: { stack: string; expiresAt: string; result: string }[] = [];
      for (const record of expired) {
        const expiresAt = record.expiresAt ? formatAwsExpiry(record.expiresAt) : '';
        if (options.dryRun) {
          results.push({ stack: record.stack, expiresAt, result: 'would destroy' });
          continue;
        }
        log(`reaping ${record.stack} (expired ${expiresAt}) …`);
        const outcome = await deployer
          .down(environment(record.lab, record.env))
          .catch((error: Error) => ({ ok: false, message: error.message }));
        results.push({ stack: record.stack, expiresAt, result: outcome.ok ? 'destroyed' : `FAILED: ${outcome.message}` });
      }
      if (options.json) printJson(results);
      else
        print(
          results.length
            ? table(
                ['stack', 'expired at', 'result'],
                results.map((r) => [r.stack, r.expiresAt, r.result]),
              )
            : 'nothing has expired',
        );
      if (results.some((r) => r.result.startsWith('FAILED'))) process.exitCode = 1;
    });
}
