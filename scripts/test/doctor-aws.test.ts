import { parseProjectConfig } from '@labs/config';
import { awsChecks, type AwsDoctorClients } from '../src/doctor/aws-checks';

type Answers = Record<string, (input: Record<string, unknown>) => unknown>;

/** Clients that answer each command from recorded responses (shapes as the AWS SDK returns them). */
function clients(answers: Answers): AwsDoctorClients & { sent: string[] } {
  const sent: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push(name);
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(command.input);
    },
  };
  return { sts: client, cloudFormation: client, lambda: client, sent } as unknown as AwsDoctorClients & { sent: string[] };
}

const healthy: Answers = {
  GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Trainer/ana' }),
  DescribeStacks: (input) => {
    if (input.StackName === 'CDKToolkit')
      return {
        Stacks: [
          { StackName: 'CDKToolkit', StackStatus: 'UPDATE_COMPLETE', Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: '28' }] },
        ],
      };
    return { Stacks: [{ StackName: 'labs-foundation', StackStatus: 'CREATE_COMPLETE' }] };
  },
  ListStackResources: () => ({
    StackResourceSummaries: [
      { ResourceType: 'AWS::IAM::Role', PhysicalResourceId: 'labs-cfn-deploy-eu-west-1', ResourceStatus: 'CREATE_COMPLETE' },
      {
        ResourceType: 'AWS::IAM::ManagedPolicy',
        PhysicalResourceId: 'arn:aws:iam::123456789012:policy/labs-boundary-eu-west-1',
        ResourceStatus: 'CREATE_COMPLETE',
      },
      { ResourceType: 'AWS::Lambda::Function', PhysicalResourceId: 'labs-expirer', ResourceStatus: 'UPDATE_COMPLETE' },
      { ResourceType: 'AWS::Scheduler::ScheduleGroup', PhysicalResourceId: 'labs-expiry', ResourceStatus: 'CREATE_COMPLETE' },
    ],
  }),
  AssumeRole: () => ({ Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() } }),
  GetAccountSettings: () => ({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } }),
};
const environment = { cdkVersions: () => ({ cli: '2.1148.1', lib: '2.276.0' }), nodeVersion: '20.20.2' };
const config = parseProjectConfig({ aws: { region: 'eu-west-1' } });
const byName = (checks: { name: string; ok: boolean; detail: string }[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

describe('labs doctor --cloud aws', () => {
  it('passes every check on a ready account, in order, each with what it saw', async () => {
    const checks = await awsChecks(config, clients(healthy), environment);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['node version', true],
      ['cdk versions', true],
      ['region', true],
      ['credentials and account', true],
      ['cdk bootstrap', true],
      ['labs foundation', true],
      ['deployment role', true],
      ['lambda concurrency', true],
    ]);
    const lines = byName(checks);
    expect(lines['credentials and account']?.detail).toBe('account 123456789012 as arn:aws:sts::123456789012:assumed-role/Trainer/ana');
    expect(lines['cdk bootstrap']?.detail).toBe('CDKToolkit UPDATE_COMPLETE, bootstrap version 28');
    expect(lines['deployment role']?.detail).toMatch(
      /may assume arn:aws:iam::123456789012:role\/labs-cfn-deploy-eu-west-1 with the session tags/,
    );
  });

  it('asks for the deployment role with the session tags of an environment', async () => {
    const seen: Record<string, unknown>[] = [];
    await awsChecks(config, clients({ ...healthy, AssumeRole: (input) => (seen.push(input), healthy.AssumeRole?.(input)) }), environment);
    expect(seen[0]).toMatchObject({
      RoleArn: 'arn:aws:iam::123456789012:role/labs-cfn-deploy-eu-west-1',
      Tags: [
        { Key: 'labs-lab', Value: 'doctor' },
        { Key: 'labs-env', Value: 'doctor' },
      ],
    });
  });

  it('without credentials: says how to get them and skips what needs the account', async () => {
    const checks = byName(
      await awsChecks(
        config,
        clients({
          GetCallerIdentity: () => {
            throw new Error('Could not load credentials from any providers');
          },
        }),
        environment,
      ),
    );
    expect(checks['credentials and account']).toEqual({
      name: 'credentials and account',
      ok: false,
      detail:
        'no working AWS credentials (Could not load credentials from any providers): configure AWS_PROFILE or SSO (aws sso login); never access keys in files',
    });
    expect(checks['cdk bootstrap']).toEqual({ name: 'cdk bootstrap', ok: false, detail: 'not checked: fix the credentials first' });
  });

  it('names the bootstrap command when the account is not bootstrapped, or too old', async () => {
    const missing = {
      ...healthy,
      DescribeStacks: (input: Record<string, unknown>) => {
        if (input.StackName === 'CDKToolkit') throw new Error('Stack with id CDKToolkit does not exist');
        return healthy.DescribeStacks?.(input);
      },
    };
    expect(byName(await awsChecks(config, clients(missing), environment))['cdk bootstrap']?.detail).toBe(
      'no CDKToolkit stack in eu-west-1: run: pnpm --dir infra-aws exec cdk bootstrap aws://123456789012/eu-west-1',
    );
    const old = {
      ...healthy,
      DescribeStacks: (input: Record<string, unknown>) =>
        input.StackName === 'CDKToolkit'
          ? { Stacks: [{ StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: '5' }] }] }
          : healthy.DescribeStacks?.(input),
    };
    expect(byName(await awsChecks(config, clients(old), environment))['cdk bootstrap']?.detail).toMatch(
      /bootstrap version 5, the labs need 6 or newer: run: /,
    );
  });

  it('names what the foundation lacks, and labs bootstrap as the fix', async () => {
    const partial = {
      ...healthy,
      ListStackResources: () => ({
        StackResourceSummaries: [
          { ResourceType: 'AWS::IAM::Role', PhysicalResourceId: 'labs-cfn-deploy-eu-west-1', ResourceStatus: 'CREATE_COMPLETE' },
        ],
      }),
    };
    expect(byName(await awsChecks(config, clients(partial), environment))['labs foundation']?.detail).toBe(
      'labs-foundation lacks its permissions boundary labs-boundary-eu-west-1, expirer labs-expirer, expiry schedule group labs-expiry: run: pnpm --silent labs bootstrap --cloud aws',
    );
  });

  it('fails when the caller may not assume the deployment role with session tags', async () => {
    const denied = {
      ...healthy,
      AssumeRole: () => {
        throw new Error('User is not authorized to perform: sts:TagSession');
      },
    };
    expect(byName(await awsChecks(config, clients(denied), environment))['deployment role']?.detail).toMatch(
      /cannot assume .*labs-cfn-deploy-eu-west-1 with session tags \(User is not authorized to perform: sts:TagSession\): your identity needs sts:AssumeRole and sts:TagSession on it/,
    );
  });

  it('fails on a new account whose Lambda concurrency leaves too little unreserved', async () => {
    const tight = {
      ...healthy,
      GetAccountSettings: () => ({ AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 2 } }),
    };
    expect(byName(await awsChecks(config, clients(tight), environment))['lambda concurrency']).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^2 unreserved concurrent executions of 10: the labs functions need 3; .*Service Quotas$/),
    });
  });

  it('refuses a malformed region, an account other than the configured one, and an old Node.js', async () => {
    const checks = byName(
      await awsChecks(parseProjectConfig({ aws: { region: 'Frankfurt', account: '999999999999' } }), clients(healthy), {
        ...environment,
        nodeVersion: '18.19.0',
      }),
    );
    expect(checks.region?.detail).toBe('"Frankfurt" is not an AWS region: set aws.region in labs.config.json (for example us-east-1)');
    expect(checks['credentials and account']?.detail).toMatch(/account 123456789012, labs.config.json names 999999999999/);
    expect(checks['node version']?.ok).toBe(false);
  });
});
