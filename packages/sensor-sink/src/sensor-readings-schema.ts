/** One column of the `sensor_readings` table. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: 'STRING' | 'TIMESTAMP' | 'FLOAT64' | 'INT64';
  readonly mode: 'REQUIRED';
  readonly description: string;
}

/**
 * The `sensor_readings` table's columns, in order. The table is partitioned by DAY on `reading_time` and
 * clustered by `environment`, `sensor_id`.
 */
export const SENSOR_READINGS_SCHEMA: readonly ColumnSchema[] = [
  { name: 'environment', type: 'STRING', mode: 'REQUIRED', description: 'The lab environment whose stream carried the reading' },
  { name: 'sensor_id', type: 'STRING', mode: 'REQUIRED', description: 'Which sensor sent it (the Kinesis partition key)' },
  { name: 'reading_time', type: 'TIMESTAMP', mode: 'REQUIRED', description: 'When the sensor took the reading' },
  { name: 'ingested_at', type: 'TIMESTAMP', mode: 'REQUIRED', description: 'When Kinesis received the record (approximate arrival)' },
  { name: 'iot_name', type: 'STRING', mode: 'REQUIRED', description: "Device family, as in the lab's sensorstream.py (DemoSensor)" },
  { name: 'iot_value', type: 'FLOAT64', mode: 'REQUIRED', description: 'Measured value: 10-20 normally, 100-120 for an anomaly' },
  {
    name: 'reading_seq',
    type: 'INT64',
    mode: 'REQUIRED',
    description: "The sensor's own sequence number of the reading (gaps and duplicates)",
  },
  { name: 'shard_id', type: 'STRING', mode: 'REQUIRED', description: 'The Kinesis shard the record came from' },
  { name: 'sequence_number', type: 'STRING', mode: 'REQUIRED', description: "The record's Kinesis sequence number within its shard" },
];
