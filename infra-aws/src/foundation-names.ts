import { Fn } from 'aws-cdk-lib';
import { AWS_FOUNDATION_NAMES } from '@labs/config';

/** ARN of the foundation's CloudFormation deployment role, as a deploy-time token. */
export function deploymentRoleArn(): string {
  return Fn.sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${AWS_FOUNDATION_NAMES.deploymentRolePrefix}\${AWS::Region}`);
}

/** ARN of the foundation's expiry role, as a deploy-time token. */
export function expiryRoleArn(): string {
  return Fn.sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${AWS_FOUNDATION_NAMES.expiryRolePrefix}\${AWS::Region}`);
}
