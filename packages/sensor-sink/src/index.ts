export {
  type BigQueryInsertClient,
  type InsertAllRequest,
  InsertAllRequestError,
  type InsertAllResponse,
  type InsertAllRow,
  type InsertRowError,
} from './insert-all';
export { createInsertAllClient, type InsertAllClientOptions, insertAllUrl } from './insert-all-client';
export { type InsertLimits } from './insert-chunks';
export { type ColumnSchema, SENSOR_READINGS_SCHEMA } from './sensor-readings-schema';
export { decodeRecord, type DecodedRecord, MAX_INSERT_ID_LENGTH, type SensorReadingRow } from './sensor-row';
export { type RejectedRow, type SinkDeps, type SinkEvent, type SinkOptions, sinkBatch } from './sink';
export { BIGQUERY_API_URL, SINK_ENV, type SinkConfig, sinkConfigFromEnv, type TableReference } from './sink-config';
