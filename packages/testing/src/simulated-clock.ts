import type { Clock } from '@labs/config';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * A clock for tests that runs the code under test in simulated time: whenever nothing it tracks is in
 * flight, time jumps to the next scheduled call, so a 75 s run takes as long as its I/O does. Real I/O
 * (an emulator's answer) takes no simulated time: wrap each operation with `during`, or a whole SDK
 * client with `tracking`. Calls due at the same instant run in the order they were scheduled.
 */
export class SimulatedClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private inFlight = 0;
  private stepQueued = false;

  /** @param start the simulated epoch ms to start at. @default the real time now */
  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(ms: number, run: () => void): () => void {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, run };
    const index = this.timers.findIndex((t) => t.at > timer.at);
    this.timers.splice(index < 0 ? this.timers.length : index, 0, timer);
    this.queueStep();
    return () => {
      const at = this.timers.indexOf(timer);
      if (at >= 0) this.timers.splice(at, 1);
    };
  }

  /** Holds simulated time still until `operation` settles. */
  during<T>(operation: Promise<T>): Promise<T> {
    this.inFlight++;
    return operation.finally(() => {
      this.inFlight--;
      this.queueStep();
    });
  }

  /** Makes every `send` of an SDK client hold simulated time still until its answer (the client is returned). */
  tracking<C extends { send(...args: never[]): Promise<unknown> }>(client: C): C {
    const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(client, { send: (...args: unknown[]) => this.during(send(...args)) });
    return client;
  }

  /** Scheduled calls not yet run. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Runs the next due call once everything the last one started has settled: a `setImmediate` comes after
   * every promise continuation already queued, and tracked I/O keeps the clock still until it answers.
   */
  private queueStep(): void {
    if (this.stepQueued) return;
    this.stepQueued = true;
    setImmediate(() => {
      this.stepQueued = false;
      if (this.inFlight > 0) return;
      const next = this.timers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.run();
      this.queueStep();
    });
  }
}
