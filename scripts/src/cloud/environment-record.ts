import type { Cloud } from '@labs/config';

/** An environment as the cloud records it (CloudFormation stack tags, Pulumi stack outputs). */
export interface EnvironmentRecord {
  readonly cloud: Cloud;
  readonly lab: string;
  readonly env: string;
  readonly stack: string;
  readonly owner?: string;
  /** Undefined when the record carries no expiry. */
  readonly expiresAt?: Date;
  /** The cloud's state of the stack, e.g. `CREATE_COMPLETE` or `up`. */
  readonly state: string;
}

/** Whether an environment is past its expiry. */
export function isExpired(record: EnvironmentRecord, now: Date): boolean {
  return record.expiresAt !== undefined && record.expiresAt.getTime() <= now.getTime();
}
