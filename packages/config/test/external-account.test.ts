import { AwsClient, ExternalAccountClient } from 'google-auth-library';
import { awsExternalAccountConfig, LabsError } from '../src';

const PROVIDER = 'projects/123456789012/locations/global/workloadIdentityPools/labs-aws-mh3k2a/providers/aws-mh3k2a';
const SERVICE_ACCOUNT = 'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com';

describe('awsExternalAccountConfig', () => {
  const config = awsExternalAccountConfig({ providerName: PROVIDER, serviceAccountEmail: SERVICE_ACCOUNT });

  it('is the documented AWS external-account configuration built from the foundation outputs', () => {
    expect(config).toEqual({
      type: 'external_account',
      audience: `//iam.googleapis.com/${PROVIDER}`,
      subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
      token_url: 'https://sts.googleapis.com/v1/token',
      service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`,
      service_account_impersonation: { token_lifetime_seconds: 900 },
      credential_source: {
        environment_id: 'aws1',
        region_url: 'http://169.254.169.254/latest/meta-data/placement/availability-zone',
        url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials',
        imdsv2_session_token_url: 'http://169.254.169.254/latest/api/token',
        regional_cred_verification_url: 'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
      },
    });
  });

  it('is accepted by google-auth-library as AWS credentials that impersonate the service account', () => {
    const client = ExternalAccountClient.fromJSON(config);
    expect(client).toBeInstanceOf(AwsClient);
    expect((client as AwsClient).getServiceAccountEmail()).toBe(SERVICE_ACCOUNT);
  });

  it('holds no secret: no key, password, token or client secret field, nothing but public names and URLs', () => {
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/private_key|client_secret|secret|password|access_key|refresh_token/i);
    expect(Object.keys(config).sort()).toEqual(
      [
        'audience',
        'credential_source',
        'service_account_impersonation',
        'service_account_impersonation_url',
        'subject_token_type',
        'token_url',
        'type',
      ].sort(),
    );
  });

  it('points every endpoint at the overrides (a private endpoint or a local stand-in)', () => {
    const local = awsExternalAccountConfig({
      providerName: PROVIDER,
      serviceAccountEmail: SERVICE_ACCOUNT,
      tokenLifetimeSeconds: 600,
      endpoints: { tokenUrl: 'http://127.0.0.1:1/v1/token', iamCredentialsUrl: 'http://127.0.0.1:2', metadataUrl: 'http://127.0.0.1:3' },
    });
    expect(local.token_url).toBe('http://127.0.0.1:1/v1/token');
    expect(local.service_account_impersonation_url).toBe(
      `http://127.0.0.1:2/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`,
    );
    expect(local.credential_source.imdsv2_session_token_url).toBe('http://127.0.0.1:3/latest/api/token');
    expect(local.service_account_impersonation.token_lifetime_seconds).toBe(600);
  });

  it.each([
    [{ providerName: 'labs-aws-mh3k2a' }, 'invalid workload identity provider "labs-aws-mh3k2a": expected projects/<number>/'],
    [
      { serviceAccountEmail: 'sink@gmail.com' },
      'invalid service account "sink@gmail.com": expected <name>@<project>.iam.gserviceaccount.com',
    ],
    [{ tokenLifetimeSeconds: 43200 }, 'invalid token lifetime 43200: use a whole number of seconds from 600 to 3600'],
    [{ tokenLifetimeSeconds: 60 }, 'invalid token lifetime 60: use a whole number of seconds from 600 to 3600'],
  ])('rejects %p with a one-line error naming the value', (override, message) => {
    const build = () => awsExternalAccountConfig({ providerName: PROVIDER, serviceAccountEmail: SERVICE_ACCOUNT, ...override });
    expect(build).toThrow(LabsError);
    expect(build).toThrow(message);
  });
});
