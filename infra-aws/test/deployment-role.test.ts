import { environment, FOUNDATION_STACK, stackName, type LabId } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsLabsWithStacks, buildApp } from '../src/app';
import {
  describe as line,
  evaluate,
  isPublicParameter,
  requestsOf,
  type Deployer,
  type PolicyJson,
  type ProofRequest,
  type ProofResult,
} from './permissions/deployment-proof';
import { HANDLER_PERMISSIONS_SOURCE } from './permissions/handler-permissions';
import { ACCOUNT, REGION, TemplateWorld, type Template } from './permissions/template-world';
import { TEST_SINK } from './synth-helper';

/** Synthesizes the foundation and every AWS lab (kinesis-data with its BigQuery sink) for one environment name (no cdk-nag: it only adds metadata). */
function synth(envName: string): { foundation: TemplateWorld; labs: TemplateWorld[] } {
  const labs = awsLabsWithStacks() as LabId[];
  const now = new Date('2026-12-01T00:00:00Z');
  const assembly = buildApp({
    outdir: mkdtempSync(join(tmpdir(), 'labs-proof-')),
    foundation: true,
    nag: false,
    now,
    environments: labs.map((lab) => ({
      labEnvironment: environment(lab, envName),
      owner: `${envName}@example.com`,
      expiresAt: new Date('2026-12-01T04:00:00Z'),
      ...(lab === 'kinesis-data' ? { sink: TEST_SINK } : {}),
    })),
  }).synth();
  const world = (name: string) => new TemplateWorld(name, assembly.getStackByName(name).template as Template);
  return { foundation: world(FOUNDATION_STACK), labs: labs.map((lab) => world(stackName(environment(lab, envName)))) };
}

/** The deployment role's managed policies, resolved as the foundation deploys them. */
function deploymentPolicies(foundation: TemplateWorld): PolicyJson[] {
  return foundation
    .resources()
    .filter((resource) => resource.type === 'AWS::IAM::ManagedPolicy' && resource.name.startsWith('labs-environment-'))
    .map((resource) => resource.properties.PolicyDocument as unknown as PolicyJson);
}

const notAllowed = (results: ProofResult[]) => results.filter((result) => result.result !== 'Allowed');

