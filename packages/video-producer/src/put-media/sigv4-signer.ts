import { Sha256 } from '@aws-crypto/sha256-js';
import type { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RequestSigner } from './put-media-request';

/** SigV4 service name of Kinesis Video Streams data-plane calls. */
export const KINESIS_VIDEO_SIGNING_SERVICE = 'kinesisvideo';

/** Credentials or a credentials provider, as `SignatureV4` accepts them. */
export type SigningCredentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** Options of `sigV4Signer`. */
export interface SigV4SignerOptions {
  readonly region: string;
  /** Credentials or a provider (the default provider chain in production: instance role, SSO, env). */
  readonly credentials: SigningCredentials;
  /** Signing clock. @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * A SigV4 signer for the streaming PutMedia request. The body is streamed and cannot be hashed up
 * front, so the canonical request carries the empty-payload hash, as the Kinesis Video producer SDKs do.
 */
export function sigV4Signer(options: SigV4SignerOptions): RequestSigner {
  const signer = new SignatureV4({
    service: KINESIS_VIDEO_SIGNING_SERVICE,
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const now = options.now ?? (() => new Date());
  return async (request: HttpRequest) => (await signer.sign(request, { signingDate: now() })) as HttpRequest;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
