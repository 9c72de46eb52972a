import { LabsError } from './errors';

/** Default time-to-live of an environment. */
export const DEFAULT_TTL = '4h';

/** Default maximum time-to-live, unless raised by `maxTtl` in the project config. */
export const DEFAULT_MAX_TTL = '7d';

/**
 * The shortest time-to-live: an environment's expiry schedule must still lie in the future when its
 * deploy finishes (a lab stack takes up to about 15 minutes to deploy; a schedule whose time has passed
 * never fires, and the environment would live until `labs reap`).
 */
export const MIN_TTL = '30m';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)([mhd])$/;

/** Parses a duration such as `90m`, `4h`, `2d` into milliseconds (no maximum). */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) {
    throw new LabsError(`invalid TTL "${text}": use a positive whole number with a unit m, h or d (for example 90m, 4h, 2d)`);
  }
  return amount * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Parses a TTL and checks it against the minimum (30m) and the maximum (default 7d). */
export function parseTtl(text: string, maxTtl: string = DEFAULT_MAX_TTL): number {
  const ms = parseDuration(text);
  if (ms < parseDuration(MIN_TTL)) {
    throw new LabsError(
      `invalid TTL "${text}": the minimum is ${MIN_TTL}, so the expiry schedule still lies in the future when the deploy finishes; allowed units m, h, d`,
    );
  }
  if (ms > parseDuration(maxTtl)) {
    throw new LabsError(
      `invalid TTL "${text}": the maximum is ${maxTtl} (raise "maxTtl" in labs.config.json to allow more); allowed units m, h, d`,
    );
  }
  return ms;
}

/** The expiry instant of an environment created at `now` with a TTL, rounded down to the minute. */
export function expiryFrom(now: Date, ttlMs: number): Date {
  const at = new Date(now.getTime() + ttlMs);
  at.setUTCSeconds(0, 0);
  return at;
}
