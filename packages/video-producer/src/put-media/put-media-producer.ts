import type { Fragment, TimecodeType } from '../mkv/fragment';
import { describeErrorAck, type Ack } from './acknowledgement';
import { backoffDelayMs, type BackoffOptions } from './backoff';
import { FragmentTracker } from './fragment-tracker';
import { percentile, type ProducerMetrics } from './metrics';
import { PutMediaConnection, type ConnectionDeadlines, type ConnectionEnd } from './put-media-connection';
import { putMediaRequest, type RequestSigner } from './put-media-request';
import { PUT_MEDIA_LIMITS } from './service-limits';

/** Deadlines of the producer; each one ends the connection it concerns (retryably). */
export interface ProducerDeadlines extends ConnectionDeadlines {
  /** From sending a fragment to its PERSISTED acknowledgement. @default 20000 */
  readonly ackMs?: number;
  /** From ending a request body to the end of its response (the last acknowledgements). @default 20000 */
  readonly drainMs?: number;
}

/** How long and how much the producer keeps trying to deliver a fragment. */
export interface RetryBudget {
  /** A fragment still waiting for a connection this long after the source produced it is given up. @default 120000 */
  readonly giveUpAfterMs?: number;
  /** Buffered (unpersisted) fragments kept at most; the oldest waiting ones are given up beyond. @default 300 */
  readonly maxBufferedFragments?: number;
  /** Buffered bytes kept at most. @default 256 MiB */
  readonly maxBufferedBytes?: number;
}

/** Options of `PutMediaProducer`. */
export interface PutMediaProducerOptions {
  readonly streamName: string;
  /** Resolves the PUT_MEDIA data endpoint; called for every connection (inside the retry), so a moved endpoint is picked up. */
  readonly endpoint: () => Promise<string>;
  /** SigV4 signer (`sigV4Signer`; its credential lookup runs inside the retry too). */
  readonly signer: RequestSigner;
  /** @default 'ABSOLUTE' */
  readonly timecodeType?: TimecodeType;
  /** Epoch ms the fragmenter's timecodes count from (sent as `x-amzn-producer-start-timestamp`). */
  readonly producerStartMs: number;
  /** How long the service keeps a connection (the streaming token's lifetime). @default 40 minutes */
  readonly connectionLifetimeMs?: number;
  /** Open a new connection after this long. @default lifetime − min(5 minutes, lifetime / 4): 35 minutes */
  readonly rotateAfterMs?: number;
  readonly backoff?: BackoffOptions;
  readonly deadlines?: ProducerDeadlines;
  readonly retry?: RetryBudget;
  /** Fragments sent per second at most, resends included. @default 5 (the service's limit per stream) */
  readonly maxFragmentsPerSecond?: number;
  /** Log lines (never credentials or URLs with tokens). */
  readonly log?: (line: string) => void;
  /** Clock in ms. @default Date.now */
  readonly now?: () => number;
}

/** A run that ended on a fatal error: the error, with what the run achieved until then. */
export class PutMediaProducerError extends Error {
  constructor(
    message: string,
    readonly metrics: ProducerMetrics,
  ) {
    super(message);
    this.name = 'PutMediaProducerError';
  }
}

/** After a call refused for the per-second call limit, wait at least this long. */
const THROTTLED_WAIT_MS = 1000;

/** One PutMedia connection and what the producer knows about it. */
interface Link {
  readonly id: number;
  readonly conn: PutMediaConnection;
  /** Timecode of the last fragment written on it (timecodes must rise within a call). */
  lastSent: number;
  /** When its body was ended (0 while open). */
  finishedAt: number;
  /** A retryable or fatal ERROR acknowledgement arrived: nothing more is written to it. */
  errorAck?: { readonly message: string; readonly retryable: boolean };
  rotated: boolean;
}

