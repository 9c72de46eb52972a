import { getLab, hourlyCost, LAB_IDS, type LabId } from '@labs/config';
import type { LabRunner } from '../labs/lab-runner';
import { isMissing, type AccessGrant, type LabContract, type LabEntry } from './contract';

/** The Session Manager agent's actions, which every lab instance role holds (shell access without SSH). */
const SESSION_MANAGER = [
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];
/** How a Lambda function's logging permissions appear in `labs identity`. */
const LAMBDA_LOGS = 'managed policy service-role/AWSLambdaBasicExecutionRole';

/** People and the foundation on every AWS environment. */
const AWS_PEOPLE: readonly AccessGrant[] = [
  {
    who: 'you, and anyone who may assume the foundation deployment role',
    can: 'deploy, extend and destroy this environment through labs-cfn-deploy-<region>, whose session tags (labs-lab, labs-env) confine it to this environment',
  },
  {
    who: 'anyone in the account allowed ssm:StartSession on the instance',
    can: 'open a Session Manager shell on the lab instance (no SSH port is open)',
  },
  { who: 'the foundation expirer (Lambda)', can: 'destroy this stack once its labs-expires-at has passed' },
];
/** The AWS custom resource that looks up the instance image once, at deploy. */
const AMI_LOOKUP: AccessGrant = {
  who: 'Lambda image lookup (at deploy)',
  can: 'read the public Amazon Linux image parameter',
  runtime: { kind: 'lambda', permissions: [LAMBDA_LOGS, 'ssm:GetParameter'] },
};
/** The owner of a GCP environment. */
const GCP_OWNER: AccessGrant = {
  who: 'you (the owner, with your own project roles)',
  can: 'deploy, extend and destroy this environment with Pulumi; run the lab',
};
/** The owner of a GCP environment whose lab runs as a runner service account. */
const OWNER_IMPERSONATES: AccessGrant = {
  who: 'you (the owner)',
  can: 'deploy, extend and destroy this environment with Pulumi; impersonate its runner service account (Token Creator on that account only) to run the lab',
};

/**
 * Every lab's contract, by lab id: the one place the CLI (`labs run/local/bench/list/synth`), the docs
 * and the contract test find a lab's pieces. Everything heavy is loaded lazily, so `labs list` loads
 * neither the CDK, Pulumi nor an SDK.
 */
