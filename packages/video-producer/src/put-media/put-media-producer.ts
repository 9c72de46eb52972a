import type { Fragment, TimecodeType } from '../mkv/fragment';
import { describeErrorAck, type Ack } from './acknowledgement';
import { backoffDelayMs, type BackoffOptions } from './backoff';
import { FragmentTracker } from './fragment-tracker';
import { percentile, type ProducerMetrics } from './metrics';
import { PutMediaConnection, type ConnectionEnd } from './put-media-connection';
import { putMediaRequest, type RequestSigner } from './put-media-request';

/** Kinesis Video closes a PutMedia connection after 45 minutes; rotate well before. */
export const DEFAULT_ROTATE_AFTER_MS = 40 * 60_000;

/** Options of `PutMediaProducer`. */
export interface PutMediaProducerOptions {
  readonly streamName: string;
  /** Resolves the PUT_MEDIA data endpoint (called for every connection, so a moved endpoint is picked up). */
  readonly endpoint: () => Promise<string>;
  /** SigV4 signer (`sigV4Signer`), or `unsignedLoopback` for the local endpoint. */
  readonly signer: RequestSigner;
  /** @default 'ABSOLUTE' */
  readonly timecodeType?: TimecodeType;
  /** Epoch ms the fragmenter's timecodes count from (sent as `x-amzn-producer-start-timestamp`). */
  readonly producerStartMs: number;
  /** Rotate the connection after this long. @default 40 minutes */
  readonly rotateAfterMs?: number;
  readonly backoff?: BackoffOptions;
  /** Consecutive connections without progress before giving up. @default 8 */
  readonly maxAttempts?: number;
  /** Log lines (never credentials or URLs with tokens). */
  readonly log?: (line: string) => void;
  /** Clock in ms. @default Date.now */
  readonly now?: () => number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Streams fragments to Kinesis Video with PutMedia and follows every acknowledgement: fragments move
 * sent → buffering → received → persisted; an ERROR ends the connection and is fatal or retried by its
 * ErrorId; a dropped or rotated connection is replaced (with back-off) and resumes with the fragments
 * after the last persisted one, so timecodes never go backwards within a call and none is lost.
 */
export class PutMediaProducer {
  private readonly tracker = new FragmentTracker();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private wake: (() => void) | undefined;
  private missed = false;
  private sourceDone = false;
  private sourceError: Error | undefined;
  private fatal: Error | undefined;
  private fragments = 0;
  private sent = 0;
  private resent = 0;
  private bytesSent = 0;
  private connections = 0;
  private rotations = 0;
  private errorAcks = 0;
  private idleAcks = 0;
  private readonly everSent = new Set<number>();

