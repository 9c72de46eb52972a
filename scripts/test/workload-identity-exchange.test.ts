import { awsExternalAccountConfig, BIGQUERY_INSERT_SCOPE, SENSOR_SINK_ROLE_PREFIX } from '@labs/config';
import { REPO_ROOT, type StandInUrls, WorkloadIdentityStandIns, type WorkloadIdentityStandInsOptions } from '@labs/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ACCOUNT = '123456789012';
const PROVIDER = 'projects/987654321098/locations/global/workloadIdentityPools/labs-aws-mh3k2a/providers/aws-mh3k2a';
const AUDIENCE = `//iam.googleapis.com/${PROVIDER}`;
const SERVICE_ACCOUNT = 'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com';
const OPTIONS: WorkloadIdentityStandInsOptions = {
  accountId: ACCOUNT,
  roleName: `${SENSOR_SINK_ROLE_PREFIX}alice`,
  availabilityZone: 'eu-west-1b',
  audience: AUDIENCE,
  // The GCP foundation's attribute condition (infra-gcp labs-foundation).
  callerArnPrefix: `arn:aws:sts::${ACCOUNT}:assumed-role/${SENSOR_SINK_ROLE_PREFIX}`,
  serviceAccountEmail: SERVICE_ACCOUNT,
};

const execFileAsync = promisify(execFile);

/** What a process on the instance gets from google-auth-library's AwsClient with our configuration. */
async function federatedToken(urls: StandInUrls, serviceAccountEmail = SERVICE_ACCOUNT): Promise<string> {
  const config = awsExternalAccountConfig({ providerName: PROVIDER, serviceAccountEmail, endpoints: urls });
  const { stdout } = await execFileAsync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(__dirname, 'fixtures', 'federated-token.ts'),
      JSON.stringify(config),
      BIGQUERY_INSERT_SCOPE,
    ],
    { env: ENV_WITHOUT_AWS },
  );
  return (JSON.parse(stdout) as { token: string }).token;
}

// The exchange must use the instance role from IMDSv2, never credentials or a region from the environment.
const ENV_WITHOUT_AWS = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));

describe('AWS → GCP token exchange (workload identity federation, RFC 8693) against local stand-ins', () => {
  let standIns: WorkloadIdentityStandIns;
  let accessToken: string;

  beforeAll(async () => {
    standIns = await WorkloadIdentityStandIns.start(OPTIONS);
    accessToken = await federatedToken(standIns.urls);
  });
  afterAll(() => standIns.stop());

  it('ends with the impersonated service account token, no key involved', () => {
    expect(accessToken).toBeDefined();
    expect(accessToken).toBe(standIns.lastAccessToken);
  });

  it('reads the region and the role credentials from IMDSv2 only, every read with a session token', () => {
    expect(standIns.metadataRequests[0]).toBe('PUT /latest/api/token');
    const reads = standIns.metadataRequests.filter((request) => request.startsWith('GET'));
    expect(reads).toEqual(
      expect.arrayContaining([
        'GET /latest/meta-data/placement/availability-zone token',
        'GET /latest/meta-data/iam/security-credentials token',
        `GET /latest/meta-data/iam/security-credentials/${OPTIONS.roleName} token`,
      ]),
    );
    for (const read of reads) expect(read).toMatch(/ token$/);
  });

  it('sends Google STS exactly the RFC 8693 token exchange form its documentation describes', () => {
    expect(standIns.exchanges).toHaveLength(1);
    const [exchange] = standIns.exchanges;
    expect(exchange?.status).toBe(200);
    expect(exchange?.form).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      audience: AUDIENCE,
      // Impersonation: STS issues a cloud-platform token; the narrow scope is asked of generateAccessToken.
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: encodeURIComponent(JSON.stringify(exchange?.signedRequest)),
      subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
    });
  });

  it('passes as subject_token a SigV4-signed GetCallerIdentity request bound to the provider audience', () => {
    const signed = standIns.exchanges[0]?.signedRequest;
    expect(signed?.url).toBe('https://sts.eu-west-1.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15');
    expect(signed?.method).toBe('POST');
    const headers = Object.fromEntries((signed?.headers ?? []).map(({ key, value }) => [key.toLowerCase(), value]));
    expect(Object.keys(headers).sort()).toEqual([
      'authorization',
      'host',
      'x-amz-date',
      'x-amz-security-token',
      'x-goog-cloud-target-resource',
    ]);
    expect(headers.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIA[0-9A-F]{16}\/\d{8}\/eu-west-1\/sts\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe(standIns.awsSessionToken);
    expect(headers['x-goog-cloud-target-resource']).toBe(AUDIENCE);
  });

  it('impersonates only the configured service account, with the insert-only scope and a 15-minute lifetime', () => {
    expect(standIns.impersonations).toEqual([
      { serviceAccountEmail: SERVICE_ACCOUNT, body: { scope: [BIGQUERY_INSERT_SCOPE], lifetime: '900s' }, status: 200 },
    ]);
  });

  it('is refused by the STS stand-in when the signed request is altered after signing (the signature is really checked)', async () => {
    const signed = standIns.exchanges[0]?.signedRequest;
    const form = standIns.exchanges[0]?.form ?? {};
    const later = signed?.headers.map(({ key, value }) => ({ key, value: key === 'x-amz-date' ? value.replace(/\d\dZ$/, '59Z') : value }));
    const tampered = { ...form, subject_token: encodeURIComponent(JSON.stringify({ ...signed, headers: later })) };
    const response = await fetch(standIns.urls.tokenUrl, { method: 'POST', body: new URLSearchParams(tampered) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the request signature we calculated does not match the signature you provided',
    });
  });

  it('refuses a metadata read without an IMDSv2 session token', async () => {
    const response = await fetch(`${standIns.urls.metadataUrl}/latest/meta-data/iam/security-credentials`);
    expect(response.status).toBe(401);
  });
});

describe('the token exchange refuses what the foundation does not allow', () => {
  it("rejects another lab role (a producer's) at the attribute condition, before any impersonation", async () => {
    const standIns = await WorkloadIdentityStandIns.start({ ...OPTIONS, roleName: 'labs-kinesis-data-alice-producer' });
    try {
      await expect(federatedToken(standIns.urls)).rejects.toThrow(/rejected by the attribute condition/);
      expect(standIns.exchanges.map((exchange) => exchange.status)).toEqual([403]);
      expect(standIns.impersonations).toEqual([]);
    } finally {
      await standIns.stop();
    }
  });

  it('refuses to impersonate a service account the principal set is not bound to', async () => {
    const standIns = await WorkloadIdentityStandIns.start(OPTIONS);
    try {
      await expect(federatedToken(standIns.urls, 'labs-deployer@my-lab-project.iam.gserviceaccount.com')).rejects.toThrow(
        /PERMISSION_DENIED/,
      );
      expect(standIns.impersonations.map((call) => call.status)).toEqual([403]);
    } finally {
      await standIns.stop();
    }
  });
});
