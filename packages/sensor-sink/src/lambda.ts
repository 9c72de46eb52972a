import { BIGQUERY_INSERT_SCOPE, redact, sleep, systemClock } from '@labs/config';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { ExternalAccountClient } from 'google-auth-library';
import { createInsertAllClient } from './insert-all-client';
import { sinkBatch } from './sink';
import { sinkConfigFromEnv } from './sink-config';

const config = sinkConfigFromEnv(process.env);

/**
 * Created once per container, so its federated token is cached across invocations. On Lambda the AWS
 * region and the execution role's credentials come from the environment (`AWS_REGION`,
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), which google-auth-library's AWS
 * credential source reads before it would ever ask the instance metadata service.
 */
const auth = ExternalAccountClient.fromJSON({ ...config.credentials, scopes: [BIGQUERY_INSERT_SCOPE] });
if (!auth) throw new Error('LABS_SINK_CREDENTIALS is not an external-account configuration google-auth-library accepts');

const client = createInsertAllClient({ auth, table: config.table, baseUrl: config.bigQueryUrl });

/**
 * The BigQuery sink Lambda (bundled by the kinesis-data stack's sink, fed by a Kinesis event source
 * mapping with `ReportBatchItemFailures`): writes the batch's sensor readings into `sensor_readings` and
 * returns the records that failed, for the mapping to retry from the lowest one.
 */
export function handler(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  return sinkBatch(event, {
    client,
    environment: config.environment,
    sleep: (ms) => sleep(systemClock, ms),
    onEvent: (sinkEvent) => console.log(redact(JSON.stringify(sinkEvent))),
  });
}
