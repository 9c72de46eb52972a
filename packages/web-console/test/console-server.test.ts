import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsoleServer, TOKEN_HEADER, type ConsoleBackend, type ConsoleServer, type LiveEvent } from '../src';

/** A backend that records what the server asked of it; the live run goes until stopped. */
function recordingBackend(dir: string) {
  const calls: string[] = [];
  const backend: ConsoleBackend = {
    labs: async () => [{ id: 'kinesis-data' }],
    labDetails: async () => [],
    environments: async () => ({ environments: [], unavailable: [] }),
    translate: async (sql) => [{ input: sql, output: sql, warnings: [], error: null }],
    validate: async (statements) => statements.map(() => ({ ok: true })),
    bqml: async () => ({}),
    extend: async (lab, env, ttl) => (calls.push(`extend ${lab} ${env} ${ttl}`), { ok: true, message: 'extended' }),
    destroy: async (lab, env) => (calls.push(`destroy ${lab} ${env}`), { ok: true, message: 'destroyed' }),
    runKinesisData: (onEvent: (event: LiveEvent) => void, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        calls.push('run kinesis-data');
        onEvent({ type: 'event', line: 'started' });
        signal.addEventListener('abort', () => resolve());
      }),
    watchKinesisData: async () => undefined,
    runKinesisVideo: async () => {
      calls.push('run kinesis-video');
      return { mp4File: join(dir, 'offline.mp4'), hlsDir: join(dir, 'hls'), summary: { fragments: 1 } };
    },
    close: async () => void calls.push('close'),
  };
  return { backend, calls };
}

describe('the console server', () => {
  let dir: string;
  let server: ConsoleServer;
  let calls: string[];
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path.slice(1)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const withToken = () => ({ [TOKEN_HEADER]: server.token });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'labs-console-server-'));
    writeFileSync(join(dir, 'offline.mp4'), Buffer.from('0123456789'));
    mkdirSync(join(dir, 'hls'));
    writeFileSync(join(dir, 'hls', 'index.m3u8'), '#EXTM3U\n');
    const recording = recordingBackend(dir);
    calls = recording.calls;
    server = await startConsoleServer({ backend: recording.backend, port: 0, maxBodyBytes: 1024 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback by default and serves the page with the token and a strict CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(await page.text()).toContain(`<meta name="labs-token" content="${server.token}">`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect((await fetch(`${server.url}app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers /api/labs with the backend’s JSON, unknown paths with 404, wrong methods with 405', async () => {
    expect(await (await fetch(`${server.url}api/labs`)).json()).toEqual([{ id: 'kinesis-data' }]);
    expect((await fetch(`${server.url}api/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}api/labs`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses bad bodies with one line naming what was wrong', async () => {
    expect(await (await post('/api/translate', '{')).json()).toEqual({ error: 'request body is not JSON' });
    expect(await (await post('/api/translate', { sql: '' })).json()).toEqual({ error: '"sql" must be a non-empty string' });
    expect(await (await post('/api/translate', [1])).json()).toEqual({ error: 'request body must be a JSON object' });
    const big = await post('/api/translate', { sql: 'x'.repeat(2000) });
    expect([big.status, await big.json()]).toEqual([400, { error: 'request body over 1024 bytes' }]);
  });

  it('passes a destroy with the token to the backend, and none without', async () => {
    expect((await post('/api/environments/destroy', { lab: 'kinesis-data', env: 'alice' })).status).toBe(403);
    expect(calls).not.toContain('destroy kinesis-data alice');
    const done = await post('/api/environments/destroy', { lab: 'kinesis-data', env: 'alice' }, withToken());
    expect([done.status, await done.json()]).toEqual([200, { ok: true, message: 'destroyed' }]);
    expect(calls).toContain('destroy kinesis-data alice');
    await post('/api/environments/extend', { lab: 'kinesis-data', env: 'alice', ttl: '2h' }, withToken());
    expect(calls).toContain('extend kinesis-data alice 2h');
  });

  it('runs one live session at a time and stops it', async () => {
    expect((await post('/api/kinesis-data/start', {}, withToken())).status).toBe(202);
    expect((await post('/api/kinesis-data/start', {}, withToken())).status).toBe(409);
    expect(await (await post('/api/kinesis-data/stop', {}, withToken())).json()).toEqual({ stopping: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await post('/api/kinesis-data/start', {}, withToken())).status).toBe(202);
    await post('/api/kinesis-data/stop', {}, withToken());
  });

  it('serves the video run with range requests and only the HLS files ffmpeg writes', async () => {
    expect((await fetch(`${server.url}api/kinesis-video/offline.mp4`)).status).toBe(404);
    expect((await post('/api/kinesis-video/run', {}, withToken())).status).toBe(200);
    const part = await fetch(`${server.url}api/kinesis-video/offline.mp4`, { headers: { range: 'bytes=2-5' } });
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, 'bytes 2-5/10', '2345']);
    const beyond = await fetch(`${server.url}api/kinesis-video/offline.mp4`, { headers: { range: 'bytes=20-' } });
    expect(beyond.status).toBe(416);
    const playlist = await fetch(`${server.url}api/kinesis-video/hls/index.m3u8`);
    expect([playlist.status, playlist.headers.get('content-type')]).toEqual([200, 'application/vnd.apple.mpegurl']);
    expect((await fetch(`${server.url}api/kinesis-video/hls/..%2F..%2Foffline.mp4`)).status).toBe(404);
    expect((await fetch(`${server.url}api/kinesis-video/hls/notes.txt`)).status).toBe(404);
  });
});
