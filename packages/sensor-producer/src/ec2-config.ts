import { LabsError } from '@labs/config';

/** Configuration of the EC2 producer service, read from its environment. */
export interface Ec2ProducerConfig {
  /** `STREAM_NAME` (required). */
  readonly streamName: string;
  /** `AWS_REGION` (required; set by the service unit). */
  readonly region: string;
  /** `RATE`: readings per second. @default 100 */
  readonly rate: number;
  /** `SENSORS`: simulated sensors (partition keys; each has at most one record in flight, to keep its order). @default 100 */
  readonly sensors: number;
  /** `MAX_BUFFERED_RECORDS`: producer buffer limit. @default 100000 */
  readonly maxBufferedRecords: number;
  /** `MAX_BLOCK_MS`: how long the source waits for buffer space before the run fails. @default 10000 */
  readonly maxBlockMs: number;
  /** `MAX_ATTEMPTS`: retry budget per record. @default 10 */
  readonly maxAttempts: number;
  /** `FLUSH_TIMEOUT_MS`: how long a stop may spend flushing. @default 20000 (systemd's TimeoutStopSec must exceed it) */
  readonly flushTimeoutMs: number;
  /** `STATS_EVERY_MS`: interval of the one-line stats log. @default 60000 */
  readonly statsEveryMs: number;
}

/** Reads and validates the producer's configuration from environment variables. */
export function readEc2ProducerConfig(env: NodeJS.ProcessEnv): Ec2ProducerConfig {
  return {
    streamName: required(env, 'STREAM_NAME'),
    region: required(env, 'AWS_REGION'),
    rate: positiveNumber(env, 'RATE', 100),
    sensors: positiveInteger(env, 'SENSORS', 100),
    maxBufferedRecords: positiveInteger(env, 'MAX_BUFFERED_RECORDS', 100_000),
    maxBlockMs: positiveInteger(env, 'MAX_BLOCK_MS', 10_000),
    maxAttempts: positiveInteger(env, 'MAX_ATTEMPTS', 10),
    flushTimeoutMs: positiveInteger(env, 'FLUSH_TIMEOUT_MS', 20_000),
    statsEveryMs: positiveInteger(env, 'STATS_EVERY_MS', 60_000),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new LabsError(`${name} is not set: the producer needs it (for example ${name}=${EXAMPLES[name] ?? 'value'})`);
  return value;
}

const EXAMPLES: Record<string, string> = { STREAM_NAME: 'RawStreamData-alice', AWS_REGION: 'eu-west-1' };

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new LabsError(`invalid ${name} "${text}": use a number greater than 0`);
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = positiveNumber(env, name, fallback);
  if (!Number.isInteger(value)) throw new LabsError(`invalid ${name} "${env[name]}": use a whole number greater than 0`);
  return value;
}
