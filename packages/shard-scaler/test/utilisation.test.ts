import { alarmThresholds, defaultPolicy, demandExpression, demandInShards, labTriggerPolicy, utilisation } from '../src';
import { T0 } from './helpers';

const sample = (records: number, bytes: number, periodSeconds = 60) => ({
  timestamp: T0,
  periodSeconds,
  incomingRecords: records,
  incomingBytes: bytes,
});
const kinesis = defaultPolicy.capacityPerShard;

describe('utilisation', () => {
  it('is the higher of records and bytes against 1,000 records/s and 1 MiB/s per shard', () => {
    expect(demandInShards(sample(60_000, 0), kinesis)).toBe(1);
    expect(demandInShards(sample(0, 60 * 1_048_576), kinesis)).toBe(1);
    expect(demandInShards(sample(30_000, 45 * 1_048_576), kinesis)).toBe(0.75);
    expect(utilisation(sample(60_000, 0), 4, kinesis)).toBe(0.25);
  });

  it('scales with the period length', () => {
    expect(demandInShards(sample(300_000, 0, 300), kinesis)).toBe(1);
  });

  it("measures the lab's trigger in records per minute per shard", () => {
    expect(demandInShards(sample(1_000, 0), labTriggerPolicy().capacityPerShard)).toBe(1);
  });
});

describe('alarm thresholds', () => {
  it("are each rule's utilisation times the shard count", () => {
    expect(alarmThresholds(defaultPolicy, 1)).toEqual({ scaleOut: 0.8, scaleIn: 0.6 });
    expect(alarmThresholds(defaultPolicy, 4)).toEqual({ scaleOut: 3.2, scaleIn: 2.4 });
  });

  it('compare with a metric-math demand expression over records and bytes', () => {
    expect(demandExpression(defaultPolicy, 'r', 'b')).toBe('MAX([r * 1 / (1000 * PERIOD(r)), b * 1 / (1048576 * PERIOD(b))])');
  });
});
