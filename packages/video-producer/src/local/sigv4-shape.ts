import type { IncomingHttpHeaders } from 'node:http';
import { KINESIS_VIDEO_SIGNING_SERVICE } from '../put-media/sigv4-signer';

/** Why a request's signature was refused: the HTTP status and AWS error type the service would send. */
export interface SignatureProblem {
  readonly status: 403;
  readonly errorType: 'MissingAuthenticationTokenException' | 'InvalidSignatureException';
  readonly message: string;
}

/** SigV4 refuses requests signed more than 5 minutes away from the server's clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
/** Headers every PutMedia request carries. */
export const PUT_MEDIA_HEADERS = ['x-amzn-stream-name', 'x-amzn-fragment-timecode-type', 'x-amzn-producer-start-timestamp'] as const;
/** Headers a PutMedia signature must cover. */
const MUST_SIGN = ['host', 'x-amz-date', ...PUT_MEDIA_HEADERS];

/**
 * Checks the shape of a SigV4 `Authorization` header (AWS General Reference, "Signature Version 4"):
 * algorithm, credential scope for service `kinesisvideo` on the day of `x-amz-date`, the signed
 * headers PutMedia needs, a 64-hex signature, and a signing time within 5 minutes of `now`. The
 * signature itself is not recomputed (the endpoint does not hold the caller's secret).
 * @returns undefined when the shape is right.
 */
export function checkSignatureShape(headers: IncomingHttpHeaders, now: number): SignatureProblem | undefined {
  const refuse = (errorType: SignatureProblem['errorType'], message: string): SignatureProblem => ({ status: 403, errorType, message });
  const authorization = headers.authorization;
  if (!authorization) return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token: sign the request with SigV4');
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return refuse('InvalidSignatureException', `malformed SigV4 Authorization header "${authorization.slice(0, 60)}…"`);
  const [, , day, , service, signedHeaders] = match as unknown as string[];
  if (service !== KINESIS_VIDEO_SIGNING_SERVICE) {
    return refuse(
      'InvalidSignatureException',
      `credential scope names service "${service}": PutMedia is signed for ${KINESIS_VIDEO_SIGNING_SERVICE}`,
    );
  }
  const missing = MUST_SIGN.filter((h) => !(signedHeaders as string).split(';').includes(h));
  if (missing.length) return refuse('InvalidSignatureException', `SignedHeaders lacks ${missing.join(', ')}`);
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(headers['x-amz-date'] ?? ''));
  if (!date) return refuse('InvalidSignatureException', 'missing or malformed x-amz-date header');
  const signedAt = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!);
  if (`${date[1]}${date[2]}${date[3]}` !== day) return refuse('InvalidSignatureException', 'credential scope date differs from x-amz-date');
  if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
    return refuse(
      'InvalidSignatureException',
      `Signature expired: signed at ${headers['x-amz-date']}, more than 5 minutes from the server's clock`,
    );
  }
  return undefined;
}
