import { FragmentTracker, backoffDelayMs, percentile, type Fragment } from '../src';

function fragment(timecode: number, size = 10): Fragment {
  return { sequence: timecode, timecode, streamMs: timecode, durationMs: 1000, frames: 25, bytes: Buffer.alloc(size) };
}

describe('FragmentTracker', () => {
  it('moves a fragment sent → buffering → received → persisted and measures send-to-PERSISTED latency', () => {
    const tracker = new FragmentTracker();
    const f = fragment(1000, 300);
    tracker.enqueue(f);
    expect(tracker.stateOf(1000)).toBe('queued');
    tracker.markSent(f, 10);
    expect(tracker.stateOf(1000)).toBe('sent');
    tracker.acknowledge({ type: 'BUFFERING', fragmentTimecode: 1000 }, 20);
    expect(tracker.stateOf(1000)).toBe('buffering');
    tracker.acknowledge({ type: 'RECEIVED', fragmentTimecode: 1000, fragmentNumber: '1' }, 30);
    expect(tracker.stateOf(1000)).toBe('received');
    expect(tracker.acknowledge({ type: 'PERSISTED', fragmentTimecode: 1000, fragmentNumber: '1' }, 85)).toBe(f);
    expect(tracker.stateOf(1000)).toBeUndefined();
    expect([tracker.persisted, tracker.persistedBytes, tracker.latenciesMs, tracker.lastPersistedTimecode]).toEqual([1, 300, [75], 1000]);
  });

  it('never moves a state backwards and ignores acknowledgements of unknown fragments', () => {
    const tracker = new FragmentTracker();
    const f = fragment(1);
    tracker.enqueue(f);
    tracker.markSent(f, 0);
    tracker.acknowledge({ type: 'RECEIVED', fragmentTimecode: 1 }, 1);
    expect(tracker.acknowledge({ type: 'BUFFERING', fragmentTimecode: 1 }, 2)).toBeUndefined();
    expect(tracker.stateOf(1)).toBe('received');
    expect(tracker.acknowledge({ type: 'PERSISTED', fragmentTimecode: 99 }, 3)).toBeUndefined();
  });

  it('keeps unpersisted fragments in order and requeues them for the next connection', () => {
    const tracker = new FragmentTracker();
    const fs = [1, 2, 3].map((t) => fragment(t));
    fs.forEach((f) => tracker.enqueue(f));
    fs.forEach((f) => tracker.markSent(f, 0));
    tracker.acknowledge({ type: 'PERSISTED', fragmentTimecode: 1 }, 5);
    expect(tracker.inFlight()).toBe(2);
    tracker.requeue();
    expect(tracker.inFlight()).toBe(0);
    expect(tracker.unpersisted().map((f) => f.timecode)).toEqual([2, 3]);
  });

  it('gives up waiting fragments by age and beyond the buffer limit, oldest first, never one in flight', () => {
    const tracker = new FragmentTracker();
    [1, 2, 3, 4, 5].forEach((t) => tracker.enqueue(fragment(t, 100), t * 10));
    tracker.markSent(fragment(1, 100), 60, 7);
    expect(tracker.giveUpOlderThan(30)).toBe(2); // 2 and 3; 1 is in flight on connection 7
    expect(tracker.unpersisted().map((f) => f.timecode)).toEqual([1, 4, 5]);
    expect(tracker.giveUpBeyond(10, 250)).toBe(1); // 300 bytes buffered: drop 4
    expect(tracker.giveUpBeyond(1)).toBe(1); // drop 5; 1 stays (in flight)
    expect([tracker.givenUp, tracker.size, tracker.inFlight(7)]).toEqual([4, 1, 1]);
    expect(tracker.giveUpAll()).toBe(1);
    expect(tracker.givenUp).toBe(5);
  });

  it('counts a resend of a fragment an earlier connection acknowledged RECEIVED as a possible duplicate', () => {
    const tracker = new FragmentTracker();
    const f = fragment(1);
    tracker.enqueue(f);
    expect(tracker.markSent(f, 0, 1)).toBe(false);
    tracker.acknowledge({ type: 'RECEIVED', fragmentTimecode: 1 }, 1);
    tracker.requeue(1);
    expect(tracker.markSent(f, 2, 2)).toBe(true);
    expect(tracker.duplicates).toBe(1);
  });

  it('keeps a bounded number of latency samples however long it runs (a live source runs for days)', () => {
    const tracker = new FragmentTracker();
    for (let t = 1; t <= 10_000; t++) {
      const f = fragment(t, 1);
      tracker.enqueue(f, t);
      tracker.markSent(f, t);
      tracker.acknowledge({ type: 'PERSISTED', fragmentTimecode: t }, t + 5);
    }
    expect(tracker.persisted).toBe(10_000);
    expect(tracker.latenciesMs.length).toBe(4096);
    expect(tracker.size).toBe(0);
  });

  it('refuses a fragment whose timecode does not advance', () => {
    const tracker = new FragmentTracker();
    tracker.enqueue(fragment(5));
    expect(() => tracker.enqueue(fragment(5))).toThrow('fragment timecode 5 is not after the previous one (5)');
  });
});

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt up to the maximum, with full jitter', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, { baseMs: 100, maxMs: 500 }, () => 1))).toEqual([100, 200, 400, 500]);
    expect(backoffDelayMs(3, { baseMs: 100 }, () => 0.5)).toBe(200);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([30, 10, 20, 40], 50)).toBe(20);
    expect(percentile([30, 10, 20, 40], 95)).toBe(40);
    expect(percentile([], 50)).toBe(0);
  });
});
