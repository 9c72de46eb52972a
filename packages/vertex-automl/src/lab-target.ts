import { LabsError, TAG_KEYS } from '@labs/config';
import { displayNameFor, LAB_ID, LAB_REGION, locationPath } from './lab-settings';
import type { Labels } from './vertex-api';

/** The environment a lab step works in. */
export interface LabTarget {
  readonly project: string;
  readonly env: string;
  /** @default us-central1 */
  readonly region?: string;
}

/** Progress of the lab's steps, reported as it happens. */
export type LabEvent =
  | { readonly type: 'step'; readonly step: string; readonly status: 'started' | 'skipped' | 'finished'; readonly detail: string }
  | { readonly type: 'upload'; readonly object: string; readonly bytes: number; readonly skipped: boolean }
  | { readonly type: 'operation'; readonly step: string; readonly operation: string }
  | { readonly type: 'training'; readonly pipeline: string; readonly state: string; readonly elapsedMs: number };

/** Time, injected so that waiting on Vertex AI runs in simulated time in tests. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** `projects/<project>/locations/<region>` of a target. */
export function parentOf(target: LabTarget): string {
  return locationPath(target.project, target.region ?? LAB_REGION);
}

/** Whether labels mark a resource of this lab and environment. */
export function isOfEnvironment(labels: Labels | null | undefined, env: string): boolean {
  return labels?.[TAG_KEYS.lab] === LAB_ID && labels[TAG_KEYS.env] === env;
}

/** The `display_name` filter of the environment's resources. */
export function displayNameFilter(env: string): string {
  return `display_name="${displayNameFor(env)}"`;
}

/** The one resource of a listing that belongs to the environment, or undefined; two are an error. */
export function ownResource<T extends { readonly name: string; readonly displayName: string; readonly labels?: Labels | null }>(
  found: readonly T[],
  env: string,
  kind: string,
): T | undefined {
  const own = found.filter((item) => item.displayName === displayNameFor(env) && isOfEnvironment(item.labels, env));
  if (own.length > 1) {
    throw new LabsError(
      `found ${own.length} ${kind}s named ${displayNameFor(env)} for environment ${env}: ${own.map((i) => i.name).join(', ')}; delete the extra ones`,
    );
  }
  return own[0];
}

/** The last segment of a resource name: the dataset id of `projects/…/datasets/123` is `123`. */
export function resourceId(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
