import { randomBytes } from 'node:crypto';
import type { LiveEvent } from '@labs/web-console';
import { systemClock } from '@labs/config';
import { createKinesisClient } from '@labs/sensor-producer';
import { labTriggerPolicy } from '@labs/shard-scaler';
import { EMULATOR_CREDENTIALS, KinesisLocal } from '@labs/testing';
import { DRAIN_TIMEOUT_MS, labProducer, LOCAL_STREAM, RUN_DEFAULTS, SCALER_EVERY_MS } from '../labs/kinesis-data';
import { ensureStream } from '../labs/kinesis-data/ensure-stream';
import { runSession } from '../labs/kinesis-data/session';

/**
 * The offline Kinesis Data lab for the console, as `labs local kinesis-data` runs it with its defaults:
 * kinesis-local on free loopback ports, a 1-shard stream, sensors ramping past the lab's trigger, a
 * consumer, and the scaler's decision loop; each status, event and the summary go to `onEvent`.
 */
export async function runKinesisDataLive(onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void> {
  onEvent({ type: 'starting', detail: 'starting kinesis-local' });
  const emulator = await KinesisLocal.start();
  const client = createKinesisClient({ region: emulator.region, endpoint: emulator.endpoint, credentials: EMULATOR_CREDENTIALS });
  try {
    await ensureStream(client, LOCAL_STREAM, 1);
    onEvent({ type: 'event', line: `stream ${LOCAL_STREAM} with 1 shard on ${emulator.endpoint}` });
    const summary = await runSession({
      client,
      clock: systemClock,
      streamName: LOCAL_STREAM,
      durationMs: RUN_DEFAULTS.durationMs,
      signal,
      startAt: 'TRIM_HORIZON',
      producer: labProducer(RUN_DEFAULTS.sensors, RUN_DEFAULTS.peakRate, `ui-${randomBytes(3).toString('hex')}`),
      scaling: { policy: labTriggerPolicy(), everyMs: SCALER_EVERY_MS },
      drainTimeoutMs: DRAIN_TIMEOUT_MS,
      onStatus: (status) => onEvent({ type: 'status', status }),
      onEvent: (line) => onEvent({ type: 'event', line }),
    });
    onEvent({ type: 'summary', summary });
  } finally {
    client.destroy();
    emulator.stop();
  }
}
