import { defaultPolicy, scalerConfigFromEnv } from '../src';

const env = { STREAM_NAME: 'RawStreamData-dev', SCALE_OUT_ALARM_NAME: 'out', SCALE_IN_ALARM_NAME: 'in' };

describe('scaler configuration from the environment', () => {
  it("uses the default policy with the stack's shard bounds", () => {
    const config = scalerConfigFromEnv({ ...env, MIN_SHARDS: '1', MAX_SHARDS: '8' });
    expect(config).toEqual({
      streamName: 'RawStreamData-dev',
      alarmNames: { scaleOut: 'out', scaleIn: 'in' },
      policy: { ...defaultPolicy, minShards: 1, maxShards: 8 },
    });
  });

  it('adds the throttling alarm when the stack names one', () => {
    const config = scalerConfigFromEnv({ ...env, THROTTLING_ALARM_NAME: 'throttled' });
    expect(config.alarmNames).toEqual({ scaleOut: 'out', scaleIn: 'in', throttling: 'throttled' });
  });

  it('names a missing variable', () => {
    expect(() => scalerConfigFromEnv({ STREAM_NAME: 's', SCALE_OUT_ALARM_NAME: 'out' })).toThrow('SCALE_IN_ALARM_NAME is not set');
  });

  it('quotes a bad shard bound', () => {
    expect(() => scalerConfigFromEnv({ ...env, MAX_SHARDS: 'many' })).toThrow('MAX_SHARDS is "many": expected a whole number of shards');
  });
});
