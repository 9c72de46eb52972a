import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpRequest } from '@smithy/protocol-http';
import { AckStreamParser, type Ack } from './acknowledgement';
import { isLoopback } from './sigv4-signer';

/** How a PutMedia connection ended. */
export interface ConnectionEnd {
  /** Undefined when the service closed the response normally. */
  readonly error?: Error;
  /** True when a new connection may succeed (network failure, 5xx, throttling). */
  readonly retryable: boolean;
}

/** Callbacks of one connection. */
export interface ConnectionHandlers {
  readonly onAck: (ack: Ack) => void;
  readonly onEnd: (end: ConnectionEnd) => void;
}

/**
 * One streaming `POST /putMedia`: a chunked request body written fragment by fragment while the
 * response body delivers acknowledgements. TLS certificates are always verified; plain HTTP is only
 * allowed to a loopback address.
 */
export class PutMediaConnection {
  /** When the connection was opened (ms, from the injected clock). */
  readonly openedAt: number;
  private readonly req: ClientRequest;
  private ended = false;

  constructor(signed: HttpRequest, handlers: ConnectionHandlers, now: number) {
    this.openedAt = now;
    const secure = signed.protocol === 'https:';
    if (!secure && !isLoopback(signed.hostname)) {
      throw new Error(`refusing plain HTTP PutMedia to ${signed.hostname}: use the https data endpoint`);
    }
    const send = secure ? httpsRequest : httpRequest;
    const finish = (end: ConnectionEnd): void => {
      if (this.ended) return;
      this.ended = true;
      this.req.destroy();
      handlers.onEnd(end);
    };
    this.req = send({
      method: signed.method,
      hostname: signed.hostname,
      ...(signed.port ? { port: signed.port } : {}),
      path: signed.path,
      headers: signed.headers,
      ...(secure ? { rejectUnauthorized: true } : {}),
    });
    this.req.on('error', (error) => finish({ error, retryable: true }));
    this.req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          finish({
            error: new Error(`PutMedia returned HTTP ${status}: ${body.trim().slice(0, 300) || res.statusMessage}`),
            retryable: status >= 500 || status === 429,
          }),
        );
        return;
      }
      const parser = new AckStreamParser();
      const deliver = (acks: Ack[]): void => acks.forEach(handlers.onAck);
      res.on('data', (chunk: Buffer) => {
        try {
          deliver(parser.push(chunk));
        } catch (error) {
          finish({ error: error as Error, retryable: true });
        }
      });
      res.on('end', () => {
        try {
          deliver(parser.end());
          finish({ retryable: true });
        } catch (error) {
          finish({ error: error as Error, retryable: true });
        }
      });
      res.on('error', (error) => finish({ error, retryable: true }));
      res.on('aborted', () => finish({ error: new Error('PutMedia response aborted'), retryable: true }));
    });
    this.req.flushHeaders();
  }

  /** Writes bytes into the request body; resolves once the socket can take more. */
  write(bytes: Buffer): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.req.write(bytes)) return resolve();
      const done = (): void => {
        this.req.off('drain', done);
        this.req.off('close', done);
        resolve();
      };
      this.req.on('drain', done);
      this.req.on('close', done);
    });
  }

  /** Ends the request body: the service acknowledges what it has and closes the response. */
  finishBody(): void {
    if (!this.req.writableEnded) this.req.end();
  }

  /** Drops the connection. */
  destroy(): void {
    this.req.destroy();
  }

  /** True once the response ended or the connection failed. */
  get closed(): boolean {
    return this.ended;
  }
}
