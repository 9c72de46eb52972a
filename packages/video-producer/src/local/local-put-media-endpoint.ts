import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { children } from '../mkv/children';
import { ClusterReader } from '../mkv/cluster-reader';
import { MkvId } from '../mkv/ebml';
import { streamHeader } from '../mkv/stream-header';
import { readVideoTrack } from '../mkv/track-info';
import { describeErrorId } from '../put-media/error-ids';
import { PUT_MEDIA_LIMITS } from '../put-media/service-limits';
import { checkSignatureShape, PUT_MEDIA_HEADERS } from './sigv4-shape';

/** The limits the endpoint enforces (the service's by default; tests lower them to reach them quickly). */
export type EndpointLimits = { -readonly [K in keyof typeof PUT_MEDIA_LIMITS]: number };

/** HTTP 400 error types of PutMedia (API reference, Errors) that a new call may get past. */
export type ThrottlingErrorType = 'ClientLimitExceededException' | 'ConnectionLimitExceededException' | 'InvalidEndpointException';

/** Faults the endpoint injects, each once unless it says otherwise, to exercise a producer's recovery. */
export interface EndpointFaults {
  /** Drop the TCP connection when the n-th fragment (counted over all connections) has arrived, before acknowledging it. */
  readonly dropAtFragment?: number;
  /** Answer the n-th fragment with this ERROR ErrorId, then close the response once earlier fragments are PERSISTED. */
  readonly errorAtFragment?: { readonly fragment: number; readonly errorId: number };
  /** Refuse the next `count` calls with HTTP 400 and this error type (throttling, wrong endpoint). */
  readonly rejectCalls?: { readonly count: number; readonly errorType: ThrottlingErrorType };
  /**
   * At the n-th fragment stop reading the body and acknowledging for `ms` (the connection keeps its
   * slot; a server that does not read cannot see the client leave), then drop it.
   */
  readonly stall?: { readonly atFragment: number; readonly ms: number };
  /** Never end the response of the first call whose body ends (acknowledgements still flow). */
  readonly holdResponseOpen?: boolean;
  /** After the RECEIVED of the n-th fragment send an acknowledgement of an EventType the producer does not know. */
  readonly unknownEventAtFragment?: number;
}

/** Options of `startLocalPutMediaEndpoint`. */
export interface LocalEndpointOptions {
  /** Where to write the stream as it plays back (each timecode once, in order) as one MKV file. @default none */
  readonly outFile?: string;
  /** Delay between RECEIVED and PERSISTED (archival). @default 0 */
  readonly persistDelayMs?: number;
  /** Delay before the HTTP 200 response (connection setup, authentication). @default 0 */
  readonly responseDelayMs?: number;
  /** Send IDLE this often while no data arrives. @default 3000 */
  readonly idleAfterMs?: number;
  /** How long a closed connection still counts against the one-connection limit (service-side cleanup). @default 0 */
  readonly releaseDelayMs?: number;
  /** Require a SigV4 `Authorization` header of the right shape. @default true */
  readonly requireSignature?: boolean;
  /** Overrides of the service limits. @default PUT_MEDIA_LIMITS */
  readonly limits?: Partial<EndpointLimits>;
  readonly faults?: EndpointFaults;
  /** The clock of the per-second call window (epoch ms). @default Date.now */
  readonly now?: () => number;
}

/** One stored fragment. */
export interface PersistedFragment {
  readonly timecode: number;
  readonly bytes: number;
  readonly connection: number;
  /** When its last byte arrived and when it was stored (epoch ms). */
  readonly receivedAt: number;
  readonly persistedAt: number;
  /** True when this timecode had been stored before (a resent fragment is stored again, as the service does). */
  readonly duplicate: boolean;
}

/** Counters of a local endpoint. */
export interface LocalEndpointStats {
  /** PutMedia calls answered with HTTP 200. */
  connections: number;
  /** Calls refused with HTTP 4xx, by error type. */
  readonly refused: Record<string, number>;
  fragmentsReceived: number;
  /** Fragments stored, copies of a resent fragment included. */
  fragmentsPersisted: number;
  /** Stored fragments whose timecode had been stored before. */
  duplicates: number;
  /** Bytes stored. */
  bytes: number;
  errorsSent: number;
  /** Times the reader waited because a producer sent more than 5 fragments or 12.5 MB in a second. */
  rateLimited: number;
  readonly persisted: PersistedFragment[];
}

/** A running local endpoint. */
export interface LocalPutMediaEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The address the server is bound to. */
  readonly address: AddressInfo;
  readonly stats: LocalEndpointStats;
  /** Stops listening, ends open connections and closes the output file. */
  stop(): Promise<void>;
}

