/**
 * Names the AWS foundation stack (`labs-foundation`, once per account and region) gives to what the
 * environment stacks share. Deterministic, so environment stacks import them offline and the CLI
 * derives the role ARNs without a lookup.
 */
export const AWS_FOUNDATION_NAMES = {
  /** SSM parameter holding the shared VPC id. */
  vpcIdParameter: '/labs/foundation/vpc-id',
  /** SSM parameters holding the two private subnet ids. */
  privateSubnetParameters: ['/labs/foundation/private-subnet-a', '/labs/foundation/private-subnet-b'],
  /** EventBridge Scheduler group of the expiry schedules. */
  scheduleGroup: 'labs-expiry',
  /** Role name prefix of the CloudFormation service role used for lab deployments and deletions. */
  deploymentRolePrefix: 'labs-cfn-deploy-',
  /** Role name prefix of the role EventBridge Scheduler assumes to delete expired stacks. */
  expiryRolePrefix: 'labs-expiry-',
} as const;

/** Deployment role name in a region (role names are account-global, so the region is part of it). */
export function deploymentRoleName(region: string): string {
  return `${AWS_FOUNDATION_NAMES.deploymentRolePrefix}${region}`;
}

/** Expiry role name in a region (role names are account-global, so the region is part of it). */
export function expiryRoleName(region: string): string {
  return `${AWS_FOUNDATION_NAMES.expiryRolePrefix}${region}`;
}
