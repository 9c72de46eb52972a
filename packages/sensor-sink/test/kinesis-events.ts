import { encodeReading, type SensorReading } from '@labs/sensor-producer';
import { kinesisEventRecord } from '@labs/testing';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** The shard of the test batches. */
export const SHARD = 'shardId-000000000003';
/** Kinesis arrival time of the first record (seconds, as the event carries it). */
export const ARRIVAL = 1_796_420_076.25;
const FIRST_SEQUENCE = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

/** The i-th record's sequence number: 56 digits like real ones, increasing with i. */
export function sequenceNumber(i: number): string {
  return String(FIRST_SEQUENCE + BigInt(i) * 4_096n);
}

/** The i-th sensor reading of a test batch. */
export function reading(i: number, overrides: Partial<SensorReading> = {}): SensorReading {
  return {
    iotName: 'DemoSensor',
    iotValue: 10 + (i % 11),
    sensorId: `sensor-${String(i % 4).padStart(3, '0')}`,
    seq: i,
    timestamp: new Date(Date.UTC(2026, 11, 4, 22, 0, 0, i)).toISOString(),
    ...overrides,
  };
}

/** A Kinesis event record as the event source mapping delivers it, with `data` as the record body. */
export function kinesisRecord(i: number, data: Uint8Array | string, shardId = SHARD): KinesisStreamRecord {
  return kinesisEventRecord({
    data,
    partitionKey: `sensor-${String(i % 4).padStart(3, '0')}`,
    sequenceNumber: sequenceNumber(i),
    shardId,
    approximateArrivalTimestamp: ARRIVAL + i / 1000,
    environment: 'alice',
    region: 'eu-west-1',
  });
}

/** The record of the i-th reading. */
export function readingRecord(i: number, overrides: Partial<SensorReading> = {}): KinesisStreamRecord {
  return kinesisRecord(i, encodeReading(reading(i, overrides)));
}

/** A batch of `count` readings, records numbered from `from`. */
export function readingEvent(count: number, from = 0): KinesisStreamEvent {
  return { Records: Array.from({ length: count }, (_, k) => readingRecord(from + k)) };
}
