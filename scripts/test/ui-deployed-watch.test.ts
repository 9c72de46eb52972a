import type { LiveEvent } from '@labs/web-console';
import { watchDeployedStream } from '../src/ui/deployed-stream-watch';

/** A client stand-in at the SDK's command level: answers by command name, records each input. */
function client(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  return {
    calls,
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      calls.push({ command: name, input: command.input });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(command.input);
    },
  };
}

/** Watches `streamName` (with `openShards` open) until the first metrics event; every event, and the Kinesis client. */
async function watchUntilMetrics(cloudwatch: ReturnType<typeof client>, streamName: string, minutes: number, openShards: number) {
  const kinesis = client({ DescribeStreamSummaryCommand: () => ({ StreamDescriptionSummary: { OpenShardCount: openShards } }) });
  const stop = new AbortController();
  const events: LiveEvent[] = [];
  await watchDeployedStream({
    cloudwatch: cloudwatch as never,
    kinesis: kinesis as never,
    streamName,
    minutes,
    everyMs: 10,
    signal: stop.signal,
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'metrics') stop.abort();
    },
  });
  return { events, kinesis };
}

describe('watchDeployedStream: the live view of a deployed stream, from CloudWatch', () => {
  it('pushes records per second per minute, records refused and the open shard count, until stopped', async () => {
    const cloudwatch = client({
      GetMetricDataCommand: (input) => {
        const end = (input.EndTime as Date).getTime();
        const lastMinute = new Date(end - 60_000);
        const before = new Date(end - 120_000);
        return {
          MetricDataResults: [
            { Id: 'records', Timestamps: [lastMinute, before], Values: [1_500, 600] },
            { Id: 'throttled', Timestamps: [lastMinute], Values: [12] },
          ],
        };
      },
    });
    const { events, kinesis } = await watchUntilMetrics(cloudwatch, 'RawStreamData-alice', 3, 2);
    expect(events[0]).toEqual({ type: 'starting', detail: 'reading CloudWatch metrics of RawStreamData-alice' });
    const metrics = events.find((e) => e.type === 'metrics');
    expect(metrics).toMatchObject({ type: 'metrics', stream: 'RawStreamData-alice', shards: 2 });
    const minutes = metrics?.type === 'metrics' ? metrics.minutes : [];
    expect(minutes.map((m) => [m.recordsPerSecond, m.throttled])).toEqual([
      [0, 0],
      [10, 0],
      [25, 12],
    ]);
    expect(kinesis.calls).toEqual([{ command: 'DescribeStreamSummaryCommand', input: { StreamName: 'RawStreamData-alice' } }]);
    const query = cloudwatch.calls[0]?.input as { MetricDataQueries: { MetricStat: { Metric: { Dimensions: unknown } } }[] };
    expect(query.MetricDataQueries[0]?.MetricStat.Metric.Dimensions).toEqual([{ Name: 'StreamName', Value: 'RawStreamData-alice' }]);
  });

  it('reports a failed read and keeps watching', async () => {
    let reads = 0;
    const cloudwatch = client({
      GetMetricDataCommand: () => {
        reads++;
        if (reads === 1) throw new Error('ExpiredToken: the security token included in the request is expired');
        return { MetricDataResults: [] };
      },
    });
    const { events } = await watchUntilMetrics(cloudwatch, 'RawStreamData-bob', 2, 1);
    expect(events.map((e) => e.type)).toEqual(['starting', 'event', 'metrics']);
    expect(events[1]).toEqual({ type: 'event', line: 'CloudWatch: ExpiredToken: the security token included in the request is expired' });
  });
});
