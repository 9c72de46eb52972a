import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { deploymentRoleName, FOUNDATION_STACK, LabsError, TAG_KEYS, type ProjectConfig } from '@labs/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentRoleArnFor } from '../cloud/cdk-commands';
import { REPO_ROOT } from '../repo';
import { check, type CloudDoctor, type DoctorCheck } from './check';
import { nodeCheck } from './node-check';

/** The AWS clients the checks call (injected; tests pass recorded answers). */
export interface AwsDoctorClients {
  readonly sts: Pick<STSClient, 'send'>;
  readonly cloudFormation: Pick<CloudFormationClient, 'send'>;
  readonly lambda: Pick<LambdaClient, 'send'>;
}

/** What else the checks read: the installed CDK versions and Node.js. */
export interface AwsDoctorEnvironment {
  readonly cdkVersions: () => { cli: string; lib: string };
  readonly nodeVersion: string;
}

/** The oldest bootstrap stack the labs stacks accept (their `BootstrapVersion` rule refuses 1–5). */
export const MIN_BOOTSTRAP_VERSION = 6;
/** Unreserved concurrent executions the labs functions need at once: the expirer, a scaler and a stream handler. */
export const MIN_UNRESERVED_CONCURRENCY = 3;
/** Foundation resources an environment depends on, by type and physical id (region filled in). */
const FOUNDATION_RESOURCES = (region: string) => [
  { type: 'AWS::IAM::Role', id: deploymentRoleName(region), what: 'deployment role' },
  { type: 'AWS::IAM::ManagedPolicy', id: `labs-boundary-${region}`, what: 'permissions boundary' },
  { type: 'AWS::Lambda::Function', id: 'labs-expirer', what: 'expirer' },
  { type: 'AWS::Scheduler::ScheduleGroup', id: 'labs-expiry', what: 'expiry schedule group' },
];

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The installed `aws-cdk` CLI and `aws-cdk-lib` of the workspace. */
function installedCdkVersions(): { cli: string; lib: string } {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(REPO_ROOT, 'infra-aws', 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  try {
    return { cli: version('aws-cdk'), lib: version('aws-cdk-lib') };
  } catch {
    throw new LabsError('the workspace CDK is not installed: run pnpm install at the repository root');
  }
}

/**
 * What a real AWS account needs before a first deploy, each line ok/fail with the fix: credentials and
 * account, region, the CDK bootstrap stack and its version, the labs foundation and its roles, whether the
 * caller may assume the deployment role with the session tags of an environment, the Lambda concurrency
 * quota, and the Node.js and CDK versions. Checks that need the account run only once credentials work.
 */
export async function awsChecks(config: ProjectConfig, clients: AwsDoctorClients, env: AwsDoctorEnvironment): Promise<DoctorCheck[]> {
  const region = config.aws.region;
  const checks: DoctorCheck[] = [await nodeCheck(env.nodeVersion)];
  checks.push(
    await check('cdk versions', () => {
      const { cli, lib } = env.cdkVersions();
      return `workspace aws-cdk ${cli} (the CLI labs runs, whatever cdk is on PATH), aws-cdk-lib ${lib}`;
    }),
  );
  checks.push(
    await check('region', () => {
      if (!REGION.test(region))
        throw new LabsError(`"${region}" is not an AWS region: set aws.region in labs.config.json (for example us-east-1)`);
      return `${region} (aws.region in labs.config.json)`;
    }),
  );
  let account: string | undefined;
  checks.push(
    await check('credentials and account', async () => {
      try {
        const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
        account = identity.Account;
        if (config.aws.account && config.aws.account !== account) {
          throw new LabsError(
            `the credentials are for account ${account}, labs.config.json names ${config.aws.account}: switch AWS_PROFILE or fix aws.account`,
          );
        }
        return `account ${account} as ${identity.Arn}`;
      } catch (error) {
        if (error instanceof LabsError) throw error;
        throw new LabsError(
          `no working AWS credentials (${(error as Error).message}): configure AWS_PROFILE or SSO (aws sso login); never access keys in files`,
        );
      }
    }),
  );
  if (!account) return [...checks, ...['cdk bootstrap', 'labs foundation', 'deployment role', 'lambda concurrency'].map(skipped)];

  checks.push(
    await check('cdk bootstrap', async () => {
      const stack = await describeStack(clients.cloudFormation, 'CDKToolkit');
      const fix = `run: pnpm --dir infra-aws exec cdk bootstrap aws://${account}/${region}`;
      if (!stack) throw new LabsError(`no CDKToolkit stack in ${region}: ${fix}`);
      if (!/_COMPLETE$/.test(stack.StackStatus ?? '') || /ROLLBACK|DELETE/.test(stack.StackStatus ?? ''))
        throw new LabsError(`CDKToolkit is ${stack.StackStatus}: ${fix}`);
      const version = Number(stack.Outputs?.find((output) => output.OutputKey === 'BootstrapVersion')?.OutputValue);
      if (!(version >= MIN_BOOTSTRAP_VERSION))
        throw new LabsError(`bootstrap version ${version || 'unknown'}, the labs need ${MIN_BOOTSTRAP_VERSION} or newer: ${fix}`);
      return `CDKToolkit ${stack.StackStatus}, bootstrap version ${version}`;
    }),
  );
  checks.push(
    await check('labs foundation', async () => {
      const stack = await describeStack(clients.cloudFormation, FOUNDATION_STACK);
      const fix = 'run: pnpm --silent labs bootstrap --cloud aws';
      if (!stack) throw new LabsError(`no ${FOUNDATION_STACK} stack in ${region}: ${fix}`);
      if (!/_COMPLETE$/.test(stack.StackStatus ?? '') || /ROLLBACK|DELETE/.test(stack.StackStatus ?? ''))
        throw new LabsError(`${FOUNDATION_STACK} is ${stack.StackStatus}: ${fix}`);
      const resources = await stackResources(clients.cloudFormation, FOUNDATION_STACK);
      const missing = FOUNDATION_RESOURCES(region).filter(
        (wanted) =>
          !resources.some(
            (r) => r.ResourceType === wanted.type && r.PhysicalResourceId?.endsWith(wanted.id) && r.ResourceStatus?.endsWith('_COMPLETE'),
          ),
      );
      if (missing.length)
        throw new LabsError(`${FOUNDATION_STACK} lacks its ${missing.map((m) => `${m.what} ${m.id}`).join(', ')}: ${fix}`);
      return `${FOUNDATION_STACK} ${stack.StackStatus} with ${FOUNDATION_RESOURCES(region)
        .map((r) => r.id)
        .join(', ')}`;
    }),
  );
  checks.push(
    await check('deployment role', async () => {
      const roleArn = deploymentRoleArnFor(account as string, region);
      try {
        await clients.sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: 'labs-doctor',
            DurationSeconds: 900,
            Tags: [
              { Key: TAG_KEYS.lab, Value: 'doctor' },
              { Key: TAG_KEYS.env, Value: 'doctor' },
            ],
          }),
        );
      } catch (error) {
        throw new LabsError(
          `cannot assume ${roleArn} with session tags (${(error as Error).message}): your identity needs sts:AssumeRole and sts:TagSession on it (iam:PassRole is not needed)`,
        );
      }
      return `may assume ${roleArn} with the session tags labs-lab/labs-env`;
    }),
  );
  checks.push(
    await check('lambda concurrency', async () => {
      const settings = await clients.lambda.send(new GetAccountSettingsCommand({}));
      const total = settings.AccountLimit?.ConcurrentExecutions ?? 0;
      const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions ?? 0;
      if (unreserved < MIN_UNRESERVED_CONCURRENCY) {
        throw new LabsError(
          `${unreserved} unreserved concurrent executions of ${total}: the labs functions need ${MIN_UNRESERVED_CONCURRENCY}; free reserved concurrency or request a Lambda concurrent executions increase in Service Quotas`,
        );
      }
      return `${unreserved} unreserved of ${total} concurrent executions (the labs reserve none and need ${MIN_UNRESERVED_CONCURRENCY})`;
    }),
  );
  return checks;
}

function skipped(name: string): DoctorCheck {
  return { name, ok: false, detail: 'not checked: fix the credentials first' };
}

async function describeStack(cloudFormation: AwsDoctorClients['cloudFormation'], name: string) {
  try {
    return (await cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

async function stackResources(cloudFormation: AwsDoctorClients['cloudFormation'], name: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cloudFormation.send(new ListStackResourcesCommand({ StackName: name, NextToken: token }));
    all.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** What a real AWS account needs before a first deploy (the `labs doctor` entry for AWS). */
export const awsDoctor: CloudDoctor = (config) => {
  const options = { region: config.aws.region, maxAttempts: 2, credentials: fromNodeProviderChain({ timeout: 1000, maxRetries: 0 }) };
  return awsChecks(
    config,
    { sts: new STSClient(options), cloudFormation: new CloudFormationClient(options), lambda: new LambdaClient(options) },
    { cdkVersions: installedCdkVersions, nodeVersion: process.versions.node },
  );
};
