import { expiryFrom, parseDuration, parseTtl, DEFAULT_TTL, LabsError, MIN_TTL } from '../src';

describe('TTL parsing', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['4h', 4 * 3_600_000],
    ['2d', 2 * 86_400_000],
    ['7d', 7 * 86_400_000],
  ])('parses %s', (text, ms) => {
    expect(parseTtl(text)).toBe(ms);
  });

  it('defaults to 4h', () => {
    expect(parseTtl(DEFAULT_TTL)).toBe(4 * 3_600_000);
  });

  it.each(['9y', '-1h', '0h', '1.5h', 'h', '4', '', '4 h'])('rejects %j quoting it and naming the units', (text) => {
    expect(() => parseTtl(text)).toThrow(LabsError);
    expect(() => parseTtl(text)).toThrow(`"${text}"`);
    expect(() => parseTtl(text)).toThrow(/m, h or d|units m, h, d/);
  });

  it('rejects more than the maximum unless raised', () => {
    expect(() => parseTtl('8d')).toThrow(/maximum is 7d/);
    expect(parseTtl('8d', '14d')).toBe(8 * 86_400_000);
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
  });

  it('rejects less than the minimum, which leaves the expiry schedule in the future when the deploy finishes', () => {
    expect(() => parseTtl('29m')).toThrow(LabsError);
    expect(() => parseTtl('29m')).toThrow(/invalid TTL "29m": the minimum is 30m, so the expiry schedule still lies in the future/);
    expect(() => parseTtl('5m')).toThrow(/minimum is 30m/);
    expect(parseTtl(MIN_TTL)).toBe(30 * 60_000);
  });

  it('computes the expiry rounded to the minute', () => {
    const now = new Date('2026-11-28T23:00:42.123Z');
    expect(expiryFrom(now, parseTtl('4h')).toISOString()).toBe('2026-11-29T03:00:00.000Z');
  });
});
