import { Aws, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';

const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
const globalArn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}::${Aws.ACCOUNT_ID}:${resource}`;

/**
 * What the CloudFormation service role may do: create, update and delete the resources of the labs'
 * environment stacks, by service, scoped to `labs-*` names where the service has resource-level
 * permissions. Nothing outside those services.
 */
export function deploymentPolicy(): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({ sid: 'KinesisStreams', actions: ['kinesis:*'], resources: [arn('kinesis', 'stream/*')] }),
      new PolicyStatement({ sid: 'KinesisVideo', actions: ['kinesisvideo:*'], resources: [arn('kinesisvideo', 'stream/*')] }),
      new PolicyStatement({
        sid: 'Ec2WithoutResourceLevelPermissions',
        actions: [
          'ec2:Describe*',
          'ec2:RunInstances',
          'ec2:TerminateInstances',
          'ec2:ModifyInstanceAttribute',
          'ec2:CreateSecurityGroup',
          'ec2:DeleteSecurityGroup',
          'ec2:AuthorizeSecurityGroupEgress',
          'ec2:RevokeSecurityGroupEgress',
          'ec2:CreateLaunchTemplate',
          'ec2:CreateLaunchTemplateVersion',
          'ec2:DeleteLaunchTemplate',
          'ec2:CreateTags',
          'ec2:DeleteTags',
          'ec2:AssociateIamInstanceProfile',
        ],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'IamForLabRoles',
        actions: [
          'iam:GetRole',
          'iam:CreateRole',
          'iam:DeleteRole',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:PassRole',
          'iam:GetRolePolicy',
          'iam:PutRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:UpdateAssumeRolePolicy',
          'iam:CreateInstanceProfile',
          'iam:DeleteInstanceProfile',
          'iam:GetInstanceProfile',
          'iam:AddRoleToInstanceProfile',
          'iam:RemoveRoleFromInstanceProfile',
        ],
        resources: [globalArn('iam', 'role/labs-*'), globalArn('iam', 'instance-profile/labs-*')],
      }),
      new PolicyStatement({ sid: 'LabFunctions', actions: ['lambda:*'], resources: [arn('lambda', 'function:labs-*')] }),
      new PolicyStatement({ sid: 'LabTopics', actions: ['sns:*'], resources: [arn('sns', 'labs-*')] }),
      new PolicyStatement({
        sid: 'LabLogs',
        actions: [
          'logs:CreateLogGroup',
          'logs:DeleteLogGroup',
          'logs:PutRetentionPolicy',
          'logs:TagResource',
          'logs:AssociateKmsKey',
          'logs:DescribeLogGroups',
        ],
        resources: [arn('logs', 'log-group:*')],
      }),
      new PolicyStatement({
        sid: 'MonitoringWithoutResourceLevelPermissions',
        actions: [
          'cloudwatch:PutMetricAlarm',
          'cloudwatch:DeleteAlarms',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:TagResource',
          'cloudwatch:PutDashboard',
          'cloudwatch:DeleteDashboards',
          'cloudwatch:GetDashboard',
        ],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'KmsKeysOfLabs',
        actions: [
          'kms:CreateKey',
          'kms:TagResource',
          'kms:PutKeyPolicy',
          'kms:EnableKeyRotation',
          'kms:DescribeKey',
          'kms:ScheduleKeyDeletion',
          'kms:CreateGrant',
          'kms:GenerateDataKey*',
          'kms:Decrypt',
          'kms:Encrypt',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
        ],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'ExpirySchedules',
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [arn('scheduler', 'schedule/labs-expiry/*')],
      }),
      new PolicyStatement({
        sid: 'FoundationParameters',
        actions: ['ssm:GetParameters', 'ssm:GetParameter'],
        resources: [
          arn('ssm', 'parameter/labs/foundation/*'),
          `arn:${Aws.PARTITION}:ssm:${Aws.REGION}::parameter/aws/service/ami-amazon-linux-latest/*`,
        ],
      }),
      new PolicyStatement({
        sid: 'CdkAssets',
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}/*`],
      }),
    ],
  });
}

/** Why each wildcard of {@link deploymentPolicy} is there, by cdk-nag finding. */
const DEPLOYMENT_POLICY_REASONS: Record<string, string> = {
  'Action::kinesis:*': 'CloudFormation creates, reshards, tags and deletes the lab data streams.',
  'Resource::arn:<AWS::Partition>:kinesis:<AWS::Region>:<AWS::AccountId>:stream/*': 'Stream names are per environment and created later.',
  'Action::kinesisvideo:*': 'CloudFormation creates, tags and deletes the lab video streams.',
  'Resource::arn:<AWS::Partition>:kinesisvideo:<AWS::Region>:<AWS::AccountId>:stream/*':
    'Video stream ARNs carry a creation-time suffix and are created later.',
  'Action::ec2:Describe*': 'CloudFormation reads EC2 state while creating instances and security groups.',
  'Resource::*':
    'EC2 run/describe, CloudWatch alarms/dashboards and KMS CreateKey have no resource-level permissions for not-yet-created resources.',
  'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/labs-*':
    'Lab roles are named after their stack, labs-<lab>-<env>-…, and created later.',
  'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:instance-profile/labs-*':
    'Lab instance profiles are named after their stack and created later.',
  'Action::lambda:*': 'CloudFormation creates, configures and deletes the lab functions.',
  'Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:labs-*':
    'Lab functions are named after their stack and created later.',
  'Action::sns:*': 'CloudFormation creates, configures and deletes the lab alarm topics.',
  'Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:labs-*': 'Lab topics are named after their stack and created later.',
  'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*':
    'Lambda log groups are named by the function and created later.',
  'Action::kms:GenerateDataKey*': 'CloudFormation encrypts stream and topic settings with the lab keys it creates.',
  'Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/labs-expiry/*':
    'One expiry schedule per environment, created later in the foundation group.',
  'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/labs/foundation/*':
    'The foundation parameters the environment stacks import.',
  'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>::parameter/aws/service/ami-amazon-linux-latest/*':
    'The public Amazon Linux 2023 AMI parameter.',
  'Resource::arn:<AWS::Partition>:s3:::cdk-*-assets-<AWS::AccountId>-<AWS::Region>/*':
    'Lambda code and program assets uploaded by cdk deploy to the bootstrap bucket.',
};

/** Acknowledges the deployment policy's wildcards on the role that carries it, each with its reason. */
export function acknowledgeDeploymentPolicy(role: IConstruct): void {
  for (const [finding, reason] of Object.entries(DEPLOYMENT_POLICY_REASONS)) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
  Validations.of(role).acknowledge({
    id: 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
    reason:
      'The deployment role must create and delete the lab streams, functions and topics; full access is limited to those services and labs-* names.',
  });
}
