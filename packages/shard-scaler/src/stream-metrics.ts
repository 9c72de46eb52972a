import { GetMetricDataCommand, type CloudWatchClient, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { StreamSample } from './types';
import { KINESIS_METRIC_NAMESPACE, SCALING_METRICS, STREAM_DIMENSION } from './kinesis-metrics';

/** The window of stream metrics to fetch. */
export interface SampleWindow {
  /** The stream whose `AWS/Kinesis` metrics to read. */
  streamName: string;
  /** How many whole periods, ending with the last complete one before `now`. */
  periods: number;
  /** Period length in seconds (a multiple of 60). */
  periodSeconds: number;
  /** Time of the call, ms since the epoch. */
  now: number;
}

/**
 * Fetches `IncomingRecords`, `IncomingBytes` and `WriteProvisionedThroughputExceeded` (Sum) for the last
 * complete periods with GetMetricData. Kinesis publishes no datapoint for a period without writes, so a
 * missing period counts as zero.
 */
export async function fetchStreamSamples(cloudwatch: CloudWatchClient, window: SampleWindow): Promise<StreamSample[]> {
  const periodMs = window.periodSeconds * 1000;
  const end = Math.floor(window.now / periodMs) * periodMs;
  const start = end - window.periods * periodMs;
  const metric = (id: string, name: string) => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: KINESIS_METRIC_NAMESPACE, MetricName: name, Dimensions: [{ Name: STREAM_DIMENSION, Value: window.streamName }] },
      Period: window.periodSeconds,
      Stat: 'Sum',
    },
  });
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(end),
        MetricDataQueries: [
          metric('records', SCALING_METRICS.records),
          metric('bytes', SCALING_METRICS.bytes),
          metric('throttled', SCALING_METRICS.throttled),
        ],
        NextToken: nextToken,
      }),
    );
    results.push(...(page.MetricDataResults ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const records = valuesByTime(results, 'records');
  const bytes = valuesByTime(results, 'bytes');
  const throttled = valuesByTime(results, 'throttled');
  return Array.from({ length: window.periods }, (_, i) => {
    const timestamp = start + i * periodMs;
    return {
      timestamp,
      periodSeconds: window.periodSeconds,
      incomingRecords: records.get(timestamp) ?? 0,
      incomingBytes: bytes.get(timestamp) ?? 0,
      throttledRecords: throttled.get(timestamp) ?? 0,
    };
  });
}

function valuesByTime(results: readonly MetricDataResult[], id: string): Map<number, number> {
  const byTime = new Map<number, number>();
  for (const result of results.filter((r) => r.Id === id)) {
    (result.Timestamps ?? []).forEach((at, i) => {
      const value = result.Values?.[i];
      if (value !== undefined) byTime.set(at.getTime(), (byTime.get(at.getTime()) ?? 0) + value);
    });
  }
  return byTime;
}
