import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Options of `createKinesisClient`. */
export interface KinesisClientOptions {
  readonly region: string;
  /** Endpoint override (a local Kinesis-compatible endpoint). @default the regional AWS endpoint */
  readonly endpoint?: string;
  /** Credentials. @default the SDK's default provider chain (instance role on EC2) */
  readonly credentials?: KinesisClientConfig['credentials'];
  /**
   * SDK attempts per request. A producer passes 1: it retries failed entries itself, within its own budget.
   * @default 3 (the SDK default)
   */
  readonly maxAttempts?: number;
  /** Concurrent connections. @default 16 */
  readonly maxSockets?: number;
}

/**
 * A Kinesis client over an HTTP/1.1 keep-alive handler (`NodeHttpHandler`), which both AWS and
 * kinesis-local accept. Without `credentials` it uses the default credential chain only: no keys in code.
 */
export function createKinesisClient(options: KinesisClientOptions): KinesisClient {
  const maxSockets = options.maxSockets ?? 16;
  return new KinesisClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      requestTimeout: 30_000,
      connectionTimeout: 5_000,
    }),
  });
}
