import { Fn } from 'aws-cdk-lib';
import { deploymentRoleName, expiryRoleName } from '@labs/config';

/** ARN of the foundation's CloudFormation deployment role, as a deploy-time token. */
export function deploymentRoleArn(): string {
  return Fn.sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${deploymentRoleName('${AWS::Region}')}`);
}

/** ARN of the foundation's expiry role, as a deploy-time token. */
export function expiryRoleArn(): string {
  return Fn.sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${expiryRoleName('${AWS::Region}')}`);
}
