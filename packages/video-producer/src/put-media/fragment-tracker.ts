import type { Fragment } from '../mkv/fragment';
import type { FragmentAck } from './acknowledgement';

/** Where a fragment is in the acknowledgement protocol. */
export type FragmentState = 'queued' | 'sent' | 'buffering' | 'received' | 'persisted';

const ORDER: Readonly<Record<FragmentState, number>> = { queued: 0, sent: 1, buffering: 2, received: 3, persisted: 4 };

/** Latency samples kept for the percentiles: a live source runs for days, memory must not grow with it. */
const LATENCY_SAMPLES = 4096;

interface Entry {
  readonly fragment: Fragment;
  readonly enqueuedAt: number;
  state: FragmentState;
  sentAt: number;
  /** The connection it is in flight on (0 when queued). */
  connection: number;
  /** Times written to a connection. */
  sends: number;
  /** A connection acknowledged RECEIVED for it: the service may have stored it already. */
  receivedOnce: boolean;
}

/**
 * Per-fragment state (queued → sent → buffering → received → persisted), keyed by Cluster Timecode.
 * Everything not yet persisted stays, in order, until a connection delivers it or it is given up.
 */
export class FragmentTracker {
  private readonly entries = new Map<number, Entry>();
  private lastPersisted: number | undefined;
  private lastEnqueued: number | undefined;
  private bufferedBytes = 0;
  private latencySamples = 0;
  /** Send-to-PERSISTED latencies in ms (the latest 4096). */
  readonly latenciesMs: number[] = [];
  /** Fragments persisted so far. */
  persisted = 0;
  /** Bytes of persisted fragments. */
  persistedBytes = 0;
  /** Fragments dropped undelivered (retry budget or buffer limit). */
  givenUp = 0;
  /** Fragments written again after a connection had acknowledged them RECEIVED (the service may store them twice). */
  duplicates = 0;

  /** Adds a fragment from the source at `at` (ms). */
  enqueue(fragment: Fragment, at = 0): void {
    if (this.lastEnqueued !== undefined && fragment.timecode <= this.lastEnqueued) {
      throw new Error(`fragment timecode ${fragment.timecode} is not after the previous one (${this.lastEnqueued})`);
    }
    this.lastEnqueued = fragment.timecode;
    this.bufferedBytes += fragment.bytes.length;
    this.entries.set(fragment.timecode, {
      fragment,
      enqueuedAt: at,
      state: 'queued',
      sentAt: 0,
      connection: 0,
      sends: 0,
      receivedOnce: false,
    });
  }

  /** Marks a fragment as written to connection `connection` at `at` (ms); returns true when it is a resend. */
  markSent(fragment: Fragment, at: number, connection = 1): boolean {
    const entry = this.entries.get(fragment.timecode);
    if (!entry) throw new Error(`fragment ${fragment.timecode} is not tracked`);
    if (entry.receivedOnce) this.duplicates++;
    entry.state = 'sent';
    entry.sentAt = at;
    entry.connection = connection;
    entry.sends++;
    return entry.sends > 1;
  }

  /**
   * Applies a BUFFERING/RECEIVED/PERSISTED acknowledgement at `at` (ms). States only move forward.
   * Returns the fragment it moved, or undefined for an acknowledgement of an unknown or finished fragment.
   */
  acknowledge(ack: FragmentAck, at: number): Fragment | undefined {
    const entry = this.entries.get(ack.fragmentTimecode);
    if (!entry) return undefined;
    const next: FragmentState = ack.type === 'BUFFERING' ? 'buffering' : ack.type === 'RECEIVED' ? 'received' : 'persisted';
    if (next === 'received') entry.receivedOnce = true;
    if (ORDER[next] <= ORDER[entry.state]) return undefined;
    entry.state = next;
    if (next === 'persisted') {
      this.remove(ack.fragmentTimecode, entry);
      this.persisted++;
      this.persistedBytes += entry.fragment.bytes.length;
      this.latenciesMs[this.latencySamples++ % LATENCY_SAMPLES] = at - entry.sentAt;
      this.lastPersisted = Math.max(this.lastPersisted ?? ack.fragmentTimecode, ack.fragmentTimecode);
    }
    return entry.fragment;
  }

  /** State of a fragment still tracked (persisted and given-up ones are forgotten). */
  stateOf(timecode: number): FragmentState | undefined {
    return this.entries.get(timecode)?.state;
  }

  /** Fragments not yet persisted, oldest first. */
  unpersisted(): Fragment[] {
    return [...this.entries.values()].map((e) => e.fragment);
  }

  /** The oldest fragment waiting for a connection, or undefined. */
  firstQueued(): Fragment | undefined {
    for (const e of this.entries.values()) if (e.state === 'queued') return e.fragment;
    return undefined;
  }

  /** Fragments written to a connection but not yet persisted (on `connection`, or on any). */
  inFlight(connection?: number): number {
    let count = 0;
    for (const e of this.entries.values()) if (e.state !== 'queued' && (connection === undefined || e.connection === connection)) count++;
    return count;
  }

  /** When the oldest fragment still in flight on `connection` was sent, or undefined. */
  oldestSentAt(connection: number): number | undefined {
    let oldest: number | undefined;
    for (const e of this.entries.values()) {
      if (e.state !== 'queued' && e.connection === connection) oldest = Math.min(oldest ?? e.sentAt, e.sentAt);
    }
    return oldest;
  }

  /** Puts the unpersisted fragments of `connection` (of every connection when omitted) back to `queued`. */
  requeue(connection?: number): void {
    for (const e of this.entries.values()) {
      if (connection === undefined || e.connection === connection) {
        e.state = 'queued';
        e.connection = 0;
      }
    }
  }

  /** Gives up the queued fragments enqueued at or before `olderThan` (ms); returns how many. */
  giveUpOlderThan(olderThan: number): number {
    return this.dropQueued(
      () => true,
      (e) => e.enqueuedAt <= olderThan,
    );
  }

  /** Gives up queued fragments, oldest first, until at most `maxFragments` and `maxBytes` are buffered; returns how many. */
  giveUpBeyond(maxFragments: number, maxBytes = Infinity): number {
    return this.dropQueued(
      () => this.entries.size > maxFragments || this.bufferedBytes > maxBytes,
      () => true,
    );
  }

  /** Gives up every fragment still tracked (the run ends without delivering them). */
  giveUpAll(): number {
    const dropped = this.entries.size;
    for (const [timecode, e] of this.entries) this.remove(timecode, e);
    this.givenUp += dropped;
    return dropped;
  }

  /** Fragments buffered (not yet persisted). */
  get size(): number {
    return this.entries.size;
  }

  /** Cluster Timecode of the latest persisted fragment. */
  get lastPersistedTimecode(): number | undefined {
    return this.lastPersisted;
  }

  /** Drops queued entries, oldest first, that `matches` while `more()` holds. */
  private dropQueued(more: () => boolean, matches: (e: Entry) => boolean): number {
    let dropped = 0;
    for (const [timecode, e] of this.entries) {
      if (!more()) break;
      if (e.state !== 'queued' || !matches(e)) continue;
      this.remove(timecode, e);
      dropped++;
    }
    this.givenUp += dropped;
    return dropped;
  }

  private remove(timecode: number, entry: Entry): void {
    this.entries.delete(timecode);
    this.bufferedBytes -= entry.fragment.bytes.length;
  }
}
