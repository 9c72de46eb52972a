import { labTriggerPolicy, decideScaling } from '@labs/shard-scaler';
import { DeliveryMeter } from '../src/labs/kinesis-data/delivery-meter';
import { formatStatus } from '../src/labs/kinesis-data/live-view';

const T0 = 1_800_000_000_000;

describe('DeliveryMeter', () => {
  it('sums acknowledgements per minute from the run start and reports complete minutes only', () => {
    const meter = new DeliveryMeter(T0);
    meter.add([{ shardId: 's0', records: 600, bytes: 60_000 }], T0 + 10_000);
    meter.add(
      [
        { shardId: 's0', records: 300, bytes: 30_000 },
        { shardId: 's1', records: 200, bytes: 20_000 },
      ],
      T0 + 59_999,
    );
    meter.add([{ shardId: 's1', records: 7, bytes: 700 }], T0 + 60_000);
    expect(meter.samples(T0 + 59_999)).toEqual([]);
    expect(meter.samples(T0 + 60_000)).toEqual([{ timestamp: T0, periodSeconds: 60, incomingRecords: 1100, incomingBytes: 110_000 }]);
    expect(meter.samples(T0 + 125_000)).toEqual([
      { timestamp: T0, periodSeconds: 60, incomingRecords: 1100, incomingBytes: 110_000 },
      { timestamp: T0 + 60_000, periodSeconds: 60, incomingRecords: 7, incomingBytes: 700 },
    ]);
    expect(meter.currentPeriodRecords(T0 + 61_000)).toBe(7);
  });

  it("feeds the lab's trigger: 1,001 records in the first minute on one shard scale 1 → 2, 1,000 do not", () => {
    const decide = (records: number) => {
      const meter = new DeliveryMeter(T0);
      meter.add([{ shardId: 's0', records, bytes: records * 110 }], T0 + 30_000);
      return decideScaling(
        meter.samples(T0 + 61_000),
        { shardCount: 1, status: 'ACTIVE', scalingHistory: [] },
        labTriggerPolicy(),
        T0 + 61_000,
      );
    };
    expect(decide(1001)).toMatchObject({ action: 'scale-out', fromShards: 1, toShards: 2 });
    expect(decide(1000)).toMatchObject({ action: 'hold' });
  });

  it('reports a moving rate over the last seconds', () => {
    const meter = new DeliveryMeter(T0);
    meter.add([{ shardId: 's0', records: 100, bytes: 0 }], T0 + 1_000);
    meter.add([{ shardId: 's0', records: 100, bytes: 0 }], T0 + 9_000);
    expect(meter.rate(T0 + 10_000)).toBe(20);
  });
});

describe('live view line', () => {
  it('shows time, rate, shards, produced, delivered, lag and the minute against the trigger', () => {
    const line = formatStatus(
      { phase: 'running', elapsedMs: 61_400, rate: 40.4, shards: 2, produced: 1536, delivered: 1500, minuteRecords: 233, lagMs: 115 },
      1000,
    );
    expect(line).toBe('t=61s  rate 40/s  shards 2  produced 1536  delivered 1500  lag 115 ms  this minute 233/2000 records');
  });
});
