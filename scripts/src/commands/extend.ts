import type { Command } from 'commander';
import {
  environment,
  expiryFrom,
  formatAwsExpiry,
  LabsError,
  parseDuration,
  parseTtl,
  stackName,
  type LabId,
  type ProjectConfig,
} from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { log, print, printJson } from '../output';
import { projectConfig } from '../repo';

/** The new expiry: the current one (or now, if already past) plus the TTL, within the maximum TTL from now. */
export function extendedExpiry(current: Date, ttlMs: number, maxTtl: string, now: Date): Date {
  const base = current.getTime() > now.getTime() ? current : now;
  const next = expiryFrom(base, ttlMs);
  if (next.getTime() - now.getTime() > parseDuration(maxTtl)) {
    throw new LabsError(
      `cannot extend to ${formatAwsExpiry(next)}: more than the maximum TTL ${maxTtl} from now (raise "maxTtl" in labs.config.json)`,
    );
  }
  return next;
}

/**
 * What a lab must do after its stack carries the new expiry, for what the stack does not own: the
 * BigQuery ML lab moves the expiration of tables and models that already exist (the dataset's default
 * applies only to new ones). Returns one line for the report.
 */
const AFTER_EXTEND: Partial<Record<LabId, (env: string, expiresAt: Date, config: ProjectConfig) => Promise<string>>> = {
  'bqml-classification': async (env, expiresAt, config) => {
    const { extendBqml } = await import('../labs/bqml-classification');
    const move = await extendBqml(env, expiresAt, config);
    return `${move.moved.length} existing table(s)/model(s) moved to the new expiry`;
  },
};

/** `labs extend <lab> --env NAME --ttl 2h`: moves the expiry (tags/labels and the cloud-side schedule). */
export function registerExtend(program: Command): void {
  program
    .command('extend <lab>')
    .description(
      'move the expiry of an environment by a TTL (re-deploys its tags/labels and expiry schedule; on GCP also the expiry of tables and models that exist)',
    )
    .requiredOption('--env <name>', 'environment name')
    .requiredOption('--ttl <duration>', 'how much longer: 90m, 4h, 2d')
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string, options: { env: string; ttl: string; json?: boolean }) => {
      const env = environment(labId, options.env);
      const config = projectConfig();
      const ttlMs = parseTtl(options.ttl, config.maxTtl);
      const deployer = new Deployer(config);
      const current = await deployer.current(env);
      if (!current) throw new LabsError(`${stackName(env)} does not exist: bring it up with 'labs up ${env.lab.id} --env ${env.name}'`);
      const now = new Date();
      const expiresAt = extendedExpiry(current.expiresAt ?? now, ttlMs, config.maxTtl, now);
      log(`extending ${stackName(env)} to ${formatAwsExpiry(expiresAt)} …`);
      const deployed = await deployer.up(env, current.owner ?? 'unknown', expiresAt);
      const after = AFTER_EXTEND[env.lab.id];
      const result =
        deployed.ok && after
          ? await after(env.name, expiresAt, config).then(
              (line) => ({ ok: true, message: `${deployed.message}; ${line}` }),
              (error: Error) => ({
                ok: false,
                message: `${deployed.message}, but moving the expiry of existing objects failed: ${error.message}`,
              }),
            )
          : deployed;
      if (options.json) printJson({ stack: stackName(env), ok: result.ok, expiresAt: formatAwsExpiry(expiresAt), message: result.message });
      else print(result.ok ? `${stackName(env)} now expires at ${formatAwsExpiry(expiresAt)}` : `FAILED: ${result.message}`);
      if (!result.ok) process.exitCode = 1;
    });
}