  constructor(private readonly options: PutMediaProducerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Sends everything `source` yields; resolves when the source has ended and every fragment is persisted.
   * @param header the stream header (EBML, Segment, Info, Tracks), read when a connection opens.
   * @throws Error on a fatal ERROR acknowledgement, a fatal HTTP status, or too many failed connections.
   */
  async run(source: AsyncIterable<Fragment>, header: () => Buffer): Promise<ProducerMetrics> {
    const started = this.now();
    const pump = this.pump(source);
    let failures = 0;
    // The last connection was closed on purpose for its age: the next one to open replaces it.
    let rotated = false;
    while (!this.fatal && !this.sourceError) {
      if (this.tracker.unpersisted().length === 0) {
        if (this.sourceDone) break;
        await this.changed();
        continue;
      }
      const persistedBefore = this.tracker.persisted;
      if (rotated) this.rotations++;
      const end = await this.connection(header());
      if (this.fatal) break;
      if (end.error && !end.retryable) throw end.error;
      rotated = end.rotated && !end.error; // one that failed before it could close is a reconnect
      failures = this.tracker.persisted > persistedBefore ? 0 : failures + 1;
      if (this.tracker.unpersisted().length > 0 || end.error) {
        const maxAttempts = this.options.maxAttempts ?? 8;
        if (failures >= maxAttempts) {
          throw new Error(
            `PutMedia failed ${failures} times in a row without progress; last: ${end.error?.message ?? 'connection closed with fragments unacknowledged'}`,
          );
        }
        if (rotated) continue; // open the next one now
        const delay = failures > 0 ? backoffDelayMs(failures, this.options.backoff) : 0;
        const resume = this.tracker.lastPersistedTimecode ?? 'the start';
        this.log(
          `connection ${this.connections} ended (${end.error?.message ?? 'closed by the service'}); reconnecting in ${delay} ms, resuming after fragment timecode ${resume}`,
        );
        if (delay > 0) await this.sleep(delay);
      }
    }
    await pump;
    if (this.sourceError) throw this.sourceError;
    if (this.fatal) throw this.fatal;
    const durationMs = Math.max(1, this.now() - started);
    return {
      fragments: this.fragments,
      fragmentsPersisted: this.tracker.persisted,
      fragmentsSent: this.sent,
      fragmentsResent: this.resent,
      bytesSent: this.bytesSent,
      bytesPersisted: this.tracker.persistedBytes,
      connections: this.connections,
      reconnects: Math.max(0, this.connections - 1 - this.rotations),
      rotations: this.rotations,
      errorAcks: this.errorAcks,
      idleAcks: this.idleAcks,
      latencyMsP50: percentile(this.tracker.latenciesMs, 50),
      latencyMsP95: percentile(this.tracker.latenciesMs, 95),
      durationMs,
      bytesPerSecond: Math.round((this.tracker.persistedBytes * 1000) / durationMs),
    };
  }

  private async pump(source: AsyncIterable<Fragment>): Promise<void> {
    try {
      for await (const fragment of source) {
        if (this.fatal) break;
        this.tracker.enqueue(fragment);
        this.fragments++;
        this.signal();
      }
    } catch (error) {
      this.sourceError = error as Error;
    }
    this.sourceDone = true;
    this.signal();
  }

  /** Runs one connection until it ends; returns how it ended. */
  private async connection(header: Buffer): Promise<ConnectionEnd & { rotated: boolean }> {
    const { options } = this;
    const request = putMediaRequest({
      endpoint: await options.endpoint(),
      streamName: options.streamName,
      timecodeType: options.timecodeType ?? 'ABSOLUTE',
      producerStartMs: options.producerStartMs,
    });
    const signed = await options.signer(request);
    let ended: ConnectionEnd | undefined;
    this.tracker.requeueAll();
    const conn = new PutMediaConnection(
      signed,
      {
        onAck: (ack) => this.onAck(ack, conn),
        onEnd: (end) => {
          ended = end;
          this.signal();
        },
      },
      this.now(),
    );
    this.connections++;
    this.log(`PutMedia connection ${this.connections} open to stream ${options.streamName}`);
    const rotateAt = conn.openedAt + (options.rotateAfterMs ?? DEFAULT_ROTATE_AFTER_MS);
    const rotation = setTimeout(() => this.signal(), Math.max(0, rotateAt - this.now()));
    rotation.unref();
    let finishing = false;
    let rotated = false;
    try {
      await conn.write(header);
      while (!ended) {
        if (!finishing) {
          const lastPersisted = this.tracker.lastPersistedTimecode ?? -Infinity;
          for (const fragment of this.tracker.unpersisted()) {
            if (ended || this.tracker.stateOf(fragment.timecode) !== 'queued' || fragment.timecode <= lastPersisted) continue;
            if (this.everSent.has(fragment.timecode)) this.resent++;
            this.everSent.add(fragment.timecode);
            this.tracker.markSent(fragment, this.now());
            this.sent++;
            this.bytesSent += fragment.bytes.length;
            await conn.write(fragment.bytes);
          }
          const drained = this.sourceDone && this.tracker.unpersisted().every((f) => this.tracker.stateOf(f.timecode) !== 'queued');
          if (drained || this.now() >= rotateAt) {
            if (!drained) {
              rotated = true;
              this.log('rotating the PutMedia connection');
            }
            finishing = true;
            conn.finishBody();
          }
        }
        if (!ended) await this.changed();
      }
    } finally {
      clearTimeout(rotation);
    }
    return { ...ended, rotated };
  }

  private onAck(ack: Ack, conn: PutMediaConnection): void {
    if (ack.type === 'IDLE') {
      this.idleAcks++;
    } else if (ack.type === 'ERROR') {
      this.errorAcks++;
      const message = describeErrorAck(ack);
      this.log(message);
      if (!ack.retryable) this.fatal = new Error(message);
      conn.destroy();
    } else {
      this.tracker.acknowledge(ack, this.now());
    }
    this.signal();
  }

  /** Resolves at the next event (fragment, acknowledgement, connection end, rotation), or now if one was missed. */
  private changed(): Promise<void> {
    if (this.missed) {
      this.missed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.wake = resolve));
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    if (wake) wake();
    else this.missed = true;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
