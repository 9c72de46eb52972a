import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { createScalerHandler } from './handler';
import { scalerConfigFromEnv } from './lambda-config';

/**
 * The scaler Lambda's entry point (bundled by the CDK stack). Configuration comes from the function's
 * environment; credentials from its execution role.
 */
export const handler = createScalerHandler(scalerConfigFromEnv(process.env), {
  kinesis: new KinesisClient({}),
  cloudwatch: new CloudWatchClient({}),
  clock: () => Date.now(),
});
