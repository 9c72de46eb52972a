import { join } from 'node:path';
import { loadProjectConfig, type ProjectConfig } from '@labs/config';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Runs a TypeScript file of the repository with tsx: [node, args…]. */
export function tsxCommand(file: string, ...args: string[]): [string, string[]] {
  return [process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, file), ...args]];
}

/** The project's `labs.config.json` (defaults when absent). */
export function projectConfig(): ProjectConfig {
  return loadProjectConfig(REPO_ROOT);
}
