import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { open, type FileHandle } from 'node:fs/promises';
import { ClusterReader } from '../mkv/cluster-reader';
import { streamHeader } from '../mkv/stream-header';
import { readVideoTrack } from '../mkv/track-info';
import { describeErrorId } from '../put-media/error-ids';

/** Faults the endpoint can inject once, to exercise the producer's recovery. */
export interface EndpointFaults {
  /** Drop the TCP connection when the n-th fragment (counted over all connections) has arrived, before persisting it. */
  readonly dropAtFragment?: number;
  /** Answer the n-th fragment with this ERROR ErrorId and close the response. */
  readonly errorAtFragment?: { readonly fragment: number; readonly errorId: number };
}

/** Options of `startLocalPutMediaEndpoint`. */
export interface LocalEndpointOptions {
  /** Where to write the persisted stream as one MKV file. @default none (fragments are counted only) */
  readonly outFile?: string;
  /** Extra delay between RECEIVED and PERSISTED (simulated archival). @default 0 */
  readonly persistDelayMs?: number;
  /** Send IDLE after this long without data. @default 3000 */
  readonly idleAfterMs?: number;
  readonly faults?: EndpointFaults;
}

/** One persisted fragment. */
export interface PersistedFragment {
  readonly timecode: number;
  readonly bytes: number;
  readonly connection: number;
}

/** Counters of a local endpoint. */
export interface LocalEndpointStats {
  connections: number;
  fragmentsReceived: number;
  /** Fragments stored (a re-sent fragment whose timecode is already stored counts as a duplicate instead). */
  fragmentsPersisted: number;
  duplicates: number;
  bytes: number;
  errorsSent: number;
  readonly persisted: PersistedFragment[];
}

/** A running local endpoint. */
export interface LocalPutMediaEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly stats: LocalEndpointStats;
  /** Stops listening, ends open connections and closes the output file. */
  stop(): Promise<void>;
}

const REQUIRED_HEADERS = ['x-amzn-stream-name', 'x-amzn-fragment-timecode-type', 'x-amzn-producer-start-timestamp'] as const;

/**
 * The only stand-in this lab uses (no local Kinesis Video exists): an HTTP server on 127.0.0.1 that
 * accepts `POST /putMedia` like the service does. It reads the chunked MKV body, answers each
 * fragment with newline-delimited JSON acknowledgements (BUFFERING when its Cluster begins, RECEIVED
 * when it is complete, PERSISTED once written; ERROR with the documented ErrorIds for out-of-order
 * timecodes, bad MKV or track mismatches; IDLE when no data arrives) and appends every persisted
 * fragment to one MKV file.
 */
