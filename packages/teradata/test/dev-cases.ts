import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The dev cases beside the repository (`../shared/teradata-sql/`, as in CI); read, never copied. */
export const DEV_CASES_FILE = join(__dirname, '..', '..', '..', '..', 'shared', 'teradata-sql', 'dev-cases.jsonl');

/** Whether the dev cases are there. */
export const HAVE_DEV_CASES = existsSync(DEV_CASES_FILE);

/** The dev cases' ids and Teradata inputs, in file order; empty when the file is absent. */
export function devCases(): { id: string; teradata: string }[] {
  if (!HAVE_DEV_CASES) return [];
  return readFileSync(DEV_CASES_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { id: string; teradata: string });
}

/** Title of a dev-case block: the file, or that it is absent and the block skipped. */
export const DEV_CASES_TITLE = HAVE_DEV_CASES ? DEV_CASES_FILE : `skipped: ${DEV_CASES_FILE} not found`;