/**
 * Streams fragments to Kinesis Video with PutMedia and follows every acknowledgement (sent → buffering →
 * received → persisted). What it survives, by design:
 * - every connection has deadlines (response, write, PERSISTED, final drain), so a service that stops
 *   reading or never ends a response only costs a reconnect;
 * - throttling, connection-limit and wrong-endpoint errors (HTTP 400), 5xx and network failures are
 *   retried with back-off; `GetDataEndpoint` and the credential lookup run inside that retry;
 * - the connection is rotated ahead of the service's limit: the old body is ended and the new connection
 *   opened at once, while the old one still delivers its last acknowledgements (one body open at a time,
 *   as the one-connection limit requires);
 * - after an ERROR acknowledgement the connection is still read to its end, so PERSISTED acknowledgements
 *   in flight are not lost; unknown acknowledgement lines are logged and ignored;
 * - sends (resends included) are paced to the service's 5 fragments per second;
 * - retrying is bounded by time and buffer size: what cannot be delivered is given up and counted
 *   (`givenUp`), never dropped silently. Only a fatal error (a non-retryable ErrorId or HTTP status, or
 *   no connection ever accepted within the retry budget) ends the run early.
 */
export class PutMediaProducer {
  private readonly tracker = new FragmentTracker();
  private readonly now: () => number;
  private readonly ackMs: number;
  private readonly drainMs: number;
  private wake: (() => void) | undefined;
  private missed = false;
  private sourceDone = false;
  private sourceError: Error | undefined;
  private fatal: Error | undefined;
  private fragments = 0;
  private sent = 0;
  private resent = 0;
  private bytesSent = 0;
  private linkIds = 0;
  private rotations = 0;
  private reconnects = 0;
  private throttled = 0;
  private errorAcks = 0;
  private idleAcks = 0;
  private badAckLines = 0;
  private current: Link | undefined;
  private readonly draining = new Set<Link>();
  private failures = 0;
  private lastFailure: Error | undefined;
  private retryAt = 0;
  private accepted = false;
  private readonly sendTimes: number[] = [];
  private peakPerSecond = 0;
  /** A connection failed at `since`; the gap closes at the first PERSISTED on a connection after `afterLink`. */
  private gap: { since: number; afterLink: number } | undefined;
  private readonly gapsMs: number[] = [];

  constructor(private readonly options: PutMediaProducerOptions) {
    this.now = options.now ?? Date.now;
    ({ ackMs: this.ackMs = 20_000, drainMs: this.drainMs = 20_000 } = options.deadlines ?? {});
  }

  /**
   * Sends everything `source` yields; resolves when the source has ended and every fragment is persisted
   * or given up (counted in `givenUp`).
   * @param header the stream header (EBML, Segment, Info, Tracks), read when a connection opens.
   * @throws PutMediaProducerError on a fatal error, with the metrics so far (undelivered fragments in `givenUp`).
   */
  async run(source: AsyncIterable<Fragment>, header: () => Buffer): Promise<ProducerMetrics> {
    const started = this.now();
    const pump = this.pump(source);
    const budget = this.options.retry ?? {};
    const giveUpAfterMs = budget.giveUpAfterMs ?? 120_000;
    while (true) {
      const now = this.now();
      const late = this.tracker.giveUpOlderThan(now - giveUpAfterMs);
      if (late > 0)
        this.log(
          `gave up ${late} fragment(s) not delivered within the retry budget of ${giveUpAfterMs} ms (${this.tracker.givenUp} in all)`,
        );
      const over = this.tracker.giveUpBeyond(budget.maxBufferedFragments ?? 300, budget.maxBufferedBytes ?? 256 * 2 ** 20);
      if (over > 0) this.log(`gave up ${over} fragment(s): the buffer is full (${this.tracker.givenUp} in all)`);
      if (!this.accepted && this.lastFailure && now - started >= giveUpAfterMs) {
        this.fatal ??= new Error(`no PutMedia connection accepted in ${giveUpAfterMs} ms; last: ${this.lastFailure.message}`);
      }
      if (this.fatal) this.finishCurrent();
      this.checkDeadlines(now);
      const idle = this.tracker.size === 0 && this.sourceDone;
      if (idle) this.finishCurrent();
      if ((idle || this.fatal) && !this.current && this.draining.size === 0) break;
      const wakeAt = await this.step(header, now);
      // Look again at least once a second (retry budget, deadlines) while running.
      await this.changed(Math.min(wakeAt ?? Infinity, now + 1000));
    }
    await pump;
    const metrics = () => this.metrics(started);
    if (this.sourceError) throw this.sourceError;
    if (this.fatal) {
      this.tracker.giveUpAll();
      const lost = this.tracker.givenUp;
      throw new PutMediaProducerError(`${this.fatal.message}${lost ? ` (${lost} fragment(s) not delivered)` : ''}`, metrics());
    }
    return metrics();
  }

