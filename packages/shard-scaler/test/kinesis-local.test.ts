import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { KinesisLocal } from '@labs/testing';
import { applyScaling, decideScaling, readStreamState } from '../src';
import { minutes, MINUTE, recordsAt, RULES_POLICY } from './helpers';

describe('reading state and applying a decision against kinesis-local', () => {
  let emulator: KinesisLocal;
  let kinesis: KinesisClient;
  const name = 'RawStreamData-scaler';

  beforeAll(async () => {
    emulator = await KinesisLocal.start();
    kinesis = emulator.client();
    await emulator.createStream(name, 1);
  }, 60_000);
  afterAll(() => {
    kinesis?.destroy();
    emulator?.stop();
  });

  it('reads a new stream as 1 ACTIVE shard without history', async () => {
    await expect(readStreamState(kinesis, name)).resolves.toEqual({ shardCount: 1, status: 'ACTIVE', scalingHistory: [] });
  });

  it('scales 1 → 2 shards, records the call in the tag, and the next decision sees both', async () => {
    const now = Date.now();
    const start = Math.floor(now / MINUTE) * MINUTE - 3 * MINUTE;
    const hot = minutes(start, [recordsAt(0.9), recordsAt(0.9), recordsAt(0.9)]);
    const state = await readStreamState(kinesis, name);
    const decision = decideScaling(hot, state, RULES_POLICY, now);
    expect(decision).toMatchObject({ action: 'scale-out', fromShards: 1, toShards: 2 });

    await expect(applyScaling(kinesis, { streamName: name, decision, state, policy: RULES_POLICY, now })).resolves.toMatchObject({
      applied: true,
      toShards: 2,
    });
    await emulator.waitActive(name);

    const after = await readStreamState(kinesis, name);
    expect(after).toEqual({ shardCount: 2, status: 'ACTIVE', scalingHistory: [Math.ceil(now / 1000) * 1000] });
    // The samples that triggered it predate the scaling: nothing to decide on yet.
    expect(decideScaling(hot, after, RULES_POLICY, now + MINUTE)).toMatchObject({ action: 'hold', reason: 'not-enough-data' });
  }, 60_000);
});
