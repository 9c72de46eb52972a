import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in's HTTP server and the base URL it listens on. */
export interface LoopbackServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
}

/** Starts an HTTP server on a free loopback port that hands `handle` each request with its whole body. */
export function serveLoopback(handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, Buffer.concat(chunks), res));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

/** Answers a request with `body`, its content type and its length. */
export function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
