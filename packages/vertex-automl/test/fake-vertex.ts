import { readFileSync } from 'node:fs';
import type {
  Clock,
  DeployModelRequest,
  Endpoint,
  LongRunning,
  ModelEvaluation,
  ModelEvaluationSlice,
  ObjectStore,
  TrainingPipeline,
  VertexClients,
  VertexDataset,
} from '../src';

/** One recorded API call. */
export interface Call {
  readonly method: string;
  readonly request: unknown;
}

/** A bucket in memory: object bytes by name. */
export class FakeBucket implements ObjectStore {
  readonly objects = new Map<string, Buffer>();
  readonly uploads: string[] = [];
  /** Fail the upload of this object once (an interrupted run). */
  failOnce?: string;

  async list(): Promise<Map<string, number>> {
    return new Map([...this.objects].map(([name, bytes]) => [name, bytes.length]));
  }
  async upload(file: string, object: string): Promise<void> {
    if (this.failOnce === object) {
      this.failOnce = undefined;
      throw new Error(`connection reset while uploading ${object}`);
    }
    this.uploads.push(object);
    this.objects.set(object, readFileSync(file));
  }
  async save(object: string, contents: string): Promise<void> {
    this.objects.set(object, Buffer.from(contents));
  }
}

/** Virtual time: `sleep` advances it at once. */
export class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

const done = <T>(name: string, value: T): LongRunning<T> => ({ name, wait: async () => value });
const failed = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });
const displayName = (filter: string | undefined) => /display_name="([^"]+)"/.exec(filter ?? '')?.[1];

/** Classification metrics shaped like `classification_metrics_1.0.0.yaml`. */
export function classificationMetrics(labels: readonly string[], perLabel: (label: string) => { precision: number; recall: number }) {
  return {
    evaluation: {
      auPrc: 0.97,
      logLoss: 0.12,
      confidenceMetrics: [0, 0.25, 0.5, 0.75].map((t) => ({
        confidenceThreshold: t,
        precision: 0.8 + t / 5,
        recall: 1 - t / 2,
        f1Score: 0.88,
      })),
      confusionMatrix: {
        annotationSpecs: labels.map((label, i) => ({ id: String(100 + i), displayName: label })),
        rows: labels.map((_, i) => labels.map((__, j) => (i === j ? 2 : i + j === 1 ? 1 : 0))),
      },
    },
    slice: (label: string) => ({
      confidenceMetrics: [0.3, 0.5, 0.7].map((t) => ({ confidenceThreshold: t, ...perLabel(label), f1Score: 0.9 - t / 10 })),
    }),
  };
}

/**
 * Vertex AI in memory, behaving like the service where the lab depends on it: import reads `data.csv`
 * from the bucket and fails on a missing object; a budget under 8,000 milli node hours is refused; a
 * pipeline moves QUEUED → RUNNING → SUCCEEDED as it is polled and then names its model; an endpoint
 * with deployed models cannot be deleted; predictions come only from a deployed model. Every call is
 * recorded with its request.
 */
export class FakeVertex implements VertexClients {
  readonly calls: Call[] = [];
  readonly datasetsByName = new Map<string, VertexDataset & { labels: Record<string, string> }>();
  readonly pipelinesByName = new Map<string, TrainingPipeline & { polls: number }>();
  readonly endpointsByName = new Map<
    string,
    Endpoint & { deployedModels: (DeployModelRequest['deployedModel'] & { id: string })[]; trafficSplit: Record<string, number> }
  >();
  /** Polls a pipeline takes from QUEUED to SUCCEEDED. */
  pollsToSucceed = 3;
  /** The final state of new pipelines. */
  pipelineOutcome: 'PIPELINE_STATE_SUCCEEDED' | 'PIPELINE_STATE_FAILED' = 'PIPELINE_STATE_SUCCEEDED';
  private next = 1;

  constructor(
    private readonly bucket: FakeBucket,
    private readonly bucketName: string,
    private readonly labels: readonly string[] = ['cirrus', 'cumulonimbus', 'cumulus'],
  ) {}

