import { snakeCase, withConventionNames } from '../src/output';

describe('the JSON convention: snake_case names, documented camelCase names kept beside them', () => {
  it('adds the snake_case name beside each camelCase field, keeping the old one and its position', () => {
    expect(Object.keys(withConventionNames({ id: 'x', requiredConfig: ['a'], expiresAt: null, dryRun: true }))).toEqual([
      'id',
      'requiredConfig',
      'required_config',
      'expiresAt',
      'expires_at',
      'dryRun',
      'dry_run',
    ]);
    expect(withConventionNames({ usdPerHour: 0.5 })).toEqual({ usdPerHour: 0.5, usd_per_hour: 0.5 });
  });

  it('goes into nested objects and arrays', () => {
    expect(withConventionNames([{ environments: [{ expiresAt: 'T' }] }])).toEqual([
      { environments: [{ expiresAt: 'T', expires_at: 'T' }] },
    ]);
  });

  it('leaves snake_case, one-word names and data used as keys alone, and never overwrites a field', () => {
    const document = {
      max_lag_ms: 3,
      out: '/tmp',
      per_shard: { 'shardId-000000000000': 1, ECONOMY: 2 },
      fooBar: 1,
      foo_bar: 2,
    };
    expect(withConventionNames(document)).toEqual(document);
  });

  it('keeps values that are not plain objects as they are', () => {
    const when = new Date('2026-12-04T00:00:00Z');
    expect(withConventionNames({ startedAt: when, n: 1, s: 'camelCase', nothing: null })).toEqual({
      startedAt: when,
      started_at: when,
      n: 1,
      s: 'camelCase',
      nothing: null,
    });
  });

  it('spells names in snake_case', () => {
    expect(['requiredConfig', 'shardsEnd', 'roiTopK'].map(snakeCase)).toEqual(['required_config', 'shards_end', 'roi_top_k']);
  });
});
