import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { environment, formatAwsExpiry, getLab, hourlyCost, LabsError, stackName, totalPerHour, validateEnvName } from '@labs/config';
import { Deployer, requireLabConfig } from '../cloud/deployer';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { askConsent } from './consent';
import { ownerAndExpiry } from './environment-options';

interface UpOptions {
  env?: string;
  envs?: string;
  class?: string;
  ttl?: string;
  owner?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** The env names of `--env`, `--envs a,b,c` or `--class FILE` (one per line), validated. */
export function envNames(options: Pick<UpOptions, 'env' | 'envs' | 'class'>): string[] {
  const given = [options.env, options.envs, options.class].filter((value) => value !== undefined).length;
  if (given !== 1) throw new LabsError('give exactly one of --env NAME, --envs a,b,c or --class FILE');
  let names: string[];
  if (options.class !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.class, 'utf8');
    } catch {
      throw new LabsError(`cannot read class file "${options.class}": give a file with one environment name per line`);
    }
    names = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
  } else {
    names = (options.envs ?? options.env ?? '').split(',').map((name) => name.trim());
  }
  if (!names.length) throw new LabsError('no environment names given');
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicates.length) throw new LabsError(`duplicate environment name "${duplicates[0]}"`);
  return names.map(validateEnvName);
}

/** `labs up <lab> --env NAME | --envs a,b | --class FILE [--ttl] [--owner] [--yes] [--dry-run]`. */
export function registerUp(program: Command): void {
  program
    .command('up <lab>')
    .description('deploy lab environments (cdk for AWS, pulumi for GCP) after showing what they create and cost')
    .option('--env <name>', 'environment name (3-24 of a-z, 0-9, -)')
    .option('--envs <names>', 'comma-separated environment names, for a class')
    .option('--class <file>', 'file with one environment name per line')
    .option('--ttl <duration>', 'time to live: 90m, 4h, 2d (default 4h)')
    .option('--owner <who>', 'owner (default: git user email, else OS user)')
    .option('--yes', 'do not ask for consent')
    .option('--dry-run', 'show what would be created and its cost, then stop')
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string, options: UpOptions) => {
      const lab = getLab(labId);
      const names = envNames(options);
      const { owner, expiresAt, ttlMs } = ownerAndExpiry(options);
      const config = projectConfig();
      const environments = names.map((name) => environment(lab.id, name));
      for (const env of environments) requireLabConfig(env, config);

      const cost = hourlyCost(lab.id, config.prices);
      const perHour = totalPerHour(cost);
      const consent = await askConsent(
        [
          `labs up ${lab.id}: ${environments.length} environment(s) on ${lab.cloud.toUpperCase()}: ${environments.map(stackName).join(', ')}`,
          `owner ${owner}, expires ${formatAwsExpiry(expiresAt)} (in ${(ttlMs / 3_600_000).toFixed(1)} h)`,
          'each environment creates:',
          ...lab.creates.map((item) => `  - ${item}`),
          'rough cost per environment (USD/hour):',
          ...cost.map((line) => `  ${line.usdPerHour.toFixed(4).padStart(8)}  ${line.item}`),
          `  ${perHour.toFixed(4).padStart(8)}  total; x${environments.length} environment(s) for ${(ttlMs / 3_600_000).toFixed(1)} h ≈ $${(perHour * environments.length * (ttlMs / 3_600_000)).toFixed(2)}`,
        ],
        options,
      );
      if (consent === 'dry-run') {
        if (options.json)
          printJson({
            lab: lab.id,
            dryRun: true,
            stacks: environments.map(stackName),
            expiresAt: formatAwsExpiry(expiresAt),
            usdPerHour: perHour,
          });
        return;
      }

      const deployer = new Deployer(config);
      const results: { env: string; stack: string; ok: boolean; message: string; seconds: number }[] = [];
      for (const env of environments) {
        log(`deploying ${stackName(env)} …`);
        const started = Date.now();
        const result = await deployer.up(env, owner, expiresAt).catch((error: Error) => ({ ok: false, message: error.message }));
        results.push({
          env: env.name,
          stack: stackName(env),
          ok: result.ok,
          message: result.message,
          seconds: Math.round((Date.now() - started) / 1000),
        });
        log(`${result.ok ? 'ok' : 'FAILED'}: ${result.message}`);
      }
      const failed = results.filter((result) => !result.ok).length;
      if (options.json)
        printJson({ lab: lab.id, expiresAt: formatAwsExpiry(expiresAt), results, succeeded: results.length - failed, failed });
      else {
        print(
          table(
            ['env', 'stack', 'result', 'seconds', 'detail'],
            results.map((r) => [r.env, r.stack, r.ok ? 'ok' : 'FAILED', r.seconds, r.message]),
          ),
        );
        print(`${results.length - failed} succeeded, ${failed} failed`);
      }
      if (failed) process.exitCode = 1;
    });
}
