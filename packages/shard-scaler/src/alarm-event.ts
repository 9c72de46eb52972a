import type { SNSEvent } from 'aws-lambda';

/** The part of a CloudWatch alarm notification the scaler uses. */
export interface AlarmNotification {
  /** The alarm's name. */
  alarmName: string;
  /** The state it moved to: `ALARM`, `OK` or `INSUFFICIENT_DATA`. */
  newState: string;
  /** When it changed state, ms since the epoch. */
  changedAt: number;
}

/**
 * Extracts the CloudWatch alarm notifications from an SNS event (one per record). Records whose message
 * is not an alarm notification are skipped, so a stray publish to the topic cannot trigger a scaling.
 */
export function parseAlarmNotifications(event: SNSEvent): AlarmNotification[] {
  const notifications: AlarmNotification[] = [];
  for (const record of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.Sns.Message);
    } catch {
      continue;
    }
    if (typeof body !== 'object' || body === null) continue;
    const { AlarmName, NewStateValue, StateChangeTime } = body as Record<string, unknown>;
    const changedAt = typeof StateChangeTime === 'string' ? Date.parse(StateChangeTime) : Number.NaN;
    if (typeof AlarmName !== 'string' || typeof NewStateValue !== 'string' || Number.isNaN(changedAt)) continue;
    notifications.push({ alarmName: AlarmName, newState: NewStateValue, changedAt });
  }
  return notifications;
}

/**
 * The notifications that should make the scaler look at the stream: one of `alarmNames`, in `ALARM`,
 * and not older than the last scaling (an alarm raised before it judged the old shard count).
 */
export function actionableAlarms(
  notifications: readonly AlarmNotification[],
  alarmNames: readonly string[],
  lastScaledAt: number,
): AlarmNotification[] {
  return notifications.filter((n) => alarmNames.includes(n.alarmName) && n.newState === 'ALARM' && n.changedAt >= lastScaledAt);
}
