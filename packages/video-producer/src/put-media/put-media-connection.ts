import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpRequest } from '@smithy/protocol-http';
import { AckStreamParser, type Ack } from './acknowledgement';
import { isLoopback } from './sigv4-signer';

/** How a PutMedia connection ended. */
export interface ConnectionEnd {
  /** Undefined when the service closed the response normally. */
  readonly error?: Error;
  /** True when a new connection may succeed (network failure, timeout, 5xx, throttling). */
  readonly retryable: boolean;
  /** The HTTP error was a throttle: too many calls or connections for the stream. */
  readonly throttled?: boolean;
  /** The AWS error type of a refused call (`x-amzn-ErrorType`), e.g. `ClientLimitExceededException`. */
  readonly errorType?: string;
}

/** Callbacks of one connection. */
export interface ConnectionHandlers {
  readonly onAck: (ack: Ack) => void;
  /** The service answered HTTP 200: it reads the body from now on. */
  readonly onAccepted?: () => void;
  /** A line the acknowledgement parser could not read (logged and skipped). */
  readonly onBadLine?: (error: Error) => void;
  readonly onEnd: (end: ConnectionEnd) => void;
}

/** Deadlines of one connection. */
export interface ConnectionDeadlines {
  /** From the request to the HTTP response headers. @default 10000 */
  readonly responseMs?: number;
  /** A write that the service does not take (the socket stays full) for this long ends the connection. @default 10000 */
  readonly writeMs?: number;
}

/**
 * PutMedia HTTP errors a new call can get past (API reference, Errors): throttling (`ClientLimitExceeded`,
 * `ConnectionLimitExceeded`), a moved endpoint (`InvalidEndpoint`: GetDataEndpoint again), an expired token.
 */
const RETRYABLE_ERROR_TYPES = new Set([
  'ClientLimitExceededException',
  'ConnectionLimitExceededException',
  'InvalidEndpointException',
  'NotAuthorizedException',
  'ExpiredTokenException',
]);
const THROTTLING_ERROR_TYPES = new Set(['ClientLimitExceededException', 'ConnectionLimitExceededException']);

/**
 * Classifies a failed PutMedia call by its status and error type (`x-amzn-ErrorType` header, or `__type`
 * in the body): throttling and endpoint/token errors are retryable although they are HTTP 400/401/403;
 * 429 and 5xx are retryable; anything else (a bad argument, a missing stream, a refused signature) is not.
 */
export function classifyHttpError(status: number, errorType: string | undefined): Pick<ConnectionEnd, 'retryable' | 'throttled'> {
  const type = errorType?.split(':')[0]?.trim() ?? '';
  const throttled = THROTTLING_ERROR_TYPES.has(type) || status === 429;
  return { retryable: throttled || RETRYABLE_ERROR_TYPES.has(type) || status >= 500, throttled };
}

/**
 * One streaming `POST /putMedia`: a chunked request body written fragment by fragment while the
 * response body delivers acknowledgements. TLS certificates are always verified; plain HTTP is only
 * allowed to a loopback address. It ends itself (retryably) when the response headers or a write take
 * longer than their deadline; it never ends because of a bad acknowledgement line.
 */
export class PutMediaConnection {
  /** When the connection was opened (ms, from the injected clock). */
  readonly openedAt: number;
  private readonly req: ClientRequest;
  private ended = false;
  private responded = false;
  private readonly finish: (end: ConnectionEnd) => void;
  private readonly writeMs: number;

  constructor(signed: HttpRequest, handlers: ConnectionHandlers, now: number, deadlines: ConnectionDeadlines = {}) {
    this.openedAt = now;
    this.writeMs = deadlines.writeMs ?? 10_000;
    const secure = signed.protocol === 'https:';
    if (!secure && !isLoopback(signed.hostname)) {
      throw new Error(`refusing plain HTTP PutMedia to ${signed.hostname}: use the https data endpoint`);
    }
    const send = secure ? httpsRequest : httpRequest;
    const responseMs = deadlines.responseMs ?? 10_000;
    const responseTimer = setTimeout(
      () => this.finish({ error: new Error(`no PutMedia response within ${responseMs} ms`), retryable: true }),
      responseMs,
    );
    this.finish = (end: ConnectionEnd): void => {
      clearTimeout(responseTimer);
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
    this.req.on('error', (error) => this.finish({ error, retryable: true }));
    this.req.on('close', () => this.finish({ error: new Error('PutMedia connection closed'), retryable: true }));
    this.req.on('response', (res: IncomingMessage) => {
      clearTimeout(responseTimer);
      this.responded = true;
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          const header = res.headers['x-amzn-errortype'];
          const type = (Array.isArray(header) ? header[0] : header) ?? bodyType(body);
          this.finish({
            error: new Error(
              `PutMedia returned HTTP ${status}${type ? ` ${type.split(':')[0]}` : ''}: ${body.trim().slice(0, 300) || res.statusMessage}`,
            ),
            ...classifyHttpError(status, type),
            ...(type ? { errorType: type.split(':')[0] } : {}),
          });
        });
        return;
      }
      handlers.onAccepted?.();
      const parser = new AckStreamParser(handlers.onBadLine ?? (() => undefined));
      res.on('data', (chunk: Buffer) => parser.push(chunk).forEach(handlers.onAck));
      res.on('end', () => {
        parser.end().forEach(handlers.onAck);
        this.finish({ retryable: true });
      });
      res.on('error', (error) => this.finish({ error, retryable: true }));
      res.on('aborted', () => this.finish({ error: new Error('PutMedia response aborted'), retryable: true }));
    });
    this.req.flushHeaders();
  }

  /**
   * Writes bytes into the request body; resolves once the socket can take more, or the connection has
   * ended. A write the service does not take within the write deadline ends the connection.
   */
  write(bytes: Buffer): Promise<void> {
    if (this.ended || this.req.writableEnded) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.req.write(bytes)) return resolve();
      const timer = setTimeout(() => {
        done();
        this.finish({ error: new Error(`the service took no data for ${this.writeMs} ms`), retryable: true });
      }, this.writeMs);
      const done = (): void => {
        clearTimeout(timer);
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
    if (!this.ended && !this.req.writableEnded) this.req.end();
  }

  /** Ends the connection now, reporting `error` (retryable). */
  abort(error: Error): void {
    this.finish({ error, retryable: true });
  }

  /** True once the HTTP response headers arrived. */
  get hasResponse(): boolean {
    return this.responded;
  }
}

function bodyType(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { __type?: unknown };
    return typeof parsed.__type === 'string' ? parsed.__type : undefined;
  } catch {
    return undefined;
  }
}
