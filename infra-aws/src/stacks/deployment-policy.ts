import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AWS_FOUNDATION_NAMES, FOUNDATION_STACK, SENSOR_SINK_ROLE_PREFIX, TAG_KEYS } from '@labs/config';
import { VIDEO_STREAM_BASE_NAME } from '@labs/video-producer';
import { SINK_LAB } from '../bigquery-sink';
import { EXPIRER_FUNCTION_NAME } from '../foundation-names';
import { SESSION_MANAGER_AGENT_ACTIONS } from '../constructs/lab-instance/lab-instance';

/** The environment of the calling session (a session tag of the deployment role, or a tag of an environment role). */
export const SESSION_ENV = `\${aws:PrincipalTag/${TAG_KEYS.env}}`;
/** The lab of the calling session. */
export const SESSION_LAB = `\${aws:PrincipalTag/${TAG_KEYS.lab}}`;
/** The stack of the calling session's environment, `labs-<lab>-<env>`: CloudFormation names its resources `<stack>-<id>-<suffix>`. */
const SESSION_STACK = `labs-${SESSION_LAB}-${SESSION_ENV}`;
/** The kinesis-data lab's stream, dashboard and alarm prefix of the calling session's environment. */
const DATA_STREAM = `RawStreamData-${SESSION_ENV}`;
/**
 * The sensor sink's role of the calling session's environment: named, not generated, because the GCP
 * provider admits roles by this prefix; exact, so no other environment's name can match it.
 */
const SINK_ROLE = `${SENSOR_SINK_ROLE_PREFIX}${SESSION_ENV}`;
/** The kinesis-video lab's stream of the calling session's environment. */
const VIDEO_STREAM = `${VIDEO_STREAM_BASE_NAME}-${SESSION_ENV}`;

/** AWS-managed policies the lab roles use: the only managed policies a deployment may attach. */
export const LAB_MANAGED_POLICIES = ['service-role/AWSLambdaBasicExecutionRole'];

