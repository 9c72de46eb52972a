import { decodeReading } from '@labs/sensor-producer/src/sensor-reading';
import type { KinesisStreamRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';

/** One `sensor_readings` row, as the `json` of an insertAll row. */
// A type alias, not an interface: it must be assignable to the `Record` of an insertAll row's `json`.
export type SensorReadingRow = {
  readonly environment: string;
  readonly sensor_id: string;
  /** RFC 3339 UTC timestamp. */
  readonly reading_time: string;
  /** RFC 3339 UTC timestamp. */
  readonly ingested_at: string;
  readonly iot_name: string;
  readonly iot_value: number;
  readonly reading_seq: number;
  readonly shard_id: string;
  readonly sequence_number: string;
};

/** A record turned into a row, with the id BigQuery de-duplicates it by. */
export interface DecodedRecord {
  readonly sequenceNumber: string;
  readonly insertId: string;
  readonly row: SensorReadingRow;
}

/** Longest `insertId` BigQuery accepts (streaming insert limits). */
export const MAX_INSERT_ID_LENGTH = 128;

/** The earliest and latest TIMESTAMP BigQuery stores. */
const TIMESTAMP_RANGE = [Date.parse('0001-01-01T00:00:00Z'), Date.parse('9999-12-31T23:59:59.999Z')] as const;

/**
 * The de-duplication id of a record: `<environment>/<shardId>/<sequenceNumber>`. It names the record
 * itself, so every retry of every Lambda invocation that carries the record sends the same id (several
 * streams, one per environment, write one table; shard ids repeat across streams, hence the environment).
 * Sequence numbers may in principle have up to 129 digits: an id longer than BigQuery's 128 characters
 * becomes `sha256:<hex of the same text>` (71 characters), equally stable.
 */
function insertIdOf(environment: string, shardId: string, sequenceNumber: string): string {
  const id = `${environment}/${shardId}/${sequenceNumber}`;
  return id.length <= MAX_INSERT_ID_LENGTH ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** The shard id of a Kinesis event record (its `eventID` is `<shardId>:<sequenceNumber>`). */
function shardIdOf(record: KinesisStreamRecord): string {
  const { eventID } = record;
  const suffix = `:${record.kinesis.sequenceNumber}`;
  if (!eventID?.endsWith(suffix) || eventID.length === suffix.length) {
    throw new Error(`eventID "${eventID}" is not <shardId>:<sequenceNumber>`);
  }
  return eventID.slice(0, -suffix.length);
}

/**
 * Decodes one Kinesis record (base64 of one JSON sensor reading, as `@labs/sensor-producer` writes it)
 * into its `sensor_readings` row. Throws, saying why, when the record is not a reading BigQuery could
 * store: not JSON, not a reading, an unreadable or out-of-range timestamp, a sequence number that is not
 * a whole number. Such a record fails the same way on every retry.
 */
export function decodeRecord(record: KinesisStreamRecord, environment: string): DecodedRecord {
  const { sequenceNumber, data, approximateArrivalTimestamp } = record.kinesis;
  const shardId = shardIdOf(record);
  const reading = decodeReading(Buffer.from(data, 'base64'));
  if (!Number.isSafeInteger(reading.seq) || reading.seq < 0) throw new Error(`reading seq ${reading.seq} is not a whole number ≥ 0`);
  if (!Number.isFinite(reading.iotValue)) throw new Error(`reading iotValue ${reading.iotValue} is not a finite number`);
  return {
    sequenceNumber,
    insertId: insertIdOf(environment, shardId, sequenceNumber),
    row: {
      environment,
      sensor_id: reading.sensorId,
      reading_time: timestamp(Date.parse(reading.timestamp), `reading timestamp "${reading.timestamp}"`),
      ingested_at: timestamp(approximateArrivalTimestamp * 1000, `approximateArrivalTimestamp ${approximateArrivalTimestamp}`),
      iot_name: reading.iotName,
      iot_value: reading.iotValue,
      reading_seq: reading.seq,
      shard_id: shardId,
      sequence_number: sequenceNumber,
    },
  };
}

function timestamp(ms: number, what: string): string {
  if (!Number.isFinite(ms) || ms < TIMESTAMP_RANGE[0] || ms > TIMESTAMP_RANGE[1]) {
    throw new Error(`${what} is not a time BigQuery can store (0001-01-01 to 9999-12-31 UTC)`);
  }
  return new Date(ms).toISOString();
}
