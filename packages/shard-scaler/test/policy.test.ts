import { defaultPolicy, labTriggerPolicy, validatePolicy, type ScalingPolicy } from '../src';

describe('policies', () => {
  it('the default policy is valid, sizes below the scale-out mark and waits much longer to scale in', () => {
    expect(validatePolicy(defaultPolicy)).toBe(defaultPolicy);
    expect(defaultPolicy.targetUtilisation).toBeLessThan(defaultPolicy.scaleOut.threshold);
    // Scale-in waits 4x the sustained scale-out window and 60x the throttling one.
    expect(defaultPolicy.scaleIn.periods).toBeGreaterThanOrEqual(4 * defaultPolicy.scaleOut.periods);
    expect(defaultPolicy.scaleIn.periods).toBeGreaterThanOrEqual(60 * defaultPolicy.throttledPeriods);
  });

  it('the lab trigger accepts overrides and validates them', () => {
    expect(labTriggerPolicy({ maxShards: 8 }).maxShards).toBe(8);
    expect(() => labTriggerPolicy({ maxShards: 0 })).toThrow('scaling policy maxShards is 0: expected a whole number of at least 1');
  });

  const broken: [string, Partial<ScalingPolicy>, string][] = [
    ['more calls than Kinesis allows', { maxScalingsPer24h: 11 }, 'maxScalingsPer24h is 11: Kinesis allows at most 10'],
    [
      'no hysteresis band',
      { scaleIn: { threshold: 0.8, periods: 60 } },
      'scaleIn.threshold is 0.8: expected at least 0 and below scaleOut.threshold (0.8)',
    ],
    ['a target that re-triggers', { targetUtilisation: 0.9 }, 'targetUtilisation is 0.9: expected at most scaleOut.threshold (0.8)'],
    ['max below min', { minShards: 4, maxShards: 2 }, 'maxShards is 2: expected a whole number of at least 4'],
    ['a fractional period count', { scaleOut: { threshold: 0.8, periods: 1.5 } }, 'scaleOut.periods is 1.5'],
    [
      'zero capacity',
      { capacityPerShard: { records: 0, bytes: 1, perSeconds: 1 } },
      'capacityPerShard.records is 0: expected a number above 0',
    ],
  ];
  it.each(broken)('rejects %s, quoting the value', (_, change, message) => {
    expect(() => validatePolicy({ ...defaultPolicy, ...change })).toThrow(message);
  });
});
