import { LabsError } from '@labs/config';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a media duration such as `10s`, `1500ms`, `2m`, `1h` into milliseconds.
 * @throws LabsError for anything else.
 */
export function parseMediaDuration(text: string, flag = '--duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNITS[match[2] as string] as number) : NaN;
  if (!(ms > 0)) throw new LabsError(`invalid ${flag} "${text}": use a positive number with a unit ms, s, m or h (for example 10s, 2m)`);
  return Math.round(ms);
}

/**
 * Checks a fragment duration: the service quotas page allows 1–20 s, the PutMedia reference (ErrorId 4002)
 * 10 s; this producer allows 1–10 s.
 * @throws LabsError outside 1000–10000 ms.
 */
export function validateFragmentDuration(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1000 || ms > 10_000) {
    throw new LabsError(`invalid fragment duration "${ms} ms": use 1s to 10s (fragments start on a key frame, one per second)`);
  }
  return ms;
}
