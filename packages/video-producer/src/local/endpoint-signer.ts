import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { RequestSigner } from '../put-media/put-media-request';
import { sigV4Signer } from '../put-media/sigv4-signer';
import { localSigner } from './local-credentials';

/**
 * A SigV4 signer for a PutMedia endpoint given by URL: the default credential chain when it yields
 * credentials, otherwise the fixed `LOCAL_CREDENTIALS` (for a local endpoint on a machine without AWS
 * credentials). Says on `log` which one it uses, never the key.
 */
export async function signerForEndpoint(region: string, log: (line: string) => void): Promise<RequestSigner> {
  const credentials = defaultProvider();
  try {
    await credentials();
    log('signing PutMedia with the default credential chain');
    return sigV4Signer({ region, credentials });
  } catch {
    log('no AWS credentials configured: signing PutMedia with the fixed local credentials');
    return localSigner();
  }
}
