import { sigV4Signer } from '../put-media/sigv4-signer';
import type { RequestSigner } from '../put-media/put-media-request';

/**
 * Fixed credentials for the local PutMedia endpoint only: obviously not an AWS key (the endpoint checks a
 * signature's shape, never its secret). Used when no credentials are configured.
 */
export const LOCAL_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'LOCALPUTMEDIA',
  secretAccessKey: 'local-put-media-not-a-secret',
};

/** A SigV4 signer with `LOCAL_CREDENTIALS` (region us-east-1), for the local endpoint. */
export function localSigner(): RequestSigner {
  return sigV4Signer({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
}
