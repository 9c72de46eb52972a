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
  /** Role name prefix of the deployment role, assumed with session tags for each environment's deploy, update and deletion. */
  deploymentRolePrefix: 'labs-cfn-deploy-',
} as const;

/** Deployment role name in a region (role names are account-global, so the region is part of it). */
export function deploymentRoleName(region: string): string {
  return `${AWS_FOUNDATION_NAMES.deploymentRolePrefix}${region}`;
}
