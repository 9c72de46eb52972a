import { randomBytes } from 'node:crypto';
import type { LiveEvent } from '@labs/web-console';
import { systemClock } from '@labs/config';
import { createKinesisClient, rampRate } from '@labs/sensor-producer';
import { labTriggerPolicy } from '@labs/shard-scaler';
import { EMULATOR_CREDENTIALS, KinesisLocal } from '@labs/testing';
import { ensureStream } from '../labs/kinesis-data/ensure-stream';
import { runSession } from '../labs/kinesis-data/session';

/** Settings of one offline run from the console (the same ramp as `labs local kinesis-data`). */
export interface KinesisDataLiveOptions {
  /** How long to produce (ms). @default 90000 */
  readonly durationMs?: number;
  /** Readings per second after the ramp. @default 40 */
  readonly peakRate?: number;
  /** Simulated sensors. @default 100 */
  readonly sensors?: number;
}

/**
 * The offline Kinesis Data lab for the console: kinesis-local on free loopback ports, a 1-shard stream,
 * sensors ramping from 5/s past the lab's trigger between 10 s and 40 s, a consumer, and the scaler's
 * decision loop every 2 s; each status, event and the summary go to `onEvent`.
 */
export async function runKinesisDataLive(
  onEvent: (event: LiveEvent) => void,
  signal: AbortSignal,
  options: KinesisDataLiveOptions = {},
): Promise<void> {
  onEvent({ type: 'starting', detail: 'starting kinesis-local' });
  const emulator = await KinesisLocal.start();
  const client = createKinesisClient({ region: emulator.region, endpoint: emulator.endpoint, credentials: EMULATOR_CREDENTIALS });
  try {
    const streamName = 'RawStreamData-local';
    await ensureStream(client, streamName, 1);
    onEvent({ type: 'event', line: `stream ${streamName} with 1 shard on ${emulator.endpoint}` });
    const summary = await runSession({
      client,
      clock: systemClock,
      streamName,
      durationMs: options.durationMs ?? 90_000,
      signal,
      startAt: 'TRIM_HORIZON',
      producer: {
        sensors: options.sensors ?? 100,
        rate: rampRate(5, options.peakRate ?? 40, 10_000, 40_000),
        idPrefix: `ui-${randomBytes(3).toString('hex')}`,
      },
      scaling: { policy: labTriggerPolicy(), everyMs: 2_000 },
      drainTimeoutMs: 30_000,
      onStatus: (status) => onEvent({ type: 'status', status }),
      onEvent: (line) => onEvent({ type: 'event', line }),
    });
    onEvent({ type: 'summary', summary });
  } finally {
    client.destroy();
    emulator.stop();
  }
}
