import { LabsError } from './errors';

/** The clouds a lab can run on. */
export type Cloud = 'aws' | 'gcp';

/** Every lab this project provides, by id. */
export const LAB_IDS = ['kinesis-data', 'kinesis-video', 'bqml-classification', 'teradata-migration', 'automl-vision'] as const;

/** A lab id. */
export type LabId = (typeof LAB_IDS)[number];

/** A lab in the registry. */
export interface LabDefinition {
  /** Lab id, also the `labs-lab` tag value. */
  readonly id: LabId;
  /** Human title. */
  readonly title: string;
  /** The cloud the lab is provisioned on. */
  readonly cloud: Cloud;
  /** Project config keys (see `ProjectConfig`) the lab needs before `labs up`. */
  readonly requiredConfig: readonly string[];
  /** What one environment creates, shown before consent. */
  readonly creates: readonly string[];
}

/** The lab registry. */
export const LABS: Readonly<Record<LabId, LabDefinition>> = {
  'kinesis-data': {
    id: 'kinesis-data',
    title: 'Kinesis Data Streams: keyless sensor producer and automatic shard scaling',
    cloud: 'aws',
    requiredConfig: ['aws.region'],
    creates: [
      'Kinesis data stream RawStreamData (1 provisioned shard, KMS)',
      'EC2 t3.micro AnalyticsEngine running the sensor producer',
      'CloudWatch alarms, dashboard, SNS topic and the shard-scaler Lambda',
    ],
  },
  'kinesis-video': {
    id: 'kinesis-video',
    title: 'Kinesis Video Streams: TypeScript PutMedia producer and HLS playback',
    cloud: 'aws',
    requiredConfig: ['aws.region'],
    creates: ['Kinesis video stream (KMS, 1 h retention)', 'EC2 t3.small video producer'],
  },
  'bqml-classification': {
    id: 'bqml-classification',
    title: 'BigQuery ML: classify visitors who will buy on a return visit',
    cloud: 'gcp',
    requiredConfig: ['gcp.project'],
    creates: [
      'BigQuery dataset ecommerce_<env> (US, tables expire with the environment)',
      'runner service account bqml-<env> (jobUser on the project, dataEditor on the dataset)',
    ],
  },
  'teradata-migration': {
    id: 'teradata-migration',
    title: 'Teradata to BigQuery migration: source VM, staging bucket, transfer and agent',
    cloud: 'gcp',
    requiredConfig: ['gcp.project', 'gcp.region'],
    creates: [
      'Compute Engine source VM td2bq-<env> (n2-standard-4, nested virtualization, 100 GB disk, no external IP; deleted at expiry)',
      'network td2bq-<env> with Cloud NAT and an IAP-only SSH firewall rule',
      'staging bucket <project>-td2bq-<env>',
      'BigQuery dataset td2bq_<env>',
      'on-demand BigQuery Data Transfer Service config (Teradata migration)',
      'service account td2bq-<env> and an empty Secret Manager secret for the Teradata password',
    ],
  },
  'automl-vision': {
    id: 'automl-vision',
    title: 'AutoML image classification on Vertex AI',
    cloud: 'gcp',
    requiredConfig: ['gcp.project', 'gcp.region'],
    creates: [
      'image bucket <project>-vcm-<env> in us-central1 (objects deleted at expiry)',
      'Vertex AI image dataset clouds-<env>',
      'runner service account vcm-<env> (Vertex AI user, writes this bucket only)',
      'with labs run: training pipeline and model (8 node hours), endpoint on 1 node (undeployed by labs down)',
    ],
  },
};

/** Returns the lab with this id, or throws a `LabsError` naming the allowed ids. */
export function getLab(id: string): LabDefinition {
  if ((LAB_IDS as readonly string[]).includes(id)) return LABS[id as LabId];
  throw new LabsError(`unknown lab "${id}": expected one of ${LAB_IDS.join(', ')}`);
}

/** The labs of one cloud. */
export function labsOf(cloud: Cloud): LabDefinition[] {
  return LAB_IDS.map((id) => LABS[id]).filter((lab) => lab.cloud === cloud);
}
