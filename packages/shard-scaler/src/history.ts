/** The stream tag that keeps the times of the scaler's UpdateShardCount calls. */
export const SCALING_HISTORY_TAG = 'labs-scaling-history';

/** One day in milliseconds: the window of Kinesis' UpdateShardCount limit. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Calls within the rolling 24 h before `now`. */
export function callsInLastDay(history: readonly number[], now: number): number[] {
  return history.filter((at) => at > now - DAY_MS && at <= now).sort((a, b) => a - b);
}

/** Parses the tag value (space-separated epoch seconds, rounded up so a call never looks older than it was); ignores anything that is not a number. */
export function parseScalingHistory(tagValue: string | undefined): number[] {
  if (!tagValue) return [];
  return tagValue
    .split(' ')
    .filter((part) => /^\d+$/.test(part))
    .map((seconds) => Number(seconds) * 1000);
}

/** Formats the calls of the last 24 h (plus `now`'s call) as the tag value; fits in a tag's 256 characters. */
export function formatScalingHistory(history: readonly number[], now: number): string {
  return callsInLastDay([...history, now], now)
    .map((at) => String(Math.ceil(at / 1000)))
    .join(' ');
}
