import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ScheduledEvent } from 'aws-lambda';
import { createScalerHandler, type ScalerConfig } from '../src';
import { MINUTE, RULES_POLICY, T0, THROTTLING_POLICY } from './helpers';
import { recordingClient } from './recording-client';
import { alarmMessage, snsEvent } from './sns-events';

const config: ScalerConfig = {
  streamName: 'RawStreamData-dev',
  alarmNames: { scaleOut: 'out', scaleIn: 'in' },
  policy: RULES_POLICY,
};
const now = T0 + 120 * MINUTE + 30_000;
const schedule = { source: 'aws.events', 'detail-type': 'Scheduled Event' } as ScheduledEvent;

/** A stream of `shards` shards, `history` its tag, and CloudWatch answering `recordsPerMinute` for every minute. */
function world(
  shards: number,
  recordsPerMinute: number | ((minute: number) => number),
  history = '',
  thresholds = { out: 0.8 * shards, in: 0.5 * shards },
  { scalerConfig = config, refusedPerMinute = 0 } = {},
) {
  const recordsAt = (minute: number): number => (typeof recordsPerMinute === 'number' ? recordsPerMinute : recordsPerMinute(minute));
  const kinesis = recordingClient<KinesisClient>({
    DescribeStreamSummaryCommand: () => ({ StreamDescriptionSummary: { OpenShardCount: shards, StreamStatus: 'ACTIVE' } }),
    ListTagsForStreamCommand: () => ({ Tags: history ? [{ Key: 'labs-scaling-history', Value: history }] : [] }),
    AddTagsToStreamCommand: () => ({}),
    UpdateShardCountCommand: () => ({}),
  });
  const alarms: MetricAlarm[] = [
    { AlarmName: 'out', Threshold: thresholds.out, EvaluationPeriods: 3 },
    { AlarmName: 'in', Threshold: thresholds.in, EvaluationPeriods: 60 },
  ];
  const cloudwatch = recordingClient<CloudWatchClient>({
    GetMetricDataCommand: (input) => {
      const start = (input.StartTime as Date).getTime();
      const end = (input.EndTime as Date).getTime();
      const timestamps = Array.from({ length: (end - start) / MINUTE }, (_, i) => new Date(start + i * MINUTE));
      return {
        MetricDataResults: [
          { Id: 'records', Timestamps: timestamps, Values: timestamps.map((_, i) => recordsAt(i)) },
          { Id: 'bytes', Timestamps: timestamps.slice(0, 1), Values: [recordsAt(0) * 100] },
          { Id: 'throttled', Timestamps: timestamps.slice(-1), Values: [refusedPerMinute] },
        ],
      };
    },
    DescribeAlarmsCommand: () => ({ MetricAlarms: alarms }),
    PutMetricAlarmCommand: () => ({}),
    SetAlarmStateCommand: () => ({}),
    PutMetricDataCommand: () => ({}),
  });
  const handler = createScalerHandler(scalerConfig, { kinesis: kinesis.client, cloudwatch: cloudwatch.client, clock: () => now });
  return { handler, kinesis, cloudwatch };
}

