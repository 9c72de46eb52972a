import type { KinesisStreamRecord } from 'aws-lambda';

/** What sets one record of a Kinesis event apart (account 123456789012, stream `RawStreamData-<environment>`). */
export interface KinesisEventRecordFields {
  /** The record body. */
  readonly data: Uint8Array | string;
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly shardId: string;
  /** When Kinesis received the record (seconds, as the event carries it). */
  readonly approximateArrivalTimestamp: number;
  /** The lab environment: names the stream and the sink function's role. */
  readonly environment: string;
  readonly region: string;
}

/** A Kinesis event record as a Lambda event source mapping delivers it. */
export function kinesisEventRecord(fields: KinesisEventRecordFields): KinesisStreamRecord {
  const { sequenceNumber, shardId, environment, region } = fields;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: fields.partitionKey,
      sequenceNumber,
      data: Buffer.from(fields.data).toString('base64'),
      approximateArrivalTimestamp: fields.approximateArrivalTimestamp,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::123456789012:role/labs-sensor-sink-${environment}`,
    awsRegion: region,
    eventSourceARN: `arn:aws:kinesis:${region}:123456789012:stream/RawStreamData-${environment}`,
  };
}
