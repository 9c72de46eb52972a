import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { applyScaling, type ScalingDecision } from '../src';
import { active, RULES_POLICY, T0 } from './helpers';
import { recordingClient } from './recording-client';

const scaleOut: ScalingDecision = { action: 'scale-out', fromShards: 2, toShards: 4, utilisation: 1, detail: 'test' };
const names = { scaleOut: 'RawStreamData-dev-scale-out', scaleIn: 'RawStreamData-dev-scale-in' };

/** Two alarms as DescribeAlarms returns them (metric math, SNS action). */
function alarmsAt(shards: number): MetricAlarm[] {
  const common = {
    ActionsEnabled: true,
    AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:scaling'],
    EvaluationPeriods: 3,
    DatapointsToAlarm: 3,
    TreatMissingData: 'notBreaching',
    Metrics: [{ Id: 'demand', Expression: 'MAX([...])', ReturnData: true }],
  };
  return [
    { ...common, AlarmName: names.scaleOut, ComparisonOperator: 'GreaterThanThreshold', Threshold: 0.8 * shards },
    { ...common, AlarmName: names.scaleIn, ComparisonOperator: 'LessThanThreshold', Threshold: 0.5 * shards, EvaluationPeriods: 60 },
  ];
}

function fakes() {
  const kinesis = recordingClient<KinesisClient>({ AddTagsToStreamCommand: () => ({}), UpdateShardCountCommand: () => ({}) });
  const cloudwatch = recordingClient<CloudWatchClient>({
    DescribeAlarmsCommand: () => ({ MetricAlarms: alarmsAt(2) }),
    PutMetricAlarmCommand: () => ({}),
    SetAlarmStateCommand: () => ({}),
  });
  return { kinesis, cloudwatch };
}

/** Applies the 2 → 4 scale-out with the alarms under CloudWatch's fake. */
function applyScaleOut(kinesis: KinesisClient, cloudwatch: CloudWatchClient) {
  return applyScaling(kinesis, {
    streamName: 's',
    decision: scaleOut,
    state: active(2),
    policy: RULES_POLICY,
    now: T0,
    alarms: { cloudwatch, names },
  });
}

describe('applyScaling', () => {
  it('does nothing for a hold', async () => {
    const { kinesis } = fakes();
    const hold: ScalingDecision = { action: 'hold', reason: 'within-band', detail: 'x' };
    expect(
      await applyScaling(kinesis.client, { streamName: 's', decision: hold, state: active(2), policy: RULES_POLICY, now: T0 }),
    ).toEqual({ applied: false });
    expect(kinesis.calls).toEqual([]);
  });

  it('records the call in the history tag before UpdateShardCount, with uniform scaling', async () => {
    const { kinesis } = fakes();
    const earlier = T0 - 3_600_000;
    const result = await applyScaling(kinesis.client, {
      streamName: 's',
      decision: scaleOut,
      state: active(2, [earlier]),
      policy: RULES_POLICY,
      now: T0,
    });
    expect(kinesis.calls).toEqual([
      { command: 'AddTagsToStreamCommand', input: { StreamName: 's', Tags: { 'labs-scaling-history': `${earlier / 1000} ${T0 / 1000}` } } },
      { command: 'UpdateShardCountCommand', input: { StreamName: 's', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' } },
    ]);
    expect(result).toEqual({ applied: true, fromShards: 2, toShards: 4, scalingHistory: [earlier, T0], alarmsRewritten: [] });
  });

  it('rewrites both alarms for the new shard count, keeping the rest, and resets them to OK', async () => {
    const { kinesis, cloudwatch } = fakes();
    const result = await applyScaleOut(kinesis.client, cloudwatch.client);
    expect(result).toMatchObject({ alarmsRewritten: [names.scaleOut, names.scaleIn] });
    const puts = cloudwatch.calls.filter((c) => c.command === 'PutMetricAlarmCommand').map((c) => c.input);
    const [before] = alarmsAt(2);
    expect(puts[0]).toMatchObject({ ...before, Threshold: 3.2 });
    expect(puts[1]).toMatchObject({
      AlarmName: names.scaleIn,
      Threshold: 2,
      EvaluationPeriods: 60,
      ComparisonOperator: 'LessThanThreshold',
    });
    const resets = cloudwatch.calls.filter((c) => c.command === 'SetAlarmStateCommand').map((c) => c.input);
    expect(resets).toEqual([
      { AlarmName: names.scaleOut, StateValue: 'OK', StateReason: 'shard-scaler: scale-out 2 -> 4 shards' },
      { AlarmName: names.scaleIn, StateValue: 'OK', StateReason: 'shard-scaler: scale-out 2 -> 4 shards' },
    ]);
  });

  it('resets the throttling alarm too, without rewriting it, so throttling at the new count notifies again', async () => {
    const { kinesis } = fakes();
    const throttling: MetricAlarm = { ...alarmsAt(2)[0], AlarmName: 'RawStreamData-dev-throttling', Threshold: 0, EvaluationPeriods: 1 };
    const cloudwatch = recordingClient<CloudWatchClient>({
      DescribeAlarmsCommand: () => ({ MetricAlarms: [...alarmsAt(2), throttling] }),
      PutMetricAlarmCommand: () => ({}),
      SetAlarmStateCommand: () => ({}),
    });
    const result = await applyScaling(kinesis.client, {
      streamName: 's',
      decision: scaleOut,
      state: active(2),
      policy: RULES_POLICY,
      now: T0,
      alarms: { cloudwatch: cloudwatch.client, names: { ...names, throttling: throttling.AlarmName as string } },
    });
    expect(result).toMatchObject({ alarmsRewritten: [names.scaleOut, names.scaleIn] });
    const described = cloudwatch.calls.find((c) => c.command === 'DescribeAlarmsCommand')?.input;
    expect(described).toMatchObject({ AlarmNames: [names.scaleOut, names.scaleIn, throttling.AlarmName] });
    const puts = cloudwatch.calls.filter((c) => c.command === 'PutMetricAlarmCommand').map((c) => (c.input as MetricAlarm).AlarmName);
    expect(puts).toEqual([names.scaleOut, names.scaleIn]);
    const resets = cloudwatch.calls.filter((c) => c.command === 'SetAlarmStateCommand').map((c) => (c.input as MetricAlarm).AlarmName);
    expect(resets).toEqual([names.scaleOut, names.scaleIn, throttling.AlarmName]);
  });

  it('does not touch the alarms when UpdateShardCount fails, but the tag already holds the call', async () => {
    const { cloudwatch } = fakes();
    const kinesis = recordingClient<KinesisClient>({
      AddTagsToStreamCommand: () => ({}),
      UpdateShardCountCommand: () => {
        throw new Error('LimitExceededException');
      },
    });
    await expect(applyScaleOut(kinesis.client, cloudwatch.client)).rejects.toThrow('LimitExceededException');
    expect(kinesis.calls.map((c) => c.command)).toEqual(['AddTagsToStreamCommand', 'UpdateShardCountCommand']);
    expect(cloudwatch.calls).toEqual([]);
  });
});
