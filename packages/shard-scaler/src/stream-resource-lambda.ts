import { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { putCustomResourceResponse } from './custom-resource-response';
import { createStreamResourceHandler } from './stream-resource';

/** Entry point of the stream custom resource (bundled by the CDK stack). */
export const handler = createStreamResourceHandler({
  kinesis: new KinesisClient({}),
  respond: putCustomResourceResponse,
  sleep: (ms) => sleep(ms),
});
