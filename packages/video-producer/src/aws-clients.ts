import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { SigningCredentials } from './put-media/sigv4-signer';

/** The SDK clients and credentials the lab uses against a real account. */
export interface KinesisVideoClients {
  readonly region: string;
  /** The default provider chain (instance role on EC2; SSO, profile or environment on a laptop). */
  readonly credentials: SigningCredentials;
  readonly client: KinesisVideoClient;
  /** An archived-media client for a data endpoint (from `GetDataEndpoint`). */
  readonly archivedMediaFor: (endpoint: string) => KinesisVideoArchivedMediaClient;
}

/** Builds the control-plane client and archived-media factory with the default credential chain; no keys. */
export function kinesisVideoClients(region: string): KinesisVideoClients {
  const credentials = defaultProvider();
  return {
    region,
    credentials,
    client: new KinesisVideoClient({ region, credentials }),
    archivedMediaFor: (endpoint) => new KinesisVideoArchivedMediaClient({ region, credentials, endpoint }),
  };
}
