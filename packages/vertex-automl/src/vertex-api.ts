/**
 * The parts of Vertex AI the lab uses, as plain JSON (protobuf `Value` fields decoded), so that the lab's
 * steps are tested against injected clients. `connectVertex` adapts the real `@google-cloud/aiplatform`
 * clients to these interfaces.
 */

/** Resource labels. */
export type Labels = Readonly<Record<string, string>>;

/** A long-running operation that has been started. */
export interface LongRunning<T = unknown> {
  /** Operation name, `projects/…/operations/…`. */
  readonly name: string;
  /** Waits for the operation and returns its response (throws its error). */
  wait(): Promise<T>;
}

/** A Vertex AI dataset (`projects/…/locations/…/datasets/<id>`). */
export interface VertexDataset {
  readonly name: string;
  readonly displayName: string;
  readonly labels?: Labels | null;
  /** Number of data items (images) imported; int64 as a string. */
  readonly dataItemCount?: string | number | null;
}

/** One `importConfigs` entry of `ImportData`. */
export interface ImportConfig {
  readonly gcsSource: { readonly uris: readonly string[] };
  readonly importSchemaUri: string;
}

/** The part of `DatasetService` the lab uses. */
export interface DatasetApi {
  listDatasets(request: { readonly parent: string; readonly filter?: string }): Promise<VertexDataset[]>;
  getDataset(request: { readonly name: string }): Promise<VertexDataset>;
  importData(request: { readonly name: string; readonly importConfigs: readonly ImportConfig[] }): Promise<LongRunning>;
}

/** `PipelineState` names as the API returns them. */
export type PipelineState =
  | 'PIPELINE_STATE_UNSPECIFIED'
  | 'PIPELINE_STATE_QUEUED'
  | 'PIPELINE_STATE_PENDING'
  | 'PIPELINE_STATE_RUNNING'
  | 'PIPELINE_STATE_SUCCEEDED'
  | 'PIPELINE_STATE_FAILED'
  | 'PIPELINE_STATE_CANCELLING'
  | 'PIPELINE_STATE_CANCELLED'
  | 'PIPELINE_STATE_PAUSED';

/** What the lab sends to create a training pipeline. */
export interface TrainingPipelineSpec {
  readonly displayName: string;
  readonly labels: Labels;
  readonly trainingTaskDefinition: string;
  /** AutoML image classification inputs (`multiLabel`, `modelType`, `budgetMilliNodeHours`, …). */
  readonly trainingTaskInputs: Readonly<Record<string, unknown>>;
  readonly inputDataConfig: {
    readonly datasetId: string;
    readonly filterSplit: { readonly trainingFilter: string; readonly validationFilter: string; readonly testFilter: string };
  };
  readonly modelToUpload: { readonly displayName: string; readonly labels: Labels };
}

/** A training pipeline as the API returns it. */
export interface TrainingPipeline {
  readonly name: string;
  readonly displayName: string;
  readonly labels?: Labels | null;
  readonly state: PipelineState | string;
  readonly inputDataConfig?: { readonly datasetId?: string | null } | null;
  readonly error?: { readonly message?: string | null } | null;
  /** Set once the pipeline succeeded: the model it uploaded. */
  readonly modelToUpload?: { readonly name?: string | null } | null;
  readonly createTime?: { readonly seconds?: string | number | null } | null;
}

/** The part of `PipelineService` the lab uses. */
export interface PipelineApi {
  listTrainingPipelines(request: { readonly parent: string; readonly filter?: string }): Promise<TrainingPipeline[]>;
  createTrainingPipeline(request: { readonly parent: string; readonly trainingPipeline: TrainingPipelineSpec }): Promise<TrainingPipeline>;
  getTrainingPipeline(request: { readonly name: string }): Promise<TrainingPipeline>;
}

/** A model evaluation, its metrics decoded (`classification_metrics_1.0.0.yaml`). */
export interface ModelEvaluation {
  readonly name: string;
  readonly metrics: unknown;
}

/** A per-label slice of an evaluation (`slice.dimension` is `annotationSpec`, `slice.value` the label). */
export interface ModelEvaluationSlice {
  readonly name: string;
  readonly slice: { readonly dimension: string; readonly value: string };
  readonly metrics: unknown;
}

/** The part of `ModelService` the lab uses. */
export interface ModelApi {
  listModelEvaluations(request: { readonly parent: string }): Promise<ModelEvaluation[]>;
  listModelEvaluationSlices(request: { readonly parent: string }): Promise<ModelEvaluationSlice[]>;
}

/** Node counts of a deployed model. */
export interface ReplicaCounts {
  readonly minReplicaCount?: number | null;
  readonly maxReplicaCount?: number | null;
}

/** A model deployed to an endpoint. */
export interface DeployedModel {
  readonly id: string;
  readonly model: string;
  readonly displayName?: string | null;
  readonly automaticResources?: ReplicaCounts | null;
  readonly dedicatedResources?: ReplicaCounts | null;
}

/** An endpoint as the API returns it. */
export interface Endpoint {
  readonly name: string;
  readonly displayName: string;
  readonly labels?: Labels | null;
  readonly deployedModels?: readonly DeployedModel[] | null;
  /** Percent of traffic by deployed model id. */
  readonly trafficSplit?: Readonly<Record<string, number>> | null;
}

/** What the lab sends to deploy a model: AutoML image models take automatic resources (nodes). */
export interface DeployModelRequest {
  readonly endpoint: string;
  readonly deployedModel: {
    readonly model: string;
    readonly displayName: string;
    readonly automaticResources: { readonly minReplicaCount: number; readonly maxReplicaCount: number };
  };
  readonly trafficSplit: Readonly<Record<string, number>>;
}

/** The part of `EndpointService` the lab uses. */
export interface EndpointApi {
  listEndpoints(request: { readonly parent: string; readonly filter?: string }): Promise<Endpoint[]>;
  getEndpoint(request: { readonly name: string }): Promise<Endpoint>;
  createEndpoint(request: {
    readonly parent: string;
    readonly endpoint: { readonly displayName: string; readonly labels: Labels };
  }): Promise<LongRunning<Endpoint>>;
  deployModel(request: DeployModelRequest): Promise<LongRunning>;
  /** A model with traffic is undeployed only if `trafficSplit` moves its traffic to the models that stay. */
  undeployModel(request: {
    readonly endpoint: string;
    readonly deployedModelId: string;
    readonly trafficSplit?: Readonly<Record<string, number>>;
  }): Promise<LongRunning>;
  deleteEndpoint(request: { readonly name: string }): Promise<LongRunning>;
}

/** The part of `PredictionService` the lab uses; instances, parameters and predictions decoded. */
export interface PredictionApi {
  predict(request: {
    readonly endpoint: string;
    readonly instances: readonly Readonly<Record<string, unknown>>[];
    readonly parameters: Readonly<Record<string, unknown>>;
  }): Promise<{ readonly predictions: readonly unknown[]; readonly deployedModelId?: string | null }>;
}

/** Every Vertex AI client the lab uses. */
export interface VertexClients {
  readonly datasets: DatasetApi;
  readonly pipelines: PipelineApi;
  readonly models: ModelApi;
  readonly endpoints: EndpointApi;
  readonly predictions: PredictionApi;
}

/** The bucket, as the lab uses it. */
export interface ObjectStore {
  /** Names and sizes (bytes) of the objects in the bucket. */
  list(): Promise<Map<string, number>>;
  /** Uploads a local file (a resumable upload). */
  upload(file: string, object: string): Promise<void>;
  /** Writes a small text object. */
  save(object: string, contents: string, contentType: string): Promise<void>;
}
