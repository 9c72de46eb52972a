import { LabsError } from '@labs/config';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An inclusive range of calendar days, as ISO dates (`2016-08-01`). */
export interface DateWindow {
  readonly start: string;
  readonly end: string;
}

/** The lab's three windows: train, evaluate and predict. */
export interface LabWindows {
  readonly train: DateWindow;
  readonly evaluate: DateWindow;
  readonly predict: DateWindow;
}

/** The seed lab's windows: train Aug 2016–Apr 2017, evaluate May–Jun 2017, predict July 2017 (to 1 Aug inclusive). */
export const SEED_WINDOWS: LabWindows = {
  train: { start: '2016-08-01', end: '2017-04-30' },
  evaluate: { start: '2017-05-01', end: '2017-06-30' },
  predict: { start: '2017-07-01', end: '2017-08-01' },
};

/** Checks one ISO date and returns it as the source table's `date` string (`YYYYMMDD`). */
export function sourceDate(label: string, iso: string): string {
  const match = ISO_DATE.exec(iso);
  const parsed = match ? new Date(`${iso}T00:00:00Z`) : undefined;
  if (!match || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    throw new LabsError(`invalid ${label} date "${iso}": use a calendar date YYYY-MM-DD, such as 2017-07-01`);
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

/** Checks a window: both ends valid dates, start on or before end. */
export function validateWindow(name: string, window: DateWindow): DateWindow {
  const start = sourceDate(`${name} window start`, window.start);
  const end = sourceDate(`${name} window end`, window.end);
  if (start > end) {
    throw new LabsError(
      `empty ${name} window "${window.start}..${window.end}": the start must be on or before the end (both days are included)`,
    );
  }
  return window;
}

/** Checks the three windows: each non-empty, and train before evaluate before predict with no overlap. */
export function validateWindows(windows: LabWindows): LabWindows {
  const order = [
    ['train', validateWindow('train', windows.train)],
    ['evaluate', validateWindow('evaluate', windows.evaluate)],
    ['predict', validateWindow('predict', windows.predict)],
  ] as const;
  for (let i = 1; i < order.length; i++) {
    const [previousName, previous] = order[i - 1]!;
    const [name, current] = order[i]!;
    if (current.start <= previous.end) {
      throw new LabsError(
        `${name} window "${current.start}..${current.end}" overlaps the ${previousName} window "${previous.start}..${previous.end}": it must start after ${previous.end}`,
      );
    }
  }
  return windows;
}
