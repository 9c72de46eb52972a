import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { reply, serveLoopback } from './loopback-http';

/** What the stand-ins stand for: one AWS instance role federating into one GCP project. */
export interface WorkloadIdentityStandInsOptions {
  /** The AWS account of the instance. */
  readonly accountId: string;
  /** The instance profile's role name (IMDS hands out its credentials). */
  readonly roleName: string;
  /** The instance's availability zone (IMDS `placement/availability-zone`). */
  readonly availabilityZone: string;
  /** The provider audience Google's STS accepts (`//iam.googleapis.com/projects/…/providers/…`). */
  readonly audience: string;
  /** Prefix of the caller ARN the provider's attribute condition accepts (`arn:aws:sts::<account>:assumed-role/<prefix>`). */
  readonly callerArnPrefix: string;
  /** The one service account the federated principal may impersonate (`roles/iam.workloadIdentityUser`). */
  readonly serviceAccountEmail: string;
}

/** A serialized signed `GetCallerIdentity` request, as Google's STS receives it in `subject_token`. */
export interface SignedCallerIdentityRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

/** One token exchange request that reached the STS stand-in. */
export interface StsExchange {
  /** The form fields, decoded once (as any `application/x-www-form-urlencoded` reader does). */
  readonly form: Record<string, string>;
  /** `subject_token` URL-decoded and parsed. */
  readonly signedRequest: SignedCallerIdentityRequest;
  /** What the stand-in answered: 200 with a token, or the OAuth error. */
  readonly status: number;
  readonly error?: string;
}

/** One `generateAccessToken` call that reached the IAM Credentials stand-in. */
export interface GenerateAccessTokenCall {
  readonly serviceAccountEmail: string;
  readonly body: { readonly scope?: readonly string[]; readonly lifetime?: string };
  readonly status: number;
}

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const AWS_TOKEN_TYPE = 'urn:ietf:params:aws:token-type:aws4_request';
/** AWS rejects a SigV4 signature more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Local stand-ins, on 127.0.0.1 only, for the three parties of an AWS → GCP workload identity federation,
 * each at its documented wire protocol: the EC2 instance metadata service with IMDSv2 required (session
 * token from `PUT /latest/api/token`, every read without it refused with 401), Google's Security Token
 * Service (`POST /v1/token`, RFC 8693 token exchange, the AWS `subject_token` verified as AWS STS would:
 * SigV4 signature recomputed with AWS's own signer, clock skew, session token; then the provider's
 * audience and attribute condition), and the IAM Service Account Credentials `generateAccessToken`
 * endpoint (only with a federated token, only for the bound service account, lifetime at most one hour).
 */
export class WorkloadIdentityStandIns {
  /** Every token exchange request the STS stand-in received. */
  readonly exchanges: StsExchange[] = [];
  /** Every `generateAccessToken` call the IAM Credentials stand-in received. */
  readonly impersonations: GenerateAccessTokenCall[] = [];
  /** Every IMDS request as `METHOD path` (with `token` when it carried a valid session token). */
  readonly metadataRequests: string[] = [];
  /** The access token the last successful impersonation returned. */
  lastAccessToken?: string;
  /** Where the stand-ins listen, for `ExternalAccountEndpoints`. */
  urls: StandInUrls = { metadataUrl: '', tokenUrl: '', iamCredentialsUrl: '' };

  private readonly sessionTokens = new Set<string>();
  private readonly federatedTokens = new Set<string>();
  private readonly accessTokenScopes = new Map<string, readonly string[]>();
  private readonly credentials = {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(48).toString('base64'),
  };
  private readonly servers: Server[] = [];

  private constructor(private readonly options: WorkloadIdentityStandInsOptions) {}

  /** Starts the three stand-ins on free loopback ports. */
  static async start(options: WorkloadIdentityStandInsOptions): Promise<WorkloadIdentityStandIns> {
    const standIns = new WorkloadIdentityStandIns(options);
    const [metadataUrl, stsUrl, iamCredentialsUrl] = await Promise.all([
      standIns.listen((req, _body, res) => standIns.metadata(req, res)),
      standIns.listen((req, body, res) => standIns.sts(req, body, res)),
      standIns.listen((req, body, res) => standIns.iamCredentials(req, body, res)),
    ]);
    standIns.urls = { metadataUrl, tokenUrl: `${stsUrl}/v1/token`, iamCredentialsUrl };
    return standIns;
  }

  /** The caller ARN AWS STS `GetCallerIdentity` returns for the instance role's credentials. */
  get callerArn(): string {
    return `arn:aws:sts::${this.options.accountId}:assumed-role/${this.options.roleName}/i-0123456789abcdef0`;
  }

  /** The session token of the instance role's credentials (to check where it travels). */
  get awsSessionToken(): string {
    return this.credentials.sessionToken;
  }

