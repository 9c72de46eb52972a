import { backoffDelay } from '../src/backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 50, maxMs: 1000 };

  it('doubles the cap per retry up to the maximum', () => {
    const top = (retry: number): number => backoffDelay(retry, policy, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([49, 99, 199, 399, 799, 999]);
  });

  it('is fully jittered: zero at the bottom of the random range', () => {
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });
});
