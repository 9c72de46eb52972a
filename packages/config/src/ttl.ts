import { LabsError } from './errors';

/** Default time-to-live of an environment. */
export const DEFAULT_TTL = '4h';

/** Default maximum time-to-live, unless raised by `maxTtl` in the project config. */
export const DEFAULT_MAX_TTL = '7d';

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

/** Parses a TTL and checks it against the maximum (default 7d). */
export function parseTtl(text: string, maxTtl: string = DEFAULT_MAX_TTL): number {
  const ms = parseDuration(text);
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
