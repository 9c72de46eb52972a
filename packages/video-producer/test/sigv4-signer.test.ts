import { createHash, createHmac } from 'node:crypto';
import type { HttpRequest } from '@smithy/protocol-http';
import { putMediaRequest, sigV4Signer, isLoopback } from '../src';

// Obviously fake, test-only credentials (the key id is the SigV4 test suite's placeholder).
const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'test-only-secret-not-a-real-key',
  sessionToken: 'EXAMPLE-SESSION-TOKEN',
};
const SIGNING_DATE = new Date('2026-11-28T12:34:56Z');

function request(): HttpRequest {
  return putMediaRequest({
    endpoint: 'https://s-1234abcd.kinesisvideo.eu-west-1.amazonaws.com',
    streamName: 'VideoStream-alice',
    timecodeType: 'ABSOLUTE',
    producerStartMs: 1_795_000_000_123,
  });
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** An independent SigV4 verifier (AWS General Reference, "Create a signed AWS API request"). */
function verify(signed: HttpRequest, secret: string, region: string, service: string): boolean {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      signed.headers.authorization ?? '',
    );
  if (!auth) return false;
  const [, , day, scopeRegion, scopeService, signedHeaders, signature] = auth as unknown as string[];
  const names = (signedHeaders as string).split(';');
  const header = (name: string): string =>
    Object.entries(signed.headers)
      .find(([k]) => k.toLowerCase() === name)?.[1]
      ?.trim() ?? '';
  const canonical = [
    signed.method,
    signed.path,
    '',
    ...names.map((n) => `${n}:${header(n)}`),
    '',
    signedHeaders,
    sha256(''), // the streamed body is not hashed: empty-payload hash
  ].join('\n');
  const scope = `${day}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', header('x-amz-date'), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day as string), region), service), 'aws4_request');
  return scopeRegion === region && scopeService === service && hmac(key, stringToSign).toString('hex') === signature;
}

describe('sigV4Signer for PutMedia', () => {
  const sign = sigV4Signer({ region: 'eu-west-1', credentials: FAKE_CREDENTIALS, now: () => SIGNING_DATE });

  it('carries the PutMedia headers and signs them for service kinesisvideo', async () => {
    const signed = await sign(request());
    expect(signed.path).toBe('/putMedia');
    expect(signed.headers).toMatchObject({
      'x-amzn-stream-name': 'VideoStream-alice',
      'x-amzn-fragment-timecode-type': 'ABSOLUTE',
      'x-amzn-producer-start-timestamp': '1795000000.123',
      'x-amzn-fragment-acknowledgment-required': '1',
      'transfer-encoding': 'chunked',
      'x-amz-date': '20261128T123456Z',
      'x-amz-security-token': 'EXAMPLE-SESSION-TOKEN',
    });
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(signed.headers.authorization ?? '')?.[1]?.split(';');
    expect(signedHeaders).toEqual(
      expect.arrayContaining([
        'host',
        'x-amz-date',
        'x-amz-security-token',
        'x-amzn-stream-name',
        'x-amzn-fragment-timecode-type',
        'x-amzn-producer-start-timestamp',
      ]),
    );
    expect(signed.headers.authorization).toContain('Credential=AKIDEXAMPLE/20261128/eu-west-1/kinesisvideo/aws4_request');
  });

  it('produces a signature an independent SigV4 verifier accepts', async () => {
    expect(verify(await sign(request()), FAKE_CREDENTIALS.secretAccessKey, 'eu-west-1', 'kinesisvideo')).toBe(true);
  });

  it('fails verification when a signed header, the secret or the region differs', async () => {
    const signed = await sign(request());
    expect(verify(signed, 'another-fake-secret', 'eu-west-1', 'kinesisvideo')).toBe(false);
    expect(verify(signed, FAKE_CREDENTIALS.secretAccessKey, 'us-east-1', 'kinesisvideo')).toBe(false);
    signed.headers['x-amzn-stream-name'] = 'VideoStream-mallory';
    expect(verify(signed, FAKE_CREDENTIALS.secretAccessKey, 'eu-west-1', 'kinesisvideo')).toBe(false);
  });
});

describe('isLoopback', () => {
  it('accepts only 127.0.0.0/8, ::1 and localhost', () => {
    expect(['localhost', '127.0.0.1', '::1', '10.0.0.1', '127.example.com'].map(isLoopback)).toEqual([true, true, true, false, false]);
  });
});
