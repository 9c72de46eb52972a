import type { Command } from 'commander';
import { environment, formatAwsExpiry } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { ownedBy, reapAfter, reapReason, type ReapReason } from '../cloud/environment-record';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { cloudsOption, listEnvironmentsByCloud, reportFailures } from './status';

/** One line of the reap report. */
interface ReapResult {
  readonly cloud: string;
  readonly stack: string;
  /** The expiry, or when a stack without one became due. */
  readonly expiresAt: string;
  readonly reason: ReapReason;
  readonly ok: boolean;
  readonly result: string;
}

/**
 * `labs reap [--dry-run] [--owner …] [--cloud …]`: destroys every environment past its expiry (or its
 * grace period, without one) and retries AWS stacks whose deletion failed. Each cloud is listed on its
 * own; every stack that could not be deleted is reported, and the exit is non-zero.
 */
export function registerReap(program: Command): void {
  program
    .command('reap')
    .description(
      'destroy every environment past its expiry, stacks without expiry after a grace period, and AWS stacks in DELETE_FAILED (foundation stacks are never reaped)',
    )
    .option('--dry-run', 'list what would be destroyed')
    .option('--owner <who>', 'only environments of this owner, as given to labs up --owner')
    .option('--cloud <cloud>', 'only aws or gcp')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { dryRun?: boolean; owner?: string; cloud?: string; json?: boolean }) => {
      const now = new Date();
      const { records, failures } = await listEnvironmentsByCloud(cloudsOption(options.cloud));
      const due = records.flatMap((record) => {
        const reason = reapReason(record, now);
        return reason && ownedBy(record, options.owner) ? [{ record, reason }] : [];
      });
      const deployer = new Deployer(projectConfig());
      const results: ReapResult[] = [];
      for (const { record, reason } of due) {
        const base = { cloud: record.cloud, stack: record.stack, expiresAt: formatAwsExpiry(reapAfter(record, now)), reason };
        if (options.dryRun) {
          results.push({ ...base, ok: true, result: 'would destroy' });
          continue;
        }
        log(`reaping ${record.stack} (${reason}, due ${base.expiresAt}) …`);
        const outcome = await deployer
          .down(environment(record.lab, record.env))
          .catch((error: Error) => ({ ok: false, message: error.message }));
        results.push({ ...base, ok: outcome.ok, result: outcome.ok ? 'destroyed' : `FAILED: ${outcome.message}` });
      }
      const failed = results.filter((r) => !r.ok);
      if (options.json) printJson(results);
      else {
        print(
          results.length
            ? table(
                ['stack', 'due at', 'reason', 'result'],
                results.map((r) => [r.stack, r.expiresAt, r.reason, r.result]),
              )
            : 'nothing has expired',
        );
        if (failed.length) print(`${failed.length} stack(s) could not be deleted: ${failed.map((r) => r.stack).join(', ')}`);
      }
      if (failed.length) process.exitCode = 1;
      reportFailures(failures);
    });
}
