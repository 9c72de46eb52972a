import { getLab, hourlyCost, LAB_IDS, type LabId } from '@labs/config';
import type { LabRunner } from '../labs/lab-runner';
import { isMissing, type LabContract, type LabEntry } from './contract';

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
    },
    cost: (prices) => hourlyCost('kinesis-data', prices),
    teardown: {
      missing:
        'nothing to do before destroy: the stream custom resource deletes the stream, CloudFormation the rest; the scaler only acts on alarms',
    },
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
