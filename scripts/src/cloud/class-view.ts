import type { ClassItemStatus } from './class-run';
import { table } from '../output';

/** The class run as a table: environment, state, elapsed time, detail. */
export function classTable(items: readonly ClassItemStatus[]): string {
  return table(
    ['env', 'state', 'elapsed', 'detail'],
    items.map((item) => [item.env, item.state, item.elapsedMs ? `${Math.round(item.elapsedMs / 1000)}s` : '', item.message]),
  );
}

/** One line per count of each state, e.g. `12 done, 3 running, 15 waiting`. */
export function classCounts(items: readonly ClassItemStatus[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

/**
 * The live view of a class run on stderr. On a terminal the table is redrawn in place every second
 * and on each change; elsewhere (a log file, CI) each change of an environment's state prints one line.
 */
export class ClassLiveView {
  private items: readonly ClassItemStatus[] = [];
  private drawnLines = 0;
  private readonly timer?: NodeJS.Timeout;
  private readonly lastState = new Map<string, string>();

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    if (out.isTTY) this.timer = setInterval(() => this.redraw(), 1000).unref();
  }

  /** Takes the run's new state (pass as `onChange`). */
  readonly update = (items: readonly ClassItemStatus[]): void => {
    this.items = items;
    if (this.out.isTTY) return this.redraw();
    for (const item of items) {
      const line = `${item.state}${item.message ? `: ${item.message}` : ''}`;
      if (this.lastState.get(item.env) === line || item.state === 'waiting') continue;
      this.lastState.set(item.env, line);
      this.out.write(`${item.env}: ${line}\n`);
    }
  };

  /** Stops redrawing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private redraw(): void {
    const text = `${classTable(this.items)}\n${classCounts(this.items)}\n`;
    if (this.drawnLines) this.out.write(`\x1b[${this.drawnLines}F\x1b[J`);
    this.out.write(text);
    this.drawnLines = text.split('\n').length - 1;
  }
}
