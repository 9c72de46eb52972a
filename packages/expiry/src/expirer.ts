import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { decideExpiry, type DeleteStack, type SkipStack } from './decide';

/** The event each expiry schedule sends. */
export interface ExpiryEvent {
  readonly stackName: string;
}

/** The clients and settings the expirer uses (injected; the Lambda entry point builds real ones). */
export interface ExpirerDeps {
  /** CloudFormation with the expirer's own role: it may only describe stacks. */
  readonly cloudFormation: Pick<CloudFormationClient, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  /** CloudFormation with the credentials of a tagged deployment-role session. */
  readonly cloudFormationAs: (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
  }) => Pick<CloudFormationClient, 'send'>;
  /** The foundation's deployment role. */
  readonly deploymentRoleArn: string;
  readonly clock: () => Date;
  readonly log: (line: string) => void;
}

/**
 * Handles one expiry: reads the named stack, decides with {@link decideExpiry}, and deletes it through a
 * deployment-role session tagged with the stack's own lab and environment (so the deletion is confined
 * to that environment). Throws when the deletion cannot be started, so Lambda retries and the failure
 * reaches the dead-letter topic and the errors alarm.
 */
export async function expire(event: ExpiryEvent, deps: ExpirerDeps): Promise<DeleteStack | SkipStack> {
  if (!event || typeof event.stackName !== 'string') throw new Error(`expiry event without a stackName: ${JSON.stringify(event)}`);
  let stack;
  try {
    stack = (await deps.cloudFormation.send(new DescribeStacksCommand({ StackName: event.stackName }))).Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) {
      deps.log(`${event.stackName} does not exist: nothing to expire`);
      return { action: 'skip', reason: `${event.stackName} does not exist` };
    }
    throw error;
  }
  const tags = Object.fromEntries((stack?.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const decision = decideExpiry({ name: event.stackName, status: stack?.StackStatus ?? 'DELETE_COMPLETE', tags }, deps.clock());
  if (decision.action === 'skip') {
    deps.log(`skipped: ${decision.reason}`);
    return decision;
  }
  const session = await deps.sts.send(
    new AssumeRoleCommand({
      RoleArn: deps.deploymentRoleArn,
      RoleSessionName: `expire-${event.stackName}`.slice(0, 64),
      Tags: Object.entries(decision.sessionTags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  const credentials = session.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
    throw new Error('AssumeRole returned no credentials');
  await deps
    .cloudFormationAs({
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    })
    .send(new DeleteStackCommand({ StackName: event.stackName }));
  deps.log(`deleting ${event.stackName} as ${decision.sessionTags['labs-lab']}/${decision.sessionTags['labs-env']}`);
  return decision;
}
