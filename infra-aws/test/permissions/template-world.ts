import { createHash } from 'node:crypto';

/** The account and region the proof pretends to deploy in. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** What the foundation's SSM parameters resolve to in that account. */
export const FOUNDATION_VALUES: Record<string, string> = {
  '/labs/foundation/vpc-id': 'vpc-0f0a0b0c0d0e0f001',
  '/labs/foundation/private-subnet-a': 'subnet-0a0a0a0a0a0a0a0a1',
  '/labs/foundation/private-subnet-b': 'subnet-0b0b0b0b0b0b0b0b2',
};
/** An Amazon Linux 2023 image id, for the AMI parameter. */
const IMAGE_ID = 'ami-0123456789abcdef0';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Resource = { Type: string; Properties?: Record<string, Json> };
/** A CloudFormation template (the parts the proof reads). */
export interface Template {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, { Type: string; Default?: string }>;
}

/** One resource of a template as the account would see it once deployed. */
export interface WorldResource {
  readonly id: string;
  readonly type: string;
  readonly properties: Record<string, Json>;
  /** Its physical name (or id). */
  readonly name: string;
  /** Its ARN (for policies and topic subscriptions: the ARN of what they attach to). */
  readonly arn: string;
  /** Its tags. */
  readonly tags: Record<string, string>;
}

/** IAM resource type of each CloudFormation type's own ARN (Service Authorization Reference names). */
export const IAM_RESOURCE_TYPE: Record<string, string> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::Policy': 'role',
  'AWS::IAM::InstanceProfile': 'instance-profile',
  'AWS::Lambda::Function': 'function',
  'AWS::Lambda::Permission': 'function',
  'AWS::Lambda::EventSourceMapping': 'eventSourceMapping',
  'AWS::SNS::Topic': 'topic',
  'AWS::SNS::TopicPolicy': 'topic',
  'AWS::SNS::Subscription': 'topic',
  'AWS::SQS::Queue': 'queue',
  'AWS::SQS::QueuePolicy': 'queue',
  'AWS::Logs::LogGroup': 'log-group',
  'AWS::CloudWatch::Alarm': 'alarm',
  'AWS::CloudWatch::Dashboard': 'dashboard',
  'AWS::KMS::Key': 'key',
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::SecurityGroup': 'security-group',
  'AWS::EC2::LaunchTemplate': 'launch-template',
  'AWS::Scheduler::Schedule': 'schedule',
  'AWS::KinesisVideo::Stream': 'stream',
};

const NAME_PROPERTIES = [
  'RoleName',
  'InstanceProfileName',
  'FunctionName',
  'TopicName',
  'QueueName',
  'LogGroupName',
  'AlarmName',
  'DashboardName',
  'LaunchTemplateName',
  'ManagedPolicyName',
  'Name',
];

const regional = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const suffix = (seed: string, length: number) => createHash('sha256').update(seed).digest('hex').slice(0, length);

/**
 * A deployed view of one synthesized template: physical names (explicit ones, or CloudFormation's
 * `<stack>-<logical id>-<suffix>`), ARNs and tags of every resource, with the template's intrinsic
 * functions resolved as CloudFormation would in {@link ACCOUNT}/{@link REGION}.
 */
export class TemplateWorld {
  private readonly names = new Map<string, string>();

  constructor(
    readonly stackName: string,
    readonly template: Template,
  ) {}

  /** The stack's ARN. */
  get stackArn(): string {
    return regional('cloudformation', `stack/${this.stackName}/${suffix(this.stackName, 8)}`);
  }

  /** Every resource, resolved. */
  resources(): WorldResource[] {
    return Object.keys(this.template.Resources).map((id) => this.resource(id));
  }

  /** One resource by logical id, resolved. */
  resource(id: string): WorldResource {
    const raw = this.template.Resources[id];
    if (!raw) throw new Error(`${this.stackName} has no resource ${id}`);
    const properties = (this.resolve(raw.Properties ?? {}) ?? {}) as Record<string, Json>;
    return {
      id,
      type: raw.Type,
      properties,
      name: this.physicalName(id),
      arn: this.arnOf(id, properties),
      tags: tagsOf(raw.Type, properties),
    };
  }

