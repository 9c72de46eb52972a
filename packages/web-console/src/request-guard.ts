import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

/** Header that carries the console's token on destructive requests. */
export const TOKEN_HEADER = 'x-labs-token';

/** Why a request was refused, or undefined when it may go on. */
export type Refusal = { readonly status: number; readonly error: string } | undefined;

/** Whether binding to `host` listens on every interface (the console then answers under any of the machine's names). */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/**
 * The `host:port` values a browser sends for a console bound to `host`: the address itself, plus
 * `localhost` for loopback, plus every interface address and the host name for a wildcard bind.
 */
export function consoleHosts(host: string, port: number): string[] {
  const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
  const names = isWildcard(host)
    ? [
        'localhost',
        hostname(),
        ...Object.values(networkInterfaces())
          .flat()
          .map((i) => i?.address)
          .filter((a): a is string => a !== undefined),
      ]
    : [host, ...(host === '127.0.0.1' || host === '::1' ? ['localhost'] : [])];
  return [...new Set(names)].map((name) => `${bracket(name)}:${port}`);
}

/**
 * Refuses requests that did not come from the console's own page: a `Host` that is not one of the
 * console's addresses (DNS rebinding), and on writes an `Origin` other than the console's own or a
 * non-JSON body (a cross-site form post). Destructive requests also need the token minted at start.
 */
export class RequestGuard {
  private readonly hosts: ReadonlySet<string>;

  constructor(
    /** `host:port` values the console answers to (see `consoleHosts`). */
    hosts: readonly string[],
    private readonly token: string,
  ) {
    this.hosts = new Set(hosts);
  }

  /** Checks the `Host` header of any request. */
  checkHost(request: IncomingMessage): Refusal {
    const host = request.headers.host ?? '';
    return this.hosts.has(host) ? undefined : { status: 421, error: `refused: Host "${host}" is not this console` };
  }

  /** Checks a state-changing request: same origin, JSON body; with `needsToken`, the console's token. */
  checkWrite(request: IncomingMessage, needsToken: boolean): Refusal {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.hosts.has(origin.replace(/^http:\/\//, ''))) {
      return { status: 403, error: `refused: Origin "${origin}" is not this console` };
    }
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) return { status: 415, error: `refused: content-type "${type}", expected application/json` };
    if (needsToken && !this.validToken(request.headers[TOKEN_HEADER])) {
      return { status: 403, error: `refused: missing or wrong ${TOKEN_HEADER} (destructive actions need the token of this labs ui run)` };
    }
    return undefined;
  }

  private validToken(value: string | string[] | undefined): boolean {
    if (typeof value !== 'string') return false;
    const given = Buffer.from(value);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
