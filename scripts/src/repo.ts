import { join } from 'node:path';
import { loadProjectConfig, loadProjectConfigFile, type ProjectConfig } from '@labs/config';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Runs a TypeScript file of the repository with tsx: [node, args…]. */
export function tsxCommand(file: string, ...args: string[]): [string, string[]] {
  return [process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, file), ...args]];
}

/** The project config: `$LABS_CONFIG_FILE` if set, else `labs.config.json` at the root (defaults when absent). */
export function projectConfig(): ProjectConfig {
  const file = process.env.LABS_CONFIG_FILE;
  return file ? loadProjectConfigFile(file) : loadProjectConfig(REPO_ROOT);
}
