import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { consoleHosts, RequestGuard, TOKEN_HEADER } from '../src';

const TOKEN = 'a'.repeat(43);
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const guard = new RequestGuard(consoleHosts('127.0.0.1', 4173), TOKEN);
const json = { host: '127.0.0.1:4173', 'content-type': 'application/json' };

describe('consoleHosts', () => {
  it('answers a loopback bind as itself and as localhost', () => {
    expect(consoleHosts('127.0.0.1', 4173)).toEqual(['127.0.0.1:4173', 'localhost:4173']);
    expect(consoleHosts('::1', 80)).toEqual(['[::1]:80', 'localhost:80']);
  });

  it('answers a wildcard bind under the host name and every interface address', () => {
    const hosts = consoleHosts('0.0.0.0', 4173);
    expect(hosts).toEqual(expect.arrayContaining(['localhost:4173', `${hostname()}:4173`, '127.0.0.1:4173']));
    expect(hosts).not.toContain('0.0.0.0:4173');
  });
});

describe('RequestGuard', () => {
  it('lets a read with the console’s own Host through and refuses any other Host (DNS rebinding)', () => {
    expect(guard.checkHost(request({ host: '127.0.0.1:4173' }))).toBeUndefined();
    expect(guard.checkHost(request({ host: 'localhost:4173' }))).toBeUndefined();
    expect(guard.checkHost(request({ host: 'evil.example:4173' }))).toEqual({
      status: 421,
      error: 'refused: Host "evil.example:4173" is not this console',
    });
    expect(guard.checkHost(request({}))?.status).toBe(421);
  });

  it('lets a same-origin JSON write with the token through', () => {
    expect(guard.checkWrite(request({ ...json, origin: 'http://127.0.0.1:4173', [TOKEN_HEADER]: TOKEN }), true)).toBeUndefined();
    expect(guard.checkWrite(request({ ...json, origin: 'http://localhost:4173' }), false)).toBeUndefined();
  });

  it('refuses a destructive write without the token or with a wrong one', () => {
    expect(guard.checkWrite(request(json), true)?.status).toBe(403);
    expect(guard.checkWrite(request({ ...json, [TOKEN_HEADER]: 'b'.repeat(43) }), true)?.status).toBe(403);
    expect(guard.checkWrite(request({ ...json, [TOKEN_HEADER]: TOKEN.slice(1) }), true)?.status).toBe(403);
  });

  it('refuses a write from another origin even with the token', () => {
    expect(guard.checkWrite(request({ ...json, origin: 'http://evil.example', [TOKEN_HEADER]: TOKEN }), true)).toEqual({
      status: 403,
      error: 'refused: Origin "http://evil.example" is not this console',
    });
    expect(guard.checkWrite(request({ ...json, origin: 'http://127.0.0.1:9999' }), false)?.status).toBe(403);
  });

  it('refuses a write that is not JSON (what a cross-site form can send without a preflight)', () => {
    expect(guard.checkWrite(request({ host: '127.0.0.1:4173', 'content-type': 'text/plain' }), false)).toEqual({
      status: 415,
      error: 'refused: content-type "text/plain", expected application/json',
    });
  });
});