  /** Opens a connection or sends the next fragment when it can; returns when it next needs to look again. */
  private async step(header: () => Buffer, now: number): Promise<number | undefined> {
    if (this.fatal) return this.nextDeadline();
    const next = this.tracker.firstQueued();
    if (!this.current) {
      if (!next) return this.nextDeadline();
      if (now < this.retryAt) return this.retryAt;
      await this.open(header());
      return now;
    }
    const link = this.current;
    if (now >= link.conn.openedAt + this.rotateAfterMs()) {
      this.log(`rotating PutMedia connection ${link.id} after ${now - link.conn.openedAt} ms`);
      link.rotated = true;
      this.finishCurrent();
      return now;
    }
    // Fragments wait for the HTTP 200: a refused call (throttled, wrong endpoint) then costs no resends.
    if (!next || !link.conn.hasResponse) return this.nextDeadline();
    if (next.timecode <= link.lastSent) {
      // A fragment from a connection that ended unacknowledged is older than what this call carried:
      // timecodes must rise within a call (else ERROR 4004), so it goes on a new one.
      this.log(`fragment ${next.timecode} is older than what connection ${link.id} carried: continuing on a new connection`);
      this.finishCurrent();
      return now;
    }
    const paceAt = this.paceAt(now);
    if (paceAt > now) return Math.min(paceAt, this.nextDeadline() ?? paceAt);
    if (this.tracker.markSent(next, now, link.id)) this.resent++;
    this.recordSend(now);
    this.sent++;
    this.bytesSent += next.bytes.length;
    link.lastSent = next.timecode;
    await link.conn.write(next.bytes);
    return now;
  }

  /**
   * Opens the next connection: the endpoint lookup and signing (credential lookup) are retried like a
   * failed call; a request this client refuses to send (plain HTTP to a remote host) is fatal.
   */
  private async open(header: Buffer): Promise<void> {
    const { options } = this;
    const id = ++this.linkIds;
    let signed;
    try {
      const request = putMediaRequest({
        endpoint: await options.endpoint(),
        streamName: options.streamName,
        timecodeType: options.timecodeType ?? 'ABSOLUTE',
        producerStartMs: options.producerStartMs,
      });
      signed = await options.signer(request);
    } catch (error) {
      this.failed(error as Error, id);
      this.log(`could not open PutMedia connection ${id} (${(error as Error).message}); retrying in ${this.retryAt - this.now()} ms`);
      return;
    }
    try {
      // eslint-disable-next-line prefer-const -- the handlers below only run after `link` is assigned
      let link: Link;
      const conn = new PutMediaConnection(
        signed,
        {
          onAck: (ack) => this.onAck(ack, link),
          onAccepted: () => {
            this.accepted = true;
            this.signal();
          },
          onBadLine: (error) => {
            this.badAckLines++;
            this.log(`ignored a PutMedia acknowledgement line: ${error.message}`);
          },
          onEnd: (end) => this.onEnd(link, end),
        },
        this.now(),
        options.deadlines ?? {},
      );
      link = { id, conn, lastSent: -Infinity, finishedAt: 0, rotated: false };
      this.current = link;
      this.log(`PutMedia connection ${id} open to stream ${options.streamName}`);
      await conn.write(header);
    } catch (error) {
      this.fatal ??= error as Error;
    }
  }