  /** The SSM parameters the template reads, as parameter ARNs. */
  parameterArns(): string[] {
    return Object.values(this.template.Parameters ?? {})
      .filter((parameter) => parameter.Type.startsWith('AWS::SSM::Parameter::Value') && parameter.Default)
      .map((parameter) =>
        parameter.Default?.startsWith('/aws/service/')
          ? `arn:aws:ssm:${REGION}::parameter${parameter.Default}`
          : regional('ssm', `parameter${parameter.Default}`),
      );
  }

  /** Resolves intrinsic functions, pseudo parameters and parameters. */
  resolve(value: Json | undefined): Json | undefined {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item) as Json);
    if (!value || typeof value !== 'object') return value;
    const [key, argument] = Object.entries(value)[0] ?? [];
    if (Object.keys(value).length === 1 && key?.startsWith('Fn::')) return this.intrinsic(key, argument as Json);
    if (Object.keys(value).length === 1 && key === 'Ref') return this.ref(String(argument));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v) as Json]));
  }

  private intrinsic(name: string, argument: Json): Json {
    switch (name) {
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, Json[]];
        return (this.resolve(parts) as Json[]).map(String).join(separator);
      }
      case 'Fn::Sub':
        return String(Array.isArray(argument) ? argument[0] : argument).replace(/\$\{([^}!]+)\}/g, (_, ref: string) =>
          ref.includes('.') ? String(this.getAtt(...(ref.split('.') as [string, string]))) : String(this.ref(ref)),
        );
      case 'Fn::GetAtt': {
        const [id, attribute] = argument as [string, string];
        return this.getAtt(id, attribute);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number, Json];
        return (this.resolve(list) as Json[])[Number(index)] ?? null;
      }
      case 'Fn::Base64':
        return Buffer.from(String(this.resolve(argument))).toString('base64');
      case 'Fn::GetAZs':
        return [`${REGION}a`, `${REGION}b`];
      default:
        throw new Error(`the proof cannot resolve ${name} in ${this.stackName}`);
    }
  }

  private ref(name: string): Json {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': ACCOUNT,
      'AWS::Region': REGION,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.stackName,
    };
    if (pseudo[name]) return pseudo[name];
    const parameter = this.template.Parameters?.[name];
    if (parameter)
      return parameter.Type.includes('Image::Id') ? IMAGE_ID : (FOUNDATION_VALUES[parameter.Default ?? ''] ?? parameter.Default ?? '');
    const resource = this.template.Resources[name];
    if (!resource) throw new Error(`${this.stackName}: Ref to unknown ${name}`);
    switch (resource.Type) {
      case 'AWS::SNS::Topic':
      case 'AWS::KinesisVideo::Stream':
      case 'AWS::IAM::ManagedPolicy':
        return this.arnOf(name, {});
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${this.physicalName(name)}`;
      default:
        return this.physicalName(name);
    }
  }

  private getAtt(id: string, attribute: string): Json {
    if (attribute === 'Arn') return this.arnOf(id, {});
    if (attribute === 'GroupId') return this.physicalName(id);
    if (attribute === 'QueueName') return this.physicalName(id);
    if (attribute.endsWith('VersionNumber')) return '1';
    return `${this.physicalName(id)}.${attribute}`;
  }

  private physicalName(id: string): string {
    const cached = this.names.get(id);
    if (cached) return cached;
    const raw = this.template.Resources[id];
    const explicit = NAME_PROPERTIES.map((key) => this.resolve(raw?.Properties?.[key])).find((value) => typeof value === 'string') as
      string | undefined;
    const seed = `${this.stackName}/${id}`;
    const generated: Record<string, string> = {
      'AWS::KMS::Key': `${suffix(seed, 8)}-${suffix(seed, 4)}-4${suffix(seed, 3)}-8${suffix(seed, 3)}-${suffix(seed, 12)}`,
      'AWS::EC2::Instance': `i-${suffix(seed, 17)}`,
      'AWS::EC2::SecurityGroup': `sg-${suffix(seed, 17)}`,
      'AWS::EC2::LaunchTemplate': `lt-${suffix(seed, 17)}`,
      'AWS::Lambda::EventSourceMapping': `${suffix(seed, 8)}-${suffix(seed, 4)}-4${suffix(seed, 3)}-8${suffix(seed, 3)}-${suffix(seed, 12)}`,
      'AWS::EC2::VPC': FOUNDATION_VALUES['/labs/foundation/vpc-id'] as string,
    };
    const name = generated[raw?.Type ?? ''] ?? explicit ?? `${this.stackName}-${id}-${suffix(seed, 12).toUpperCase()}`.slice(0, 64);
    this.names.set(id, name);
    return name;
  }

  private arnOf(id: string, properties: Record<string, Json>): string {
    const type = this.template.Resources[id]?.Type ?? '';
    const name = this.physicalName(id);
    const first = (value: Json | undefined) => String((Array.isArray(value) ? value[0] : value) ?? '');
    const queueArn = (url: string) => regional('sqs', url.split('/').pop() ?? '');
    switch (type) {
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::IAM::Policy':
        return `arn:aws:iam::${ACCOUNT}:role/${first(properties.Roles)}`;
      case 'AWS::IAM::InstanceProfile':
        return `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${ACCOUNT}:policy/${name}`;
      case 'AWS::Lambda::Function':
        return regional('lambda', `function:${name}`);
      case 'AWS::Lambda::Permission':
        return first(properties.FunctionName);
      case 'AWS::Lambda::EventSourceMapping':
        return regional('lambda', `event-source-mapping:${name}`);
      case 'AWS::SNS::Topic':
        return regional('sns', name);
      case 'AWS::SNS::TopicPolicy':
        return first(properties.Topics);
      case 'AWS::SNS::Subscription':
        return first(properties.TopicArn);
      case 'AWS::SQS::Queue':
        return regional('sqs', name);
      case 'AWS::SQS::QueuePolicy':
        return queueArn(first(properties.Queues));
      case 'AWS::Logs::LogGroup':
        return regional('logs', `log-group:${name}`);
      case 'AWS::CloudWatch::Alarm':
        return regional('cloudwatch', `alarm:${name}`);
      case 'AWS::CloudWatch::Dashboard':
        return `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${name}`;
      case 'AWS::KMS::Key':
        return regional('kms', `key/${name}`);
      case 'AWS::EC2::Instance':
        return regional('ec2', `instance/${name}`);
      case 'AWS::EC2::SecurityGroup':
        return regional('ec2', `security-group/${name}`);
      case 'AWS::EC2::LaunchTemplate':
        return regional('ec2', `launch-template/${name}`);
      case 'AWS::Scheduler::Schedule':
        return regional('scheduler', `schedule/${String(properties.GroupName ?? 'default')}/${name}`);
      case 'AWS::KinesisVideo::Stream':
        return regional('kinesisvideo', `stream/${name}/1700000000000`);
      default:
        if (type.startsWith('Custom::')) return first(properties.ServiceToken);
        return regional('unknown', `${type}/${name}`);
    }
  }
}

function tagsOf(type: string, properties: Record<string, Json>): Record<string, string> {
  const fromList = (list: Json | undefined) =>
    Array.isArray(list)
      ? Object.fromEntries(list.map((tag) => [String((tag as Record<string, Json>).Key), String((tag as Record<string, Json>).Value)]))
      : {};
  if (type === 'AWS::EC2::LaunchTemplate') {
    const specs = (properties.TagSpecifications ?? []) as Record<string, Json>[];
    return fromList(specs.find((spec) => spec.ResourceType === 'launch-template')?.Tags);
  }
  const tags = properties.Tags;
  if (Array.isArray(tags)) return fromList(tags);
  return tags && typeof tags === 'object'
    ? (Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])) as Record<string, string>)
    : {};
}
