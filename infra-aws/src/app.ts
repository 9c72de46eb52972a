import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  DEFAULT_MAX_TTL,
  environment,
  FOUNDATION_STACK,
  formatAwsExpiry,
  labsOf,
  LabsError,
  parseDuration,
  parseExpiry,
  stackName,
  type Environment,
} from '@labs/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSink, sinkFromContext, type BigQuerySinkTarget } from './bigquery-sink';
import { FoundationStack } from './stacks/foundation-stack';
import { LAB_STACKS } from './stacks';

/** One environment to synthesize. */
export interface EnvironmentTarget {
  readonly labEnvironment: Environment;
  readonly owner: string;
  readonly expiresAt: Date;
  /** The BigQuery sink of the environment's stream (kinesis-data only). @default no sink */
  readonly sink?: BigQuerySinkTarget;
}

/** What {@link buildApp} puts in the app. */
export interface BuildAppOptions {
  /** Cloud assembly directory. @default CDK's default (`cdk.out`, or `CDK_OUTDIR` when run by the CLI) */
  readonly outdir?: string;
  /** Include the foundation stack. @default false */
  readonly foundation?: boolean;
  /** The GitHub repository and branch allowed to deploy through the foundation. @default none */
  readonly github?: { readonly repository: string; readonly branch?: string };
  /** Environment stacks to include. @default none */
  readonly environments?: readonly EnvironmentTarget[];
  /** Run the cdk-nag packs (AwsSolutions, NIST 800-53 R5). @default true */
  readonly nag?: boolean;
  /** Largest time-to-live an environment may have: its expiry may lie at most this far after `now`. @default `7d` */
  readonly maxTtl?: string;
  /** The current time, against which expiries are checked. @default the clock */
  readonly now?: Date;
}

/** The feature flags of `cdk.json`, so that an app built in-process synthesizes what the `cdk` CLI does. */
export const FEATURE_FLAGS: Record<string, unknown> = (
  JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

/** The AWS labs that have a stack. */
export function awsLabsWithStacks(): string[] {
  return labsOf('aws')
    .map((lab) => lab.id)
    .filter((id) => LAB_STACKS[id]);
}

/**
 * Checks that an environment's expiry lies no further than the maximum TTL after `now`. An expiry in the
 * past is accepted: `cdk destroy` and `labs reap` synthesize expired environments to delete them.
 */
export function checkExpiry(target: EnvironmentTarget, maxTtl: string, now: Date): void {
  const at = target.expiresAt;
  if (Number.isNaN(at.getTime()))
    throw new LabsError(`invalid expiry for ${stackName(target.labEnvironment)}: expected an ISO-8601 UTC time`);
  if (at.getTime() - now.getTime() > parseDuration(maxTtl)) {
    throw new LabsError(
      `expiry ${formatAwsExpiry(at)} of ${stackName(target.labEnvironment)} is more than the maximum TTL ${maxTtl} from now (${formatAwsExpiry(now)}); raise "maxTtl" in labs.config.json to allow it`,
    );
  }
}

/** A new app with the feature flags of `cdk.json` (and, under the CLI, the CLI's context). */
function newApp(outdir?: string): App {
  return new App({ context: FEATURE_FLAGS, ...(outdir ? { outdir } : {}) });
}

/** Builds the CDK app: the foundation and/or environment stacks, with the cdk-nag packs as validations. */
export function buildApp(options: BuildAppOptions): App {
  return populate(newApp(options.outdir), options);
}

/** Adds the stacks and validations of `options` to `app`. */
function populate(app: App, options: BuildAppOptions): App {
  const maxTtl = options.maxTtl ?? DEFAULT_MAX_TTL;
  const now = options.now ?? new Date();
  for (const target of options.environments ?? []) {
    checkExpiry(target, maxTtl, now);
    if (target.sink) parseSink(target.labEnvironment.lab.id, 'bigquery');
  }
  if (options.foundation) new FoundationStack(app, FOUNDATION_STACK, options.github ? { github: options.github } : {});
  for (const target of options.environments ?? []) {
    const factory = LAB_STACKS[target.labEnvironment.lab.id];
    if (!factory)
      throw new LabsError(
        `lab "${target.labEnvironment.lab.id}" has no AWS stack; AWS labs with stacks: ${awsLabsWithStacks().join(', ') || 'none'}`,
      );
    factory(app, stackName(target.labEnvironment), target);
  }
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    Validations.of(app).acknowledge({
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'CDK grants write least-privilege policies inline on the one role they serve; no policy is shared between principals, so a managed policy would add nothing.',
    });
  }
  return app;
}

/**
 * Builds the app the `cdk` CLI runs (the one entry point of `bin/app.ts`) from its context: the
 * foundation (`-c foundation=true`, with `-c githubRepository=<owner/name> [-c githubBranch=<branch>]` for
 * keyless GitHub Actions deploys), or one environment (`-c lab= -c env= -c owner= -c expiresAt=`) whose
 * expiry must be present, valid and within `maxTtl`, with its BigQuery sink on request (`-c sink=bigquery`
 * and the settings `sinkContextArgs` writes). One `App` only: the context is read from the app that
 * gets the stacks.
 */
export function appFromContext(
  options: Pick<BuildAppOptions, 'maxTtl' | 'now' | 'outdir'> & { context?: Record<string, string> } = {},
): App {
  const app = newApp(options.outdir);
  for (const [key, value] of Object.entries(options.context ?? {})) app.node.setContext(key, value);
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined ? undefined : String(value);
  };
  const { maxTtl, now } = options;
  if (context('foundation') === 'true') {
    const repository = context('githubRepository');
    const github = repository ? { repository, branch: context('githubBranch') } : undefined;
    return populate(app, { maxTtl, now, foundation: true, ...(github ? { github } : {}) });
  }
  const [lab, env, owner, expiry] = [context('lab'), context('env'), context('owner'), context('expiresAt')];
  if (!lab || !env || !owner) {
    throw new LabsError(
      'the CDK app needs -c foundation=true, or -c lab=<id> -c env=<name>[,<name>…] -c owner=<who> -c expiresAt=<ISO-8601 UTC>',
    );
  }
  const expiresAt = parseExpiry(expiry);
  if (!expiresAt) {
    throw new LabsError(
      `the CDK app needs a valid expiry for every environment: -c expiresAt=<ISO-8601 UTC>, got ${expiry === undefined ? 'none' : `"${expiry}"`}`,
    );
  }
  const sink = sinkFromContext(lab, context);
  const environments = env
    .split(',')
    .map((name) => ({ labEnvironment: environment(lab, name.trim()), owner, expiresAt, ...(sink ? { sink } : {}) }));
  return populate(app, { maxTtl, now, environments });
}