  /** Ends the current connection's body; it drains (last acknowledgements) while the next one opens. */
  private finishCurrent(): void {
    const link = this.current;
    if (!link) return;
    this.current = undefined;
    link.finishedAt = this.now();
    this.draining.add(link);
    link.conn.finishBody();
  }

  private onEnd(link: Link, end: ConnectionEnd): void {
    const wasCurrent = this.current === link;
    if (wasCurrent) this.current = undefined;
    this.draining.delete(link);
    this.tracker.requeue(link.id);
    if (end.throttled) this.throttled++;
    if (link.errorAck && !link.errorAck.retryable) this.fatal ??= new Error(link.errorAck.message);
    else if (end.error && !end.retryable) this.fatal ??= end.error;
    const problem = link.errorAck?.message ?? end.error?.message ?? (wasCurrent ? 'closed by the service' : undefined);
    // A rotated connection that fails while draining only sends its unacknowledged fragments back to the queue.
    const failure = problem !== undefined && (wasCurrent || link.errorAck !== undefined || !link.rotated);
    if (problem && !failure) {
      this.log(`rotated connection ${link.id} ended while draining (${problem}); its unacknowledged fragments are sent again`);
    } else if (problem && !this.fatal) {
      this.failed(new Error(problem), link.id, end.errorType === 'ClientLimitExceededException');
      if (this.tracker.size > 0) {
        this.log(
          `connection ${link.id} ended (${problem}); reconnecting in ${Math.max(0, this.retryAt - this.now())} ms, resuming after fragment timecode ${this.tracker.lastPersistedTimecode ?? 'the start'}`,
        );
      }
    } else if (link.rotated && !end.error) {
      this.rotations++;
    }
    this.signal();
  }

  /** Records a failed connection (or lookup): back-off grows while no fragment is persisted. */
  private failed(error: Error, linkId: number, callLimited = false): void {
    this.lastFailure = error;
    this.failures++;
    this.reconnects++;
    const now = this.now();
    const delay = backoffDelayMs(this.failures, this.options.backoff);
    this.retryAt = now + (callLimited ? Math.max(THROTTLED_WAIT_MS, delay) : delay);
    this.gap ??= { since: now, afterLink: linkId };
  }

  private onAck(ack: Ack, link: Link): void {
    const now = this.now();
    if (ack.type === 'IDLE') {
      this.idleAcks++;
    } else if (ack.type === 'ERROR') {
      this.errorAcks++;
      const message = describeErrorAck(ack);
      this.log(message);
      // The service closes the response after an ERROR; PERSISTED acknowledgements still due arrive first.
      link.errorAck ??= { message, retryable: ack.retryable };
      if (this.current === link) this.finishCurrent();
    } else {
      const moved = this.tracker.acknowledge(ack, now);
      if (moved && ack.type === 'PERSISTED') {
        this.failures = 0;
        if (this.gap && link.id > this.gap.afterLink) {
          this.gapsMs.push(now - this.gap.since);
          this.gap = undefined;
        }
      }
    }
    this.signal();
  }

  /** Ends connections past a deadline: a PERSISTED too long in coming, a drain that does not finish. */
  private checkDeadlines(now: number): void {
    for (const link of this.links()) {
      const { persistedBy, drainedBy } = this.deadlinesOf(link);
      if (persistedBy !== undefined && now >= persistedBy)
        link.conn.abort(new Error(`no PERSISTED acknowledgement within ${this.ackMs} ms`));
      else if (drainedBy !== undefined && now >= drainedBy)
        link.conn.abort(new Error(`response not finished ${this.drainMs} ms after the body`));
    }
  }

