import { formatAwsExpiry, LabsError, parseDuration, parseExpiry } from '@labs/config';

/**
 * The expiry of an environment, refused unless it is a valid instant after `now` and no further than the
 * maximum TTL from it: the program enforces the expiry itself, whatever called it.
 */
export function checkExpiry(value: string | undefined, maxTtl: string, now: Date): Date {
  if (value === undefined || value === '') {
    throw new LabsError('missing labs:expiresAt: every environment needs an expiry (ISO-8601 UTC such as 2026-11-29T03:00:00Z)');
  }
  const expiresAt = parseExpiry(value);
  if (!expiresAt) throw new LabsError(`invalid labs:expiresAt "${value}": use ISO-8601 UTC such as 2026-11-29T03:00:00Z`);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new LabsError(`labs:expiresAt "${value}" has passed (now ${formatAwsExpiry(now)}): give an expiry in the future`);
  }
  if (expiresAt.getTime() - now.getTime() > parseDuration(maxTtl)) {
    throw new LabsError(`labs:expiresAt "${value}" is more than the maximum TTL ${maxTtl} from now (${formatAwsExpiry(now)})`);
  }
  return expiresAt;
}
