import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { expire, type ExpirerDeps } from '../src/expirer';

type Sent = { client: string; command: string; input: unknown };

/** Clients that record what they are sent and answer like the services do. */
function deps(stack: { status: string; tags: Record<string, string> } | 'missing', deleteError?: Error) {
  const sent: Sent[] = [];
  const client = (name: string, answer: (command: { input: unknown }) => unknown) => ({
    send: async (command: { input: unknown; constructor: { name: string } }) => {
      sent.push({ client: name, command: command.constructor.name, input: command.input });
      return answer(command);
    },
  });
  const value: ExpirerDeps = {
    cloudFormation: client('cloudformation', (command) => {
      if (!(command instanceof DescribeStacksCommand)) throw new Error('unexpected');
      if (stack === 'missing') throw new Error('Stack with id labs-kinesis-data-alice does not exist');
      return {
        Stacks: [
          {
            StackName: 'labs-kinesis-data-alice',
            StackStatus: stack.status,
            Tags: Object.entries(stack.tags).map(([Key, Value]) => ({ Key, Value })),
          },
        ],
      };
    }) as ExpirerDeps['cloudFormation'],
    sts: client('sts', () => ({
      Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 'secret', SessionToken: 'token' },
    })) as ExpirerDeps['sts'],
    cloudFormationAs: (credentials) =>
      client(`cloudformation as ${credentials.accessKeyId}`, (command) => {
        if (!(command instanceof DeleteStackCommand)) throw new Error('unexpected');
        if (deleteError) throw deleteError;
        return {};
      }) as ReturnType<ExpirerDeps['cloudFormationAs']>,
    deploymentRoleArn: 'arn:aws:iam::123456789012:role/labs-cfn-deploy-us-east-1',
    clock: () => new Date('2026-12-01T12:00:30Z'),
    log: () => undefined,
  };
  return { value, sent };
}

const expired = {
  status: 'UPDATE_COMPLETE',
  tags: { 'labs-lab': 'kinesis-data', 'labs-env': 'alice', 'labs-expires-at': '2026-12-01T12:00:00Z' },
};

describe('expire', () => {
  it('assumes the deployment role with the stack own session tags, then deletes the stack with that session', async () => {
    const { value, sent } = deps(expired);
    await expect(expire({ stackName: 'labs-kinesis-data-alice' }, value)).resolves.toMatchObject({ action: 'delete' });
    expect(sent.map((s) => `${s.client} ${s.command}`)).toEqual([
      'cloudformation DescribeStacksCommand',
      'sts AssumeRoleCommand',
      'cloudformation as ASIA DeleteStackCommand',
    ]);
    expect(sent[1]?.input).toMatchObject({
      RoleArn: 'arn:aws:iam::123456789012:role/labs-cfn-deploy-us-east-1',
      Tags: [
        { Key: 'labs-lab', Value: 'kinesis-data' },
        { Key: 'labs-env', Value: 'alice' },
      ],
    });
    expect(sent[2]?.input).toEqual({ StackName: 'labs-kinesis-data-alice' });
  });

  it('does nothing for a stack that no longer exists or was extended', async () => {
    const missing = deps('missing');
    await expect(expire({ stackName: 'labs-kinesis-data-alice' }, missing.value)).resolves.toMatchObject({ action: 'skip' });
    const extended = deps({ ...expired, tags: { ...expired.tags, 'labs-expires-at': '2026-12-01T18:00:00Z' } });
    await expect(expire({ stackName: 'labs-kinesis-data-alice' }, extended.value)).resolves.toMatchObject({ action: 'skip' });
    expect([...missing.sent, ...extended.sent].map((s) => s.command)).not.toContain('DeleteStackCommand');
  });

  it('throws when the deletion cannot start (e.g. a stack in UPDATE_IN_PROGRESS), so Lambda retries and the errors alarm fires', async () => {
    const { value } = deps(expired, new Error('Stack labs-kinesis-data-alice is in UPDATE_IN_PROGRESS state and can not be deleted'));
    await expect(expire({ stackName: 'labs-kinesis-data-alice' }, value)).rejects.toThrow(/UPDATE_IN_PROGRESS/);
  });

  it('refuses an event without a stack name', async () => {
    await expect(expire({} as never, deps(expired).value)).rejects.toThrow(/without a stackName/);
  });
});