  /** The earliest deadline of an open connection, so the loop wakes for it. */
  private nextDeadline(): number | undefined {
    let at: number | undefined;
    for (const link of this.links()) {
      const { persistedBy, drainedBy } = this.deadlinesOf(link);
      if (persistedBy !== undefined) at = Math.min(at ?? Infinity, persistedBy);
      if (drainedBy !== undefined) at = Math.min(at ?? Infinity, drainedBy);
    }
    return at;
  }

  /** The current connection and those still draining. */
  private links(): Link[] {
    return [...(this.current ? [this.current] : []), ...this.draining];
  }

  /** When `link`'s oldest unacknowledged fragment is due PERSISTED, and when its response is due to end (undefined: none). */
  private deadlinesOf(link: Link): { persistedBy: number | undefined; drainedBy: number | undefined } {
    const oldest = this.tracker.oldestSentAt(link.id);
    return {
      persistedBy: oldest === undefined ? undefined : oldest + this.ackMs,
      drainedBy: link.finishedAt ? link.finishedAt + this.drainMs : undefined,
    };
  }

  private rotateAfterMs(): number {
    const lifetime = this.options.connectionLifetimeMs ?? PUT_MEDIA_LIMITS.maxConnectionMs;
    return this.options.rotateAfterMs ?? lifetime - Math.min(5 * 60_000, lifetime / 4);
  }

  /** When the next fragment may be sent without exceeding the per-second limit. */
  private paceAt(now: number): number {
    const max = this.options.maxFragmentsPerSecond ?? PUT_MEDIA_LIMITS.fragmentsPerSecond;
    while (this.sendTimes.length && (this.sendTimes[0] as number) <= now - 1000) this.sendTimes.shift();
    return this.sendTimes.length < max ? now : (this.sendTimes[0] as number) + 1000;
  }

  private recordSend(now: number): void {
    this.sendTimes.push(now);
    this.peakPerSecond = Math.max(this.peakPerSecond, this.sendTimes.length);
  }

  private async pump(source: AsyncIterable<Fragment>): Promise<void> {
    try {
      for await (const fragment of source) {
        if (this.fatal) break;
        this.tracker.enqueue(fragment, this.now());
        this.fragments++;
        this.signal();
      }
    } catch (error) {
      this.sourceError = error as Error;
    }
    this.sourceDone = true;
    this.signal();
  }

  private metrics(started: number): ProducerMetrics {
    const durationMs = Math.max(1, this.now() - started);
    return {
      fragments: this.fragments,
      fragmentsPersisted: this.tracker.persisted,
      fragmentsSent: this.sent,
      fragmentsResent: this.resent,
      givenUp: this.tracker.givenUp,
      duplicates: this.tracker.duplicates,
      bytesSent: this.bytesSent,
      bytesPersisted: this.tracker.persistedBytes,
      connections: this.linkIds,
      reconnects: this.reconnects,
      rotations: this.rotations,
      throttled: this.throttled,
      errorAcks: this.errorAcks,
      idleAcks: this.idleAcks,
      ignoredAckLines: this.badAckLines,
      peakFragmentsPerSecond: this.peakPerSecond,
      latencyMsP50: percentile(this.tracker.latenciesMs, 50),
      latencyMsP95: percentile(this.tracker.latenciesMs, 95),
      reconnectGapsMs: [...this.gapsMs],
      durationMs,
      bytesPerSecond: Math.round((this.tracker.persistedBytes * 1000) / durationMs),
    };
  }

  /** Resolves at the next event (fragment, acknowledgement, connection end), at `until` (ms), or now if one was missed. */
  private changed(until?: number): Promise<void> {
    if (this.missed) {
      this.missed = false;
      return Promise.resolve();
    }
    if (until !== undefined && until <= this.now()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = until === undefined ? undefined : setTimeout(() => this.signal(), until - this.now());
      this.wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
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
