import { join } from 'node:path';
import {
  AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI,
  readImageFolder,
  runLab,
  selectSteps,
  SINGLE_LABEL_IMPORT_SCHEMA_URI,
  type CostQuestion,
  type LabEvent,
  type LabRunDeps,
  type LabRunInput,
} from '../src';
import { FakeBucket, FakeClock, FakeVertex } from './fake-vertex';
import { CLOUDS, imageFolder } from './images';

const PROJECT = 'my-lab-project';
const BUCKET = 'my-lab-project-vcm-alice';
const PARENT = `projects/${PROJECT}/locations/us-central1`;
const LABELS = { 'labs-lab': 'automl-vision', 'labs-env': 'alice', 'labs-owner': 'alice_example_com', 'labs-expires-at': '20261129t0300z' };
const PRICES = { trainingNodeHour: 3.465, endpointNodeHour: 1.375 };

function world(options: { consent?: (step: CostQuestion['step']) => boolean } = {}) {
  const dir = imageFolder(CLOUDS);
  const bucket = new FakeBucket();
  const vertex = new FakeVertex(bucket, BUCKET);
  const dataset = vertex.addDataset(PROJECT, 'alice', LABELS);
  // another environment's dataset with the same labels but another env must never be picked
  vertex.addDataset(PROJECT, 'bob', { ...LABELS, 'labs-env': 'bob' });
  const clock = new FakeClock();
  const questions: CostQuestion[] = [];
  const events: LabEvent[] = [];
  const deps: LabRunDeps = {
    vertex,
    store: bucket,
    clock,
    pollMs: 30_000,
    confirm: async (question) => (questions.push(question), options.consent?.(question.step) ?? true),
    onEvent: (event) => events.push(event),
  };
  const input = (overrides: Partial<LabRunInput> = {}): LabRunInput => ({
    target: { project: PROJECT, env: 'alice' },
    steps: selectSteps(undefined),
    source: { kind: 'folder', folder: readImageFolder(dir) },
    predictFiles: [join(dir, 'cumulus', 'cumulus-4.png'), join(dir, 'cirrus', 'cirrus-0.png')],
    prices: PRICES,
    ...overrides,
  });
  return { dir, bucket, vertex, dataset, clock, questions, events, deps, input };
}

