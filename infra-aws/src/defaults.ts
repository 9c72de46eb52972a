import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { KeyProps } from 'aws-cdk-lib/aws-kms';

/**
 * What every environment's customer-managed key shares: yearly rotation, and deletion with the
 * environment after the shortest waiting period KMS allows (7 days), since nothing outlives it.
 */
export const ENVIRONMENT_KEY = {
  enableKeyRotation: true,
  pendingWindow: Duration.days(7),
  removalPolicy: RemovalPolicy.DESTROY,
} as const satisfies KeyProps;
