import { LabsError } from './errors';

/** Subject token type of an AWS signed `GetCallerIdentity` request (Google workload identity federation). */
export const AWS_SUBJECT_TOKEN_TYPE = 'urn:ietf:params:aws:token-type:aws4_request';

/** OAuth scope that lets a token insert rows into BigQuery tables and nothing else BigQuery offers. */
export const BIGQUERY_INSERT_SCOPE = 'https://www.googleapis.com/auth/bigquery.insertdata';

/**
 * Role name prefix of the only AWS roles that may federate into GCP: the BigQuery sensor sink functions'
 * roles (the GCP provider's attribute condition admits nothing else).
 */
export const SENSOR_SINK_ROLE_PREFIX = 'labs-sensor-sink-';

/** The BigQuery table the sensor sink inserts into (created by the GCP foundation, the only one its account may write). */
export const SENSOR_TABLE = { dataset: 'labs_sensors', table: 'sensor_readings' } as const;

/** Account id of the service account the sensor sink impersonates (created by the GCP foundation). */
export const SENSOR_SINK_ACCOUNT_ID = 'labs-sensor-sink';

/** Value of the provider's `attribute.labs_runtime` for a sensor sink role: the principal set that may impersonate the sink's service account. */
export const SENSOR_SINK_RUNTIME = 'sensor-sink';

/** Full workload identity provider name, as the GCP foundation's `awsProviderName` output spells it. */
const PROVIDER_NAME = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/;

/** A service account e-mail address (`name@project.iam.gserviceaccount.com`). */
const SERVICE_ACCOUNT_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/** Where the exchange's three parties listen; overridden only for a private endpoint or a local stand-in. */
export interface ExternalAccountEndpoints {
  /** Google's Security Token Service token endpoint. @default https://sts.googleapis.com/v1/token */
  readonly tokenUrl?: string;
  /** IAM Service Account Credentials API base. @default https://iamcredentials.googleapis.com */
  readonly iamCredentialsUrl?: string;
  /** EC2 instance metadata service (IMDSv2) base. @default http://169.254.169.254 */
  readonly metadataUrl?: string;
}

/** Inputs of {@link awsExternalAccountConfig}: the GCP foundation's stack outputs, nothing secret. */
export interface AwsExternalAccountInputs {
  /** The AWS provider's full name (`projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>`). */
  readonly providerName: string;
  /** The service account the federated identity impersonates. */
  readonly serviceAccountEmail: string;
  /** Lifetime of the impersonated access token, 600–3600 seconds. @default 900 */
  readonly tokenLifetimeSeconds?: number;
  /** Endpoint overrides. @default Google's and AWS's public endpoints */
  readonly endpoints?: ExternalAccountEndpoints;
}

/** The external-account (AWS) credential configuration `google-auth-library` reads; it holds no secret. */
export interface AwsExternalAccountConfig {
  readonly type: 'external_account';
  readonly audience: string;
  readonly subject_token_type: typeof AWS_SUBJECT_TOKEN_TYPE;
  readonly token_url: string;
  readonly service_account_impersonation_url: string;
  readonly service_account_impersonation: { readonly token_lifetime_seconds: number };
  readonly credential_source: {
    readonly environment_id: 'aws1';
    readonly region_url: string;
    readonly url: string;
    readonly imdsv2_session_token_url: string;
    readonly regional_cred_verification_url: string;
  };
}

/**
 * The external-account credential configuration for code on AWS (EC2 through IMDSv2, Lambda through its
 * environment's role credentials) that exchanges its AWS role identity for a short-lived GCP token (OAuth
 * 2.0 token exchange, RFC 8693) and impersonates one service account. Everything in it is public: the
 * AWS credentials are read at run time and never written anywhere.
 */
export function awsExternalAccountConfig(inputs: AwsExternalAccountInputs): AwsExternalAccountConfig {
  const { providerName, serviceAccountEmail, tokenLifetimeSeconds = 900, endpoints = {} } = inputs;
  if (!PROVIDER_NAME.test(providerName)) {
    throw new LabsError(
      `invalid workload identity provider "${providerName}": expected projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>`,
    );
  }
  if (!SERVICE_ACCOUNT_EMAIL.test(serviceAccountEmail)) {
    throw new LabsError(`invalid service account "${serviceAccountEmail}": expected <name>@<project>.iam.gserviceaccount.com`);
  }
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds < 600 || tokenLifetimeSeconds > 3600) {
    throw new LabsError(`invalid token lifetime ${tokenLifetimeSeconds}: use a whole number of seconds from 600 to 3600`);
  }
  const metadata = endpoints.metadataUrl ?? 'http://169.254.169.254';
  const iamCredentials = endpoints.iamCredentialsUrl ?? 'https://iamcredentials.googleapis.com';
  return {
    type: 'external_account',
    audience: `//iam.googleapis.com/${providerName}`,
    subject_token_type: AWS_SUBJECT_TOKEN_TYPE,
    token_url: endpoints.tokenUrl ?? 'https://sts.googleapis.com/v1/token',
    service_account_impersonation_url: `${iamCredentials}/v1/projects/-/serviceAccounts/${serviceAccountEmail}:generateAccessToken`,
    service_account_impersonation: { token_lifetime_seconds: tokenLifetimeSeconds },
    credential_source: {
      environment_id: 'aws1',
      region_url: `${metadata}/latest/meta-data/placement/availability-zone`,
      url: `${metadata}/latest/meta-data/iam/security-credentials`,
      imdsv2_session_token_url: `${metadata}/latest/api/token`,
      regional_cred_verification_url: 'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
    },
  };
}
