import { awsExternalAccountConfig, LabsError } from '@labs/config';
import { BIGQUERY_API_URL, SINK_ENV, sinkConfigFromEnv } from '../src';

const CREDENTIALS = awsExternalAccountConfig({
  providerName: 'projects/987654321098/locations/global/workloadIdentityPools/labs-aws-mh3k2a/providers/aws-mh3k2a',
  serviceAccountEmail: 'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com',
});

const ENV: NodeJS.ProcessEnv = {
  LABS_SINK_CREDENTIALS: JSON.stringify(CREDENTIALS),
  LABS_SINK_PROJECT: 'my-lab-project',
  LABS_SINK_DATASET: 'sensor_data',
  LABS_SINK_TABLE: 'sensor_readings',
  LABS_ENVIRONMENT: 'alice',
};

const errorOf = (env: NodeJS.ProcessEnv): string => {
  try {
    sinkConfigFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(LabsError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('sinkConfigFromEnv', () => {
  it('reads the table, the environment and the credential configuration', () => {
    expect(sinkConfigFromEnv(ENV)).toEqual({
      credentials: CREDENTIALS,
      table: { projectId: 'my-lab-project', datasetId: 'sensor_data', tableId: 'sensor_readings' },
      environment: 'alice',
      bigQueryUrl: BIGQUERY_API_URL,
    });
  });

  it.each(Object.values(SINK_ENV).filter((name) => name !== SINK_ENV.bigQueryUrl))('names %s when it is missing', (name) => {
    expect(errorOf({ ...ENV, [name]: undefined })).toBe(
      `${name} is not set: the BigQuery sink needs it (set by the kinesis-data stack's sink)`,
    );
  });

  it.each([
    ['LABS_SINK_PROJECT', 'My Project', /^LABS_SINK_PROJECT is "My Project": expected a GCP project id/],
    ['LABS_SINK_DATASET', 'sensor-data', /^LABS_SINK_DATASET is "sensor-data": expected a BigQuery dataset id/],
    ['LABS_SINK_TABLE', 'a/b', /^LABS_SINK_TABLE is "a\/b": expected a BigQuery table id/],
    ['LABS_ENVIRONMENT', 'Alice', /^LABS_ENVIRONMENT: invalid environment name "Alice"/],
    [
      'LABS_SINK_BIGQUERY_URL',
      'bigquery.googleapis.com',
      /^LABS_SINK_BIGQUERY_URL is "bigquery.googleapis.com": expected an http\(s\) base URL/,
    ],
  ])('names %s when its value %j is invalid', (name, value, message) => {
    expect(errorOf({ ...ENV, [name]: value })).toMatch(message);
  });

  it.each([
    [
      'not JSON',
      '{type:',
      'LABS_SINK_CREDENTIALS is not JSON: expected the external-account configuration built by awsExternalAccountConfig',
    ],
    [
      'a service account key',
      JSON.stringify({ type: 'service_account' }),
      'LABS_SINK_CREDENTIALS has type "service_account": expected an "external_account" configuration',
    ],
    [
      'another credential source',
      JSON.stringify({ ...CREDENTIALS, credential_source: { file: '/var/run/token' } }),
      'LABS_SINK_CREDENTIALS has no AWS credential source (credential_source.environment_id "aws1")',
    ],
    ['no audience', JSON.stringify({ ...CREDENTIALS, audience: '' }), 'LABS_SINK_CREDENTIALS has no audience'],
    [
      'a secret',
      JSON.stringify({ ...CREDENTIALS, client_secret: 'x' }),
      "LABS_SINK_CREDENTIALS holds client_secret: the sink's configuration must hold no secret",
    ],
  ])('refuses credentials that are %s, naming LABS_SINK_CREDENTIALS', (_, value, message) => {
    expect(errorOf({ ...ENV, LABS_SINK_CREDENTIALS: value })).toBe(message);
  });

  it('takes a BigQuery endpoint override without its trailing slash', () => {
    expect(sinkConfigFromEnv({ ...ENV, LABS_SINK_BIGQUERY_URL: 'http://127.0.0.1:9050/' }).bigQueryUrl).toBe('http://127.0.0.1:9050');
  });
});
