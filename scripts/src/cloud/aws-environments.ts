import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { AWS_CREDENTIALS_ADVICE, LabsError, parseExpiry, parseStackName, stackName, TAG_KEYS, type Environment, type ProjectConfig } from '@labs/config';
import { SINK_OUTPUT } from '@labs/infra-aws/src/bigquery-sink';
import { deploymentRoleArnFor } from './cdk-commands';
import type { EnvironmentRecord } from './environment-record';

/** How long a credential lookup or API call may take before the CLI gives up. */
const CALL_TIMEOUT_MS = 10_000;

/** SDK client options that fail fast instead of hanging on a credential lookup. */
function clientOptions(region: string) {
  return {
    region,
    maxAttempts: 2,
    credentials: fromNodeProviderChain({ timeout: 1000, maxRetries: 0 }),
  };
}

/** Runs an AWS call with a deadline, turning credential problems into one clear line. */
async function withDeadline<T>(what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LabsError(`${what}: no answer within ${CALL_TIMEOUT_MS / 1000}s (check AWS credentials and region)`, 3)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([call, deadline]);
  } catch (error) {
    if (error instanceof LabsError) throw error;
    throw new LabsError(
      `${what}: ${(error as Error).message} (${AWS_CREDENTIALS_ADVICE})`,
      3,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The CloudFormation view of the lab environments in one region. */
export class AwsEnvironments {
  private readonly cloudFormation: CloudFormationClient;
  private readonly sts: STSClient;

  constructor(
    private readonly config: ProjectConfig,
    cloudFormation?: CloudFormationClient,
    sts?: STSClient,
  ) {
    this.cloudFormation = cloudFormation ?? new CloudFormationClient(clientOptions(config.aws.region));
    this.sts = sts ?? new STSClient(clientOptions(config.aws.region));
  }

  /**
   * Temporary credentials of the foundation's deployment role for ONE environment: a session tagged with
   * its `labs-lab` and `labs-env`, which the role's policies confine to that environment. Returned as the
   * environment variables of the `cdk` process (never written anywhere).
   */
  async environmentSession(env: Environment): Promise<Record<string, string>> {
    const roleArn = deploymentRoleArnFor(await this.account(), this.config.aws.region);
    const session = await withDeadline(
      `assuming ${roleArn} for ${stackName(env)}`,
      this.sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: stackName(env).slice(0, 64),
          DurationSeconds: 3_600,
          Tags: [
            { Key: TAG_KEYS.lab, Value: env.lab.id },
            { Key: TAG_KEYS.env, Value: env.name },
          ],
        }),
      ),
    );
    const credentials = session.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new LabsError(`assuming ${roleArn} returned no credentials (run labs doctor --cloud aws)`, 3);
    }
    return {
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: credentials.SessionToken,
    };
  }

  /** Every `labs-<lab>-<env>` stack with its tags. */
  async list(): Promise<EnvironmentRecord[]> {
    const stacks: Stack[] = [];
    let nextToken: string | undefined;
    do {
      const page = await withDeadline(
        'listing CloudFormation stacks',
        this.cloudFormation.send(new DescribeStacksCommand({ NextToken: nextToken })),
      );
      stacks.push(...(page.Stacks ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return recordsOf(stacks);
  }

  /** The record of one stack, or undefined when it does not exist. */
  async find(stack: string): Promise<EnvironmentRecord | undefined> {
    // One DescribeStacks for this stack, not a listing of the account: a class run calls this once per environment.
    const page = await withDeadline(
      `describing CloudFormation stack ${stack}`,
      this.cloudFormation
        .send(new DescribeStacksCommand({ StackName: stack }))
        .catch((error: Error) => (/does not exist/.test(error.message) ? { Stacks: [] } : Promise.reject(error))),
    );
    return recordsOf(page.Stacks ?? []).find((record) => record.stack === stack);
  }

  /** The AWS account id: `aws.account` in labs.config.json, else `AWS_ACCOUNT_ID`, else STS. */
  async account(): Promise<string> {
    const configured = this.config.aws.account ?? process.env.AWS_ACCOUNT_ID;
    if (configured) return configured;
    const identity = await withDeadline('looking up the AWS account', this.sts.send(new GetCallerIdentityCommand({})));
    if (!identity.Account) throw new LabsError('STS returned no account id', 3);
    return identity.Account;
  }
}

/** The records of the lab environment stacks among CloudFormation stacks (deleted ones left out). */
function recordsOf(stacks: readonly Stack[]): EnvironmentRecord[] {
  return stacks.flatMap((stack) => {
    const parsed = parseStackName(stack.StackName ?? '');
    if (!parsed || stack.StackStatus === 'DELETE_COMPLETE') return [];
    const tag = (key: string) => stack.Tags?.find((t) => t.Key === key)?.Value;
    return [
      {
        cloud: 'aws' as const,
        lab: parsed.lab,
        env: parsed.env,
        stack: stack.StackName ?? '',
        owner: tag(TAG_KEYS.owner),
        expiresAt: parseExpiry(tag(TAG_KEYS.expiresAt)),
        createdAt: stack.CreationTime,
        updatedAt: stack.LastUpdatedTime ?? stack.CreationTime,
        state: stack.StackStatus ?? 'UNKNOWN',
        sink: stack.Outputs?.find((output) => output.OutputKey === SINK_OUTPUT)?.OutputValue,
      },
    ];
  });
}
