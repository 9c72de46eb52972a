import { runSimulation } from '@cloud-copilot/iam-simulate';
import { environment, FOUNDATION_STACK, stackName } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { runtimeActions } from './permissions/runtime-calls';
import { ACCOUNT, REGION, TemplateWorld, type Template, type WorldResource } from './permissions/template-world';
import { SESSION_MANAGER_AGENT_ACTIONS } from '../src/constructs/lab-instance/lab-instance';
import { STREAM_READ_ACTIONS } from '../src/constructs/sensor-sink/sensor-sink';
import { TEST_SINK } from './synth-helper';

/** One runtime role: the code it runs, what each call targets, and what it needs besides its SDK calls. */
interface RuntimeRole {
  readonly stack: string;
  readonly title: string;
  /** Finds the role in the template. */
  readonly role: (world: TemplateWorld) => WorldResource;
  readonly entry: string;
  /** The ARNs each action (or `service:*`) acts on. */
  readonly targets: Record<string, string[]>;
  /** Context a call carries (e.g. the metric namespace). */
  readonly context?: Record<string, Record<string, string>>;
  /** Permissions a role may hold for something other than an SDK call of its code, each with its reason. */
  readonly infrastructure: Record<string, string>;
  /** SDK calls the code sends with another session than the role's own, and which. */
  readonly otherSession?: Record<string, string>;
  /** Calls a service makes with the role for the code (Lambda's event source poller and its on-failure destination), by target. */
  readonly serviceCalls?: (world: TemplateWorld) => Record<string, string[]>;
}

