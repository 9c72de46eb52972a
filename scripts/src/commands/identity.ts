import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FOUNDATION_STACK, LabsError, parseStackName, validateEnvName } from '@labs/config';
import { awsRuntimeIdentities, CLI_IDENTITIES, gcpRuntimeIdentities, type RuntimeIdentity } from '../identity/runtime-identities';
import { print, printJson, table } from '../output';

interface IdentityOptions {
  env: string;
  out: string;
  json?: boolean;
}

/** The runtimes of one environment (and the foundations) in a `labs synth` output directory. */
function identitiesIn(out: string, env: string): RuntimeIdentity[] {
  const files = existsSync(out) ? readdirSync(out) : [];
  const read = (file: string): unknown => JSON.parse(readFileSync(join(out, file), 'utf8'));
  const templates = files.filter((file) => file.endsWith('.template.json')).map((file) => file.replace(/\.template\.json$/, ''));
  const ofEnv = templates.filter((stack) => parseStackName(stack)?.env === env);
  if (!ofEnv.length) {
    throw new LabsError(`no synthesized stack of environment "${env}" in ${out}: run labs synth --all --env ${env} --out ${out} first`);
  }
  const aws = [...templates.filter((stack) => stack === FOUNDATION_STACK), ...ofEnv].flatMap((stack) =>
    awsRuntimeIdentities(stack, (read(`${stack}.template.json`) as { Resources: Parameters<typeof awsRuntimeIdentities>[1] }).Resources),
  );
  const gcp = files
    .filter((file) => file.endsWith('.resources.json'))
    .flatMap((file) =>
      gcpRuntimeIdentities(file.replace(/\.resources\.json$/, ''), read(file) as Parameters<typeof gcpRuntimeIdentities>[1]),
    )
    .filter((identity) => {
      // `<inventory> <resource>`: the foundation's, or a lab's whose resources are named `labs-<lab>-<env>-…`.
      const [inventory = '', resource = ''] = identity.where.split(' ');
      return inventory === `gcp-${FOUNDATION_STACK}` || parseStackName(resource)?.env.startsWith(`${env}-`) === true;
    });
  return [...aws, ...gcp, ...CLI_IDENTITIES];
}

/** `labs identity [--env NAME] [--json]`: each runtime's identity, token lifetime and permissions, read from `labs synth` output. */
export function registerIdentity(program: Command): void {
  program
    .command('identity')
    .description(
      "each runtime's identity, token lifetime and permissions, read from the templates and inventories `labs synth` wrote (offline)",
    )
    .option('--env <name>', 'environment whose stacks to read (as given to labs synth)', 'synth')
    .option('--out <dir>', 'the labs synth output directory', 'out')
    .option('--json', 'print one JSON document on stdout')
    .action((options: IdentityOptions) => {
      validateEnvName(options.env);
      const runtimes = identitiesIn(resolve(options.out), options.env);
      if (options.json) {
        printJson({
          env: options.env,
          runtimes: runtimes.map((r) => ({
            runtime: r.runtime,
            cloud: r.cloud,
            where: r.where,
            identity: r.identity,
            token_lifetime: r.tokenLifetime,
            usable_by: r.usableBy,
            permissions: r.permissions,
          })),
        });
        return;
      }
      print(
        table(
          ['runtime', 'where', 'identity', 'token lifetime', 'permissions'],
          runtimes.map((r) => [r.runtime, r.where, r.identity, r.tokenLifetime, r.permissions.join(', ')]),
        ),
      );
    });
}
