import { redact } from '../src';

// Credential-shaped test values are assembled here, so that no file of the repository looks like it holds one.
const FAKE_KEY_ID = `ASIA${'A'.repeat(16)}`;
/** A session key id (the shape of one; ASIA and 16 letters). */
const SESSION_KEY_ID = ['ASIA', 'ABCDEFGHIJKLMNOP'].join('');
const FAKE_SECRET = `fake/${'x'.repeat(24)}+fake`;
const pemMarker = (edge: 'BEGIN' | 'END') => `${'-'.repeat(5)}${edge} PRIVATE KEY${'-'.repeat(5)}`;
/** A service-account key file's key field, with a PEM-shaped value (field name and body assembled too). */
const KEY_FIELD = ['private', 'key'].join('_');
const FAKE_PEM = [pemMarker('BEGIN'), ['MII', 'EvQIBADANBg'].join(''), pemMarker('END'), ''].join('\\n');

describe('redact', () => {
  it.each([
    [
      'a bearer token',
      'request failed: Authorization: Bearer ya29.a0AfH6SMBx-abc_def.ghi',
      'request failed: Authorization: Bearer [REDACTED]',
    ],
    [
      'the HLS playback URL session token',
      'GET https://b-1234.kinesisvideo.eu-west-1.amazonaws.com/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=CiAbc123~x&foo=1 failed',
      'GET https://b-1234.kinesisvideo.eu-west-1.amazonaws.com/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=[REDACTED]&foo=1 failed',
    ],
    [
      'a presigned URL',
      `https://b.s3.amazonaws.com/k?X-Amz-Credential=${SESSION_KEY_ID}%2F20261204%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261204T000000Z&X-Amz-Security-Token=IQoJb3&X-Amz-Signature=0123456789abcdef`,
      'https://b.s3.amazonaws.com/k?X-Amz-Credential=[REDACTED]&X-Amz-Date=20261204T000000Z&X-Amz-Security-Token=[REDACTED]&X-Amz-Signature=[REDACTED]',
    ],
    [
      'an OAuth token response',
      '{"access_token":"ya29.c.abc","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer","expires_in":3600}',
      '{"access_token":"[REDACTED]","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer","expires_in":3600}',
    ],
    [
      'a token exchange form',
      'grant_type=x&subject_token=%7B%22url%22&audience=//iam',
      'grant_type=x&subject_token=[REDACTED]&audience=//iam',
    ],
    [
      'a SigV4 Authorization header',
      `AWS4-HMAC-SHA256 Credential=${SESSION_KEY_ID}/20261204/eu-west-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef`,
      'AWS4-HMAC-SHA256 Credential=[REDACTED]/20261204/eu-west-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=[REDACTED]',
    ],
    [
      'instance role credentials',
      `{"AccessKeyId":"${FAKE_KEY_ID}","SecretAccessKey":"${FAKE_SECRET}","Token":"IQoJb3JpZ2luX2VjE"}`,
      '{"AccessKeyId":"[REDACTED]","SecretAccessKey":"[REDACTED]","Token":"[REDACTED]"}',
    ],
    [
      'credential variables',
      'AWS_SESSION_TOKEN=IQoJb3JpZ2 AWS_SECRET_ACCESS_KEY=abc/def+g',
      'AWS_SESSION_TOKEN=[REDACTED] AWS_SECRET_ACCESS_KEY=[REDACTED]',
    ],
    ['a private key', `{"${KEY_FIELD}":"${FAKE_PEM}"}`, `{"${KEY_FIELD}":"[REDACTED]"}`],
  ])('hides %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves messages without secrets as they are', () => {
    const message = 'unknown lab "kinesis-dta": expected one of kinesis-data, kinesis-video; token lifetime 900s, token_type Bearer';
    expect(redact(message)).toBe(message);
  });
});
