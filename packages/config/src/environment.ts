import { LabsError } from './errors';
import { getLab, type LabDefinition } from './labs';

const ENV_NAME = /^[a-z0-9-]{3,24}$/;

/** Name of the permanent foundation stack of each cloud (never expires, never reaped). */
export const FOUNDATION_STACK = 'labs-foundation';

/** Prefix of every environment stack. */
export const STACK_PREFIX = 'labs-';

/** Checks an environment name: lowercase letters, digits and hyphens, 3–24 characters. */
export function validateEnvName(name: string): string {
  if (!ENV_NAME.test(name) || name.startsWith('-') || name.endsWith('-')) {
    throw new LabsError(
      `invalid environment name "${name}": use 3-24 lowercase letters, digits and hyphens (a-z, 0-9, -), not starting or ending with a hyphen`,
    );
  }
  return name;
}

/** One lab environment: a lab for one person or purpose. */
export interface Environment {
  readonly lab: LabDefinition;
  readonly name: string;
}

/** Builds a validated environment from a lab id and an env name. */
export function environment(labId: string, envName: string): Environment {
  return { lab: getLab(labId), name: validateEnvName(envName) };
}

/** Stack name of an environment, the same for CDK and Pulumi: `labs-<lab>-<env>`. */
export function stackName(env: Environment): string {
  return `${STACK_PREFIX}${env.lab.id}-${env.name}`;
}

/** Parses a stack name back into lab id and env name, or returns undefined. */
export function parseStackName(name: string): { lab: string; env: string } | undefined {
  if (!name.startsWith(STACK_PREFIX) || name === FOUNDATION_STACK) return undefined;
  const rest = name.slice(STACK_PREFIX.length);
  const lab = [...rest.matchAll(/-/g)]
    .map((m) => rest.slice(0, m.index))
    .reverse()
    .find((candidate) => {
      try {
        getLab(candidate);
        return true;
      } catch {
        return false;
      }
    });
  return lab ? { lab, env: rest.slice(lab.length + 1) } : undefined;
}

/**
 * Deterministic resource name for an environment: `<base>-<env>` (the lab's resource keeps its
 * seed name as the base, e.g. `RawStreamData-alice`). Two environments never collide.
 */
export function resourceName(env: Environment, base: string): string {
  return `${base}-${env.name}`;
}