/** Per-stream state: what the limits are counted against. */
interface StreamState {
  /** Connections whose request body is still open (plus closed ones not yet released). */
  readonly open: Set<number>;
  readonly callTimes: number[];
  /** Token buckets: fragments and bytes available now, and when they were last refilled. */
  fragmentTokens: number;
  byteTokens: number;
  refilledAt: number;
  lastStored: number;
  readonly stored: Set<number>;
}

/**
 * A local stand-in for the Kinesis Video PutMedia data endpoint (no local Kinesis Video exists), bound to
 * 127.0.0.1 only. It behaves like the service where a producer can tell:
 * - refuses calls like the service, with HTTP 400 and `x-amzn-ErrorType`: more than 5 calls a second per
 *   stream (`ClientLimitExceededException`), a second connection while one is open for the stream
 *   (`ConnectionLimitExceededException`; a closed one is released after `releaseDelayMs`); HTTP 403 for a
 *   missing or malformed SigV4 signature;
 * - reads no faster than 5 fragments and 12.5 MB per second per stream (it stops reading, so the producer
 *   feels back-pressure);
 * - acknowledges each fragment BUFFERING, RECEIVED and, after `persistDelayMs`, PERSISTED; sends IDLE while
 *   no data arrives and closes the request after 30 s without data; ERROR 4003 when the connection outlives
 *   the streaming token (40 min);
 * - rejects with ERROR: 4001 above 50 MB, 4002 above 20 s, 4004 a timecode not after the previous one in
 *   the call, 4006 bad MKV or a fragment that does not start on a key frame (no ErrorId is documented for
 *   that; HLS needs it), 4010/4011 track mismatches, 4012 more than 3 tracks; after an ERROR it still
 *   sends the PERSISTED acknowledgements of earlier fragments, then closes;
 * - stores every received fragment, also one that was sent before (counted in `duplicates`), even when the
 *   connection is cut after RECEIVED; the MKV file holds each timecode once, in order, as playback shows it.
 */
