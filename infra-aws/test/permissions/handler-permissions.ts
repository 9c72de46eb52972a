import data from './handler-permissions.json';

/** The CloudFormation handlers a stack operation runs for a resource. */
export type Handler = 'create' | 'read' | 'update' | 'delete';

/** Where the handler permissions come from (kept with the data). */
export const HANDLER_PERMISSIONS_SOURCE: string = data.source;

/**
 * Types without a registry schema (legacy resource types) use the handlers of the registry type that makes
 * the same API calls: an `AWS::IAM::Policy` on roles is `PutRolePolicy`/`DeleteRolePolicy` like
 * `AWS::IAM::RolePolicy`; `AWS::SNS::TopicPolicy` and `AWS::SQS::QueuePolicy` set the same attribute as their
 * `*InlinePolicy` registry types.
 */
const SAME_CALLS_AS: Record<string, string> = {
  'AWS::IAM::Policy': 'AWS::IAM::RolePolicy',
  'AWS::SNS::TopicPolicy': 'AWS::SNS::TopicInlinePolicy',
  'AWS::SQS::QueuePolicy': 'AWS::SQS::QueueInlinePolicy',
};

/**
 * A custom resource: CloudFormation invokes its service token on create, update and delete (CloudFormation
 * User Guide, "Custom resources").
 */
const CUSTOM_RESOURCE: Record<Handler, string[]> = {
  create: ['lambda:InvokeFunction'],
  read: [],
  update: ['lambda:InvokeFunction'],
  delete: ['lambda:InvokeFunction'],
};

/** The permissions CloudFormation's handlers need for one resource type, by handler. */
export function handlerPermissions(type: string): Record<Handler, string[]> | undefined {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return CUSTOM_RESOURCE;
  const types = data.types as Record<string, Partial<Record<Handler, string[]>>>;
  const handlers = types[SAME_CALLS_AS[type] ?? type];
  if (!handlers) return undefined;
  return { create: handlers.create ?? [], read: handlers.read ?? [], update: handlers.update ?? [], delete: handlers.delete ?? [] };
}

/**
 * Handler permissions that the handler needs only for a property, listed with that property: the proof
 * skips them while no template resource of that type sets the property, and requires them as soon as one
 * does. `property: null` marks a permission that is never needed, with the reason.
 */
export const PERMISSIONS_FOR_UNUSED_FEATURES: readonly { type: string; action: string; property: string | null; reason: string }[] = [
  { type: 'AWS::Lambda::Function', action: 'lambda:GetCodeSigningConfig', property: 'CodeSigningConfigArn', reason: 'code signing' },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionCodeSigningConfig',
    property: 'CodeSigningConfigArn',
    reason: 'code signing',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:DeleteFunctionCodeSigningConfig',
    property: 'CodeSigningConfigArn',
    reason: 'code signing',
  },
  { type: 'AWS::Lambda::Function', action: 'lambda:GetLayerVersion', property: 'Layers', reason: 'layers' },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PassCapacityProvider',
    property: 'CapacityProviderConfig',
    reason: 'capacity providers',
  },
  { type: 'AWS::Lambda::Function', action: 'elasticfilesystem:DescribeMountTargets', property: 'FileSystemConfigs', reason: 'EFS mounts' },
  { type: 'AWS::Lambda::Function', action: 's3files:ListMountTargets', property: 'FileSystemConfigs', reason: 'file system mounts' },
  { type: 'AWS::Lambda::Function', action: 's3:GetObjectVersion', property: 'Code.S3ObjectVersion', reason: 'versioned code objects' },
  { type: 'AWS::Lambda::Function', action: 'kms:CreateGrant', property: 'KmsKeyArn', reason: 'environment encryption with a customer key' },
  { type: 'AWS::Lambda::Function', action: 'kms:Encrypt', property: 'KmsKeyArn', reason: 'environment encryption with a customer key' },
  { type: 'AWS::Lambda::Function', action: 'kms:Decrypt', property: 'KmsKeyArn', reason: 'environment encryption with a customer key' },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:GenerateDataKey',
    property: 'KmsKeyArn',
    reason: 'environment encryption with a customer key',
  },
  ...['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    type: 'AWS::Lambda::EventSourceMapping',
    action,
    property: 'KmsKeyArn',
    reason: 'filter criteria encrypted with a customer key',
  })),
  { type: 'AWS::Logs::LogGroup', action: 'logs:PutDataProtectionPolicy', property: 'DataProtectionPolicy', reason: 'data protection' },
  { type: 'AWS::Logs::LogGroup', action: 'logs:CreateLogDelivery', property: 'FieldIndexPolicies', reason: 'log deliveries' },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'firehose:TagDeliveryStream',
    property: 'FieldIndexPolicies',
    reason: 'log deliveries to Firehose',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'logs:PutResourcePolicy',
    property: 'ResourcePolicyDocument',
    reason: 'log group resource policies',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'logs:DescribeResourcePolicies',
    property: 'ResourcePolicyDocument',
    reason: 'log group resource policies',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 's3:REST.PUT.OBJECT',
    property: null,
    reason: 'not an IAM action (the schema lists an S3 REST operation name; IAM has no such action)',
  },
  { type: 'AWS::SNS::Topic', action: 'sns:PutDataProtectionPolicy', property: 'DataProtectionPolicy', reason: 'data protection' },
  { type: 'AWS::SNS::Topic', action: 'iam:GetRole', property: 'DeliveryStatusLogging', reason: 'delivery status logging roles' },
  { type: 'AWS::SNS::Topic', action: 'iam:PassRole', property: 'DeliveryStatusLogging', reason: 'delivery status logging roles' },
  { type: 'AWS::SNS::Subscription', action: 'iam:GetRole', property: 'SubscriptionRoleArn', reason: 'Firehose subscription roles' },
  { type: 'AWS::SNS::Subscription', action: 'iam:PassRole', property: 'SubscriptionRoleArn', reason: 'Firehose subscription roles' },
  { type: 'AWS::EC2::Instance', action: 'ssm:CreateAssociation', property: 'SsmAssociations', reason: 'SSM associations' },
  { type: 'AWS::EC2::Instance', action: 'ssm:DeleteAssociation', property: 'SsmAssociations', reason: 'SSM associations' },
  { type: 'AWS::EC2::Instance', action: 'ec2:AttachVolume', property: 'Volumes', reason: 'attached data volumes' },
  { type: 'AWS::EC2::Instance', action: 'ec2:DetachVolume', property: 'Volumes', reason: 'attached data volumes' },
  {
    type: 'AWS::EC2::SecurityGroup',
    action: 'ec2:AuthorizeSecurityGroupIngress',
    property: 'SecurityGroupIngress',
    reason: 'inbound rules (no lab has any)',
  },
  {
    type: 'AWS::EC2::SecurityGroup',
    action: 'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
    property: 'SecurityGroupIngress',
    reason: 'inbound rules (no lab has any)',
  },
  {
    type: 'AWS::IAM::Role',
    action: 'iam:DeleteRolePermissionsBoundary',
    property: null,
    reason: 'removing a permissions boundary: every environment role keeps it, and the environment policy denies this on purpose',
  },
];