const regional = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const alarms = ['scale-out', 'scale-in', 'throttling'].map((name) => regional('cloudwatch', `alarm:RawStreamData-alice-${name}`));
const dataStream = regional('kinesis', 'stream/RawStreamData-alice');
const deadLetters = {
  'sns:Publish': 'failed asynchronous invocations go to its dead-letter topic',
  'kms:GenerateDataKey': 'the dead-letter topic (and the stream) are encrypted with the environment key',
  'kms:Decrypt': 'publishing to the encrypted dead-letter topic',
};
/** What the Session Manager agent on an instance calls (granted inline by the lab instance construct). */
const sessionManager = Object.fromEntries(
  SESSION_MANAGER_AGENT_ACTIONS.map((action) => [action, 'the Session Manager agent, the only way into the instance']),
);
const functionRole = (description: string) => (world: TemplateWorld) => {
  const fn = world.resources().find((r) => r.type === 'AWS::Lambda::Function' && String(r.properties.Description).includes(description));
  const role = world.resources().find((r) => r.type === 'AWS::IAM::Role' && r.arn === fn?.properties.Role);
  if (!role) throw new Error(`no role for the function "${description}"`);
  return role;
};
const arnOf = (world: TemplateWorld, type: string, idPrefix = '') => {
  const found = world.resources().find((r) => r.type === type && r.id.startsWith(idPrefix));
  if (!found) throw new Error(`no ${type} ${idPrefix} in ${world.stackName}`);
  return found.arn;
};
const instanceRole = (world: TemplateWorld) => {
  const role = world
    .resources()
    .find((r) => r.type === 'AWS::IAM::Role' && JSON.stringify(r.properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'));
  if (!role) throw new Error('no instance role');
  return role;
};

const ROLES: RuntimeRole[] = [
  {
    stack: 'labs-kinesis-data-alice',
    title: 'the shard scaler',
    role: functionRole('Scales the shards'),
    entry: 'packages/shard-scaler/src/lambda.ts',
    targets: {
      'kinesis:*': [dataStream],
      'kinesis:UpdateShardCount': ['*'],
      'cloudwatch:*': alarms,
      'cloudwatch:GetMetricData': ['*'],
      'cloudwatch:PutMetricData': ['*'],
    },
    context: { 'cloudwatch:PutMetricData': { 'cloudwatch:namespace': 'Labs/Kinesis' } },
    infrastructure: deadLetters,
  },
  {
    stack: 'labs-kinesis-data-alice',
    title: 'the stream custom resource',
    role: functionRole('Creates and configures Kinesis stream'),
    entry: 'packages/shard-scaler/src/stream-resource-lambda.ts',
    targets: { 'kinesis:*': [dataStream] },
    infrastructure: { ...deadLetters, 'kms:DescribeKey': 'StartStreamEncryption checks the key it is given' },
  },
  {
    stack: 'labs-kinesis-data-alice',
    title: 'the BigQuery sensor sink',
    role: functionRole('into BigQuery'),
    entry: 'packages/sensor-sink/src/lambda.ts',
    // Its only AWS call is the GetCallerIdentity request it signs for Google's STS, which IAM never refuses.
    targets: {},
    serviceCalls: (world) => {
      const key = arnOf(world, 'AWS::KMS::Key');
      return {
        ...Object.fromEntries(STREAM_READ_ACTIONS.map((action) => [action, [dataStream]])),
        'kms:Decrypt': [key],
        'kms:GenerateDataKey': [key],
        'sqs:SendMessage': [arnOf(world, 'AWS::SQS::Queue', 'SensorSink')],
      };
    },
    infrastructure: deadLetters,
  },
  {
    stack: 'labs-kinesis-data-alice',
    title: 'the sensor producer instance',
    role: instanceRole,
    entry: 'packages/sensor-producer/src/ec2-main.ts',
    targets: { 'kinesis:*': [dataStream] },
    infrastructure: {
      ...sessionManager,
      'kms:GenerateDataKey': 'writing to a KMS-encrypted stream',
      's3:GetObject': 'the instance downloads its program asset',
    },
  },
  {
    stack: 'labs-kinesis-video-alice',
    title: 'the video producer instance',
    role: instanceRole,
    entry: 'packages/video-producer/src/ec2-main.ts',
    targets: { 'kinesisvideo:*': [regional('kinesisvideo', 'stream/VideoStream-alice/1700000000000')] },
    infrastructure: {
      ...sessionManager,
      'kms:GenerateDataKey': 'putting media into a KMS-encrypted video stream',
      's3:GetObject': 'the instance downloads its program and ffmpeg assets',
    },
  },
  {
    stack: FOUNDATION_STACK,
    title: 'the expirer',
    role: functionRole('Deletes an expired labs environment stack'),
    entry: 'packages/expiry/src/lambda.ts',
    targets: {
      'cloudformation:DescribeStacks': [regional('cloudformation', 'stack/labs-kinesis-data-alice/1')],
      'sts:AssumeRole': [`arn:aws:iam::${ACCOUNT}:role/labs-cfn-deploy-${REGION}`],
    },
    context: { 'sts:AssumeRole': { 'aws:RequestTag/labs-env': 'alice', 'aws:RequestTag/labs-lab': 'kinesis-data' } },
    infrastructure: { ...deadLetters, 'sts:TagSession': 'AssumeRole with session tags needs sts:TagSession' },
    otherSession: { 'cloudformation:DeleteStack': 'sent as the tagged deployment-role session (proven in deployment-role.test.ts)' },
  },
];

describe('runtime roles: every AWS call the code sends is allowed on what it targets, and nothing more is granted', () => {
  let worlds: Map<string, TemplateWorld>;
  let boundary: unknown;
  beforeAll(() => {
    const now = new Date('2026-12-01T00:00:00Z');
    const expiresAt = new Date('2026-12-01T04:00:00Z');
    const assembly = buildApp({
      outdir: mkdtempSync(join(tmpdir(), 'labs-runtime-')),
      foundation: true,
      nag: false,
      now,
      environments: ['kinesis-data', 'kinesis-video'].map((lab) => ({
        labEnvironment: environment(lab, 'alice'),
        owner: 'alice@example.com',
        expiresAt,
        ...(lab === 'kinesis-data' ? { sink: TEST_SINK } : {}),
      })),
    }).synth();
    const names = [FOUNDATION_STACK, ...['kinesis-data', 'kinesis-video'].map((lab) => stackName(environment(lab, 'alice')))];
    worlds = new Map(names.map((name) => [name, new TemplateWorld(name, assembly.getStackByName(name).template as Template)]));
    boundary = (worlds.get(FOUNDATION_STACK) as TemplateWorld).resources().find((r) => r.name === `labs-boundary-${REGION}`)
      ?.properties.PolicyDocument;
  }, 180_000);

  const inlinePolicies = (world: TemplateWorld, role: WorldResource) =>
    world
      .resources()
      .filter((r) => r.type === 'AWS::IAM::Policy' && r.arn === role.arn)
      .map((r) => r.properties.PolicyDocument as { Statement: { Action: string | string[] }[] });

  it.each(ROLES.map((role) => [role.title, role] as const))('%s: each call is allowed by its role and its boundary', async (_, spec) => {
    const world = worlds.get(spec.stack) as TemplateWorld;
    const role = spec.role(world);
    const calls = runtimeActions(spec.entry).filter((action) => !spec.otherSession?.[action]);
    const serviceCalls = spec.serviceCalls?.(world) ?? {};
    expect(calls.length + Object.keys(serviceCalls).length).toBeGreaterThan(0);
    const denied: string[] = [];
    const requests = [
      ...calls.map((action) => {
        const targets = spec.targets[action] ?? spec.targets[`${action.split(':')[0]}:*`];
        if (!targets) throw new Error(`${spec.title}: no target known for ${action}: add it to the table`);
        return [action, targets] as const;
      }),
      ...Object.entries(serviceCalls),
    ];
    for (const [action, targets] of requests) {
      for (const target of targets) {
        const targetResource = world.resources().find((r) => r.arn === target && r.type !== 'AWS::IAM::Policy');
        const resourceTags = targetResource?.tags ?? {};
        const outcome = await runSimulation(
          {
            request: {
              principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/session`,
              action,
              resource: { resource: target, accountId: ACCOUNT },
              contextVariables: {
                ...Object.fromEntries(Object.entries(role.tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, value])),
                ...Object.fromEntries(Object.entries(resourceTags).map(([key, value]) => [`aws:ResourceTag/${key}`, value])),
                ...spec.context?.[action],
              },
            },
            identityPolicies: inlinePolicies(world, role).map((policy, index) => ({ name: `inline-${index}`, policy })),
            permissionBoundaryPolicies: role.properties.PermissionsBoundary
              ? [{ name: 'boundary', policy: withRoleTags(boundary, role.tags) }]
              : undefined,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            // A key's own policy must allow its use too (it delegates to IAM and refuses other environments).
            resourcePolicy: targetResource?.type === 'AWS::KMS::Key' ? targetResource.properties.KeyPolicy : undefined,
          },
          {},
        );
        const result = outcome.resultType === 'error' ? `error ${JSON.stringify(outcome.errors)}` : outcome.overallResult;
        if (result !== 'Allowed') denied.push(`${action} on ${target}: ${result}`);
      }
    }
    expect(denied).toEqual([]);
  });

  it.each(ROLES.map((role) => [role.title, role] as const))(
    '%s: grants nothing beyond its calls and the infrastructure it needs',
    (_, spec) => {
      const world = worlds.get(spec.stack) as TemplateWorld;
      const granted = new Set(
        inlinePolicies(world, spec.role(world)).flatMap((policy) => policy.Statement.flatMap((s) => [s.Action].flat())),
      );
      const calls = [
        ...runtimeActions(spec.entry).filter((action) => !spec.otherSession?.[action]),
        ...Object.keys(spec.serviceCalls?.(world) ?? {}),
      ];
      const allowedToHold = new Set([...calls, ...Object.keys(spec.infrastructure)]);
      expect([...granted].filter((action) => !allowedToHold.has(action)).sort()).toEqual([]);
      expect(calls.filter((action) => !granted.has(action))).toEqual([]);
    },
  );
});

/** Substitutes the role's own tags for the boundary's policy variables (see withSessionTags in deployment-proof.ts). */
function withRoleTags(policy: unknown, tags: Record<string, string>): unknown {
  return JSON.parse(JSON.stringify(policy).replace(/\$\{aws:PrincipalTag\/([\w-]+)\}/g, (_, key: string) => tags[key] ?? '')) as unknown;
}