describe('labs run automl-vision: every step against injected clients', () => {
  const w = world();
  let report: Awaited<ReturnType<typeof runLab>>;
  beforeAll(async () => {
    report = await runLab(w.input(), w.deps);
  });

  it('uploads the 60 images as <label>/<file> objects and writes data.csv with the split', () => {
    expect(w.bucket.uploads).toHaveLength(60);
    expect(w.bucket.objects.has('cirrus/cirrus-0.png')).toBe(true);
    const csv = w.bucket.objects.get('data.csv')!.toString().trim().split('\n');
    expect(csv).toHaveLength(60);
    expect(csv.filter((line) => line.startsWith('test,')).length).toBe(6);
    expect(report.upload).toMatchObject({ uploaded: 60, skipped: 0, csv: `gs://${BUCKET}/data.csv`, rows: 60 });
  });

  it('imports data.csv into the environment dataset with the single-label import schema', () => {
    expect(w.vertex.requests('importData')).toEqual([
      {
        name: w.dataset.name,
        importConfigs: [{ gcsSource: { uris: [`gs://${BUCKET}/data.csv`] }, importSchemaUri: SINGLE_LABEL_IMPORT_SCHEMA_URI }],
      },
    ]);
    expect(report.import).toEqual({ dataset: w.dataset.name, skipped: false, items: 60 });
  });

  it('trains with the 8 node-hour budget on the ML_USE split, labels on the pipeline and the model', () => {
    const datasetId = w.dataset.name.split('/').pop();
    expect(w.vertex.requests('createTrainingPipeline')).toEqual([
      {
        parent: PARENT,
        trainingPipeline: {
          displayName: 'clouds-alice',
          labels: LABELS,
          trainingTaskDefinition: AUTOML_IMAGE_CLASSIFICATION_DEFINITION_URI,
          trainingTaskInputs: { multiLabel: false, modelType: 'CLOUD', budgetMilliNodeHours: 8000, disableEarlyStopping: false },
          inputDataConfig: {
            datasetId,
            filterSplit: {
              trainingFilter: 'labels.aiplatform.googleapis.com/ml_use=training',
              validationFilter: 'labels.aiplatform.googleapis.com/ml_use=validation',
              testFilter: 'labels.aiplatform.googleapis.com/ml_use=test',
            },
          },
          modelToUpload: { displayName: 'clouds-alice', labels: LABELS },
        },
      },
    ]);
  });

  it('follows the pipeline in simulated time, reporting each state', () => {
    const states = w.events
      .filter((e): e is Extract<LabEvent, { type: 'training' }> => e.type === 'training')
      .map((e) => [e.state, e.elapsedMs]);
    expect(states).toEqual([
      ['PIPELINE_STATE_QUEUED', 0],
      ['PIPELINE_STATE_RUNNING', 30_000],
      ['PIPELINE_STATE_RUNNING', 60_000],
      ['PIPELINE_STATE_SUCCEEDED', 90_000],
    ]);
    expect(w.clock.sleeps).toEqual([30_000, 30_000, 30_000]);
    expect(report.training?.model).toMatch(new RegExp(`^${PARENT}/models/\\d+$`));
  });

  it('asks consent with the cost before training and before deploying', () => {
    expect(w.questions.map((q) => [q.step, q.basis, q.usd])).toEqual([
      ['train', 'once', 27.72],
      ['deploy', 'per-hour', 1.375],
    ]);
    expect(w.questions[0]!.lines[1]).toBe(
      'budget 8 node hours at $3.465/node hour: at most $27.72 (billed whether or not the model is used)',
    );
  });

  it('evaluates per label at the 0.5 threshold, with the confusion matrix', () => {
    expect(w.vertex.requests('listModelEvaluations')).toEqual([{ parent: report.training?.model }]);
    expect(report.evaluation?.labels.map((l) => [l.label, l.precision, l.recall, l.threshold])).toEqual([
      ['cirrus', 1, 0.5, 0.5],
      ['cumulonimbus', 1, 1, 0.5],
      ['cumulus', 0.75, 1, 0.5],
    ]);
    expect(report.evaluation?.confusionMatrix?.labels).toEqual(['cirrus', 'cumulonimbus', 'cumulus']);
  });

  it('creates a labelled endpoint and deploys the model on one node with all traffic', () => {
    expect(w.vertex.requests('createEndpoint')).toEqual([{ parent: PARENT, endpoint: { displayName: 'clouds-alice', labels: LABELS } }]);
    const endpoint = (w.vertex.requests('createEndpoint').length && [...w.vertex.endpointsByName.keys()][0])!;
    expect(w.vertex.requests('deployModel')).toEqual([
      {
        endpoint,
        deployedModel: {
          model: report.training?.model,
          displayName: 'clouds-alice',
          automaticResources: { minReplicaCount: 1, maxReplicaCount: 1 },
        },
        trafficSplit: { '0': 100 },
      },
    ]);
    expect(report.deployment).toMatchObject({ endpoint, skipped: false, nodes: 1, usdPerHour: 1.375 });
  });

  it('predicts local image files one request each, base64 content and the image classification parameters', async () => {
    const predicts = w.vertex.requests('predict') as { endpoint: string; instances: { content: string }[]; parameters: unknown }[];
    expect(predicts).toHaveLength(2);
    expect(predicts[0]!.parameters).toEqual({ confidenceThreshold: 0, maxPredictions: 5 });
    expect(Buffer.from(predicts[0]!.instances[0]!.content, 'base64').equals(w.bucket.objects.get('cumulus/cumulus-4.png')!)).toBe(true);
    expect(report.predictions?.map((p) => [p.file.split('/').pop(), p.label, p.confidence])).toEqual([
      ['cumulus-4.png', 'cumulus', 0.93],
      ['cirrus-0.png', 'cirrus', 0.93],
    ]);
  });

  it('skips every finished step on a second run: no upload, import, training, consent or deployment', async () => {
    const calls = w.vertex.calls.length;
    const questions = w.questions.length;
    const again = await runLab(w.input({ predictFiles: [] }), w.deps);
    const methods = w.vertex.calls.slice(calls).map((c) => c.method);
    expect(methods).not.toContain('importData');
    expect(methods).not.toContain('createTrainingPipeline');
    expect(methods).not.toContain('createEndpoint');
    expect(methods).not.toContain('deployModel');
    expect(w.questions).toHaveLength(questions);
    expect(again.upload).toMatchObject({ uploaded: 0, skipped: 60 });
    expect(again.import?.skipped).toBe(true);
    expect(again.training).toMatchObject({ model: report.training?.model, skipped: true });
    expect(again.deployment?.skipped).toBe(true);
  });

  it('a later run without --images skips upload and import of the imported dataset and goes on', async () => {
    const calls = w.vertex.calls.length;
    const uploads = w.bucket.uploads.length;
    const later = await runLab(w.input({ source: undefined, predictFiles: [] }), w.deps);
    expect([later.upload, later.import]).toEqual([undefined, undefined]);
    expect(w.bucket.uploads).toHaveLength(uploads);
    expect(w.vertex.calls.slice(calls).map((c) => c.method)).not.toContain('importData');
    expect(later.training?.skipped).toBe(true);
    expect(w.events).toContainEqual({
      type: 'step',
      step: 'import',
      status: 'skipped',
      detail: `no --images or --csv given, and ${w.dataset.name} already holds images`,
    });
  });

  it('trains anew for a re-created environment (new dataset): the old pipeline and model are not reused', async () => {
    const fresh = world();
    await runLab(fresh.input({ steps: ['upload', 'import', 'train'] }), fresh.deps);
    fresh.vertex.datasetsByName.delete(fresh.dataset.name);
    const recreated = fresh.vertex.addDataset(PROJECT, 'alice', { ...LABELS, 'labs-expires-at': '20261130t0300z' });
    fresh.bucket.objects.clear();
    const again = await runLab(fresh.input({ steps: ['upload', 'import', 'train'] }), fresh.deps);
    const created = fresh.vertex.requests('createTrainingPipeline') as { trainingPipeline: { inputDataConfig: { datasetId: string } } }[];
    expect(created.map((r) => r.trainingPipeline.inputDataConfig.datasetId)).toEqual([
      fresh.dataset.name.split('/').pop(),
      recreated.name.split('/').pop(),
    ]);
    expect(again.training?.skipped).toBe(false);
    expect(fresh.questions.map((q) => q.step)).toEqual(['train', 'train']);
  });

  it('undeploys the model, then deletes the endpoint', async () => {
    const endpoint = report.deployment!.endpoint;
    const deployedId = [...w.vertex.endpointsByName.values()][0]!.deployedModels[0]!.id;
    const outcome = await runLab(w.input({ steps: selectSteps(['undeploy']) }), w.deps);
    expect(w.vertex.requests('undeployModel')).toEqual([{ endpoint, deployedModelId: deployedId }]);
    expect(w.vertex.requests('deleteEndpoint')).toEqual([{ name: endpoint }]);
    expect(outcome.undeploy).toEqual([{ endpoint, undeployed: [deployedId], deleted: true }]);
    expect(w.vertex.endpointsByName.size).toBe(0);
  });
});

