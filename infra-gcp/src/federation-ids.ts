import { randomInt } from 'node:crypto';
import { LabsError } from '@labs/config';

/** Workload identity pool and provider ids: 4–32 lowercase letters, digits and hyphens, not starting with `gcp-`. */
const WORKLOAD_IDENTITY_ID = /^[a-z0-9][a-z0-9-]{2,30}[a-z0-9]$/;

/** A federation generation: 1–8 lowercase letters and digits. */
const GENERATION = /^[a-z0-9]{1,8}$/;

/** The ids of the workload identity pools and providers of one foundation generation. */
export interface FederationIds {
  /** The AWS pool. */
  readonly poolId: string;
  /** The AWS provider. */
  readonly providerId: string;
  /** The GitHub Actions pool (a pool of its own: one provider per pool). */
  readonly ciPoolId: string;
  /** The GitHub Actions provider. */
  readonly ciProviderId: string;
}

/**
 * The pool and provider ids of a foundation generation. Deleted pools and providers keep their ids for
 * 30 days, so a foundation that is destroyed and created again must not reuse them: every creation of
 * the foundation gets a new generation (`labs bootstrap` picks it), every update keeps the recorded one.
 */
export function federationIds(generation: string): FederationIds {
  if (!GENERATION.test(generation)) {
    throw new LabsError(`invalid labs:federationGeneration "${generation}": use 1-8 lowercase letters and digits`);
  }
  const ids: FederationIds = {
    poolId: `labs-aws-${generation}`,
    providerId: `aws-${generation}`,
    ciPoolId: `labs-gh-${generation}`,
    ciProviderId: `github-${generation}`,
  };
  for (const id of Object.values(ids)) {
    if (!WORKLOAD_IDENTITY_ID.test(id) || id.startsWith('gcp-')) {
      throw new LabsError(`invalid workload identity id "${id}": use 4-32 lowercase letters, digits and hyphens`);
    }
  }
  return ids;
}

/** A new generation for a foundation being created: 6 random base-36 characters (e.g. `k3x9qa`), never a reused id. */
export function newFederationGeneration(random: (max: number) => number = randomInt): string {
  return Array.from({ length: 6 }, () => random(36).toString(36)).join('');
}
