import { Fn } from 'aws-cdk-lib';
import { deploymentRoleName } from '@labs/config';

/** Name of one of the foundation's managed policies that say what deploying one environment may do. */
export function environmentPolicyName(region: string, part: string): string {
  return `labs-environment-${part}-${region}`;
}

/** Name of the foundation's managed policy that bounds every role an environment stack creates. */
export function boundaryPolicyName(region: string): string {
  return `labs-boundary-${region}`;
}

/** Name of the foundation's function that deletes expired environment stacks. */
export const EXPIRER_FUNCTION_NAME = 'labs-expirer';

const sub = (resource: string) => Fn.sub(`arn:\${AWS::Partition}:${resource}`);

/** ARN of the foundation's deployment role, as a deploy-time token. */
export function deploymentRoleArn(): string {
  return sub(`iam::\${AWS::AccountId}:role/${deploymentRoleName('${AWS::Region}')}`);
}

/** ARN of the permissions boundary of every role an environment stack creates, as a deploy-time token. */
export function boundaryPolicyArn(): string {
  return sub(`iam::\${AWS::AccountId}:policy/${boundaryPolicyName('${AWS::Region}')}`);
}

/** ARN of the foundation's expirer function, as a deploy-time token. */
export function expirerFunctionArn(): string {
  return sub(`lambda:\${AWS::Region}:\${AWS::AccountId}:function:${EXPIRER_FUNCTION_NAME}`);
}
