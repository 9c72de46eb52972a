import { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { putCustomResourceResponse } from './custom-resource-response';
import { createStreamResourceHandler } from './stream-resource';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set; the Lambda runtime sets it`);
  return value;
}

/** Entry point of the stream custom resource (bundled by the CDK stack). */
export const handler = createStreamResourceHandler({
  kinesis: new KinesisClient({}),
  region: requiredEnv('AWS_REGION'),
  respond: putCustomResourceResponse,
  sleep: (ms) => sleep(ms),
});
