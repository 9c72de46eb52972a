import { callsInLastDay, DAY_MS, formatScalingHistory, parseScalingHistory } from '../src';
import { T0 } from './helpers';

describe('scaling history tag', () => {
  it('round-trips calls as epoch seconds, rounding up', () => {
    const value = formatScalingHistory([T0 - 3_600_000 + 1], T0);
    expect(value).toBe(`${T0 / 1000 - 3600 + 1} ${T0 / 1000}`);
    expect(parseScalingHistory(value)).toEqual([T0 - 3_600_000 + 1000, T0]);
  });

  it('drops calls older than 24 h when writing', () => {
    expect(formatScalingHistory([T0 - DAY_MS, T0 - DAY_MS + 1000], T0)).toBe(`${(T0 - DAY_MS) / 1000 + 1} ${T0 / 1000}`);
  });

  it("stays within a tag value's 256 characters at the 10-call limit", () => {
    const calls = Array.from({ length: 9 }, (_, i) => T0 - i * 3_600_000);
    expect(formatScalingHistory(calls, T0 + 1000).length).toBeLessThanOrEqual(256);
  });

  it('reads a missing or garbled tag as no history, keeping the numbers it can', () => {
    expect(parseScalingHistory(undefined)).toEqual([]);
    expect(parseScalingHistory('')).toEqual([]);
    expect(parseScalingHistory('abc 1700000000 -5')).toEqual([1_700_000_000_000]);
  });

  it('counts calls in the rolling 24 h, not in the future', () => {
    expect(callsInLastDay([T0 - DAY_MS, T0 - DAY_MS + 1, T0, T0 + 1], T0)).toEqual([T0 - DAY_MS + 1, T0]);
  });
});