describe('scaler handler', () => {
  it('on a current scale-out alarm: fetches 60 complete minutes, scales out, rewrites alarms, publishes the shard count', async () => {
    const { handler, kinesis, cloudwatch } = world(1, 57_000);
    const result = await handler(snsEvent(alarmMessage('out', 'ALARM', new Date(now - 10_000).toISOString())));
    expect(result).toMatchObject({ trigger: 'alarm', shardCount: 2, decision: { action: 'scale-out', toShards: 2 }, alarmsRealigned: [] });
    const query = cloudwatch.calls.find((c) => c.command === 'GetMetricDataCommand')?.input;
    expect(query).toMatchObject({ StartTime: new Date(T0 + 60 * MINUTE), EndTime: new Date(T0 + 120 * MINUTE) });
    expect(kinesis.calls.map((c) => c.command)).toContain('UpdateShardCountCommand');
    const metric = cloudwatch.calls.find((c) => c.command === 'PutMetricDataCommand')?.input;
    expect(metric).toMatchObject({ Namespace: 'Labs/Kinesis', MetricData: [{ MetricName: 'OpenShardCount', Value: 2 }] });
  });

  it('on the throttling alarm: reads WriteProvisionedThroughputExceeded and scales out without waiting for the sustained window', async () => {
    const scalerConfig: ScalerConfig = {
      ...config,
      alarmNames: { ...config.alarmNames, throttling: 'throttled' },
      policy: THROTTLING_POLICY,
    };
    // 65 % of 2 shards for the hour, 90 % in its last minute.
    const lastMinuteHigh = (minute: number): number => (minute === 59 ? 0.9 : 0.65) * 60_000 * 2;
    const calm = world(2, lastMinuteHigh, '', undefined, { scalerConfig });
    const unthrottled = await calm.handler(snsEvent(alarmMessage('throttled', 'ALARM', new Date(now - 10_000).toISOString())));
    expect(unthrottled.decision).toMatchObject({ action: 'hold', reason: 'within-band' });
    const { handler, cloudwatch } = world(2, lastMinuteHigh, '', undefined, { scalerConfig, refusedPerMinute: 300 });
    const result = await handler(snsEvent(alarmMessage('throttled', 'ALARM', new Date(now - 10_000).toISOString())));
    expect(result).toMatchObject({ trigger: 'alarm', decision: { action: 'scale-out', fromShards: 2, toShards: 3 } });
    const query = cloudwatch.calls.find((c) => c.command === 'GetMetricDataCommand')?.input as { MetricDataQueries: unknown[] };
    expect(query.MetricDataQueries).toContainEqual(
      expect.objectContaining({
        Id: 'throttled',
        MetricStat: expect.objectContaining({
          Stat: 'Sum',
          Metric: expect.objectContaining({ MetricName: 'WriteProvisionedThroughputExceeded' }),
        }),
      }),
    );
  });

  it('counts a minute without datapoints as zero traffic', async () => {
    const { handler } = world(4, 0);
    const result = await handler(schedule);
    expect(result).toMatchObject({ trigger: 'schedule', decision: { action: 'scale-in', fromShards: 4, toShards: 2 } });
  });

  it('ignores an alarm raised before the last scaling, without reading metrics', async () => {
    const lastScaling = Math.ceil((now - 60_000) / 1000);
    const { handler, kinesis, cloudwatch } = world(2, 120_000, String(lastScaling));
    const result = await handler(snsEvent(alarmMessage('out', 'ALARM', new Date(now - 120_000).toISOString())));
    expect(result).toEqual({ trigger: 'ignored', shardCount: 2, alarmsRealigned: [] });
    expect(cloudwatch.calls).toEqual([]);
    expect(kinesis.calls.map((c) => c.command)).toEqual(['DescribeStreamSummaryCommand', 'ListTagsForStreamCommand']);
  });

  it('ignores other alarms and OK transitions', async () => {
    const { handler } = world(1, 57_000);
    const result = await handler(
      snsEvent(alarmMessage('someone-else', 'ALARM', new Date(now).toISOString()), alarmMessage('out', 'OK', new Date(now).toISOString())),
    );
    expect(result.trigger).toBe('ignored');
  });

  it('realigns thresholds that a redeploy reset, when it holds', async () => {
    const { handler, cloudwatch } = world(4, 144_000, '', { out: 0.8, in: 0.5 });
    const result = await handler(schedule);
    expect(result).toMatchObject({ decision: { action: 'hold' }, alarmsRealigned: ['out', 'in'] });
    const puts = cloudwatch.calls.filter((c) => c.command === 'PutMetricAlarmCommand').map((c) => c.input.Threshold);
    expect(puts).toEqual([3.2, 2]);
  });

  it('leaves matching thresholds alone', async () => {
    const { handler, cloudwatch } = world(3, 108_000);
    await handler(schedule);
    expect(cloudwatch.calls.map((c) => c.command)).not.toContain('PutMetricAlarmCommand');
  });
});

describe('scaler handler: alarms that must notify again', () => {
  it('resets an alarm held for lack of data since the last scaling', async () => {
    const lastScaling = Math.ceil((now - 90_000) / 1000);
    const { handler, cloudwatch } = world(2, 120_000, String(lastScaling));
    const result = await handler(snsEvent(alarmMessage('out', 'ALARM', new Date(now - 10_000).toISOString())));
    expect(result).toMatchObject({ trigger: 'alarm', decision: { action: 'hold', reason: 'not-enough-data' } });
    const resets = cloudwatch.calls.filter((c) => c.command === 'SetAlarmStateCommand').map((c) => c.input);
    expect(resets).toEqual([{ AlarmName: 'out', StateValue: 'OK', StateReason: 'shard-scaler: held (not-enough-data); re-evaluating' }]);
  });

  it('leaves an alarm alone when the hold is final (within the band)', async () => {
    const { handler, cloudwatch } = world(2, 78_000);
    await handler(snsEvent(alarmMessage('out', 'ALARM', new Date(now - 10_000).toISOString())));
    expect(cloudwatch.calls.map((c) => c.command)).not.toContain('SetAlarmStateCommand');
  });
});
