import type { AccessGrant, LabContract } from './contract';

/** A runtime identity as `labs identity` reads it from a synthesized stack or inventory. */
export interface SynthesizedRuntime {
  readonly runtime: string;
  readonly where: string;
  readonly permissions: readonly string[];
}

/** Where the names of one synthesized environment appear in permissions, to be read as `<project>` and `<env>`. */
export interface SynthesizedNames {
  /** The environment name: one that is no part of another word in the stack (e.g. `ci-run`, not `data`). */
  readonly env: string;
  /** The GCP project of the synthesis. @default none (AWS permissions hold no names) */
  readonly project?: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A permission with the environment's names replaced by `<project>` and `<env>` (in its `-` and `_` spellings). */
function generalize(permission: string, names: SynthesizedNames): string {
  let text = names.project ? permission.split(names.project).join('<project>') : permission;
  for (const spelling of new Set([names.env, names.env.replace(/-/g, '_')])) {
    text = text.replace(new RegExp(`(^|[^a-z0-9])${escape(spelling)}(?=$|[^a-z0-9])`, 'g'), '$1<env>');
  }
  return text;
}

/** A grant as JSON shows it (`labs list --json`, the dry run of `labs up --json`). */
export interface GrantJson {
  readonly who: string;
  readonly can: string;
  readonly permissions?: readonly string[];
  readonly only_with?: string;
}

/** The grants of an environment deployed with these `labs up` options: one with `onlyWith` only when its option is among them. */
export function grantsWith(contract: Pick<LabContract, 'access'>, options: readonly string[] = []): AccessGrant[] {
  return contract.access.filter((grant) => grant.onlyWith === undefined || options.includes(grant.onlyWith));
}

/** A grant as JSON shows it. */
export function grantJson(grant: AccessGrant): GrantJson {
  return {
    who: grant.who,
    can: grant.can,
    ...(grant.runtime ? { permissions: grant.runtime.permissions } : {}),
    ...(grant.onlyWith ? { only_with: grant.onlyWith } : {}),
  };
}

const key = (kind: string, permissions: readonly string[]): string => `${kind}: ${[...permissions].sort().join(', ')}`;

/**
 * How a lab's declared runtime grants differ from the runtimes its synthesized environment really has
 * (empty: the consent text tells the truth). Each synthesized runtime must match one declared grant of its
 * kind with exactly its permissions, and each declared grant one synthesized runtime; grants that apply
 * only with a `labs up` option count only when `options` holds it.
 */
export function accessMismatches(
  contract: Pick<LabContract, 'id' | 'access'>,
  synthesized: readonly SynthesizedRuntime[],
  names: SynthesizedNames,
  options: readonly string[] = [],
): string[] {
  const declared = grantsWith(contract, options).filter(
    (grant): grant is AccessGrant & { runtime: NonNullable<AccessGrant['runtime']> } => grant.runtime !== undefined,
  );
  const unmatched = declared.map((grant) => ({ grant, key: key(grant.runtime.kind, grant.runtime.permissions) }));
  const found: string[] = [];
  for (const runtime of synthesized) {
    const actual = key(
      runtime.runtime,
      runtime.permissions.map((permission) => generalize(permission, names)),
    );
    const index = unmatched.findIndex((entry) => entry.key === actual);
    if (index >= 0) unmatched.splice(index, 1);
    else found.push(`${contract.id}: ${runtime.where} is not declared in the lab's access: ${actual}`);
  }
  for (const { grant, key: declaredKey } of unmatched)
    found.push(`${contract.id}: "${grant.who}" is declared but nothing synthesized has exactly ${declaredKey}`);
  return found;
}

/** The access lines shown before consent: who, and what they will be able to do. */
export function accessLines(contract: Pick<LabContract, 'access'>, options: readonly string[] = []): string[] {
  return grantsWith(contract, options).map((grant) => `${grant.who}: ${grant.can}`);
}
