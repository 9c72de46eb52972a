import { LabsError } from '@labs/config';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** Parses a run length such as `90s`, `5m` or `1h` into milliseconds. */
export function parseRunDuration(text: string): number {
  const match = /^(\d+)([smh])$/.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) {
    throw new LabsError(`invalid duration "${text}": use a positive whole number with a unit s, m or h (for example 90s, 5m)`);
  }
  return amount * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Parses a whole number of at least `min` for option `name`. */
export function parseWholeNumber(name: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new LabsError(`invalid ${name} "${text}": use a whole number of at least ${min}`);
  }
  return value;
}
