import type { SessionStatus } from './session';

/** Renders the live status on stderr: one rewritten line on a terminal, a line every `everyMs` otherwise. */
export class LiveView {
  private lastPrinted = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 5_000,
    /** The lab's trigger, shown beside the current minute's count. @default 1000 records per minute per shard */
    private readonly minuteThresholdPerShard = 1_000,
  ) {}

  /** Shows one status. */
  update(status: SessionStatus): void {
    const line = formatStatus(status, this.minuteThresholdPerShard);
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else if (status.elapsedMs - this.lastPrinted >= this.everyMs || status.phase === 'draining') {
      this.lastPrinted = status.elapsedMs;
      this.stream.write(`${line}\n`);
    }
  }

  /** Prints an event on its own line (above the live line on a terminal). */
  event(line: string): void {
    this.stream.write(`${this.drawn ? '\r\x1b[2K' : ''}${line}\n`);
    this.drawn = false;
  }

  /** Ends the live line. */
  close(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

/** One status line: time, rate, shards, produced, delivered, lag, and this minute against the lab's trigger. */
export function formatStatus(status: SessionStatus, minuteThresholdPerShard: number): string {
  const seconds = Math.round(status.elapsedMs / 1000);
  return [
    `${status.phase === 'draining' ? 'draining' : `t=${seconds}s`}`,
    `rate ${status.rate.toFixed(0)}/s`,
    `shards ${status.shards}`,
    `produced ${status.produced}`,
    `delivered ${status.delivered}`,
    `lag ${status.lagMs} ms`,
    `this minute ${status.minuteRecords}/${minuteThresholdPerShard * Math.max(1, status.shards)} records`,
  ].join('  ');
}
