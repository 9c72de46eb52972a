import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo';

/** Where class runs keep their record until every environment succeeded. */
export const CLASS_RUN_DIR = join(REPO_ROOT, '.labs', 'class-runs');

/**
 * What the first run of a class command decided, so that running the same command again resumes it:
 * the same owner and the same target expiry per environment (a second `up` or `extend` must not
 * move the expiry again), and which environments are left.
 */
export interface ClassRunRecord {
  readonly command: 'up' | 'down' | 'extend';
  readonly lab: string;
  readonly owner?: string;
  /** Target expiry of each environment (ISO-8601 UTC), for `up` and `extend`. */
  readonly targets: Record<string, string>;
  /** When the first run started (ISO-8601 UTC). */
  readonly startedAt: string;
}

/** The record's file for a command over a set of environments with its arguments (TTL, owner). */
export function classRunFile(command: ClassRunRecord['command'], lab: string, envs: readonly string[], args: readonly string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([command, lab, [...envs].sort(), args]))
    .digest('hex')
    .slice(0, 16);
  return join(CLASS_RUN_DIR, `${command}-${lab}-${digest}.json`);
}

/**
 * The record of an unfinished run of the same command, or undefined. A record whose targets are all
 * in the past is stale (the class is over) and ignored.
 */
export function loadClassRun(file: string, now: Date): ClassRunRecord | undefined {
  if (!existsSync(file)) return undefined;
  let record: ClassRunRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as ClassRunRecord;
  } catch {
    return undefined;
  }
  const targets = Object.values(record.targets ?? {});
  if (targets.length && targets.every((target) => new Date(target).getTime() <= now.getTime())) return undefined;
  return record;
}

/** Keeps the record of a run that is not finished yet. */
export function saveClassRun(file: string, record: ClassRunRecord): void {
  mkdirSync(CLASS_RUN_DIR, { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** Forgets a run once every environment succeeded. */
export function finishClassRun(file: string): void {
  rmSync(file, { force: true });
}
