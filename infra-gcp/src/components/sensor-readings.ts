import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { LabsError } from '@labs/config';

/** Where the foundation keeps the sensor readings ingested on AWS. */
export const SENSOR_TABLE = { datasetId: 'labs_sensors', tableId: 'sensor_readings' } as const;

/** One column of a BigQuery table, as the tables API takes it. */
export interface BigQueryColumn {
  readonly name: string;
  readonly type: 'STRING' | 'TIMESTAMP' | 'FLOAT64';
  readonly mode: 'REQUIRED' | 'NULLABLE';
  readonly description: string;
}

/**
 * The columns of `sensor_readings`. Where a reading was ingested (environment, Kinesis shard and sequence
 * number, ingestion time), then the fields of `@labs/sensor-producer`'s `SensorReading` in snake_case:
 * its strings as STRING, its numbers as FLOAT64 (a JSON number), its ISO 8601 `timestamp` as
 * `reading_time`. A reading the producer's `decodeReading` accepts has every one of them.
 */
export const SENSOR_READINGS_SCHEMA: readonly BigQueryColumn[] = [
  { name: 'environment', type: 'STRING', mode: 'REQUIRED', description: 'labs environment whose stream carried the reading' },
  { name: 'sensor_id', type: 'STRING', mode: 'REQUIRED', description: 'sensor that sent it (sensorId, the partition key)' },
  { name: 'reading_time', type: 'TIMESTAMP', mode: 'REQUIRED', description: 'when the reading was taken (timestamp)' },
  { name: 'ingested_at', type: 'TIMESTAMP', mode: 'REQUIRED', description: 'when the reading was ingested (its Kinesis arrival time)' },
  { name: 'shard_id', type: 'STRING', mode: 'NULLABLE', description: 'Kinesis shard the record came from' },
  { name: 'sequence_number', type: 'STRING', mode: 'NULLABLE', description: 'Kinesis sequence number of the record' },
  { name: 'iot_name', type: 'STRING', mode: 'REQUIRED', description: 'device family, as in the lab (iotName)' },
  { name: 'iot_value', type: 'FLOAT64', mode: 'REQUIRED', description: 'measured value (iotValue): 10-20, anomalies 100-120' },
  { name: 'seq', type: 'FLOAT64', mode: 'REQUIRED', description: 'per-sensor sequence number (seq), to see gaps and duplicates' },
];

/** Args of {@link SensorReadings}. */
export interface SensorReadingsArgs {
  /** The GCP project. */
  readonly project: string;
  /** Labels of the dataset and the table (the foundation's: no expiry). */
  readonly labels: Record<string, string>;
  /** Dataset location; a customer-managed key must live in the same location. @default US */
  readonly location?: string;
  /**
   * Cloud KMS key that encrypts the dataset's tables (the foundation lets BigQuery's service agent use it).
   * @default Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /** Days a day partition of readings is kept (by `reading_time`); older partitions are deleted by BigQuery. @default 30 */
  readonly partitionExpirationDays?: number;
  /**
   * Queries must filter on `reading_time`, so that none scans (and bills) every partition kept. Streaming
   * inserts are not queries and are not affected.
   * @default true
   */
  readonly requirePartitionFilter?: boolean;
  /** Where the readings live. @default {@link SENSOR_TABLE} */
  readonly table?: { readonly datasetId: string; readonly tableId: string };
}

const DAY_MS = 86_400_000;

/**
 * The BigQuery table the AWS sensor sink writes into: dataset `labs_sensors` and table `sensor_readings`,
 * partitioned by day on `reading_time` (old partitions expire), clustered by `environment, sensor_id` (what
 * a query selects on), encrypted with the foundation's key when one is given.
 *
 * The table belongs to the permanent foundation, which only `labs bootstrap --destroy` removes, on purpose
 * and after every environment is down: deletion protection (the provider's default) would make that
 * removal fail, so it is off and the readings, which expire anyway, go with the foundation. The dataset
 * keeps `deleteContentsOnDestroy` off: a table someone added by hand stops its deletion instead of being
 * dropped silently.
 */
export class SensorReadings extends pulumi.ComponentResource {
  /** Dataset id (`labs_sensors`). */
  readonly datasetId: pulumi.Output<string>;
  /** Table id (`sensor_readings`). */
  readonly tableId: pulumi.Output<string>;
  /** The table, for grants that must wait for it. */
  readonly table: gcp.bigquery.Table;

  constructor(name: string, args: SensorReadingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:SensorReadings', name, {}, opts);
    const ids = args.table ?? SENSOR_TABLE;
    const days = args.partitionExpirationDays ?? 30;
    if (!Number.isInteger(days) || days < 1) {
      throw new LabsError(`invalid partitionExpirationDays ${days}: expected a whole number of days, at least 1`);
    }
    const encryption = args.kmsKeyName ? { kmsKeyName: args.kmsKeyName } : undefined;
    const dataset = new gcp.bigquery.Dataset(
      `${name}-dataset`,
      {
        project: args.project,
        datasetId: ids.datasetId,
        friendlyName: 'labs sensor readings',
        description: 'Sensor readings ingested on AWS (Kinesis) and inserted through workload identity federation',
        location: args.location ?? 'US',
        labels: args.labels,
        deleteContentsOnDestroy: false,
        ...(encryption ? { defaultEncryptionConfiguration: encryption } : {}),
      },
      { parent: this },
    );
    this.table = new gcp.bigquery.Table(
      `${name}-table`,
      {
        project: args.project,
        datasetId: dataset.datasetId,
        tableId: ids.tableId,
        description: 'One row per sensor reading, inserted by the AWS sensor sink',
        schema: JSON.stringify(SENSOR_READINGS_SCHEMA),
        timePartitioning: { type: 'DAY', field: 'reading_time', expirationMs: days * DAY_MS },
        requirePartitionFilter: args.requirePartitionFilter ?? true,
        clusterings: ['environment', 'sensor_id'],
        labels: args.labels,
        deletionProtection: false,
        ...(encryption ? { encryptionConfiguration: encryption } : {}),
      },
      { parent: this },
    );
    this.datasetId = dataset.datasetId;
    this.tableId = this.table.tableId;
    this.registerOutputs({ datasetId: this.datasetId, tableId: this.tableId });
  }
}