export const LAB_CONTRACTS: Readonly<Record<LabId, LabContract>> = {
  'kinesis-data': {
    id: 'kinesis-data',
    cloud: 'aws',
    infrastructure: {
      tool: 'cdk',
      name: 'KinesisDataStack',
      load: async () => (await import('@labs/infra-aws/src/stacks/kinesis-data-stack')).KinesisDataStack,
    },
    runtimeEntries: [
      { role: 'EC2 service AnalyticsEngine (sensor producer)', file: 'packages/sensor-producer/src/ec2-main.ts' },
      { role: 'Lambda shard scaler', file: 'packages/shard-scaler/src/lambda.ts', export: 'handler' },
      { role: 'Lambda stream custom resource', file: 'packages/shard-scaler/src/stream-resource-lambda.ts', export: 'handler' },
      { role: 'Lambda BigQuery sensor sink (--sink bigquery)', file: 'packages/sensor-sink/src/lambda.ts', export: 'handler' },
    ],
    run: { load: async () => entryOf((await import('../labs/kinesis-data')).runner, 'run') },
    local: { load: async () => entryOf((await import('../labs/kinesis-data')).runner, 'local') },
    bench: {
      producer: async () => (await import('../bench/producer')).benchProducer,
      scaler: async () => (await import('../bench/scaler')).benchScaler,
      sink: async () => (await import('../bench/sink')).benchSink,
    },
    cost: (prices) => hourlyCost('kinesis-data', prices),
    teardown: {
      missing:
        'nothing to do before destroy: the stream custom resource deletes the stream, CloudFormation the rest; the scaler only acts on alarms',
    },
    access: [
      ...AWS_PEOPLE,
      {
        who: 'EC2 AnalyticsEngine (instance role, IMDSv2)',
        can: 'put records into this stream (encrypting with its key), download its own bundle, answer Session Manager',
        runtime: { kind: 'ec2', permissions: ['kinesis:PutRecords', 'kms:GenerateDataKey', 's3:GetObject', ...SESSION_MANAGER] },
      },
      {
        who: 'Lambda shard scaler',
        can: 'reshard this stream, read and reset its scaling alarms, publish to its topic, write its metrics and logs',
        runtime: {
          kind: 'lambda',
          permissions: [
            'cloudwatch:DescribeAlarms',
            'cloudwatch:GetMetricData',
            'cloudwatch:PutMetricAlarm',
            'cloudwatch:PutMetricData',
            'cloudwatch:SetAlarmState',
            'kinesis:AddTagsToStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:ListTagsForStream',
            'kinesis:UpdateShardCount',
            'kms:Decrypt',
            'kms:GenerateDataKey',
            LAMBDA_LOGS,
            'sns:Publish',
          ],
        },
      },
      {
        who: 'Lambda stream custom resource (at deploy and destroy)',
        can: 'create, tag, encrypt, set the retention of and delete this stream',
        runtime: {
          kind: 'lambda',
          permissions: [
            'kinesis:AddTagsToStream',
            'kinesis:CreateStream',
            'kinesis:DecreaseStreamRetentionPeriod',
            'kinesis:DeleteStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:IncreaseStreamRetentionPeriod',
            'kinesis:ListTagsForStream',
            'kinesis:RemoveTagsFromStream',
            'kinesis:StartStreamEncryption',
            'kms:Decrypt',
            'kms:DescribeKey',
            'kms:GenerateDataKey',
            LAMBDA_LOGS,
            'sns:Publish',
          ],
        },
      },
      AMI_LOOKUP,
      {
        who: 'Lambda BigQuery sensor sink (role labs-sensor-sink-<env>)',
        can: 'read this stream, send what it cannot deliver to its own queue; on GCP, through workload identity federation (no key), only insert rows into labs_sensors.sensor_readings',
        runtime: {
          kind: 'lambda',
          permissions: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetRecords',
            'kinesis:GetShardIterator',
            'kinesis:ListShards',
            'kms:Decrypt',
            'kms:GenerateDataKey',
            LAMBDA_LOGS,
            'sns:Publish',
            'sqs:SendMessage',
            'on GCP: what labs-sensor-sink@<project>.iam.gserviceaccount.com may do (see its service account)',
          ],
        },
        onlyWith: '--sink bigquery',
      },
    ],
  },
  'kinesis-video': {
    id: 'kinesis-video',
    cloud: 'aws',
    infrastructure: {
      tool: 'cdk',
      name: 'KinesisVideoStack',
      load: async () => (await import('@labs/infra-aws/src/stacks/kinesis-video-stack')).KinesisVideoStack,
    },
    runtimeEntries: [{ role: 'EC2 service video producer (PutMedia)', file: 'packages/video-producer/src/ec2-main.ts' }],
    run: { load: async () => entryOf((await import('../labs/kinesis-video')).runner, 'run') },
    local: { load: async () => entryOf((await import('../labs/kinesis-video')).runner, 'local') },
    bench: { video: async () => (await import('../bench/video')).benchVideo },
    cost: (prices) => hourlyCost('kinesis-video', prices),
    teardown: { missing: 'nothing to do before destroy: CloudFormation deletes the video stream and the producer instance' },
    access: [
      ...AWS_PEOPLE,
      {
        who: 'EC2 video producer (instance role, IMDSv2)',
        can: 'stream video into this video stream (PutMedia), download its own bundle, answer Session Manager',
        runtime: {
          kind: 'ec2',
          permissions: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia', 'kms:GenerateDataKey', 's3:GetObject', ...SESSION_MANAGER],
        },
      },
      AMI_LOOKUP,
    ],
  },
  'bqml-classification': {
    id: 'bqml-classification',
    cloud: 'gcp',
    infrastructure: {
      tool: 'pulumi',
      name: 'BqmlClassification',
      load: async () => (await import('@labs/infra-gcp/src/components/bqml-classification')).BqmlClassification,
    },
    runtimeEntries: { missing: 'no code runs in the cloud: the lab’s steps are BigQuery jobs that `labs run` submits' },
    run: { load: async () => entryOf((await import('../labs/bqml-classification')).runner, 'run') },
    local: { load: async () => entryOf((await import('../labs/bqml-classification')).runner, 'local') },
    bench: { bqml: async () => (await import('../bench/bqml')).benchBqml },
    cost: (prices) => hourlyCost('bqml-classification', prices),
    teardown: {
      missing:
        'nothing to do before destroy: the models and tables live in the environment’s dataset, which Pulumi deletes with its contents',
    },
    access: [
      OWNER_IMPERSONATES,
      {
        who: 'service account bqml-<env> (runs the lab’s jobs)',
        can: 'run BigQuery jobs in the project, read and write only this environment’s dataset',
        runtime: { kind: 'gcp-service-account', permissions: ['roles/bigquery.jobUser on <project>', 'WRITER on dataset ecommerce_<env>'] },
      },
    ],
  },
  'teradata-migration': {
    id: 'teradata-migration',
    cloud: 'gcp',
    infrastructure: {
      tool: 'pulumi',
      name: 'TeradataMigration',
      load: async () => (await import('@labs/infra-gcp/src/components/teradata-migration')).TeradataMigration,
    },
    runtimeEntries: {
      missing:
        'no bundled code of ours runs in the cloud: the source VM runs Teradata and Google’s migration agent, configured by the startup script and agent files that packages/teradata generates',
    },
    run: { load: async () => entryOf((await import('../labs/teradata-migration')).runner, 'run') },
    local: { load: async () => entryOf((await import('../labs/teradata-migration')).runner, 'local') },
    bench: { translate: async () => (await import('../bench/translate')).benchTranslate },
    cost: (prices) => hourlyCost('teradata-migration', prices),
    teardown: {
      missing:
        'nothing to do before destroy: Pulumi deletes the transfer config, the VM (which also deletes itself at expiry), the bucket with its objects and the dataset with its tables',
    },
    access: [
      GCP_OWNER,
      {
        who: 'service account td2bq-<env> (the source VM and its migration agent; nobody else may act as it)',
        can: 'run BigQuery jobs and transfers in the project, read and add versions of this environment’s Teradata password, use this environment’s staging bucket and dataset',
        runtime: {
          kind: 'gcp-service-account',
          permissions: [
            'roles/bigquery.user on <project>',
            'roles/secretmanager.secretAccessor on td2bq-<env>-teradata-password',
            'roles/secretmanager.secretVersionAdder on td2bq-<env>-teradata-password',
            'roles/storage.objectAdmin on <project>-td2bq-<env>',
            'WRITER on dataset td2bq_<env>',
          ],
        },
      },
    ],
  },
  'automl-vision': {
    id: 'automl-vision',
    cloud: 'gcp',
    infrastructure: {
      tool: 'pulumi',
      name: 'AutomlVision',
      load: async () => (await import('@labs/infra-gcp/src/components/automl-vision')).AutomlVision,
    },
    runtimeEntries: { missing: 'no code of ours runs in the cloud: Vertex AI trains and serves the model that `labs run` asks for' },
    run: { load: async () => entryOf((await import('../labs/automl-vision')).runner, 'run') },
    local: { load: async () => entryOf((await import('../labs/automl-vision')).runner, 'local') },
    bench: {
      missing:
        'what costs time and money here is Vertex AI training (node hours) and serving, nothing that runs locally; the offline data.csv and split take milliseconds for the lab’s 60 images',
    },
    cost: (prices) => hourlyCost('automl-vision', prices),
    teardown: [
      {
        description: 'undeploy every model from the environment’s Vertex AI endpoints and delete the endpoints (they bill every hour)',
        run: async ({ environment, log }) => {
          const { teardownAutoml } = await import('../labs/automl-vision');
          for (const outcome of await teardownAutoml(environment.name))
            log(`  endpoint ${outcome.endpoint}: undeployed ${outcome.undeployed.length} model(s)${outcome.deleted ? ', deleted' : ''}`);
        },
      },
    ],
    access: [
      OWNER_IMPERSONATES,
      {
        who: 'service account vcm-<env> (runs the lab’s Vertex AI calls)',
        can: 'use Vertex AI in the project (datasets, training, endpoints: billed), read and write this environment’s image bucket',
        runtime: {
          kind: 'gcp-service-account',
          permissions: ['roles/aiplatform.user on <project>', 'roles/storage.objectAdmin on <project>-vcm-<env>'],
        },
      },
    ],
  },
};

/** The `run` or `local` function of a lab runner module; a runner that lost one breaks the contract loudly. */
function entryOf(runner: LabRunner, mode: 'run' | 'local'): LabEntry {
  const entry = runner[mode];
  if (!entry) throw new Error(`the lab contract declares '${mode}' but the runner module exports none: declare it missing with a reason`);
  return entry;
}

/** The contract of the lab with this id; throws a `LabsError` naming the allowed ids. */
export function labContract(id: string): LabContract {
  return LAB_CONTRACTS[getLab(id).id];
}

/** The labs that have a piece (`run`, `local`, `infrastructure`, …), by id. */
export function labsWith(piece: 'infrastructure' | 'run' | 'local' | 'bench'): LabId[] {
  return LAB_IDS.filter((id) => !isMissing(LAB_CONTRACTS[id][piece]));
}
