import { REPO_ROOT } from '@labs/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

interface SecretlintResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string; readonly message: string }[];
}

/** secretlint (recommended preset, the repository's `.secretlintrc.json`) over files; the findings, one per line. */
export async function secretScan(files: readonly string[]): Promise<string[]> {
  const bin = join(REPO_ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const run = await execFileAsync(
    process.execPath,
    [bin, '--secretlintrc', join(REPO_ROOT, '.secretlintrc.json'), '--format', 'json', '--maskSecrets', ...files],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
  const results = JSON.parse(run.stdout) as SecretlintResult[];
  return results.flatMap((result) => result.messages.map((message) => `${result.filePath}: ${message.ruleId} ${message.message}`));
}
