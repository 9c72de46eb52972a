import { deploymentRoleName, formatAwsExpiry, stackName, FOUNDATION_STACK, type Environment } from '@labs/config';
import { sinkContextArgs, type BigQuerySinkTarget } from '@labs/infra-aws/src/bigquery-sink';

/** What the CDK app is asked to build: the foundation, or one environment with its owner, expiry and sink. */
export type CdkTarget =
  | { readonly foundation: true }
  | {
      readonly env: Environment;
      readonly owner: string;
      readonly expiresAt: Date;
      readonly sink?: BigQuerySinkTarget;
      /** The environments of a class built at once (same lab, owner and expiry). @default env's name alone */
      readonly envNames?: readonly string[];
    };

/** The context flags the CDK app reads for a target (the same for ls, synth, deploy and destroy). */
export function cdkContext(target: CdkTarget): string[] {
  if ('foundation' in target) return ['-c', 'foundation=true'];
  const { env, owner, expiresAt, sink, envNames = [env.name] } = target;
  return [
    '-c',
    `lab=${env.lab.id}`,
    '-c',
    `env=${envNames.join(',')}`,
    '-c',
    `owner=${owner}`,
    '-c',
    `expiresAt=${formatAwsExpiry(expiresAt)}`,
    ...(sink ? sinkContextArgs(sink) : []),
  ];
}

/** The stack a target builds. */
export function cdkStack(target: CdkTarget): string {
  return 'foundation' in target ? FOUNDATION_STACK : stackName(target.env);
}

/** The foundation's deployment role for an account and region. */
export function deploymentRoleArnFor(account: string, region: string): string {
  return `arn:aws:iam::${account}:role/${deploymentRoleName(region)}`;
}

/** `cdk ls` of a target. */
export function cdkListArgs(target: CdkTarget): string[] {
  return ['ls', ...cdkContext(target)];
}

/** `cdk synth` of a target into `outdir`, quietly (the templates are the output). */
export function cdkSynthArgs(target: CdkTarget, outdir: string): string[] {
  return ['synth', cdkStack(target), ...cdkContext(target), '--output', outdir, '--quiet'];
}

/**
 * `cdk synth` of a whole class (one lab, many environments, one owner and expiry) into `outdir`: one
 * synthesis whose cloud assembly every environment's deploy then uses (`--app outdir`).
 */
export function cdkClassSynthArgs(
  envs: readonly Environment[],
  owner: string,
  expiresAt: Date,
  outdir: string,
  sink?: BigQuerySinkTarget,
): string[] {
  const [first] = envs;
  if (!first) throw new Error('a class has at least one environment');
  const context = cdkContext({ env: first, envNames: envs.map((env) => env.name), owner, expiresAt, sink });
  return ['synth', '--all', ...context, '--output', outdir, '--quiet'];
}

/**
 * `cdk deploy` of one environment stack (with its sink when given), from a class's cloud assembly when
 * given (no synthesis of its own). Run with a deployment-role session tagged with the environment, so
 * CloudFormation acts with that session and can touch nothing outside the environment.
 */
export function cdkDeployArgs(env: Environment, owner: string, expiresAt: Date, assembly?: string, sink?: BigQuerySinkTarget): string[] {
  return [
    'deploy',
    stackName(env),
    ...cdkContext({ env, owner, expiresAt, sink }),
    ...(assembly ? ['--app', assembly] : []),
    '--require-approval',
    'never',
    '--progress',
    'events',
  ];
}

/** `cdk destroy` of one environment stack (with the same tagged session). */
export function cdkDestroyArgs(env: Environment, owner: string, expiresAt: Date): string[] {
  return ['destroy', stackName(env), ...cdkContext({ env, owner, expiresAt }), '--force'];
}

/**
 * `cdk deploy`/`cdk destroy` of the foundation stack (with the caller's own credentials); a deploy with
 * `github` includes the role GitHub Actions workflows of that repository and branch deploy with.
 */
export function cdkFoundationArgs(destroy: boolean, github?: { readonly repository: string; readonly branch: string }): string[] {
  if (destroy) return ['destroy', FOUNDATION_STACK, ...cdkContext({ foundation: true }), '--force'];
  const githubContext = github ? ['-c', `githubRepository=${github.repository}`, '-c', `githubBranch=${github.branch}`] : [];
  return [
    'deploy',
    FOUNDATION_STACK,
    ...cdkContext({ foundation: true }),
    ...githubContext,
    '--require-approval',
    'never',
    '--progress',
    'events',
  ];
}
