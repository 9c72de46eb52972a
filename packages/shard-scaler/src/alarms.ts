import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  type CloudWatchClient,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmThresholds } from './utilisation';

/** The names of the scaling alarms of a stream. */
export interface ScalingAlarmNames {
  /** Fires when demand is above the scale-out threshold. */
  scaleOut: string;
  /** Fires when demand is below the scale-in threshold. */
  scaleIn: string;
  /** Fires when Kinesis refuses writes for throughput; its threshold does not depend on the shard count. */
  throttling?: string;
}

/** Every alarm of a stream: the scale-out/scale-in pair, and the throttling alarm when there is one. */
export function allAlarmNames(names: ScalingAlarmNames): string[] {
  return names.throttling === undefined ? [names.scaleOut, names.scaleIn] : [names.scaleOut, names.scaleIn, names.throttling];
}

/** The alarms' current thresholds, by role; undefined when an alarm does not exist. */
export async function readAlarmThresholds(
  cloudwatch: CloudWatchClient,
  names: ScalingAlarmNames,
): Promise<{ scaleOut?: number; scaleIn?: number }> {
  const alarms = await describe(cloudwatch, names);
  return {
    scaleOut: alarms.find((a) => a.AlarmName === names.scaleOut)?.Threshold,
    scaleIn: alarms.find((a) => a.AlarmName === names.scaleIn)?.Threshold,
  };
}

/**
 * Rewrites the scale-out and scale-in alarms with new thresholds, keeping everything else of their
 * configuration, then sets every alarm of the stream (the throttling one too) to OK so a condition that
 * still holds at the new shard count notifies again. Returns the names of the alarms rewritten.
 */
export async function rewriteAlarmThresholds(
  cloudwatch: CloudWatchClient,
  names: ScalingAlarmNames,
  thresholds: AlarmThresholds,
  reason: string,
): Promise<string[]> {
  const alarms = await describe(cloudwatch, names);
  const wanted = new Map([
    [names.scaleOut, thresholds.scaleOut],
    [names.scaleIn, thresholds.scaleIn],
  ]);
  const rewritten: string[] = [];
  for (const alarm of alarms) {
    const threshold = alarm.AlarmName === undefined ? undefined : wanted.get(alarm.AlarmName);
    if (threshold === undefined || alarm.AlarmName === undefined) continue;
    await cloudwatch.send(new PutMetricAlarmCommand({ ...putInputOf(alarm), Threshold: threshold }));
    rewritten.push(alarm.AlarmName);
  }
  await resetAlarms(
    cloudwatch,
    alarms.flatMap((alarm) => alarm.AlarmName ?? []),
    reason,
  );
  return rewritten;
}

/** Sets alarms to OK so that a condition that still holds notifies again at the next evaluation. */
export async function resetAlarms(cloudwatch: CloudWatchClient, alarmNames: readonly string[], reason: string): Promise<void> {
  for (const alarmName of new Set(alarmNames)) {
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'OK', StateReason: reason }));
  }
}

async function describe(cloudwatch: CloudWatchClient, names: ScalingAlarmNames): Promise<MetricAlarm[]> {
  const found = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: allAlarmNames(names), AlarmTypes: ['MetricAlarm'] }));
  return found.MetricAlarms ?? [];
}

/** The PutMetricAlarm input that recreates `alarm` as it is (PutMetricAlarm replaces the whole configuration). */
function putInputOf(alarm: MetricAlarm) {
  return {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription,
    ActionsEnabled: alarm.ActionsEnabled,
    OKActions: alarm.OKActions,
    AlarmActions: alarm.AlarmActions,
    InsufficientDataActions: alarm.InsufficientDataActions,
    MetricName: alarm.MetricName,
    Namespace: alarm.Namespace,
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Dimensions: alarm.Dimensions,
    Period: alarm.Period,
    Unit: alarm.Unit,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    ComparisonOperator: alarm.ComparisonOperator,
    TreatMissingData: alarm.TreatMissingData,
    EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile,
    Metrics: alarm.Metrics,
    ThresholdMetricId: alarm.ThresholdMetricId,
  };
}