const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
const globalArn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}::${Aws.ACCOUNT_ID}:${resource}`;
const ownTags = { [`aws:RequestTag/${TAG_KEYS.env}`]: SESSION_ENV, [`aws:RequestTag/${TAG_KEYS.lab}`]: SESSION_LAB };
const ownResource = { [`aws:ResourceTag/${TAG_KEYS.env}`]: SESSION_ENV };
const keepEnvironmentTags = { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': [TAG_KEYS.env, TAG_KEYS.lab] } };

/** What the foundation passes to the policies: its own resources, by deploy-time token. */
export interface FoundationRefs {
  /** The shared VPC's id. */
  readonly vpcId: string;
  /** ARN of the permissions boundary every environment role must carry. */
  readonly boundaryArn: string;
}

/**
 * What deploying, updating or deleting ONE environment may do, in three managed policies (IAM keeps each
 * under 6,144 characters): the foundation's deployment role is assumed
 * with the session tags `labs-lab` and `labs-env`, and every statement that can touch a resource is
 * confined to that environment: names and ARNs built from the session's tags (CloudFormation names the
 * resources of stack `labs-<lab>-<env>` after it), `aws:RequestTag`/`aws:ResourceTag` on `labs-env` where
 * the service evaluates them, the foundation's VPC for networking, and `kms:ViaService` for keys (each
 * environment key's own policy refuses sessions of other environments). Roles it creates must carry the
 * permissions boundary, may get only the labs' managed policies, and may be passed only to the services
 * the labs use; the foundation's own roles and policies are out of reach. The one role named after the
 * environment rather than the stack is the sensor sink's `labs-sensor-sink-<env>` (the GCP provider admits
 * roles by that prefix): matched exactly, and only from a kinesis-data session. Event source mappings are
 * created only for the stack's own functions with the environment's tags, and changed only under its tag.
 */
export function environmentPolicies(foundation: FoundationRefs): Record<'stackAndRoles' | 'services' | 'compute', PolicyDocument> {
  const ownStack = arn('cloudformation', `stack/${SESSION_STACK}/*`);
  const ownRoles = [globalArn('iam', `role/${SESSION_STACK}-*`), globalArn('iam', `role/${SINK_ROLE}`)];
  const withBoundary = { 'iam:PermissionsBoundary': foundation.boundaryArn };
  const ec2 = (resource: string) => arn('ec2', resource);
  const taggedEc2 = ['instance/*', 'security-group/*', 'launch-template/*', 'volume/*', 'network-interface/*'].map(ec2);
  const stackAndRoles = new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'OwnStackWithOwnTags',
        actions: ['cloudformation:CreateChangeSet', 'cloudformation:TagResource'],
        resources: [ownStack],
        conditions: { StringEquals: ownTags, Null: { 'cloudformation:ImportResourceTypes': 'true' } },
      }),
      new PolicyStatement({
        sid: 'OwnStack',
        actions: [
          'cloudformation:DescribeChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResources',
          'cloudformation:GetTemplate',
          'cloudformation:DeleteStack',
        ],
        resources: [ownStack],
      }),
      new PolicyStatement({
        sid: 'BootstrapAndFoundationLookups',
        actions: ['cloudformation:DescribeStacks'],
        resources: [arn('cloudformation', 'stack/CDKToolkit/*')],
      }),
      new PolicyStatement({
        sid: 'Parameters',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: [
          arn('ssm', 'parameter/labs/foundation/*'),
          arn('ssm', 'parameter/cdk-bootstrap/*'),
          `arn:${Aws.PARTITION}:ssm:${Aws.REGION}::parameter/aws/service/ami-amazon-linux-latest/*`,
        ],
      }),
      new PolicyStatement({
        sid: 'CdkAssets',
        actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetBucketLocation'],
        resources: [
          `arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
          `arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}/*`,
        ],
      }),

      new PolicyStatement({
        sid: 'CreateOwnRolesWithBoundary',
        actions: ['iam:CreateRole'],
        resources: ownRoles,
        conditions: { StringEquals: { ...withBoundary, ...ownTags } },
      }),
      new PolicyStatement({
        sid: 'AttachOnlyLabManagedPolicies',
        actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        resources: ownRoles,
        conditions: {
          StringEquals: withBoundary,
          ArnEquals: { 'iam:PolicyARN': LAB_MANAGED_POLICIES.map((name) => `arn:${Aws.PARTITION}:iam::aws:policy/${name}`) },
        },
      }),
      new PolicyStatement({
        sid: 'ChangeOwnBoundedRoles',
        actions: [
          'iam:PutRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:UpdateAssumeRolePolicy',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:PutRolePermissionsBoundary',
          'iam:DeleteRole',
        ],
        resources: ownRoles,
        conditions: { StringEquals: withBoundary },
      }),
      new PolicyStatement({
        sid: 'TagOwnRoles',
        actions: ['iam:TagRole'],
        resources: ownRoles,
        conditions: { StringEqualsIfExists: ownTags },
      }),
      new PolicyStatement({ sid: 'UntagOwnRoles', actions: ['iam:UntagRole'], resources: ownRoles, conditions: keepEnvironmentTags }),
      new PolicyStatement({
        sid: 'ReadOwnRoles',
        actions: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies'],
        resources: ownRoles,
      }),
      new PolicyStatement({
        sid: 'PassOwnRolesToLabServices',
        actions: ['iam:PassRole'],
        resources: ownRoles,
        conditions: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'scheduler.amazonaws.com'] } },
      }),
      new PolicyStatement({
        sid: 'OwnInstanceProfiles',
        actions: [
          'iam:CreateInstanceProfile',
          'iam:DeleteInstanceProfile',
          'iam:GetInstanceProfile',
          'iam:AddRoleToInstanceProfile',
          'iam:RemoveRoleFromInstanceProfile',
        ],
        resources: [globalArn('iam', `instance-profile/${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'SinkRolesOnlyForTheSinkLab',
        effect: Effect.DENY,
        actions: ['iam:*'],
        resources: [globalArn('iam', `role/${SENSOR_SINK_ROLE_PREFIX}*`)],
        conditions: { StringNotEquals: { [`aws:PrincipalTag/${TAG_KEYS.lab}`]: SINK_LAB } },
      }),
      new PolicyStatement({
        sid: 'NeverTheFoundationOrBoundaries',
        effect: Effect.DENY,
        actions: ['iam:*'],
        resources: [
          globalArn('iam', `role/${AWS_FOUNDATION_NAMES.deploymentRolePrefix}*`),
          globalArn('iam', `role/${FOUNDATION_STACK}-*`),
          globalArn('iam', 'policy/labs-*'),
        ],
      }),
      new PolicyStatement({
        sid: 'NeverDropABoundary',
        effect: Effect.DENY,
        actions: ['iam:DeleteRolePermissionsBoundary'],
        resources: ['*'],
      }),
    ],
  });
  const services = new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'OwnFunctions',
        actions: [
          'lambda:CreateFunction',
          'lambda:DeleteFunction',
          'lambda:GetFunction',
          'lambda:GetFunctionCodeSigningConfig',
          'lambda:GetFunctionRecursionConfig',
          'lambda:PutFunctionRecursionConfig',
          'lambda:GetRuntimeManagementConfig',
          'lambda:PutRuntimeManagementConfig',
          'lambda:GetFunctionScalingConfig',
          'lambda:PutFunctionScalingConfig',
          'lambda:UpdateFunctionConfiguration',
          'lambda:UpdateFunctionCode',
          'lambda:PublishVersion',
          'lambda:PutFunctionConcurrency',
          'lambda:DeleteFunctionConcurrency',
          'lambda:TagResource',
          'lambda:UntagResource',
          'lambda:AddPermission',
          'lambda:RemovePermission',
          'lambda:GetPolicy',
          'lambda:InvokeFunction',
        ],
        resources: [arn('lambda', `function:${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'TagOwnEventSourceMappings',
        actions: ['lambda:TagResource', 'lambda:ListTags'],
        resources: [arn('lambda', 'event-source-mapping:*')],
        conditions: { StringEquals: ownResource, StringEqualsIfExists: ownTags },
      }),
      new PolicyStatement({
        sid: 'UntagOwnEventSourceMappings',
        actions: ['lambda:UntagResource'],
        resources: [arn('lambda', 'event-source-mapping:*')],
        conditions: { StringEquals: ownResource, ...keepEnvironmentTags },
      }),
      new PolicyStatement({
        sid: 'OwnLogGroups',
        actions: [
          'logs:CreateLogGroup',
          'logs:DeleteLogGroup',
          'logs:PutRetentionPolicy',
          'logs:DeleteRetentionPolicy',
          'logs:AssociateKmsKey',
          'logs:DisassociateKmsKey',
          'logs:TagResource',
          'logs:UntagResource',
          'logs:ListTagsForResource',
          'logs:GetDataProtectionPolicy',
          'logs:DeleteDataProtectionPolicy',
        ],
        resources: [arn('logs', `log-group:${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'OwnTopics',
        actions: [
          'sns:CreateTopic',
          'sns:DeleteTopic',
          'sns:GetTopicAttributes',
          'sns:SetTopicAttributes',
          'sns:TagResource',
          'sns:UntagResource',
          'sns:ListTagsForResource',
          'sns:Subscribe',
          'sns:Unsubscribe',
          'sns:ListSubscriptionsByTopic',
          'sns:GetSubscriptionAttributes',
          'sns:SetSubscriptionAttributes',
          'sns:GetDataProtectionPolicy',
        ],
        resources: [arn('sns', `${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'OwnQueues',
        actions: [
          'sqs:CreateQueue',
          'sqs:DeleteQueue',
          'sqs:GetQueueAttributes',
          'sqs:SetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:TagQueue',
          'sqs:UntagQueue',
          'sqs:ListQueueTags',
        ],
        resources: [arn('sqs', `${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'OwnAlarmsAndDashboards',
        actions: [
          'cloudwatch:PutMetricAlarm',
          'cloudwatch:DeleteAlarms',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:PutDashboard',
          'cloudwatch:GetDashboard',
          'cloudwatch:DeleteDashboards',
          'cloudwatch:TagResource',
          'cloudwatch:UntagResource',
          'cloudwatch:ListTagsForResource',
        ],
        resources: [
          arn('cloudwatch', `alarm:${DATA_STREAM}-*`),
          arn('cloudwatch', `alarm:${SESSION_STACK}-*`),
          globalArn('cloudwatch', `dashboard/${DATA_STREAM}`),
        ],
      }),
      new PolicyStatement({
        sid: 'OwnVideoStream',
        actions: [
          'kinesisvideo:CreateStream',
          'kinesisvideo:DeleteStream',
          'kinesisvideo:DescribeStream',
          'kinesisvideo:UpdateStream',
          'kinesisvideo:UpdateDataRetention',
          'kinesisvideo:TagStream',
          'kinesisvideo:UntagStream',
          'kinesisvideo:ListTagsForStream',
          'kinesisvideo:DescribeStreamStorageConfiguration',
        ],
        resources: [arn('kinesisvideo', `stream/${VIDEO_STREAM}/*`)],
      }),
      new PolicyStatement({
        sid: 'OwnExpirySchedule',
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [arn('scheduler', `schedule/${AWS_FOUNDATION_NAMES.scheduleGroup}/${SESSION_STACK}`)],
      }),

      new PolicyStatement({
        sid: 'CreateKeysTaggedForOwnEnvironment',
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: { StringEquals: ownTags },
      }),
      new PolicyStatement({
        sid: 'ManageKeysThroughCloudFormation',
        actions: [
          'kms:DescribeKey',
          'kms:EnableKeyRotation',
          'kms:DisableKeyRotation',
          'kms:EnableKey',
          'kms:DisableKey',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
          'kms:PutKeyPolicy',
          'kms:ScheduleKeyDeletion',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:UpdateKeyDescription',
        ],
        resources: [arn('kms', 'key/*')],
        conditions: { StringEquals: { 'kms:ViaService': `cloudformation.${Aws.REGION}.amazonaws.com` } },
      }),
      new PolicyStatement({
        sid: 'UseKeysThroughLabServices',
        actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [arn('kms', 'key/*')],
        conditions: {
          StringEquals: {
            'kms:ViaService': ['lambda', 'logs', 'sns', 'sqs', 'kinesisvideo', 'ec2'].map((s) => `${s}.${Aws.REGION}.amazonaws.com`),
          },
        },
      }),
    ],
  });
  const compute = new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'CreateEventSourceMappingsForOwnFunctions',
        actions: ['lambda:CreateEventSourceMapping'],
        resources: ['*'],
        conditions: { ArnLike: { 'lambda:FunctionArn': arn('lambda', `function:${SESSION_STACK}-*`) }, StringEquals: ownTags },
      }),
      new PolicyStatement({
        sid: 'OwnEventSourceMappings',
        actions: ['lambda:GetEventSourceMapping', 'lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'],
        resources: [arn('lambda', 'event-source-mapping:*')],
        conditions: { ArnLike: { 'lambda:FunctionArn': arn('lambda', `function:${SESSION_STACK}-*`) }, StringEquals: ownResource },
      }),
      new PolicyStatement({
        sid: 'Ec2Reads',
        actions: [
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceCreditSpecifications',
          'ec2:DescribeIamInstanceProfileAssociations',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVolumes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'ec2:DescribeKeyPairs',
          'ec2:DescribeImages',
          'ssm:DescribeAssociation',
          'ssm:ListAssociations',
          'logs:DescribeLogGroups',
        ],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'LaunchInTheFoundationNetwork',
        actions: ['ec2:RunInstances', 'ec2:CreateSecurityGroup'],
        resources: [
          ec2(`vpc/${foundation.vpcId}`),
          ec2('subnet/*'),
          `arn:${Aws.PARTITION}:ec2:${Aws.REGION}::image/*`,
          ec2('network-interface/*'),
          ec2('volume/*'),
        ],
        conditions: { StringEqualsIfExists: { 'ec2:Vpc': ec2(`vpc/${foundation.vpcId}`) } },
      }),
      new PolicyStatement({
        sid: 'CreateOwnEc2Resources',
        actions: ['ec2:RunInstances', 'ec2:CreateSecurityGroup', 'ec2:CreateLaunchTemplate'],
        resources: [ec2('instance/*'), ec2('security-group/*'), ec2('launch-template/*')],
        conditions: { StringEquals: { [`aws:RequestTag/${TAG_KEYS.env}`]: SESSION_ENV } },
      }),
      new PolicyStatement({
        sid: 'UseOwnEc2Resources',
        actions: [
          'ec2:RunInstances',
          'ec2:DescribeInstanceAttribute',
          'ec2:TerminateInstances',
          'ec2:StartInstances',
          'ec2:StopInstances',
          'ec2:MonitorInstances',
          'ec2:UnmonitorInstances',
          'ec2:ModifyInstanceAttribute',
          'ec2:ModifyInstanceMetadataOptions',
          'ec2:ModifyInstanceMaintenanceOptions',
          'ec2:ModifyInstanceCreditSpecification',
          'ec2:ModifyInstancePlacement',
          'ec2:ModifyPrivateDnsNameOptions',
          'ec2:AssociateIamInstanceProfile',
          'ec2:DisassociateIamInstanceProfile',
          'ec2:ReplaceIamInstanceProfileAssociation',
          'ec2:AuthorizeSecurityGroupEgress',
          'ec2:RevokeSecurityGroupEgress',
          'ec2:RevokeSecurityGroupIngress',
          'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
          'ec2:DeleteSecurityGroup',
          'ec2:CreateLaunchTemplateVersion',
          'ec2:DeleteLaunchTemplate',
        ],
        resources: [ec2('instance/*'), ec2('security-group/*'), ec2('launch-template/*')],
        conditions: { StringEquals: ownResource },
      }),
      new PolicyStatement({
        sid: 'TagEc2OnCreate',
        actions: ['ec2:CreateTags'],
        resources: taggedEc2,
        conditions: {
          StringEquals: {
            'ec2:CreateAction': ['RunInstances', 'CreateSecurityGroup', 'CreateLaunchTemplate'],
            [`aws:RequestTag/${TAG_KEYS.env}`]: SESSION_ENV,
          },
        },
      }),
      new PolicyStatement({
        sid: 'RetagOwnEc2Resources',
        actions: ['ec2:CreateTags'],
        resources: taggedEc2,
        conditions: { StringEquals: ownResource, StringEqualsIfExists: ownTags },
      }),
      new PolicyStatement({
        sid: 'UntagOwnEc2Resources',
        actions: ['ec2:DeleteTags'],
        resources: taggedEc2,
        conditions: { StringEquals: ownResource, ...keepEnvironmentTags },
      }),
    ],
  });
  return { stackAndRoles, services, compute };
}

/**
 * The permissions boundary of every role an environment stack creates: at most the runtime calls of the
 * labs, on the calling role's own environment (its `labs-env`/`labs-lab` tags), plus what Session Manager
 * and function logging need. Anything attached to a lab role beyond its own policies is cut down to this.
 */