  private record(method: string, request: unknown): void {
    this.calls.push({ method, request: JSON.parse(JSON.stringify(request)) as unknown });
  }
  /** The requests of one method, in order. */
  requests(method: string): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request);
  }
  private id(): string {
    return String(this.next++);
  }

  /** Declares the dataset the stack creates. */
  addDataset(project: string, env: string, labels: Record<string, string>): VertexDataset {
    const dataset = {
      name: `projects/${project}/locations/us-central1/datasets/${this.id()}`,
      displayName: `clouds-${env}`,
      labels,
      dataItemCount: '0',
    };
    this.datasetsByName.set(dataset.name, dataset);
    return dataset;
  }

  readonly datasets: VertexClients['datasets'] = {
    listDatasets: async (request) => {
      this.record('listDatasets', request);
      const name = displayName(request.filter);
      return [...this.datasetsByName.values()].filter((d) => d.name.startsWith(request.parent) && (!name || d.displayName === name));
    },
    getDataset: async (request) => {
      this.record('getDataset', request);
      const dataset = this.datasetsByName.get(request.name);
      if (!dataset) throw failed('NOT_FOUND', request.name);
      return dataset;
    },
    importData: async (request) => {
      this.record('importData', request);
      const dataset = this.datasetsByName.get(request.name);
      if (!dataset) throw failed('NOT_FOUND', request.name);
      const uri = request.importConfigs[0]?.gcsSource.uris[0] ?? '';
      const csv = this.bucket.objects.get(uri.replace(`gs://${this.bucketName}/`, ''));
      return {
        name: `${request.name}/operations/${this.id()}`,
        wait: async () => {
          if (!csv) throw failed('INVALID_ARGUMENT', `import file ${uri} does not exist`);
          const uris = csv
            .toString()
            .trim()
            .split('\n')
            .map((line) => line.split(',')[1] ?? '');
          const missing = uris.filter((u) => !this.bucket.objects.has(u.replace(`gs://${this.bucketName}/`, '')));
          if (missing.length) throw failed('INVALID_ARGUMENT', `${missing.length} image(s) not found`);
          this.datasetsByName.set(dataset.name, { ...dataset, dataItemCount: String(new Set(uris).size) });
          return {};
        },
      };
    },
  };

  readonly pipelines: VertexClients['pipelines'] = {
    listTrainingPipelines: async (request) => {
      this.record('listTrainingPipelines', request);
      const name = displayName(request.filter);
      return [...this.pipelinesByName.values()].filter((p) => p.name.startsWith(request.parent) && (!name || p.displayName === name));
    },
    createTrainingPipeline: async (request) => {
      this.record('createTrainingPipeline', request);
      const budget = Number(request.trainingPipeline.trainingTaskInputs.budgetMilliNodeHours);
      if (!(budget >= 8000)) throw failed('INVALID_ARGUMENT', 'budgetMilliNodeHours must be at least 8000');
      const datasetId = request.trainingPipeline.inputDataConfig.datasetId;
      if (![...this.datasetsByName.keys()].some((name) => name.endsWith(`/datasets/${datasetId}`)))
        throw failed('NOT_FOUND', `dataset ${datasetId}`);
      const pipeline = {
        name: `${request.parent}/trainingPipelines/${this.id()}`,
        displayName: request.trainingPipeline.displayName,
        labels: request.trainingPipeline.labels,
        state: 'PIPELINE_STATE_QUEUED',
        inputDataConfig: request.trainingPipeline.inputDataConfig,
        createTime: { seconds: String(this.next) },
        polls: 0,
      };
      this.pipelinesByName.set(pipeline.name, pipeline);
      return pipeline;
    },
    getTrainingPipeline: async (request) => {
      this.record('getTrainingPipeline', request);
      const pipeline = this.pipelinesByName.get(request.name);
      if (!pipeline) throw failed('NOT_FOUND', request.name);
      if (pipeline.state === 'PIPELINE_STATE_SUCCEEDED' || pipeline.state === 'PIPELINE_STATE_FAILED') return pipeline;
      const polls = pipeline.polls + 1;
      const finished = polls >= this.pollsToSucceed;
      const parent = pipeline.name.slice(0, pipeline.name.indexOf('/trainingPipelines/'));
      const next = {
        ...pipeline,
        polls,
        state: finished ? this.pipelineOutcome : 'PIPELINE_STATE_RUNNING',
        ...(finished && this.pipelineOutcome === 'PIPELINE_STATE_SUCCEEDED'
          ? { modelToUpload: { name: `${parent}/models/${this.id()}` } }
          : {}),
        ...(finished && this.pipelineOutcome === 'PIPELINE_STATE_FAILED' ? { error: { message: 'Internal error occurred' } } : {}),
      };
      this.pipelinesByName.set(next.name, next);
      return next;
    },
  };

  readonly models: VertexClients['models'] = {
    listModelEvaluations: async (request): Promise<ModelEvaluation[]> => {
      this.record('listModelEvaluations', request);
      const metrics = classificationMetrics(this.labels, () => ({ precision: 0.9, recall: 0.8 }));
      return [{ name: `${request.parent}/evaluations/1`, metrics: metrics.evaluation }];
    },
    listModelEvaluationSlices: async (request): Promise<ModelEvaluationSlice[]> => {
      this.record('listModelEvaluationSlices', request);
      const metrics = classificationMetrics(this.labels, (label) => ({
        precision: label === 'cumulus' ? 0.75 : 1,
        recall: label === 'cirrus' ? 0.5 : 1,
      }));
      return this.labels.map((label, i) => ({
        name: `${request.parent}/slices/${i}`,
        slice: { dimension: 'annotationSpec', value: label },
        metrics: metrics.slice(label),
      }));
    },
  };

  readonly endpoints: VertexClients['endpoints'] = {
    listEndpoints: async (request) => {
      this.record('listEndpoints', request);
      const name = displayName(request.filter);
      // like the wire: copies, never the service's own state
      return structuredClone(
        [...this.endpointsByName.values()].filter((e) => e.name.startsWith(request.parent) && (!name || e.displayName === name)),
      );
    },
    getEndpoint: async (request) => {
      this.record('getEndpoint', request);
      const endpoint = this.endpointsByName.get(request.name);
      if (!endpoint) throw failed('NOT_FOUND', request.name);
      return structuredClone(endpoint);
    },
    createEndpoint: async (request) => {
      this.record('createEndpoint', request);
      const endpoint = { name: `${request.parent}/endpoints/${this.id()}`, ...request.endpoint, deployedModels: [], trafficSplit: {} };
      this.endpointsByName.set(endpoint.name, endpoint);
      return done(`${endpoint.name}/operations/${this.id()}`, endpoint);
    },
    deployModel: async (request) => {
      this.record('deployModel', request);
      const endpoint = this.endpointsByName.get(request.endpoint);
      if (!endpoint) throw failed('NOT_FOUND', request.endpoint);
      const deployed = { ...request.deployedModel, id: this.id() };
      const split = Object.fromEntries(
        Object.entries(request.trafficSplit).map(([id, percent]) => [id === '0' ? deployed.id : id, percent]),
      );
      if (Object.values(split).reduce((a, b) => a + b, 0) !== 100) throw failed('INVALID_ARGUMENT', 'trafficSplit must add up to 100');
      return {
        name: `${endpoint.name}/operations/${this.id()}`,
        wait: async () => {
          endpoint.deployedModels.push(deployed);
          endpoint.trafficSplit = split;
          return {};
        },
      };
    },
    undeployModel: async (request) => {
      this.record('undeployModel', request);
      const endpoint = this.endpointsByName.get(request.endpoint);
      if (!endpoint?.deployedModels.some((d) => d.id === request.deployedModelId)) throw failed('NOT_FOUND', request.deployedModelId);
      const last = endpoint.deployedModels.length === 1;
      const split = request.trafficSplit ?? endpoint.trafficSplit ?? {};
      // Vertex AI undeploys a model only when no traffic is left on it (or it is the last one).
      if (!last && (split[request.deployedModelId] ?? 0) > 0) {
        throw failed('FAILED_PRECONDITION', `deployed model ${request.deployedModelId} still receives traffic; move it with trafficSplit`);
      }
      return {
        name: `${endpoint.name}/operations/${this.id()}`,
        wait: async () => {
          endpoint.deployedModels.splice(
            endpoint.deployedModels.findIndex((d) => d.id === request.deployedModelId),
            1,
          );
          endpoint.trafficSplit = last ? {} : split;
          return {};
        },
      };
    },
    deleteEndpoint: async (request) => {
      this.record('deleteEndpoint', request);
      const endpoint = this.endpointsByName.get(request.name);
      if (!endpoint) throw failed('NOT_FOUND', request.name);
      if (endpoint.deployedModels.length) throw failed('FAILED_PRECONDITION', `endpoint ${request.name} has deployed models`);
      return { name: `${request.name}/operations/${this.id()}`, wait: async () => (this.endpointsByName.delete(request.name), {}) };
    },
  };

  readonly predictions: VertexClients['predictions'] = {
    predict: async (request) => {
      this.record('predict', request);
      const endpoint = this.endpointsByName.get(request.endpoint);
      if (!endpoint?.deployedModels.length) throw failed('FAILED_PRECONDITION', `endpoint ${request.endpoint} has no deployed model`);
      return {
        deployedModelId: endpoint.deployedModels[0]!.id,
        predictions: request.instances.map((instance) => {
          // The "model" recognises the images it was trained on, by their bytes.
          const content = Buffer.from(String(instance.content), 'base64');
          const known = [...this.bucket.objects].find(([, bytes]) => bytes.equals(content))?.[0].split('/')[0];
          const ranked = [...this.labels].sort((a, b) => (a === known ? -1 : b === known ? 1 : a < b ? -1 : 1));
          return {
            ids: ranked.map((_, i) => String(i)),
            displayNames: ranked,
            confidences: ranked.map((_, i) => (i === 0 ? (known ? 0.93 : 0.41) : 0.05 / i)),
          };
        }),
      };
    },
  };
}
