import type { Command } from 'commander';
import {
  environment,
  expiryFrom,
  formatAwsExpiry,
  getLab,
  LabsError,
  parseDuration,
  parseTtl,
  stackName,
  type Environment,
  type LabId,
  type ProjectConfig,
} from '@labs/config';
import { classRunFile, finishClassRun, loadClassRun, saveClassRun } from '../cloud/class-record';
import { Deployer, type DeployOutcome } from '../cloud/deployer';
import { isThrottled } from '../cloud/throttling';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { envNames, PARALLEL_HELP, parallelism, runOnEnvs, type EnvSelection } from './class-options';

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

/**
 * Re-deploys one environment with its later expiry (and the sink it has), then does what its lab must do
 * after an extend; `labs extend` and the console's Extend both go through here.
 */
export async function extendEnvironment(
  deployer: Deployer,
  env: Environment,
  record: { readonly owner?: string; readonly sink?: string } | undefined,
  expiresAt: Date,
  config: ProjectConfig,
): Promise<DeployOutcome> {
  const deployed = await deployer.up(env, record?.owner ?? 'unknown', expiresAt, undefined, await deployer.sinkOf(env, record));
  const after = AFTER_EXTEND[env.lab.id];
  if (!deployed.ok || !after) return deployed;
  return after(env.name, expiresAt, config).then(
    (line) => ({ ok: true, message: `${deployed.message}; ${line}` }),
    (error: Error) => ({
      ok: false,
      message: `${deployed.message}, but moving the expiry of existing objects failed: ${error.message}`,
    }),
  );
}

interface ExtendOptions extends EnvSelection {
  ttl: string;
  parallel?: string;
  json?: boolean;
}

/**
 * `labs extend <lab> --env NAME | --envs a,b | --class FILE --ttl 2h`: moves the expiry (tags/labels and
 * the cloud-side schedule) of one environment or a whole class, each from its own current expiry.
 */
export function registerExtend(program: Command): void {
  program
    .command('extend <lab>')
    .description(
      'move the expiry of environments by a TTL (re-deploys their tags/labels and expiry schedule; on GCP also the expiry of tables and models that exist)',
    )
    .option('--env <name>', 'environment name')
    .option('--envs <names>', 'comma-separated environment names, for a class')
    .option('--class <file>', 'file with one environment name per line')
    .requiredOption('--ttl <duration>', 'how much longer: 90m, 4h, 2d')
    .option('--parallel <n>', PARALLEL_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string, options: ExtendOptions) => {
      const lab = getLab(labId);
      const names = envNames(options);
      const parallel = parallelism(options.parallel, lab.cloud);
      const config = projectConfig();
      const ttlMs = parseTtl(options.ttl, config.maxTtl);
      const deployer = new Deployer(config);
      const now = new Date();
      const records = new Map((await deployer.records(lab.cloud)).map((record) => [record.stack, record]));
      const recordOf = (name: string) => records.get(stackName(environment(lab.id, name)));
      const runFile = classRunFile('extend', lab.id, names, [options.ttl]);
      const resumed = loadClassRun(runFile, now);
      // Each environment's target, decided once: a second run of the same command resumes, it never extends twice.
      const targets: Record<string, string> = { ...resumed?.targets };
      for (const name of names) {
        if (targets[name]) continue;
        const record = recordOf(name);
        if (!record)
          throw new LabsError(`${stackName(environment(lab.id, name))} does not exist: bring it up with 'labs up ${lab.id} --env ${name}'`);
        targets[name] = formatAwsExpiry(extendedExpiry(record.expiresAt ?? now, ttlMs, config.maxTtl, now));
      }
      saveClassRun(runFile, { command: 'extend', lab: lab.id, targets, startedAt: resumed?.startedAt ?? now.toISOString() });
      const extendOne = async (name: string) => {
        const env = environment(lab.id, name);
        const expiresAt = new Date(targets[name] ?? '');
        const record = recordOf(name);
        log(`extending ${stackName(env)} to ${formatAwsExpiry(expiresAt)} …`);
        const result = await extendEnvironment(deployer, env, record, expiresAt, config);
        return { ...result, throttled: !result.ok && isThrottled(result.message) };
      };
      const alreadyDone = async (name: string) => {
        const record = recordOf(name);
        return resumed && record?.expiresAt && formatAwsExpiry(record.expiresAt) === targets[name]
          ? `already until ${targets[name]}`
          : undefined;
      };
      const items = await runOnEnvs(`labs extend ${lab.id}`, { envs: names, parallel, work: extendOne, alreadyDone });
      const results = items.map((item) => ({
        stack: stackName(environment(lab.id, item.env)),
        ok: item.ok,
        expiresAt: targets[item.env] ?? '',
        message: item.message,
      }));
      const failed = results.filter((r) => !r.ok).length;
      if (!failed) finishClassRun(runFile);
      const [only] = results;
      if (options.json) printJson(results.length === 1 ? only : { lab: lab.id, results, succeeded: results.length - failed, failed });
      else if (results.length === 1 && only) print(only.ok ? `${only.stack} now expires at ${only.expiresAt}` : `FAILED: ${only.message}`);
      else
        print(
          table(
            ['stack', 'expires at', 'result', 'detail'],
            results.map((r) => [r.stack, r.expiresAt, r.ok ? 'ok' : 'FAILED', r.message]),
          ),
        );
      if (failed) process.exitCode = 1;
    });
}
