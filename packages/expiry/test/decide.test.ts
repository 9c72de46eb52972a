import { decideExpiry } from '../src/decide';

const now = new Date('2026-12-01T12:00:00Z');
const tags = { 'labs-lab': 'kinesis-data', 'labs-env': 'alice', 'labs-expires-at': '2026-12-01T12:00:00Z' };
const stack = (overrides: Partial<{ name: string; status: string; tags: Record<string, string> }> = {}) => ({
  name: 'labs-kinesis-data-alice',
  status: 'CREATE_COMPLETE',
  tags,
  ...overrides,
});

describe('decideExpiry', () => {
  it('deletes an expired environment stack through a session of its own lab and environment', () => {
    expect(decideExpiry(stack(), now)).toEqual({ action: 'delete', sessionTags: { 'labs-lab': 'kinesis-data', 'labs-env': 'alice' } });
  });

  it('retries a stack left in DELETE_FAILED', () => {
    expect(decideExpiry(stack({ status: 'DELETE_FAILED' }), now).action).toBe('delete');
  });

  it('skips a stack whose expiry was extended after the schedule fired', () => {
    expect(decideExpiry(stack({ tags: { ...tags, 'labs-expires-at': '2026-12-01T14:00:00Z' } }), now)).toEqual({
      action: 'skip',
      reason: 'labs-kinesis-data-alice expires at 2026-12-01T14:00:00.000Z, not yet',
    });
  });

  it('skips stacks that are gone or going', () => {
    for (const status of ['DELETE_COMPLETE', 'DELETE_IN_PROGRESS']) expect(decideExpiry(stack({ status }), now).action).toBe('skip');
  });

  it('never deletes a stack that is not an environment, or whose tags name another environment', () => {
    expect(decideExpiry(stack({ name: 'labs-foundation' }), now).action).toBe('skip');
    expect(decideExpiry(stack({ name: 'other-stack' }), now).action).toBe('skip');
    expect(decideExpiry(stack({ tags: { ...tags, 'labs-env': 'bob' } }), now)).toEqual({
      action: 'skip',
      reason: 'labs-kinesis-data-alice is tagged for another environment',
    });
  });

  it('skips a stack without a readable expiry', () => {
    const { 'labs-expires-at': _dropped, ...noExpiry } = tags;
    expect(decideExpiry(stack({ tags: noExpiry }), now).action).toBe('skip');
    expect(decideExpiry(stack({ tags: { ...tags, 'labs-expires-at': 'soon' } }), now).action).toBe('skip');
  });
});
