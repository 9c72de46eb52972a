import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header that carries the console's token on destructive requests. */
export const TOKEN_HEADER = 'x-labs-token';

/** Why a request was refused, or undefined when it may go on. */
export type Refusal = { readonly status: number; readonly error: string } | undefined;

/**
 * Refuses requests that did not come from the console's own page: a `Host` other than the address the
 * console listens on (DNS rebinding), and on writes an `Origin` other than the console's own or a
 * non-JSON body (a cross-site form post). Destructive requests also need the token minted at start.
 */
export class RequestGuard {
  private readonly hosts: ReadonlySet<string>;

  constructor(
    /** The console's origin, e.g. `http://127.0.0.1:4173`. */
    private readonly origin: string,
    private readonly token: string,
  ) {
    const { host, port } = new URL(origin);
    this.hosts = new Set([host, ...(host.startsWith('127.0.0.1') ? [`localhost:${port}`] : [])]);
  }

  /** Checks the `Host` header of any request. */
  checkHost(request: IncomingMessage): Refusal {
    const host = request.headers.host ?? '';
    return this.hosts.has(host) ? undefined : { status: 421, error: `refused: Host "${host}" is not this console` };
  }

  /** Checks a state-changing request: same origin, JSON body; with `needsToken`, the console's token. */
  checkWrite(request: IncomingMessage, needsToken: boolean): Refusal {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.sameOrigin(origin)) return { status: 403, error: `refused: Origin "${origin}" is not this console` };
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) return { status: 415, error: `refused: content-type "${type}", expected application/json` };
    if (needsToken && !this.validToken(request.headers[TOKEN_HEADER])) {
      return { status: 403, error: `refused: missing or wrong ${TOKEN_HEADER} (destructive actions need the token of this labs ui run)` };
    }
    return undefined;
  }

  private sameOrigin(origin: string): boolean {
    return (
      origin === this.origin || (this.origin.startsWith('http://127.0.0.1:') && origin === this.origin.replace('127.0.0.1', 'localhost'))
    );
  }

  private validToken(value: string | string[] | undefined): boolean {
    if (typeof value !== 'string') return false;
    const given = Buffer.from(value);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
