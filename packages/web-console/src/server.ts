import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LabsError } from '@labs/config';
import type { ConsoleBackend, LiveEvent, VideoRun } from './backend';
import { LiveChannel } from './live-channel';
import { buildPage } from './page-bundle';
import { consoleHosts, isWildcard, RequestGuard, type Refusal } from './request-guard';

/** Options of `startConsoleServer`. */
export interface ConsoleServerOptions {
  readonly backend: ConsoleBackend;
  /** Address to bind. @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one. @default 4173 */
  readonly port?: number;
  /** Largest request body accepted (bytes). @default 1 MiB */
  readonly maxBodyBytes?: number;
}

/** A running console. */
export interface ConsoleServer {
  /** The page's address, e.g. `http://127.0.0.1:4173/`. */
  readonly url: string;
  /** Token minted at start; the page carries it, destructive requests need it. */
  readonly token: string;
  /** Stops the server, the live run and the backend. */
  close(): Promise<void>;
}

/** Where the offline run's HLS rendition is served, and the types of its files. */
const HLS_PREFIX = '/api/kinesis-video/hls/';
const HLS_TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.mp4': 'video/mp4', '.m4s': 'video/iso.segment' };

/** Content-Security-Policy of the page: only its own script, styles and API (a deployed stream's HLS over https, fetched by hls.js). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: https:; connect-src 'self' https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Builds the page, starts the HTTP server with the JSON API under `/api/`, and mints the token. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const page = await buildPage();
  const token = randomBytes(32).toString('base64url');
  const { backend } = options;
  const maxBody = options.maxBodyBytes ?? 1 << 20;
  const live = new LiveChannel();
  let liveRun: AbortController | undefined;
  let video: VideoRun | undefined;
  let videoRunning: Promise<VideoRun> | undefined;
  /** Set once the server listens and its origin is known. */
  const access: { guard?: RequestGuard } = {};

  const json = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw new LabsError(`request body over ${maxBody} bytes`);
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      throw new LabsError('request body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LabsError('request body must be a JSON object');
    return body as Record<string, unknown>;
  };

  /** Starts the one live run (offline lab or deployed watch) whose events the SSE channel carries. */
  const startLive = (res: ServerResponse, run: (onEvent: (event: LiveEvent) => void, signal: AbortSignal) => Promise<void>): void => {
    if (liveRun) return sendJson(res, 409, { error: 'a run is already going: stop it first' });
    const controller = new AbortController();
    liveRun = controller;
    live.reset();
    run((event) => live.publish(event), controller.signal)
      .catch((error: unknown) => live.publish({ type: 'error', error: (error as Error).message ?? String(error) }))
      .finally(() => {
        if (liveRun === controller) liveRun = undefined;
      });
    sendJson(res, 202, { started: true });
  };

  const reads: Record<string, Handler> = {
    '/': async (_req, res) => send(res, 200, 'text/html; charset=utf-8', indexHtml(token)),
    '/app.js': async (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', page.js),
    '/app.css': async (_req, res) => send(res, 200, 'text/css; charset=utf-8', page.css),
    '/api/labs': async (_req, res) => sendJson(res, 200, await backend.labs()),
    '/api/lab-details': async (_req, res) => sendJson(res, 200, await backend.labDetails()),
    '/api/environments': async (_req, res) => {
      const view = await backend.environments();
      if (view.unavailable.length === 0) sendJson(res, 200, view.environments);
      else
        sendJson(res, 503, {
          error: view.unavailable.map((u) => `${u.cloud}: ${u.error}`).join('; '),
          environments: view.environments,
          unavailable: view.unavailable,
        });
    },
    '/api/bqml': async (_req, res) => sendJson(res, 200, await backend.bqml()),
    '/api/kinesis-data/events': async (_req, res) => live.attach(res),
    '/api/kinesis-video/offline.mp4': async (req, res) => {
      if (!video) return sendJson(res, 404, { error: 'no offline run yet: start one from the Kinesis Video view' });
      sendFile(req, res, video.mp4File, 'video/mp4');
    },
  };

  const writes: Record<string, { token: boolean; handle: Handler }> = {
    '/api/translate': {
      token: false,
      handle: async (req, res) => sendJson(res, 200, await backend.translate(text((await json(req)).sql, 'sql'))),
    },
    '/api/zetasql': {
      token: false,
      handle: async (req, res) => {
        const { statements } = await json(req);
        if (!Array.isArray(statements) || !statements.every((s) => typeof s === 'string')) {
          throw new LabsError('"statements" must be an array of strings');
        }
        sendJson(res, 200, await backend.validate(statements as string[]));
      },
    },
    '/api/environments/extend': {
      token: true,
      handle: async (req, res) => {
        const body = await json(req);
        const result = await backend.extend(text(body.lab, 'lab'), text(body.env, 'env'), text(body.ttl, 'ttl'));
        sendJson(res, result.ok ? 200 : 502, result);
      },
    },
    '/api/environments/destroy': {
      token: true,
      handle: async (req, res) => {
        const body = await json(req);
        const result = await backend.destroy(text(body.lab, 'lab'), text(body.env, 'env'));
        sendJson(res, result.ok ? 200 : 502, result);
      },
    },
    '/api/kinesis-data/start': {
      token: true,
      handle: async (req, res) => {
        await json(req);
        startLive(res, (onEvent, signal) => backend.runKinesisData(onEvent, signal));
      },
    },
    '/api/kinesis-data/watch': {
      token: true,
      handle: async (req, res) => {
        const env = text((await json(req)).env, 'env');
        startLive(res, (onEvent, signal) => backend.watchKinesisData(env, onEvent, signal));
      },
    },
    '/api/kinesis-data/stop': {
      token: true,
      handle: async (req, res) => {
        await json(req);
        liveRun?.abort();
        sendJson(res, 200, { stopping: liveRun !== undefined });
      },
    },
    '/api/kinesis-video/run': {
      token: true,
      handle: async (req, res) => {
        await json(req);
        videoRunning ??= backend.runKinesisVideo().finally(() => (videoRunning = undefined));
        video = await videoRunning;
        sendJson(res, 200, { url: '/api/kinesis-video/offline.mp4', summary: video.summary });
      },
    },
  };

  /** A file of the offline run's HLS rendition: only the names ffmpeg writes, from its folder. */
  const serveHls = (request: IncomingMessage, response: ServerResponse, name: string): void => {
    const type = HLS_TYPES[extname(name)];
    if (!video) return sendJson(response, 404, { error: 'no offline run yet: start one from the Kinesis Video view' });
    if (!type || !/^[\w-]+\.\w+$/.test(name) || !existsSync(join(video.hlsDir, name))) {
      return sendJson(response, 404, { error: `no such HLS file: ${name}` });
    }
    sendFile(request, response, join(video.hlsDir, name), type);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://console').pathname;
    const { guard } = access;
    if (!guard) return sendJson(response, 503, { error: 'the console is starting' });
    let refusal: Refusal = guard.checkHost(request);
    const write = Object.hasOwn(writes, path) ? writes[path] : undefined;
    const read = Object.hasOwn(reads, path) ? reads[path] : undefined;
    if (!refusal && request.method === 'POST' && write) refusal = guard.checkWrite(request, write.token);
    if (refusal) return sendJson(response, refusal.status, { error: refusal.error });
    try {
      if ((request.method === 'GET' || request.method === 'HEAD') && read) await read(request, response);
      else if (request.method === 'POST' && write) await write.handle(request, response);
      else if (request.method === 'GET' && path.startsWith(HLS_PREFIX)) serveHls(request, response, path.slice(HLS_PREFIX.length));
      else if (read || write) sendJson(response, 405, { error: `${request.method} not allowed on ${path}` });
      else sendJson(response, 404, { error: `no such page or API: ${path}` });
    } catch (error) {
      const status = error instanceof LabsError ? 400 : 500;
      if (!response.headersSent) sendJson(response, status, { error: (error as Error).message ?? String(error) });
      else response.end();
    }
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4173, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const hosts = consoleHosts(host, port);
  access.guard = new RequestGuard(hosts, token);
  return {
    url: `http://${isWildcard(host) ? `127.0.0.1:${port}` : hosts[0]}/`,
    token,
    close: async () => {
      liveRun?.abort();
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new LabsError(`"${field}" must be a non-empty string`);
  return value;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CSP,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
}

/** Serves a file with HTTP range requests, as video elements ask for. */
function sendFile(request: IncomingMessage, response: ServerResponse, file: string, type: string): void {
  const size = statSync(file).size;
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (!range) {
    response.writeHead(200, { ...headers, 'content-length': size });
    createReadStream(file).pipe(response);
    return;
  }
  const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start >= size || start > end) {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
    response.end();
    return;
  }
  response.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
  createReadStream(file, { start, end }).pipe(response);
}

/** The page's HTML: the token in a meta tag (readable only by same-origin script), the bundled script and styles. */
function indexHtml(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="labs-token" content="${token}">
<title>labs console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`;
}
