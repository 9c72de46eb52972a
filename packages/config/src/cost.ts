import type { LabId } from './labs';
import type { PriceTable } from './project-config';

const HOURS_PER_MONTH = 730;

/** One line of the cost estimate shown before consent. */
export interface CostLine {
  readonly item: string;
  readonly usdPerHour: number;
}

/**
 * Readings per second of the kinesis-data lab's EC2 producer: 1.1x one shard's record capacity, so the
 * stream goes from 1 to 2 shards by itself (as the lab did by hand) and then sits at 55 %, inside the band
 * where it stays. The stack sets it as the producer's `RATE`; the BigQuery sink inserts as many rows.
 */
export const KINESIS_DATA_PRODUCER_RATE = 1_100;

/**
 * Rough hourly cost the BigQuery sink adds to a `kinesis-data` environment (`labs up --sink bigquery`):
 * streaming inserts, billed per GB with every row counted as at least 1 KB, and the sink function's
 * compute (one 256 MB invocation of about a second per 500 readings).
 */
export function sinkHourlyCost(prices: PriceTable): CostLine[] {
  const rowsPerHour = KINESIS_DATA_PRODUCER_RATE * 3600;
  return [
    {
      item: `BigQuery streaming inserts (~${KINESIS_DATA_PRODUCER_RATE} readings/s, each billed as 1 KB)`,
      usdPerHour: ((rowsPerHour * 1024) / 1024 ** 3) * prices.bigqueryStreamingGb,
    },
    { item: `Lambda sensor sink (~${rowsPerHour / 500} invocations/h)`, usdPerHour: (rowsPerHour / 500) * 0.25 * prices.lambdaGbSecond },
  ];
}

/** Rough hourly cost of one idle environment of a lab, item by item. */
export function hourlyCost(lab: LabId, prices: PriceTable): CostLine[] {
  const monthly = (usd: number) => usd / HOURS_PER_MONTH;
  switch (lab) {
    case 'kinesis-data':
      return [
        { item: 'Kinesis shard (1, scales to 2)', usdPerHour: prices.kinesisShardHour },
        { item: 'EC2 t3.micro producer', usdPerHour: prices.ec2T3MicroHour },
        { item: 'EBS 8 GB gp3', usdPerHour: monthly(8 * prices.ebsGbMonth) },
        { item: 'KMS key', usdPerHour: monthly(prices.kmsKeyMonth) },
        {
          item: 'CloudWatch alarms (3) + dashboard',
          usdPerHour: monthly(3 * prices.cloudwatchAlarmMonth + prices.cloudwatchDashboardMonth),
        },
      ];
    case 'kinesis-video':
      return [
        { item: 'EC2 t3.small producer', usdPerHour: prices.ec2T3SmallHour },
        { item: 'video ingest (~0.5 GB/h at 1 Mbit/s)', usdPerHour: 0.5 * prices.kinesisVideoIngestGb },
        { item: 'EBS 8 GB gp3', usdPerHour: monthly(8 * prices.ebsGbMonth) },
        { item: 'KMS key', usdPerHour: monthly(prices.kmsKeyMonth) },
      ];
    case 'bqml-classification':
      return [{ item: 'BigQuery dataset (storage only, queries billed per TB scanned)', usdPerHour: monthly(0.01 * 0.02) }];
    case 'teradata-migration':
      return [
        { item: 'Compute Engine n2-standard-4 source VM (nested virtualization)', usdPerHour: prices.gceN2Standard4Hour },
        { item: 'source VM boot disk, 100 GB pd-balanced', usdPerHour: monthly(100 * prices.gcePdBalancedGbMonth) },
        { item: 'Cloud NAT gateway (1 VM)', usdPerHour: prices.cloudNatVmHour },
        { item: 'transfer: BigQuery Data Transfer Service, Teradata migration (no charge)', usdPerHour: 0 },
        {
          item: 'staging bucket and migrated tables (~1 GB TPC-H SF 0.1 + 5 GB Teradata downloads)',
          usdPerHour: monthly(6 * prices.gcsGbMonth),
        },
        { item: 'Secret Manager secret (1 version)', usdPerHour: monthly(prices.secretVersionMonth) },
      ];
    case 'automl-vision':
      return [
        { item: 'image bucket and Vertex AI dataset (<1 GB of images)', usdPerHour: monthly(prices.gcsGbMonth) },
        {
          item: 'Vertex AI endpoint, 1 node, only while deployed (labs run asks first; labs down undeploys)',
          usdPerHour: prices.vertexEndpointNodeHour,
        },
        {
          item: `AutoML training, once, not hourly: at most 8 node hours = $${(8 * prices.vertexTrainingNodeHour).toFixed(2)} (labs run asks first)`,
          usdPerHour: 0,
        },
      ];
  }
}

/** Sum of a cost estimate. */
export function totalPerHour(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.usdPerHour, 0);
}
