import { LabsError } from '@labs/config';
import type { ScalerConfig } from './handler';
import { defaultPolicy, validatePolicy } from './policy';

/** Environment variables of the scaler Lambda (set by the CDK stack). */
export const SCALER_ENV = {
  streamName: 'STREAM_NAME',
  scaleOutAlarm: 'SCALE_OUT_ALARM_NAME',
  scaleInAlarm: 'SCALE_IN_ALARM_NAME',
  throttlingAlarm: 'THROTTLING_ALARM_NAME',
  minShards: 'MIN_SHARDS',
  maxShards: 'MAX_SHARDS',
} as const;

/** Reads and validates the scaler's configuration: the default policy with the stack's shard bounds. */
export function scalerConfigFromEnv(env: NodeJS.ProcessEnv): ScalerConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new LabsError(`${name} is not set: the scaler needs it (set by the kinesis-data stack)`);
    return value;
  };
  const shards = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw new LabsError(`${name} is "${raw}": expected a whole number of shards`);
    return Number(raw);
  };
  return {
    streamName: required(SCALER_ENV.streamName),
    alarmNames: {
      scaleOut: required(SCALER_ENV.scaleOutAlarm),
      scaleIn: required(SCALER_ENV.scaleInAlarm),
      throttling: env[SCALER_ENV.throttlingAlarm] || undefined,
    },
    policy: validatePolicy({
      ...defaultPolicy,
      minShards: shards(SCALER_ENV.minShards, defaultPolicy.minShards),
      maxShards: shards(SCALER_ENV.maxShards, defaultPolicy.maxShards),
    }),
  };
}