  /**
   * The role's credentials and region as the Lambda runtime hands them to a function: environment
   * variables (the same credentials IMDS hands out, so the STS stand-in accepts their signature).
   */
  get lambdaEnvironment(): Readonly<Record<string, string>> {
    return {
      AWS_ACCESS_KEY_ID: this.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: this.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: this.credentials.sessionToken,
      AWS_REGION: this.options.availabilityZone.slice(0, -1),
    };
  }

  /** The scopes of an access token the IAM Credentials stand-in issued, or undefined for any other token. */
  scopesOf(accessToken: string): readonly string[] | undefined {
    return this.accessTokenScopes.get(accessToken);
  }

  /** Stops every stand-in. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }

  private async listen(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>): Promise<string> {
    const { server, url } = await serveLoopback((req, body, res) => {
      Promise.resolve(handle(req, body.toString('utf8'), res)).catch((error: unknown) =>
        reply(res, 500, 'application/json', JSON.stringify({ error: String(error) })),
      );
    });
    this.servers.push(server);
    return url;
  }

  /** IMDSv2 with `HttpTokens: required`. */
  private metadata(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://imds').pathname;
    if (path === '/latest/api/token') {
      this.metadataRequests.push(`${req.method} ${path}`);
      if (req.method !== 'PUT') return reply(res, 405, 'text/plain', '');
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return reply(res, 400, 'text/plain', '');
      const token = randomBytes(32).toString('base64');
      this.sessionTokens.add(token);
      return reply(res, 200, 'text/plain', token);
    }
    const token = req.headers['x-aws-ec2-metadata-token'];
    const valid = typeof token === 'string' && this.sessionTokens.has(token);
    this.metadataRequests.push(`${req.method} ${path}${valid ? ' token' : ''}`);
    if (!valid) return reply(res, 401, 'text/plain', '');
    const role = this.options.roleName;
    if (path === '/latest/meta-data/placement/availability-zone') return reply(res, 200, 'text/plain', this.options.availabilityZone);
    if (path === '/latest/meta-data/iam/security-credentials' || path === '/latest/meta-data/iam/security-credentials/') {
      return reply(res, 200, 'text/plain', role);
    }
    if (path === `/latest/meta-data/iam/security-credentials/${role}`) {
      const now = Date.now();
      return reply(
        res,
        200,
        'text/plain',
        JSON.stringify({
          Code: 'Success',
          LastUpdated: new Date(now).toISOString().replace(/\.\d+/, ''),
          Type: 'AWS-HMAC',
          AccessKeyId: this.credentials.accessKeyId,
          SecretAccessKey: this.credentials.secretAccessKey,
          Token: this.credentials.sessionToken,
          Expiration: new Date(now + 6 * 3600_000).toISOString().replace(/\.\d+/, ''),
        }),
      );
    }
    return reply(res, 404, 'text/plain', '');
  }

  /** Google's STS token endpoint, for the AWS subject token type only. */
  private async sts(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://sts').pathname !== '/v1/token')
      return reply(res, 404, 'application/json', '{}');
    const form = Object.fromEntries(new URLSearchParams(body));
    let signedRequest: SignedCallerIdentityRequest = { url: '', method: '', headers: [] };
    try {
      signedRequest = JSON.parse(decodeURIComponent(form.subject_token ?? '')) as SignedCallerIdentityRequest;
    } catch {
      // reported below as an invalid subject token
    }
    const invalid = this.exchangeError(req, form) ?? (await this.subjectTokenError(signedRequest));
    const rejected =
      !invalid && !this.callerArn.startsWith(this.options.callerArnPrefix)
        ? 'The given credential is rejected by the attribute condition.'
        : undefined;
    const status = invalid ? 400 : rejected ? 403 : 200;
    this.exchanges.push({ form, signedRequest, status, ...(invalid || rejected ? { error: invalid ?? rejected } : {}) });
    if (invalid) return reply(res, 400, 'application/json', JSON.stringify({ error: 'invalid_grant', error_description: invalid }));
    if (rejected) return reply(res, 403, 'application/json', JSON.stringify({ error: 'unauthorized_client', error_description: rejected }));
    const token = `ya29.federated-${randomBytes(16).toString('hex')}`;
    this.federatedTokens.add(token);
    return reply(
      res,
      200,
      'application/json',
      JSON.stringify({ access_token: token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: 3600 }),
    );
  }

  private exchangeError(req: IncomingMessage, form: Record<string, string>): string | undefined {
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return 'content type must be application/x-www-form-urlencoded';
    if (form.grant_type !== GRANT_TYPE) return `unsupported grant_type "${form.grant_type}"`;
    if (form.requested_token_type !== ACCESS_TOKEN_TYPE) return `unsupported requested_token_type "${form.requested_token_type}"`;
    if (form.subject_token_type !== AWS_TOKEN_TYPE) return `unsupported subject_token_type "${form.subject_token_type}"`;
    if (form.audience !== this.options.audience) return `unknown audience "${form.audience}"`;
    if (!form.scope) return 'scope is required';
    return undefined;
  }

