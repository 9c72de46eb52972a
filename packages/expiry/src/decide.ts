import { parseExpiry, parseStackName, TAG_KEYS } from '@labs/config';

/** What the expirer knows about a stack: its name, status and tags. */
export interface StackFacts {
  readonly name: string;
  readonly status: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Delete the stack, with the session tags that scope the deployment role to its environment. */
export interface DeleteStack {
  readonly action: 'delete';
  readonly sessionTags: { readonly 'labs-lab': string; readonly 'labs-env': string };
}

/** Leave the stack alone, and why. */
export interface SkipStack {
  readonly action: 'skip';
  readonly reason: string;
}

/** Statuses in which a stack is already gone or going. */
const GONE = new Set(['DELETE_COMPLETE', 'DELETE_IN_PROGRESS']);

/**
 * Decides what an expiry invocation does with a stack, from what the stack says about itself:
 *
 * - a stack that is gone or being deleted: skip;
 * - a stack whose name is not `labs-<lab>-<env>`, or whose `labs-lab`/`labs-env` tags disagree with its
 *   name: skip (never a foreign or mislabelled stack);
 * - a stack without a readable `labs-expires-at` tag, or whose expiry still lies in the future (it was
 *   extended after the schedule fired, or a schedule names someone else's stack): skip;
 * - otherwise delete it (also from `DELETE_FAILED`, which a new delete retries), with the session tags of
 *   its own environment, so the deletion can touch nothing outside it.
 */
export function decideExpiry(stack: StackFacts, now: Date): DeleteStack | SkipStack {
  if (GONE.has(stack.status)) return { action: 'skip', reason: `${stack.name} is ${stack.status}` };
  const parsed = parseStackName(stack.name);
  if (!parsed) return { action: 'skip', reason: `${stack.name} is not a labs environment stack` };
  if (stack.tags[TAG_KEYS.lab] !== parsed.lab || stack.tags[TAG_KEYS.env] !== parsed.env) {
    return { action: 'skip', reason: `${stack.name} is tagged for another environment` };
  }
  const expiresAt = parseExpiry(stack.tags[TAG_KEYS.expiresAt]);
  if (!expiresAt) return { action: 'skip', reason: `${stack.name} has no readable ${TAG_KEYS.expiresAt} tag` };
  if (expiresAt.getTime() > now.getTime()) {
    return { action: 'skip', reason: `${stack.name} expires at ${expiresAt.toISOString()}, not yet` };
  }
  return { action: 'delete', sessionTags: { 'labs-lab': parsed.lab, 'labs-env': parsed.env } };
}
