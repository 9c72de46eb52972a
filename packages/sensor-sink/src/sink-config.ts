import { type AwsExternalAccountConfig, LabsError, validateEnvName } from '@labs/config';

/** Environment variables of the sink Lambda (set by the kinesis-data stack's sink construct). */
export const SINK_ENV = {
  credentials: 'LABS_SINK_CREDENTIALS',
  project: 'LABS_SINK_PROJECT',
  dataset: 'LABS_SINK_DATASET',
  table: 'LABS_SINK_TABLE',
  environment: 'LABS_ENVIRONMENT',
  bigQueryUrl: 'LABS_SINK_BIGQUERY_URL',
} as const;

/** Google's BigQuery API endpoint. */
export const BIGQUERY_API_URL = 'https://bigquery.googleapis.com';

/** Where the sink writes, and as whom. */
export interface SinkConfig {
  /** The external-account (AWS) credential configuration (`awsExternalAccountConfig`); it holds no secret. */
  readonly credentials: AwsExternalAccountConfig;
  /** The destination table. */
  readonly table: TableReference;
  /** The lab environment, written into every row. */
  readonly environment: string;
  /** BigQuery API base; overridden only for a private endpoint or a local stand-in. @default https://bigquery.googleapis.com */
  readonly bigQueryUrl: string;
}

/** A BigQuery table, by project, dataset and table id. */
export interface TableReference {
  readonly projectId: string;
  readonly datasetId: string;
  readonly tableId: string;
}

/** GCP project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter (domain-scoped ids too). */
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** BigQuery dataset and table ids: letters, digits and underscores, at most 1,024 characters. */
const DATASET_ID = /^\w{1,1024}$/;
const TABLE_ID = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]{1,1024}$/u;

/**
 * Reads and validates the sink's configuration from its environment. A missing or invalid variable throws
 * a {@link LabsError} naming it, the value seen and what is allowed.
 */
export function sinkConfigFromEnv(env: NodeJS.ProcessEnv): SinkConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new LabsError(`${name} is not set: the BigQuery sink needs it (set by the kinesis-data stack's sink)`);
    return value;
  };
  const matching = (name: string, pattern: RegExp, allowed: string): string => {
    const value = required(name);
    if (!pattern.test(value)) throw new LabsError(`${name} is "${value}": expected ${allowed}`);
    return value;
  };
  const environment = required(SINK_ENV.environment);
  try {
    validateEnvName(environment);
  } catch (error) {
    throw new LabsError(`${SINK_ENV.environment}: ${(error as Error).message}`);
  }
  return {
    credentials: credentialsFrom(required(SINK_ENV.credentials)),
    table: {
      projectId: matching(SINK_ENV.project, PROJECT_ID, 'a GCP project id (6-30 lowercase letters, digits and hyphens)'),
      datasetId: matching(SINK_ENV.dataset, DATASET_ID, 'a BigQuery dataset id (letters, digits and underscores)'),
      tableId: matching(SINK_ENV.table, TABLE_ID, 'a BigQuery table id (letters, digits, underscores, hyphens and spaces)'),
    },
    environment,
    bigQueryUrl: bigQueryUrlFrom(env[SINK_ENV.bigQueryUrl]),
  };
}

/** The credential configuration, checked to be an AWS external account that carries no key of any kind. */
function credentialsFrom(json: string): AwsExternalAccountConfig {
  const name = SINK_ENV.credentials;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new LabsError(`${name} is not JSON: expected the external-account configuration built by awsExternalAccountConfig`);
  }
  const config = parsed as Partial<AwsExternalAccountConfig> & Record<string, unknown>;
  if (typeof parsed !== 'object' || parsed === null || config.type !== 'external_account') {
    throw new LabsError(`${name} has type ${JSON.stringify(config?.type)}: expected an "external_account" configuration`);
  }
  if (config.credential_source?.environment_id !== 'aws1') {
    throw new LabsError(`${name} has no AWS credential source (credential_source.environment_id "aws1")`);
  }
  for (const field of ['audience', 'token_url', 'service_account_impersonation_url'] as const) {
    if (typeof config[field] !== 'string' || !config[field]) throw new LabsError(`${name} has no ${field}`);
  }
  const secrets = ['private_key', 'client_secret', 'refresh_token'].filter((field) => field in config);
  if (secrets.length) throw new LabsError(`${name} holds ${secrets.join(', ')}: the sink's configuration must hold no secret`);
  return config as AwsExternalAccountConfig;
}

function bigQueryUrlFrom(value: string | undefined): string {
  if (!value) return BIGQUERY_API_URL;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new LabsError(`${SINK_ENV.bigQueryUrl} is "${value}": expected an http(s) base URL such as ${BIGQUERY_API_URL}`);
  }
  return value.replace(/\/+$/, '');
}
