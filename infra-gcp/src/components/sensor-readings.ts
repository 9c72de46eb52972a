import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { LabsError, SENSOR_TABLE } from '@labs/config';
import { SENSOR_READINGS_SCHEMA } from '@labs/sensor-sink/src/sensor-readings-schema';

/** Where the foundation keeps the sensor readings ingested on AWS (`SENSOR_TABLE` of `@labs/config`). */
export const SENSOR_TABLE_IDS = { datasetId: SENSOR_TABLE.dataset, tableId: SENSOR_TABLE.table } as const;

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
  /** Where the readings live. @default {@link SENSOR_TABLE_IDS} */
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
    const ids = args.table ?? SENSOR_TABLE_IDS;
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