describe('the deployment role, proven with the IAM policy evaluator against the CloudFormation handler permissions', () => {
  let alice: ReturnType<typeof synth>;
  let bob: ReturnType<typeof synth>;
  let policies: PolicyJson[];
  let requests: Map<string, ProofRequest[]>;
  const aliceSession = (lab: string) => ({ 'labs-lab': lab, 'labs-env': 'alice' });
  const labOf = (world: TemplateWorld) => world.stackName.replace(/^labs-/, '').replace(/-(alice|bob)$/, '');

  beforeAll(async () => {
    alice = synth('alice');
    bob = synth('bob');
    policies = deploymentPolicies(alice.foundation);
    requests = new Map();
    for (const world of alice.labs) requests.set(world.stackName, await requestsOf(world, aliceSession(labOf(world))));
  }, 300_000);

  it("keeps each policy within IAM's 6,144 characters, even in a region with the longest name", () => {
    for (const policy of policies) expect(JSON.stringify(policy).replaceAll(REGION, 'ap-southeast-5').length).toBeLessThanOrEqual(6_144);
  });

  it('names where its data comes from', () => {
    expect(HANDLER_PERMISSIONS_SOURCE).toMatch(/CloudFormation resource schemas .*handlers/);
    expect(policies).toHaveLength(3);
  });

  it('allows every handler permission of every resource in every environment template (create, read, update with tags, delete)', async () => {
    for (const world of alice.labs) {
      const deployer: Deployer = { policies, sessionTags: aliceSession(labOf(world)) };
      const own = requests.get(world.stackName) ?? [];
      expect(own.length).toBeGreaterThan(100);
      expect([world.stackName, notAllowed(await evaluate(own, deployer)).map(line)]).toEqual([world.stackName, []]);
    }
  }, 300_000);

  it("reads the public AMI parameters it uses (checked on the policy's text: the evaluator cannot match ARNs without an account)", () => {
    const text = JSON.stringify(policies);
    for (const world of alice.labs) {
      for (const arn of world.parameterArns().filter(isPublicParameter)) {
        expect(arn).toMatch(/^arn:aws:ssm:us-east-1::parameter\/aws\/service\/ami-amazon-linux-latest\//);
        expect(text).toContain('"ssm:GetParameters"');
        expect(text).toContain(`arn:aws:ssm:${REGION}::parameter/aws/service/ami-amazon-linux-latest/*`);
      }
    }
  });

  it.each([
    ['iam:ListAttachedRolePolicies', 'the role delete handler lists attached policies'],
    ['iam:ListRolePolicies', 'the role delete handler lists inline policies'],
    ['cloudwatch:TagResource', 'extend re-tags the alarms'],
    ['logs:UntagResource', 'extend may untag the log groups'],
    ['ec2:CreateTags', 'instances, security groups and launch templates are tagged'],
    ['kms:TagResource', 'extend re-tags the keys'],
    ['lambda:CreateEventSourceMapping', "the sensor sink's event source mapping is created"],
    ['lambda:GetEventSourceMapping', 'CloudFormation reads the mapping after each change'],
  ])(
    'fails when %s is removed from the role (%s)',
    async (action) => {
      const without = policies.map((policy) => ({
        ...policy,
        Statement: policy.Statement.map((statement) => {
          const s = statement as { Action: string | string[] };
          return { ...s, Action: [s.Action].flat().filter((a) => a !== action) };
        }).filter((statement) => statement.Action.length),
      }));
      const affected = [...requests.values()].flat().filter((request) => request.action === action);
      expect(affected.length).toBeGreaterThan(0);
      const results = await evaluate(affected, { policies: without, sessionTags: aliceSession(labOf(alice.labs[0] as TemplateWorld)) });
      expect(
        results.filter((r) => r.result === 'Allowed' && r.context['aws:PrincipalTag/labs-lab'] === labOf(alice.labs[0] as TemplateWorld)),
      ).toEqual([]);
    },
    120_000,
  );

  it("lets deploying labs-<lab>-alice act on no resource of bob's environment, nor on bob's stack", async () => {
    for (const world of bob.labs) {
      const lab = labOf(world);
      const onBob = (await requestsOf(world, aliceSession(lab))).filter((request) => request.ownedByTemplate);
      expect(onBob.length).toBeGreaterThan(50);
      const allowed = (await evaluate(onBob, { policies, sessionTags: aliceSession(lab) })).filter((result) => result.result === 'Allowed');
      expect([world.stackName, allowed.map(line)]).toEqual([world.stackName, []]);
    }
  }, 300_000);

  describe('cannot escalate', () => {
    const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/labs-boundary-${REGION}`;
    const own = role('labs-kinesis-data-alice-ScalerRole-ABC');
    const ask = async (action: string, target: string, context: Record<string, string | string[]> = {}) => {
      const [result] = await evaluate(
        [
          {
            resource: 'probe',
            type: 'probe',
            handler: 'stack',
            action,
            target,
            ownedByTemplate: false,
            context: { 'aws:PrincipalTag/labs-env': 'alice', 'aws:PrincipalTag/labs-lab': 'kinesis-data', ...context },
          },
        ],
        { policies, sessionTags: aliceSession('kinesis-data') },
      );
      return result?.result;
    };
    const ownTags = {
      'aws:RequestTag/labs-env': 'alice',
      'aws:RequestTag/labs-lab': 'kinesis-data',
      'aws:TagKeys': ['labs-env', 'labs-lab'],
    };

    it('creates roles only with the permissions boundary and its own environment tags', async () => {
      expect(await ask('iam:CreateRole', own, { ...ownTags, 'iam:PermissionsBoundary': boundary })).toBe('Allowed');
      expect(await ask('iam:CreateRole', own, ownTags)).not.toBe('Allowed');
      expect(await ask('iam:CreateRole', own, { ...ownTags, 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/other` })).not.toBe(
        'Allowed',
      );
      expect(
        await ask('iam:CreateRole', own, {
          'iam:PermissionsBoundary': boundary,
          'aws:RequestTag/labs-env': 'bob',
          'aws:RequestTag/labs-lab': 'kinesis-data',
        }),
      ).not.toBe('Allowed');
      expect(await ask('iam:DeleteRolePermissionsBoundary', own, { 'iam:PermissionsBoundary': boundary })).toBe('ExplicitlyDenied');
      expect(await ask('iam:PutRolePolicy', own, {})).not.toBe('Allowed');
    });

    it('attaches only the managed policies the labs use', async () => {
      const attach = (policy: string) =>
        ask('iam:AttachRolePolicy', own, { 'iam:PermissionsBoundary': boundary, 'iam:PolicyARN': `arn:aws:iam::aws:policy/${policy}` });
      expect(await attach('service-role/AWSLambdaBasicExecutionRole')).toBe('Allowed');
      // The instances carry only the Session Manager actions the agent needs, inline: no account-wide parameter read.
      expect(await attach('AmazonSSMManagedInstanceCore')).not.toBe('Allowed');
      expect(await attach('AdministratorAccess')).not.toBe('Allowed');
      expect(await attach('IAMFullAccess')).not.toBe('Allowed');
    });

    it("never modifies or passes the foundation's own roles, nor its policies", async () => {
      for (const target of [role(`labs-cfn-deploy-${REGION}`), role('labs-foundation-ExpirerFunctionServiceRole-XYZ')]) {
        for (const action of [
          'iam:PassRole',
          'iam:UpdateAssumeRolePolicy',
          'iam:PutRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DeleteRole',
          'iam:TagRole',
        ]) {
          expect([
            action,
            target,
            await ask(action, target, { 'iam:PassedToService': 'lambda.amazonaws.com', 'iam:PermissionsBoundary': boundary }),
          ]).toEqual([action, target, 'ExplicitlyDenied']);
        }
      }
      expect(await ask('iam:CreatePolicyVersion', `arn:aws:iam::${ACCOUNT}:policy/labs-boundary-${REGION}`)).toBe('ExplicitlyDenied');
    });

    it('passes its own roles only to the services the labs use', async () => {
      expect(await ask('iam:PassRole', own, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('Allowed');
      expect(await ask('iam:PassRole', own, { 'iam:PassedToService': 'cloudformation.amazonaws.com' })).not.toBe('Allowed');
      expect(
        await ask('iam:PassRole', role('labs-kinesis-data-bob-ScalerRole-ABC'), { 'iam:PassedToService': 'lambda.amazonaws.com' }),
      ).not.toBe('Allowed');
    });

    it("manages only its own environment's sensor sink role, and only from a kinesis-data session", async () => {
      const sinkRole = role('labs-sensor-sink-alice');
      const create = { ...ownTags, 'iam:PermissionsBoundary': boundary };
      expect(await ask('iam:CreateRole', sinkRole, create)).toBe('Allowed');
      expect(await ask('iam:PassRole', sinkRole, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('Allowed');
      for (const other of ['labs-sensor-sink-bob', 'labs-sensor-sink-alice2', 'labs-sensor-sink-ali']) {
        for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRole', 'iam:PassRole']) {
          expect([action, other, await ask(action, role(other), { ...create, 'iam:PassedToService': 'lambda.amazonaws.com' })]).toEqual([
            action,
            other,
            'ImplicitlyDenied',
          ]);
        }
      }
      // A kinesis-video session of the same environment name is another lab: the sink role is out of its reach.
      const [asVideo] = await evaluate(
        [
          {
            resource: 'probe',
            type: 'probe',
            handler: 'stack',
            action: 'iam:CreateRole',
            target: sinkRole,
            ownedByTemplate: false,
            context: {
              'aws:PrincipalTag/labs-env': 'alice',
              'aws:PrincipalTag/labs-lab': 'kinesis-video',
              'aws:RequestTag/labs-env': 'alice',
              'aws:RequestTag/labs-lab': 'kinesis-video',
              'iam:PermissionsBoundary': boundary,
            },
          },
        ],
        { policies, sessionTags: aliceSession('kinesis-video') },
      );
      expect(asVideo?.result).toBe('ExplicitlyDenied');
    });

    it("maps only its own functions to streams, and changes only its own environment's mappings", async () => {
      const fn = (stack: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${stack}-SensorSinkWriterFunction-ABC`;
      const mapping = `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:0f1e2d3c-4b5a-4968-8776-655443322110`;
      expect(await ask('lambda:CreateEventSourceMapping', '*', { ...ownTags, 'lambda:FunctionArn': fn('labs-kinesis-data-alice') })).toBe(
        'Allowed',
      );
      expect(await ask('lambda:CreateEventSourceMapping', '*', { ...ownTags, 'lambda:FunctionArn': fn('labs-kinesis-data-bob') })).toBe(
        'ImplicitlyDenied',
      );
      expect(
        await ask('lambda:CreateEventSourceMapping', '*', {
          'aws:RequestTag/labs-env': 'bob',
          'aws:RequestTag/labs-lab': 'kinesis-data',
          'lambda:FunctionArn': fn('labs-kinesis-data-alice'),
        }),
      ).toBe('ImplicitlyDenied');
      for (const action of ['lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping', 'lambda:TagResource']) {
        const own = { 'aws:ResourceTag/labs-env': 'alice', 'lambda:FunctionArn': fn('labs-kinesis-data-alice') };
        expect([action, await ask(action, mapping, own)]).toEqual([action, 'Allowed']);
        const bobs = { 'aws:ResourceTag/labs-env': 'bob', 'lambda:FunctionArn': fn('labs-kinesis-data-bob') };
        expect([action, await ask(action, mapping, bobs)]).toEqual([action, 'ImplicitlyDenied']);
      }
      expect(
        await ask('lambda:UpdateEventSourceMapping', mapping, {
          'aws:ResourceTag/labs-env': 'alice',
          'lambda:FunctionArn': fn('labs-kinesis-data-bob'),
        }),
      ).toBe('ImplicitlyDenied');
    });

    it('refuses imports of existing resources into its stack', async () => {
      const stack = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/labs-kinesis-data-alice/1`;
      expect(await ask('cloudformation:CreateChangeSet', stack, ownTags)).toBe('Allowed');
      expect(
        await ask('cloudformation:CreateChangeSet', stack, { ...ownTags, 'cloudformation:ImportResourceTypes': ['AWS::KMS::Key'] }),
      ).not.toBe('Allowed');
    });
  });

  it('every role of every environment carries the boundary; service trust policies carry aws:SourceAccount (EC2 sends none)', () => {
    for (const world of alice.labs) {
      for (const resource of world.resources().filter((r) => r.type === 'AWS::IAM::Role')) {
        expect([resource.id, resource.properties.PermissionsBoundary]).toEqual([
          resource.id,
          `arn:aws:iam::${ACCOUNT}:policy/labs-boundary-${REGION}`,
        ]);
        const statements = (
          resource.properties.AssumeRolePolicyDocument as {
            Statement: { Principal: { Service: string }; Condition?: Record<string, Record<string, string>> }[];
          }
        ).Statement;
        for (const statement of statements.filter((s) => s.Principal.Service !== 'ec2.amazonaws.com')) {
          expect([resource.id, statement.Condition?.StringEquals?.['aws:SourceAccount']]).toEqual([resource.id, ACCOUNT]);
        }
      }
    }
  });

  it('is assumed only with the session tags that name one environment', () => {
    const role = alice.foundation.resources().find((r) => r.type === 'AWS::IAM::Role' && r.name === `labs-cfn-deploy-${REGION}`);
    const trust = JSON.stringify(role?.properties.AssumeRolePolicyDocument);
    expect(trust).toMatch(/"Action":"sts:TagSession".*"Null":\{"aws:RequestTag\/labs-lab":"false","aws:RequestTag\/labs-env":"false"\}/);
    expect(trust).toMatch(/"ForAllValues:StringEquals":\{"aws:TagKeys":\["labs-lab","labs-env"\]\}/);
  });
});
