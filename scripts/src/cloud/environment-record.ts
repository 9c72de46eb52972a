import { formatAwsExpiry, type Cloud } from '@labs/config';

/** An environment as the cloud records it (CloudFormation stack tags, Pulumi stack outputs in the backend). */
export interface EnvironmentRecord {
  readonly cloud: Cloud;
  readonly lab: string;
  readonly env: string;
  readonly stack: string;
  /** The owner as it was given (never the sanitized label). */
  readonly owner?: string;
  /** Undefined when the record carries no expiry. */
  readonly expiresAt?: Date;
  /** When the environment was first created (the start of what it has cost so far). */
  readonly createdAt?: Date;
  /** When the stack was last created or updated: the start of the grace period of a stack without expiry. */
  readonly updatedAt?: Date;
  /** The cloud's state of the stack, e.g. `CREATE_COMPLETE`, `DELETE_FAILED` or `up`. */
  readonly state: string;
  /** The sink the environment writes its stream to (`bigquery`), from its stack output; undefined without one. */
  readonly sink?: string;
}

/**
 * How long a stack without an expiry record (a first deployment that failed before writing it, a stack
 * from an older version) is left alone after its last update before `labs reap` removes it: longer than
 * any deployment takes, short enough that nothing lingers for days.
 */
export const NO_EXPIRY_GRACE_MS = 6 * 3_600_000;

/** Why `labs reap` removes a stack. */
export type ReapReason = 'expired' | 'no-expiry-record' | 'delete-failed';

/**
 * The instant after which `labs reap` removes an environment: its expiry, or for a stack without one,
 * the end of the grace period after its last update (now, when even that is unknown).
 */
export function reapAfter(record: EnvironmentRecord, now: Date): Date {
  if (record.expiresAt) return record.expiresAt;
  return record.updatedAt ? new Date(record.updatedAt.getTime() + NO_EXPIRY_GRACE_MS) : now;
}

/** Whether an environment is due for reaping. */
export function isExpired(record: EnvironmentRecord, now: Date): boolean {
  return reapAfter(record, now).getTime() <= now.getTime();
}

/**
 * Why reap removes this environment, or undefined to keep it. An AWS stack whose deletion failed
 * (`DELETE_FAILED`, e.g. after the expiry schedule's attempt) is retried whatever its expiry.
 */
export function reapReason(record: EnvironmentRecord, now: Date): ReapReason | undefined {
  if (record.state === 'DELETE_FAILED') return 'delete-failed';
  if (!isExpired(record, now)) return undefined;
  return record.expiresAt ? 'expired' : 'no-expiry-record';
}

/** What `labs status` says about the expiry of a record without one. */
export function expiryNote(record: EnvironmentRecord, now: Date): string | undefined {
  if (record.expiresAt) return undefined;
  return `no expiry record: treated as expired ${NO_EXPIRY_GRACE_MS / 3_600_000}h after its last update (${formatAwsExpiry(reapAfter(record, now))})`;
}

/** Whether a record belongs to an owner, compared as the owner was given (`--owner alice@example.com`). */
export function ownedBy(record: EnvironmentRecord, owner: string | undefined): boolean {
  return owner === undefined || record.owner === owner;
}
