import type { Environment } from '@labs/config';

/** What the stack config of one lab environment says, validated (see `readStackConfig`). */
export interface EnvironmentConfig {
  /** The GCP project. */
  readonly project: string;
  /** The region for regional resources. @default us-central1 */
  readonly region: string;
  /** The zone for zonal resources. @default us-central1-a */
  readonly zone: string;
  /** The lab environment. */
  readonly environment: Environment;
  /** Who owns the environment, as given (an email or a user name). */
  readonly owner: string;
  /** When the environment expires (checked against the maximum TTL). */
  readonly expiresAt: Date;
  /** Customer-managed KMS key for data at rest. @default Google-managed encryption */
  readonly kmsKeyName?: string;
}

/** The IAM member of an owner who is a Google account (an email), else undefined. */
export function ownerMember(owner: string): string | undefined {
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(owner) ? `user:${owner}` : undefined;
}
