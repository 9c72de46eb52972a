import { LabsError } from '@labs/config';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/;

/** Parses a byte count such as `1000000`, `500MB` or `10GB` (decimal units, as BigQuery reports them). */
export function parseByteSize(text: string, flag = '--max-bytes'): number {
  const match = SIZE.exec(text.trim().toLowerCase());
  const factor = match ? UNITS[match[2]!] : undefined;
  const bytes = match && factor !== undefined ? Math.floor(Number(match[1]) * factor) : NaN;
  if (!(bytes > 0) || !Number.isSafeInteger(bytes)) {
    throw new LabsError(
      `invalid ${flag} "${text}": use a positive number of bytes, optionally with a unit kB, MB, GB or TB (for example 10GB)`,
    );
  }
  return bytes;
}