export async function startLocalPutMediaEndpoint(options: LocalEndpointOptions = {}): Promise<LocalPutMediaEndpoint> {
  const stats: LocalEndpointStats = {
    connections: 0,
    fragmentsReceived: 0,
    fragmentsPersisted: 0,
    duplicates: 0,
    bytes: 0,
    errorsSent: 0,
    persisted: [],
  };
  const file: FileHandle | undefined = options.outFile ? await open(options.outFile, 'w') : undefined;
  let fileHeaderWritten = false;
  let lastStored = -Infinity;
  let writes = Promise.resolve();
  const faultsFired = new Set<string>();
  const open_ = new Set<IncomingMessage>();

  const persist = (timecode: number, bytes: Buffer, header: Buffer, connection: number): Promise<boolean> => {
    const run = writes.then(async () => {
      if (timecode <= lastStored) {
        stats.duplicates++;
        return true;
      }
      if (file && !fileHeaderWritten) {
        await file.write(header);
        fileHeaderWritten = true;
      }
      if (file) await file.write(bytes);
      lastStored = timecode;
      stats.fragmentsPersisted++;
      stats.bytes += bytes.length;
      stats.persisted.push({ timecode, bytes: bytes.length, connection });
      return true;
    });
    writes = run.then(() => undefined);
    return run;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const reject = (status: number, message: string): void => {
      res.on('finish', () => req.socket.destroy());
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
    };
    if (req.method !== 'POST' || req.url !== '/putMedia') {
      reject(404, `no route ${req.method} ${req.url}`);
      return;
    }
    const missing = REQUIRED_HEADERS.filter((h) => !req.headers[h]);
    const type = req.headers['x-amzn-fragment-timecode-type'];
    if (missing.length || (type !== 'ABSOLUTE' && type !== 'RELATIVE')) {
      reject(
        400,
        missing.length ? `missing headers ${missing.join(', ')}` : `x-amzn-fragment-timecode-type "${type}" is not ABSOLUTE or RELATIVE`,
      );
      return;
    }
    const connection = ++stats.connections;
    open_.add(req);
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const reader = new ClusterReader();
    let header: { ebml: boolean; info?: Buffer; tracks?: Buffer; trackNumbers: Set<number> } = { ebml: false, trackNumbers: new Set() };
    let lastTimecode = -Infinity;
    let done = false;
    let pendingAcks = Promise.resolve();
    const ack = (event: Record<string, unknown>): void => {
      if (!done) res.write(`${JSON.stringify(event)}\n`);
    };
    const fail = (errorId: number, timecode?: number): void => {
      stats.errorsSent++;
      ack({
        EventType: 'ERROR',
        ...(timecode !== undefined ? { FragmentTimecode: timecode } : {}),
        ErrorId: errorId,
        ErrorCode: describeErrorId(errorId).code,
      });
      done = true;
      res.on('finish', () => req.socket.destroy());
      res.end();
    };
    let idle = setTimeout(function tick() {
      ack({ EventType: 'IDLE' });
      idle = setTimeout(tick, options.idleAfterMs ?? 3000);
    }, options.idleAfterMs ?? 3000);

    req.on('data', (chunk: Buffer) => {
      if (done) return;
      idle.refresh();
      let parts;
      try {
        parts = reader.push(chunk);
      } catch {
        fail(4006);
        return;
      }
      for (const part of parts) {
        if (done) return;
        if (part.kind === 'ebml') header = { ebml: true, trackNumbers: new Set() };
        else if (part.kind === 'info') header.info = Buffer.from(part.bytes);
        else if (part.kind === 'tracks') {
          header.tracks = Buffer.from(part.payload);
          try {
            header.trackNumbers.add(readVideoTrack(header.tracks).number);
          } catch {
            fail(4006);
            return;
          }
        } else if (part.kind === 'cluster-start') {
          ack({ EventType: 'BUFFERING', FragmentTimecode: part.timecode });
        } else if (part.kind === 'cluster') {
          const { timecode } = part;
          if (!header.ebml || !header.tracks) return fail(4006, timecode);
          if (timecode <= lastTimecode) return fail(4004, timecode);
          if (part.tracks.some((t) => !header.trackNumbers.has(t))) return fail(4010, timecode);
          if (part.tracks.length === 0) return fail(4011, timecode);
          lastTimecode = timecode;
          stats.fragmentsReceived++;
          const n = stats.fragmentsReceived;
          const { faults } = options;
          if (faults?.dropAtFragment === n && !faultsFired.has('drop')) {
            faultsFired.add('drop');
            done = true;
            req.socket.destroy();
            return;
          }
          if (faults?.errorAtFragment?.fragment === n && !faultsFired.has('error')) {
            faultsFired.add('error');
            return fail(faults.errorAtFragment.errorId, timecode);
          }
          const number = `9134385233${String(connection).padStart(4, '0')}${String(n).padStart(12, '0')}`;
          ack({ EventType: 'RECEIVED', FragmentTimecode: timecode, FragmentNumber: number });
          const bytes = Buffer.from(part.bytes);
          const fileHeader = streamHeader(header.tracks);
          const delay = options.persistDelayMs ?? 0;
          pendingAcks = pendingAcks
            .then(() => (delay ? new Promise((r) => setTimeout(r, delay)) : undefined))
            .then(() => persist(timecode, bytes, fileHeader, connection))
            .then(() => ack({ EventType: 'PERSISTED', FragmentTimecode: timecode, FragmentNumber: number }));
        }
      }
    });
    const close = (): void => {
      clearTimeout(idle);
      open_.delete(req);
    };
    req.on('end', () => {
      void pendingAcks.then(() => {
        close();
        if (!done) {
          done = true;
          res.end();
        }
      });
    });
    req.on('close', close);
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async stop() {
      for (const req of open_) req.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
      await file?.close();
    },
  };
}
