import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const ENV = '<aws:PrincipalTag/labs-env>';
const STACK = `labs-<aws:PrincipalTag/labs-lab>-${ENV}`;
const REGIONAL = (service: string, resource: string) => `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;

/** Why each wildcard shared by the environment policy and the boundary is there. */
const SHARED: Record<string, string> = {
  'Resource::*':
    'Only for actions without resource-level permissions (EC2 and log-group describes, metric data, kinesis:UpdateShardCount, Session Manager agent calls), kms:CreateKey, which is conditioned on the request tags of the session environment, and lambda:CreateEventSourceMapping, conditioned on those tags and on a function of the session environment stack.',
  [`Resource::${REGIONAL('kinesisvideo', `stream/VideoStream-${ENV}/*`)}`]:
    "The session environment's video stream; the suffix is the creation time Kinesis Video adds to the ARN.",
  [`Resource::${REGIONAL('cloudwatch', `alarm:RawStreamData-${ENV}-*`)}`]:
    "The session environment's scaling alarms, named after its stream.",
  [`Resource::${REGIONAL('kms', 'key/*')}`]:
    "Key ids are random; the environment policy needs kms:ViaService CloudFormation or a lab service, the boundary the role's own labs-env tag, and every environment key's policy refuses other environments.",
  [`Resource::${REGIONAL('sns', `${STACK}-*`)}`]: 'Topics CloudFormation names after the session environment stack.',
  [`Resource::${REGIONAL('sqs', `${STACK}-*`)}`]: 'Queues CloudFormation names after the session environment stack.',
  [`Resource::${REGIONAL('logs', `log-group:${STACK}-*`)}`]: 'Log groups CloudFormation names after the session environment stack.',
  'Resource::arn:<AWS::Partition>:s3:::cdk-*-assets-<AWS::AccountId>-<AWS::Region>/*':
    'The CDK bootstrap bucket holding the labs code assets.',
};

/** Why each wildcard of the environment policy is there. */
const ENVIRONMENT_POLICY: Record<string, string> = {
  [`Resource::${REGIONAL('cloudformation', `stack/${STACK}/*`)}`]: 'The session environment stack; the suffix is its stack id.',
  [`Resource::${REGIONAL('cloudformation', 'stack/CDKToolkit/*')}`]: 'cdk reads the bootstrap stack before deploying.',
  [`Resource::${REGIONAL('ssm', 'parameter/cdk-bootstrap/*')}`]: 'The bootstrap version parameter every CDK template checks.',
  [`Resource::${REGIONAL('ssm', 'parameter/labs/foundation/*')}`]: 'The foundation parameters the environment stacks import.',
  'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>::parameter/aws/service/ami-amazon-linux-latest/*':
    'The public Amazon Linux 2023 AMI parameter.',
  'Resource::arn:<AWS::Partition>:s3:::cdk-*-assets-<AWS::AccountId>-<AWS::Region>':
    'cdk lists the bootstrap bucket before uploading assets.',
  [`Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/${STACK}-*`]:
    'Roles CloudFormation names after the session environment stack; creating and changing them requires the permissions boundary.',
  [`Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:instance-profile/${STACK}-*`]:
    'Instance profiles CloudFormation names after the session environment stack.',
  [`Resource::${REGIONAL('lambda', `function:${STACK}-*`)}`]: 'Functions CloudFormation names after the session environment stack.',
  [`Resource::${REGIONAL('cloudwatch', `alarm:${STACK}-*`)}`]: "The session environment's expiry alarm.",
  [`Resource::${REGIONAL('lambda', 'event-source-mapping:*')}`]:
    'Event source mapping ids are random: conditioned on the session environment tag (and on a function of the session environment stack where Lambda evaluates it).',
  [`Resource::${REGIONAL('ec2', 'network-interface/*')}`]: 'Network interfaces RunInstances creates in the foundation VPC.',
  [`Resource::${REGIONAL('ec2', 'subnet/*')}`]: 'Subnets, conditioned on ec2:Vpc being the foundation VPC.',
  [`Resource::${REGIONAL('ec2', 'volume/*')}`]:
    'Root volumes RunInstances creates; tags only at creation (ec2:CreateAction) or on volumes tagged for the session environment.',
  'Resource::arn:<AWS::Partition>:ec2:<AWS::Region>::image/*': 'Public Amazon Linux images.',
  [`Resource::${REGIONAL('ec2', 'instance/*')}`]:
    'Instance ids are random: created only with, and changed only under, the session environment tag.',
  [`Resource::${REGIONAL('ec2', 'launch-template/*')}`]: 'Launch template ids are random: conditioned on the session environment tag.',
  [`Resource::${REGIONAL('ec2', 'security-group/*')}`]: 'Security group ids are random: conditioned on the session environment tag.',
};

/** Why each wildcard of the boundary is there. */
const BOUNDARY: Record<string, string> = {
  'Action::kinesis:*': "Every data-plane and stream-management call, on the role's own environment stream only.",
};

function acknowledge(scope: IConstruct, reasons: Record<string, string>): void {
  for (const [finding, reason] of Object.entries(reasons))
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
}

/** Acknowledges the wildcards of the environment policy, the boundary and the expirer's role, each with its reason. */
export function acknowledgePolicyWildcards(environmentPolicies: IConstruct[], boundary: IConstruct, expirerRole: IConstruct): void {
  for (const policy of environmentPolicies) acknowledge(policy, { ...SHARED, ...ENVIRONMENT_POLICY });
  acknowledge(boundary, { ...SHARED, ...BOUNDARY });
  acknowledge(expirerRole, {
    [`Resource::${REGIONAL('cloudformation', 'stack/labs-*/*')}`]:
      'The expirer reads any environment stack to check its own expiry tag; it deletes only through a session of that environment.',
  });
  for (const policy of [...environmentPolicies, boundary]) {
    Validations.of(policy).acknowledge({
      id: 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
      reason:
        'Full access only on resources of the session environment (its stream in the boundary; denies and conditions in the environment policy).',
    });
  }
}
