import type { Environment } from '@labs/config';

/** What the program passes to every lab component. */
export interface LabComponentArgs {
  /** The GCP project. */
  readonly project: string;
  /** The region for regional resources. @default us-central1 */
  readonly region: string;
  /** The zone for zonal resources. @default us-central1-a */
  readonly zone: string;
  /** The lab environment. */
  readonly environment: Environment;
  /** Environment name, `labs-env` label value. */
  readonly envName: string;
  /** Labels every resource carries: `labs-lab`, `labs-env`, `labs-owner`, `labs-expires-at`. */
  readonly labels: Record<string, string>;
  /** When the environment expires. */
  readonly expiresAt: Date;
  /** Milliseconds from now until expiry, for native expirations (BigQuery, buckets, VMs). */
  readonly defaultTableExpirationMs: number;
  /** Ephemeral environment: contents are deleted with it. @default true */
  readonly ephemeral: boolean;
  /** Customer-managed KMS key for data at rest. @default Google-managed encryption */
  readonly kmsKeyName?: string;
}
