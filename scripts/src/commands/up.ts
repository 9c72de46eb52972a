import type { Command } from 'commander';
import { rmSync } from 'node:fs';
import { environment, formatAwsExpiry, getLab, hourlyCost, sinkHourlyCost, stackName, totalPerHour } from '@labs/config';
import { Deployer, requireLabConfig } from '../cloud/deployer';
import type { EnvironmentRecord } from '../cloud/environment-record';
import { print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { askConsent } from './consent';
import { accessLines, grantJson, grantsWith, labContract } from '../lab-contract';
import { ownerAndExpiry } from './environment-options';
import { envNames, PARALLEL_HELP, parallelism, runClassCommand } from './class-options';
import { classRunFile, finishClassRun, loadClassRun, saveClassRun } from '../cloud/class-record';
import { isThrottled } from '../cloud/throttling';
import { bigQuerySinkTarget } from '../cloud/bigquery-sink';

interface UpOptions {
  env?: string;
  envs?: string;
  class?: string;
  ttl?: string;
  owner?: string;
  yes?: boolean;
  dryRun?: boolean;
  parallel?: string;
  json?: boolean;
  sink?: string;
}

/** `labs up <lab> --env NAME | --envs a,b | --class FILE [--ttl] [--owner] [--yes] [--dry-run] [--sink bigquery]`. */
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
    .option('--parallel <n>', PARALLEL_HELP)
    .option('--json', 'print one JSON document on stdout')
    .option('--sink <name>', 'kinesis-data: also write the readings into BigQuery (bigquery), keyless through workload identity federation')
    .action(async (labId: string, options: UpOptions) => {
      const lab = getLab(labId);
      const names = envNames(options);
      const parallel = parallelism(options.parallel, lab.cloud);
      const config = projectConfig();
      const environments = names.map((name) => environment(lab.id, name));
      for (const env of environments) requireLabConfig(env, config);
      const sink = options.sink === undefined ? undefined : await bigQuerySinkTarget(lab.id, options.sink, config);
      const runFile = classRunFile('up', lab.id, names, [options.ttl ?? '', options.owner ?? '']);
      const resumed = loadClassRun(runFile, new Date());
      const chosen = ownerAndExpiry(options);
      const owner = resumed?.owner ?? chosen.owner;
      const expiresAt = resumed ? new Date(Object.values(resumed.targets)[0] ?? chosen.expiresAt) : chosen.expiresAt;
      const ttlMs = expiresAt.getTime() - Date.now();

      const contract = labContract(lab.id);
      const upOptions = sink ? [`--sink ${options.sink}`] : [];
      const cost = [...hourlyCost(lab.id, config.prices), ...(sink ? sinkHourlyCost(config.prices) : [])];
      const perHour = totalPerHour(cost);
      const consent = await askConsent(
        [
          `labs up ${lab.id}: ${environments.length} environment(s) on ${lab.cloud.toUpperCase()}: ${environments.map(stackName).join(', ')}`,
          `owner ${owner}, expires ${formatAwsExpiry(expiresAt)} (in ${(ttlMs / 3_600_000).toFixed(1)} h)${resumed ? ` (resuming the run started ${resumed.startedAt})` : ''}`,
          'each environment creates:',
          ...lab.creates.map((item) => `  - ${item}`),
          ...(sink
            ? [
                `  - with --sink ${options.sink}: a Lambda consumer on the stream (event source mapping), its encrypted dead-letter queue; it inserts into ${sink.project}:${sink.dataset}.${sink.table}`,
              ]
            : []),
          'rough cost per environment (USD/hour):',
          ...cost.map((line) => `  ${line.usdPerHour.toFixed(4).padStart(8)}  ${line.item}`),
          `  ${perHour.toFixed(4).padStart(8)}  total; x${environments.length} environment(s) for ${(ttlMs / 3_600_000).toFixed(1)} h ≈ $${(perHour * environments.length * (ttlMs / 3_600_000)).toFixed(2)}`,
          'who will be able to do what in each environment (labs identity lists the exact permissions):',
          ...accessLines(contract, upOptions).map((line) => `  - ${line}`),
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
            access: grantsWith(contract, upOptions).map(grantJson),
          });
        return;
      }

      const target = formatAwsExpiry(expiresAt);
      saveClassRun(runFile, {
        command: 'up',
        lab: lab.id,
        owner,
        targets: Object.fromEntries(names.map((name) => [name, target])),
        startedAt: resumed?.startedAt ?? new Date().toISOString(),
      });
      const deployer = new Deployer(config);
      const existing = resumed ? await deployer.records(lab.cloud) : [];
      const assembly =
        lab.cloud === 'aws' && names.length > 1 ? await deployer.synthesizeClass(environments, owner, expiresAt, sink) : undefined;
      const items = await runClassCommand(`labs up ${lab.id}`, {
        envs: names,
        parallel,
        alreadyDone: async (name) => {
          const record = existing.find((r) => r.stack === stackName(environment(lab.id, name)));
          return record && isUpUntil(record, expiresAt) && record.sink === options.sink ? `already up until ${target}` : undefined;
        },
        work: async (name) => {
          const result = await deployer.up(environment(lab.id, name), owner, expiresAt, assembly, sink);
          return { ...result, throttled: !result.ok && isThrottled(result.message) };
        },
      });
      if (assembly) rmSync(assembly, { recursive: true, force: true });
      const results = items.map((item) => ({
        env: item.env,
        stack: stackName(environment(lab.id, item.env)),
        ok: item.state === 'done' || item.state === 'skipped',
        state: item.state,
        message: item.message,
        seconds: Math.round(item.elapsedMs / 1000),
      }));
      const failed = results.filter((result) => !result.ok).length;
      if (!failed) finishClassRun(runFile);
      if (options.json) printJson({ lab: lab.id, expiresAt: target, results, succeeded: results.length - failed, failed });
      else {
        print(
          table(
            ['env', 'stack', 'result', 'seconds', 'detail'],
            results.map((r) => [
              r.env,
              r.stack,
              r.ok ? (r.state === 'skipped' ? 'ok (skipped)' : 'ok') : r.state.toUpperCase(),
              r.seconds,
              r.message,
            ]),
          ),
        );
        print(
          `${results.length - failed} succeeded, ${failed} failed or not started${failed ? ': run the same command again to resume' : ''}`,
        );
      }
      if (failed) process.exitCode = 1;
    });
}

/** Whether a stack is up (its last operation completed) with the requested expiry. */
function isUpUntil(record: EnvironmentRecord, expiresAt: Date): boolean {
  return /(CREATE|UPDATE)_COMPLETE$|^up$/.test(record.state) && record.expiresAt?.getTime() === expiresAt.getTime();
}