export async function startLocalPutMediaEndpoint(options: LocalEndpointOptions = {}): Promise<LocalPutMediaEndpoint> {
  const limits: EndpointLimits = { ...PUT_MEDIA_LIMITS, ...options.limits };
  const faults = options.faults ?? {};
  const stats: LocalEndpointStats = {
    connections: 0,
    refused: {},
    fragmentsReceived: 0,
    fragmentsPersisted: 0,
    duplicates: 0,
    bytes: 0,
    errorsSent: 0,
    rateLimited: 0,
    persisted: [],
  };
  const file: FileHandle | undefined = options.outFile ? await open(options.outFile, 'w') : undefined;
  let fileHeaderWritten = false;
  let writes = Promise.resolve();
  const fired = new Set<keyof EndpointFaults>();
  let rejectsLeft = faults.rejectCalls?.count ?? 0;
  const streams = new Map<string, StreamState>();
  const requests = new Set<IncomingMessage>();
  const timers = new Set<NodeJS.Timeout>();
  let calls = 0;

  const once = (fault: keyof EndpointFaults, applies: boolean): boolean => {
    if (!applies || fired.has(fault)) return false;
    fired.add(fault);
    return true;
  };
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const stateOf = (stream: string): StreamState => {
    let state = streams.get(stream);
    if (!state) {
      state = {
        open: new Set(),
        callTimes: [],
        fragmentTokens: limits.fragmentsPerSecond,
        byteTokens: limits.bytesPerSecond,
        refilledAt: Date.now(),
        lastStored: -Infinity,
        stored: new Set(),
      };
      streams.set(stream, state);
    }
    return state;
  };

  /** Waits until the stream may take `fragments` more fragments and `bytes` more bytes (token buckets, 1 s of burst). */
  const throttle = async (state: StreamState, fragments: number, bytes: number): Promise<void> => {
    for (let waited = false; ; waited = true) {
      const now = Date.now();
      const elapsed = (now - state.refilledAt) / 1000;
      state.refilledAt = now;
      state.fragmentTokens = Math.min(limits.fragmentsPerSecond, state.fragmentTokens + elapsed * limits.fragmentsPerSecond);
      state.byteTokens = Math.min(limits.bytesPerSecond, state.byteTokens + elapsed * limits.bytesPerSecond);
      if (state.fragmentTokens >= fragments && (state.byteTokens >= Math.min(bytes, limits.bytesPerSecond) || bytes === 0)) {
        state.fragmentTokens -= fragments;
        state.byteTokens -= bytes;
        return;
      }
      if (!waited) stats.rateLimited++;
      const fragmentWait = ((fragments - state.fragmentTokens) / limits.fragmentsPerSecond) * 1000;
      const byteWait = ((Math.min(bytes, limits.bytesPerSecond) - state.byteTokens) / limits.bytesPerSecond) * 1000;
      await sleep(Math.max(1, Math.ceil(Math.max(fragmentWait, byteWait))));
    }
  };

  /** Stores a fragment (the service keeps every copy it receives) and writes the playback file. */
  const persist = (
    state: StreamState,
    timecode: number,
    bytes: Buffer,
    header: Buffer,
    connection: number,
    receivedAt: number,
  ): Promise<void> => {
    const duplicate = state.stored.has(timecode);
    state.stored.add(timecode);
    stats.fragmentsPersisted++;
    stats.bytes += bytes.length;
    if (duplicate) stats.duplicates++;
    stats.persisted.push({ timecode, bytes: bytes.length, connection, receivedAt, persistedAt: Date.now(), duplicate });
    if (!file || timecode <= state.lastStored) return writes;
    state.lastStored = timecode;
    writes = writes.then(async () => {
      if (!fileHeaderWritten) {
        await file.write(header);
        fileHeaderWritten = true;
      }
      await file.write(bytes);
    });
    return writes;
  };

  const refuse = (res: ServerResponse, status: number, errorType: string, message: string): void => {
    stats.refused[errorType] = (stats.refused[errorType] ?? 0) + 1;
    res.on('finish', () => res.socket?.destroy());
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': errorType }).end(JSON.stringify({ message }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests.add(req);
    req.on('close', () => requests.delete(req));
    if (req.method !== 'POST' || req.url !== '/putMedia')
      return refuse(res, 404, 'ResourceNotFoundException', `no route ${req.method} ${req.url}`);
    if (options.requireSignature !== false) {
      const problem = checkSignatureShape(req.headers, Date.now());
      if (problem) return refuse(res, problem.status, problem.errorType, problem.message);
    }
    const missing = PUT_MEDIA_HEADERS.filter((h) => !req.headers[h]);
    const type = req.headers['x-amzn-fragment-timecode-type'];
    if (missing.length) return refuse(res, 400, 'InvalidArgumentException', `missing headers ${missing.join(', ')}`);
    if (type !== 'ABSOLUTE' && type !== 'RELATIVE') {
      return refuse(res, 400, 'InvalidArgumentException', `x-amzn-fragment-timecode-type "${type}" is not ABSOLUTE or RELATIVE`);
    }
    const state = stateOf(String(req.headers['x-amzn-stream-name']));
    const now = (options.now ?? Date.now)();
    while (state.callTimes.length && (state.callTimes[0] as number) <= now - 1000) state.callTimes.shift();
    state.callTimes.push(now);
    if (rejectsLeft > 0 && faults.rejectCalls) {
      rejectsLeft--;
      return refuse(res, 400, faults.rejectCalls.errorType, `injected ${faults.rejectCalls.errorType}`);
    }
    if (state.callTimes.length > limits.callsPerSecond) {
      return refuse(
        res,
        400,
        'ClientLimitExceededException',
        `more than ${limits.callsPerSecond} PutMedia calls in a second for this stream`,
      );
    }
    if (state.open.size >= limits.connectionsPerStream) {
      return refuse(res, 400, 'ConnectionLimitExceededException', `stream already has ${state.open.size} open PutMedia connection(s)`);
    }
    const connection = ++calls;
    state.open.add(connection);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const free = (): boolean => state.open.delete(connection);
      if (options.releaseDelayMs) later(options.releaseDelayMs, free);
      else free();
    };
    res.on('close', release);
    if (options.responseDelayMs) await sleep(options.responseDelayMs);
    if (req.destroyed) return;
    stats.connections++;
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders(); // the service answers 200 once the headers check out, before reading the body
    await streamBody(req, res, state, connection, release);
  };

  /** Reads the body fragment by fragment, acknowledging as the service does. */
  const streamBody = async (
    req: IncomingMessage,
    res: ServerResponse,
    state: StreamState,
    connection: number,
    release: () => void,
  ): Promise<void> => {
    const reader = new ClusterReader();
    let tracks: { header: Buffer; numbers: Set<number> } | undefined;
    let sawEbml = false;
    let lastTimecode = -Infinity;
    let done = false;
    const pending: Promise<unknown>[] = [];
    const openedAt = Date.now();
    const ack = (event: Record<string, unknown>): void => {
      if (!done && !res.destroyed) res.write(`${JSON.stringify(event)}\n`);
    };
    /** Stops acknowledging and the connection's timers. */
    const halt = (): void => {
      done = true;
      clearInterval(idle);
      clearTimeout(expiry);
    };
    /**
     * The PERSISTED acknowledgements still due, then the end of the response. Callers release the
     * connection first, so that the producer's next call finds it released.
     */
    const finish = (): void => {
      if (done) return;
      halt();
      void Promise.all(pending).then(() => {
        if (!res.destroyed) res.end();
      });
    };
    /** ERROR, then the PERSISTED acknowledgements still due, then the end of the response. */
    const fail = (errorId: number, timecode?: number): void => {
      if (done) return;
      stats.errorsSent++;
      ack({
        EventType: 'ERROR',
        ...(timecode !== undefined ? { FragmentTimecode: timecode } : {}),
        ErrorId: errorId,
        ErrorCode: describeErrorId(errorId).code,
      });
      release();
      finish();
    };
    let lastData = Date.now();
    const idle = setInterval(() => {
      if (Date.now() - lastData >= limits.idleCloseMs) {
        release();
        finish();
      } else if (Date.now() - lastData >= (options.idleAfterMs ?? 3000)) ack({ EventType: 'IDLE' });
    }, options.idleAfterMs ?? 3000);
    const expiry = setTimeout(() => fail(4003), Math.max(0, limits.maxConnectionMs - (Date.now() - openedAt)));
    res.on('close', () => {
      clearInterval(idle);
      clearTimeout(expiry);
    });
    // Acknowledgements written during a response that is still pending delivery must not ack after `done`.
    const ackPersisted = (timecode: number, number: string, stored: Promise<void>): Promise<unknown> =>
      stored.then(() => {
        if (!res.destroyed && !res.writableEnded)
          res.write(`${JSON.stringify({ EventType: 'PERSISTED', FragmentTimecode: timecode, FragmentNumber: number })}\n`);
      });

    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        if (done) continue;
        lastData = Date.now();
        await throttle(state, 0, chunk.length);
        let parts;
        try {
          parts = reader.push(chunk);
        } catch {
          fail(4006);
          continue;
        }
        for (const part of parts) {
          if (done) break;
          if (part.kind === 'ebml') {
            sawEbml = true;
          } else if (part.kind === 'tracks') {
            try {
              const entries = children(part.payload).filter((c) => c.id === MkvId.TrackEntry).length;
              if (entries > limits.maxTracks) {
                fail(4012);
                break;
              }
              tracks = { header: streamHeader(part.payload), numbers: new Set([readVideoTrack(part.payload).number]) };
            } catch {
              fail(4006);
            }
          } else if (part.kind === 'cluster-start') {
            if (part.size > limits.maxFragmentBytes) fail(4001, part.timecode);
            else ack({ EventType: 'BUFFERING', FragmentTimecode: part.timecode });
          } else if (part.kind === 'cluster') {
            const { timecode } = part;
            if (!sawEbml || !tracks) fail(4006, timecode);
            else if (timecode <= lastTimecode) fail(4004, timecode);
            else if (part.tracks.some((t) => !tracks?.numbers.has(t))) fail(4010, timecode);
            else if (part.tracks.length === 0) fail(4011, timecode);
            else if (!part.startsOnKeyFrame) fail(4006, timecode);
            else if (part.spanMs > limits.maxFragmentDurationMs) fail(4002, timecode);
            if (done) break;
            lastTimecode = timecode;
            await throttle(state, 1, 0);
            const n = ++stats.fragmentsReceived;
            if (once('dropAtFragment', faults.dropAtFragment === n)) {
              done = true;
              req.socket.destroy();
              break;
            }
            if (once('stall', faults.stall?.atFragment === n)) {
              halt();
              await sleep(faults.stall?.ms ?? 0);
              req.socket.destroy();
              break;
            }
            if (once('errorAtFragment', faults.errorAtFragment?.fragment === n)) {
              fail(faults.errorAtFragment?.errorId as number, timecode);
              break;
            }
            const number = `9134385233${String(connection).padStart(4, '0')}${String(n).padStart(12, '0')}`;
            ack({ EventType: 'RECEIVED', FragmentTimecode: timecode, FragmentNumber: number });
            if (once('unknownEventAtFragment', faults.unknownEventAtFragment === n))
              ack({ EventType: 'THROTTLED_PREVIEW', FragmentTimecode: timecode });
            const receivedAt = Date.now();
            const bytes = Buffer.from(part.bytes);
            const header = tracks?.header as Buffer;
            // Stored whatever happens to the connection from here on; PERSISTED only reaches a live one.
            const stored = sleep(options.persistDelayMs ?? 0).then(() => persist(state, timecode, bytes, header, connection, receivedAt));
            pending.push(ackPersisted(timecode, number, stored));
          }
        }
      }
    } catch {
      // the client went away: what was received is still stored
    }
    release();
    if (done) return;
    if (once('holdResponseOpen', faults.holdResponseOpen === true)) halt();
    else finish();
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    address,
    stats,
    async stop() {
      for (const req of requests) req.socket.destroy();
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
      await file?.close();
    },
  };
}
