import { DEFAULT_TTL, expiryFrom, parseTtl, resolveOwner } from '@labs/config';
import { projectConfig } from '../repo';

/** Owner and expiry of an environment from `--owner` and `--ttl`, validated against the project config. */
export function ownerAndExpiry(
  options: { owner?: string; ttl?: string },
  now = new Date(),
): { owner: string; expiresAt: Date; ttlMs: number } {
  const ttlMs = parseTtl(options.ttl ?? DEFAULT_TTL, projectConfig().maxTtl);
  return { owner: resolveOwner(options.owner), expiresAt: expiryFrom(now, ttlMs), ttlMs };
}
