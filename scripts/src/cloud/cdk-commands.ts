import { deploymentRoleName, formatAwsExpiry, stackName, FOUNDATION_STACK, type Environment } from '@labs/config';

/** Context flags the CDK app reads for one environment. */
function environmentContext(env: Environment, owner: string, expiresAt: Date): string[] {
  return ['-c', `lab=${env.lab.id}`, '-c', `env=${env.name}`, '-c', `owner=${owner}`, '-c', `expiresAt=${formatAwsExpiry(expiresAt)}`];
}

/** The foundation's CloudFormation service role for an account and region. */
export function deploymentRoleArnFor(account: string, region: string): string {
  return `arn:aws:iam::${account}:role/${deploymentRoleName(region)}`;
}

/** `cdk deploy` of one environment stack, through the foundation's CloudFormation service role. */
export function cdkDeployArgs(env: Environment, owner: string, expiresAt: Date, roleArn: string): string[] {
  return [
    'deploy',
    stackName(env),
    ...environmentContext(env, owner, expiresAt),
    '--role-arn',
    roleArn,
    '--require-approval',
    'never',
    '--progress',
    'events',
  ];
}

/** `cdk destroy` of one environment stack. */
export function cdkDestroyArgs(env: Environment, owner: string, expiresAt: Date, roleArn: string): string[] {
  return ['destroy', stackName(env), ...environmentContext(env, owner, expiresAt), '--role-arn', roleArn, '--force'];
}

/** `cdk deploy`/`cdk destroy` of the foundation stack (with the caller's own credentials). */
export function cdkFoundationArgs(destroy: boolean): string[] {
  return destroy
    ? ['destroy', FOUNDATION_STACK, '-c', 'foundation=true', '--force']
    : ['deploy', FOUNDATION_STACK, '-c', 'foundation=true', '--require-approval', 'never', '--progress', 'events'];
}
