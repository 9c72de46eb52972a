import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** The environment owner: `--owner`, else the git user email, else the OS user. */
export function resolveOwner(flag?: string): string {
  if (flag?.trim()) return flag.trim();
  try {
    const email = execFileSync('git', ['config', 'user.email'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
    if (email) return email;
  } catch {
    // no git or no email configured: fall through to the OS user
  }
  return userInfo().username;
}