export function boundaryPolicy(): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'OwnDataStream',
        actions: ['kinesis:*'],
        resources: [arn('kinesis', `stream/${DATA_STREAM}`)],
      }),
      new PolicyStatement({
        sid: 'ReshardingHasNoResourceLevelPermissions',
        actions: ['kinesis:UpdateShardCount'],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'OwnVideoStream',
        actions: ['kinesisvideo:DescribeStream', 'kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia'],
        resources: [arn('kinesisvideo', `stream/${VIDEO_STREAM}/*`)],
      }),
      new PolicyStatement({
        sid: 'OwnAlarms',
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:SetAlarmState'],
        resources: [arn('cloudwatch', `alarm:${DATA_STREAM}-*`)],
      }),
      new PolicyStatement({ sid: 'Metrics', actions: ['cloudwatch:GetMetricData', 'cloudwatch:PutMetricData'], resources: ['*'] }),
      new PolicyStatement({
        sid: 'OwnKeys',
        actions: ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [arn('kms', 'key/*')],
        conditions: { StringEquals: ownResource },
      }),
      new PolicyStatement({ sid: 'OwnTopics', actions: ['sns:Publish'], resources: [arn('sns', `${SESSION_STACK}-*`)] }),
      new PolicyStatement({ sid: 'OwnQueues', actions: ['sqs:SendMessage'], resources: [arn('sqs', `${SESSION_STACK}-*`)] }),
      new PolicyStatement({
        sid: 'Expirer',
        actions: ['lambda:InvokeFunction'],
        resources: [arn('lambda', `function:${EXPIRER_FUNCTION_NAME}`)],
      }),
      new PolicyStatement({
        sid: 'OwnLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [arn('logs', `log-group:${SESSION_STACK}-*`)],
      }),
      new PolicyStatement({
        sid: 'CdkAssets',
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}/*`],
      }),
      new PolicyStatement({
        sid: 'SessionManagerAgent',
        actions: [...SESSION_MANAGER_AGENT_ACTIONS],
        resources: ['*'],
      }),
    ],
  });
}
