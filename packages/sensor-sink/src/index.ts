export {
  type BigQueryInsertClient,
  type InsertAllRequest,
  InsertAllRequestError,
  type InsertAllResponse,
  type InsertAllRow,
  type InsertRowError,
  isRetryableRowError,
  isRetryableStatus,
} from './insert-all';
export { createInsertAllClient, type InsertAllClientOptions, insertAllUrl, type RequestHeadersSource } from './insert-all-client';
export { chunkRows, type Chunks, INSERT_ALL_LIMITS, type InsertLimits, MAX_ROWS_PER_REQUEST } from './insert-chunks';
export {
  type ColumnSchema,
  decodeRecord,
  type DecodedRecord,
  insertIdOf,
  MAX_INSERT_ID_LENGTH,
  SENSOR_READINGS_SCHEMA,
  type SensorReadingRow,
  shardIdOf,
} from './sensor-row';
export { DEFAULT_SINK_OPTIONS, type RejectedRow, type SinkDeps, type SinkEvent, type SinkOptions, sinkBatch } from './sink';
export { BIGQUERY_API_URL, SINK_ENV, type SinkConfig, sinkConfigFromEnv, type TableReference } from './sink-config';
