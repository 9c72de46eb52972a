import type { Fragment } from '../mkv/fragment';
import type { FragmentAck } from './acknowledgement';

/** Where a fragment is in the acknowledgement protocol. */
export type FragmentState = 'queued' | 'sent' | 'buffering' | 'received' | 'persisted';

const ORDER: Readonly<Record<FragmentState, number>> = { queued: 0, sent: 1, buffering: 2, received: 3, persisted: 4 };

interface Entry {
  readonly fragment: Fragment;
  state: FragmentState;
  sentAt: number;
}

/**
 * Per-fragment state (queued → sent → buffering → received → persisted), keyed by Cluster Timecode.
 * Everything not yet persisted stays, in order, for the next connection to resend.
 */
export class FragmentTracker {
  private readonly entries = new Map<number, Entry>();
  private lastPersisted: number | undefined;
  private lastEnqueued: number | undefined;
  /** Send-to-PERSISTED latencies in ms, in persistence order. */
  readonly latenciesMs: number[] = [];
  /** Fragments persisted so far. */
  persisted = 0;
  /** Bytes of persisted fragments. */
  persistedBytes = 0;

  /** Adds a fragment from the source. */
  enqueue(fragment: Fragment): void {
    if (this.lastEnqueued !== undefined && fragment.timecode <= this.lastEnqueued) {
      throw new Error(`fragment timecode ${fragment.timecode} is not after the previous one (${this.lastEnqueued})`);
    }
    this.lastEnqueued = fragment.timecode;
    this.entries.set(fragment.timecode, { fragment, state: 'queued', sentAt: 0 });
  }

  /** Marks a fragment as written to the current connection at `at` (ms). */
  markSent(fragment: Fragment, at: number): void {
    const entry = this.entries.get(fragment.timecode);
    if (!entry) throw new Error(`fragment ${fragment.timecode} is not tracked`);
    entry.state = 'sent';
    entry.sentAt = at;
  }

  /**
   * Applies a BUFFERING/RECEIVED/PERSISTED acknowledgement at `at` (ms). States only move forward.
   * Returns the fragment it moved, or undefined for an acknowledgement of an unknown or finished fragment.
   */
  acknowledge(ack: FragmentAck, at: number): Fragment | undefined {
    const entry = this.entries.get(ack.fragmentTimecode);
    if (!entry) return undefined;
    const next: FragmentState = ack.type === 'BUFFERING' ? 'buffering' : ack.type === 'RECEIVED' ? 'received' : 'persisted';
    if (ORDER[next] <= ORDER[entry.state]) return undefined;
    entry.state = next;
    if (next === 'persisted') {
      this.entries.delete(ack.fragmentTimecode);
      this.persisted++;
      this.persistedBytes += entry.fragment.bytes.length;
      this.latenciesMs.push(at - entry.sentAt);
      this.lastPersisted = Math.max(this.lastPersisted ?? ack.fragmentTimecode, ack.fragmentTimecode);
    }
    return entry.fragment;
  }

  /** State of a fragment still tracked (persisted ones are forgotten). */
  stateOf(timecode: number): FragmentState | undefined {
    return this.entries.get(timecode)?.state;
  }

  /** Fragments not yet persisted, oldest first: what a new connection must (re)send. */
  unpersisted(): Fragment[] {
    return [...this.entries.values()].map((e) => e.fragment);
  }

  /** Fragments written to a connection but not yet persisted. */
  inFlight(): number {
    let count = 0;
    for (const e of this.entries.values()) if (e.state !== 'queued') count++;
    return count;
  }

  /** Puts every unpersisted fragment back to `queued` (the connection that carried them is gone). */
  requeueAll(): void {
    for (const e of this.entries.values()) e.state = 'queued';
  }

  /** Cluster Timecode of the latest persisted fragment. */
  get lastPersistedTimecode(): number | undefined {
    return this.lastPersisted;
  }
}
