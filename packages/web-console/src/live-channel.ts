import type { ServerResponse } from 'node:http';
import type { LiveEvent } from './backend';

/** Events kept for a page that connects late. */
const HISTORY_LIMIT = 600;

/**
 * Server-Sent Events fan-out of one live session: every open `EventSource` gets each event; a page
 * that connects late first gets the events so far (bounded), so its chart starts where the run is.
 */
export class LiveChannel {
  private readonly clients = new Set<ServerResponse>();
  /** The framed events so far (at most `HISTORY_LIMIT`). */
  private readonly history: string[] = [];

  /** Adds a client and replays the history to it. */
  attach(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    for (const framed of this.history) response.write(framed);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  /** Sends an event to every client. */
  publish(event: LiveEvent): void {
    const framed = frame(event);
    this.history.push(framed);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    for (const client of this.clients) client.write(framed);
  }

  /** Forgets the history (a new run starts). */
  reset(): void {
    this.history.length = 0;
  }

  /** Ends every client's stream. */
  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

function frame(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
