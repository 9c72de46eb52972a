import { awsTags, environment, formatLabelExpiry, gcpLabels, parseExpiry, foundationTags, TAG_KEYS } from '../src';

const expiresAt = new Date('2026-11-29T03:00:00Z');

describe('tags and labels', () => {
  it('tags AWS resources with ISO expiry', () => {
    expect(awsTags({ environment: environment('kinesis-data', 'alice'), owner: 'alice@example.com', expiresAt })).toEqual({
      'labs-lab': 'kinesis-data',
      'labs-env': 'alice',
      'labs-owner': 'alice@example.com',
      'labs-expires-at': '2026-11-29T03:00:00Z',
    });
  });

  it('labels GCP resources with label-safe values', () => {
    const labels = gcpLabels({ environment: environment('bqml-classification', 'bob'), owner: 'Bob.Smith@Example.com', expiresAt });
    expect(labels).toEqual({
      'labs-lab': 'bqml-classification',
      'labs-env': 'bob',
      'labs-owner': 'bob_smith_example_com',
      'labs-expires-at': '20261129t0300z',
    });
    for (const value of Object.values(labels)) expect(value).toMatch(/^[a-z0-9_-]{1,63}$/);
  });

  it('round-trips both expiry forms', () => {
    expect(formatLabelExpiry(expiresAt)).toBe('20261129t0300z');
    expect(parseExpiry('20261129t0300z')?.toISOString()).toBe(expiresAt.toISOString());
    expect(parseExpiry('2026-11-29T03:00:00Z')?.toISOString()).toBe(expiresAt.toISOString());
    expect(parseExpiry('soon')).toBeUndefined();
  });

  it('gives foundation stacks no expiry', () => {
    expect(foundationTags()).not.toHaveProperty(TAG_KEYS.expiresAt);
  });
});