  /** What AWS STS (forwarded the signed request) and Google's checks of its shape would reject. */
  private async subjectTokenError(signed: SignedCallerIdentityRequest): Promise<string | undefined> {
    const headers = new Map(signed.headers.map(({ key, value }) => [key.toLowerCase(), value]));
    const region = this.options.availabilityZone.slice(0, -1);
    let url: URL;
    try {
      url = new URL(signed.url);
    } catch {
      return 'subject_token is not a serialized signed request';
    }
    if (signed.method !== 'POST') return `signed request method must be POST, got "${signed.method}"`;
    if (url.protocol !== 'https:' || url.hostname !== `sts.${region}.amazonaws.com`)
      return `signed request must go to the regional STS endpoint, got ${url.host}`;
    if (url.search !== '?Action=GetCallerIdentity&Version=2011-06-15') return `signed request must be GetCallerIdentity, got ${url.search}`;
    if (headers.get('x-goog-cloud-target-resource') !== this.options.audience)
      return 'x-goog-cloud-target-resource must be the provider audience';
    const authorization = headers.get('authorization') ?? '';
    const parsed =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(
        authorization,
      );
    if (!parsed) return 'authorization is not a SigV4 authorization for sts';
    const [, accessKeyId, , signedRegion, signedHeaderList = ''] = parsed;
    if (accessKeyId !== this.credentials.accessKeyId || signedRegion !== region)
      return 'the security token included in the request is invalid';
    if (headers.get('x-amz-security-token') !== this.credentials.sessionToken) return 'the session token is missing or invalid';
    const amzDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(headers.get('x-amz-date') ?? '');
    if (!amzDate) return 'x-amz-date is missing';
    const signingDate = new Date(Date.UTC(+amzDate[1]!, +amzDate[2]! - 1, +amzDate[3]!, +amzDate[4]!, +amzDate[5]!, +amzDate[6]!));
    if (Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS) return 'signature expired';
    const signedHeaders = signedHeaderList.split(';');
    for (const required of ['host', 'x-amz-date', 'x-amz-security-token']) {
      if (!signedHeaders.includes(required)) return `${required} must be signed`;
    }
    const request = new HttpRequest({
      method: signed.method,
      protocol: 'https:',
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, headers.get(name) ?? ''])),
    });
    const signer = new SignatureV4({ service: 'sts', region, credentials: this.credentials, sha256: Sha256, applyChecksum: false });
    const expected = await signer.sign(request, { signingDate });
    if (expected.headers.authorization !== authorization)
      return 'the request signature we calculated does not match the signature you provided';
    return undefined;
  }

  /** IAM Service Account Credentials `generateAccessToken`. */
  private iamCredentials(req: IncomingMessage, body: string, res: ServerResponse): void {
    const match = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(new URL(req.url ?? '/', 'http://iam').pathname);
    if (req.method !== 'POST' || !match) return reply(res, 404, 'application/json', '{}');
    const serviceAccountEmail = decodeURIComponent(match[1] ?? '');
    let parsed: GenerateAccessTokenCall['body'] = {};
    try {
      parsed = JSON.parse(body) as GenerateAccessTokenCall['body'];
    } catch {
      // an empty body has no scope: rejected below
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const lifetime = /^(\d+)s$/.exec(parsed.lifetime ?? '3600s');
    const [status, error] =
      !bearer || !this.federatedTokens.has(bearer)
        ? [401, 'UNAUTHENTICATED']
        : serviceAccountEmail !== this.options.serviceAccountEmail
          ? [403, 'PERMISSION_DENIED']
          : !parsed.scope?.length || !lifetime || Number(lifetime[1]) > 3600
            ? [400, 'INVALID_ARGUMENT']
            : [200, undefined];
    this.impersonations.push({ serviceAccountEmail, body: parsed, status });
    if (error) return reply(res, status, 'application/json', JSON.stringify({ error: { code: status, status: error } }));
    this.lastAccessToken = `ya29.impersonated-${randomBytes(16).toString('hex')}`;
    this.accessTokenScopes.set(this.lastAccessToken, parsed.scope ?? []);
    const expireTime = new Date(Date.now() + Number(lifetime?.[1]) * 1000).toISOString().replace(/\.\d+/, '');
    return reply(res, 200, 'application/json', JSON.stringify({ accessToken: this.lastAccessToken, expireTime }));
  }
}

/** Where the stand-ins listen, in the shape of {@link ExternalAccountEndpoints} from `@labs/config`. */
export interface StandInUrls {
  readonly metadataUrl: string;
  readonly tokenUrl: string;
  readonly iamCredentialsUrl: string;
}