describe('resuming and refusing', () => {
  it('resumes an interrupted upload: only the objects not yet there are uploaded', async () => {
    const w = world();
    w.bucket.failOnce = 'cumulus/cumulus-5.png';
    await expect(runLab(w.input({ steps: ['upload'] }), w.deps)).rejects.toThrow('connection reset while uploading cumulus/cumulus-5.png');
    const first = w.bucket.uploads.length;
    expect(first).toBeLessThan(60);
    const again = await runLab(w.input({ steps: ['upload'] }), w.deps);
    expect(again.upload).toMatchObject({ uploaded: 60 - first, skipped: first });
    expect(new Set(w.bucket.uploads).size).toBe(60);
  });

  it('follows a pipeline already running instead of starting another, without asking again', async () => {
    const w = world();
    await runLab(w.input({ steps: ['upload', 'import'] }), w.deps);
    const running = await w.vertex.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: { ...(await import('../src')).trainingPipelineSpec('alice', w.dataset.name, LABELS) },
    });
    const report = await runLab(w.input({ steps: ['train'] }), w.deps);
    expect(w.vertex.requests('createTrainingPipeline')).toHaveLength(1);
    expect(w.questions).toEqual([]);
    expect(report.training).toMatchObject({ pipeline: running.name, skipped: false });
  });

  it('starts no training and no deployment without consent', async () => {
    const w = world({ consent: () => false });
    await expect(runLab(w.input({ steps: ['upload', 'import', 'train'] }), w.deps)).rejects.toThrow('not trained: consent was not given');
    expect(w.vertex.requests('createTrainingPipeline')).toEqual([]);
    const trainOnly = world({ consent: (step) => step === 'train' });
    await expect(runLab(trainOnly.input(), trainOnly.deps)).rejects.toThrow('not deployed: consent was not given');
    expect(trainOnly.vertex.requests('createTrainingPipeline')).toHaveLength(1);
    expect(trainOnly.vertex.requests('createEndpoint')).toEqual([]);
    expect(trainOnly.vertex.requests('deployModel')).toEqual([]);
  });

  it('reports a failed pipeline with Vertex AI message, and starts a new one on the next run', async () => {
    const w = world();
    w.vertex.pipelineOutcome = 'PIPELINE_STATE_FAILED';
    await runLab(w.input({ steps: ['upload', 'import'] }), w.deps);
    await expect(runLab(w.input({ steps: ['train'] }), w.deps)).rejects.toThrow(
      /ended PIPELINE_STATE_FAILED: Internal error occurred; run the train step again/,
    );
    w.vertex.pipelineOutcome = 'PIPELINE_STATE_SUCCEEDED';
    await runLab(w.input({ steps: ['train'] }), w.deps);
    expect(w.vertex.requests('createTrainingPipeline')).toHaveLength(2);
  });

  it('refuses to evaluate before a model is trained, to import without images, and to train an empty dataset', async () => {
    const w = world();
    await expect(runLab(w.input({ steps: ['evaluate'] }), w.deps)).rejects.toThrow(
      'environment alice has no trained model yet: run labs run automl-vision --env alice --step train',
    );
    await expect(runLab(w.input({ steps: ['import'], source: undefined }), w.deps)).rejects.toThrow(
      'the upload and import steps need the images',
    );
  });

  it('names the missing dataset and how to create it', async () => {
    const w = world();
    await expect(runLab(w.input({ target: { project: PROJECT, env: 'carol' }, steps: ['import'] }), w.deps)).rejects.toThrow(
      `no Vertex AI dataset clouds-carol labelled for environment carol in ${PARENT}; deploy it first with: labs up automl-vision --env carol`,
    );
  });

  it('imports the lab CSV only when every object is in the bucket, naming the missing ones', async () => {
    const w = world();
    await runLab(w.input({ steps: ['upload'] }), w.deps);
    w.bucket.objects.delete('cirrus/cirrus-7.png');
    const text = [...w.bucket.objects.keys()]
      .filter((name) => name.endsWith('.png'))
      .concat('cirrus/cirrus-7.png')
      .map((name) => `gs://placeholder/${name},${name.split('/')[0]}`)
      .join('\n');
    await expect(runLab(w.input({ steps: ['upload'], source: { kind: 'csv', text, name: 'data.csv' } }), w.deps)).rejects.toThrow(
      `data.csv cannot be imported: 1 problem(s): 1 object(s) do not exist: gs://${BUCKET}/cirrus/cirrus-7.png`,
    );
  });

  it('refuses an unknown step, naming the allowed ones', () => {
    expect(() => selectSteps(['train', 'fly'])).toThrow(
      'unknown step "fly": expected one of upload, import, train, evaluate, deploy, predict, undeploy',
    );
    expect(selectSteps(['deploy', 'train'])).toEqual(['train', 'deploy']);
  });
});
