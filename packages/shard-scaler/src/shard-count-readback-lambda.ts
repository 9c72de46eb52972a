import { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { createShardCountReadbackHandler, putCustomResourceResponse } from './shard-count-readback';

/** Entry point of the shard count read-back custom resource (bundled by the CDK stack). */
export const handler = createShardCountReadbackHandler({
  kinesis: new KinesisClient({}),
  respond: putCustomResourceResponse,
  sleep: (ms) => sleep(ms),
});
