import { GCP_CREDENTIALS_ADVICE, LabsError } from '@labs/config';
import { LAB_REGION } from './lab-settings';
import type {
  Endpoint,
  LongRunning,
  ModelEvaluation,
  ModelEvaluationSlice,
  TrainingPipeline,
  VertexClients,
  VertexDataset,
} from './vertex-api';

/** A `@google-cloud/aiplatform` v1 client method: takes a request, resolves to `[response, …]`. */
type GapicCall = (request: Record<string, unknown>) => Promise<readonly unknown[]>;

/** The `@google-cloud/aiplatform` v1 clients the lab uses, by the methods it calls. */
export interface GapicClients {
  readonly datasets: Record<'listDatasets' | 'getDataset' | 'importData', GapicCall>;
  readonly pipelines: Record<'listTrainingPipelines' | 'createTrainingPipeline' | 'getTrainingPipeline', GapicCall>;
  readonly models: Record<'listModelEvaluations' | 'listModelEvaluationSlices', GapicCall>;
  readonly endpoints: Record<
    'listEndpoints' | 'getEndpoint' | 'createEndpoint' | 'deployModel' | 'undeployModel' | 'deleteEndpoint',
    GapicCall
  >;
  readonly predictions: Record<'predict', GapicCall>;
}

/** `google.protobuf.Value` conversion (`helpers` of `@google-cloud/aiplatform`). */
export interface ValueCodec {
  toValue(value: unknown): unknown;
  fromValue(value: unknown): unknown;
}

/** A gapic long-running operation: `[operation]`, `operation.promise()` resolves to `[response, …]`. */
interface GapicOperation {
  readonly name?: string | null;
  promise(): Promise<readonly unknown[]>;
}

async function first<T>(call: Promise<readonly unknown[]>): Promise<T> {
  const [response] = await call;
  return response as T;
}

async function operation<T>(call: Promise<readonly unknown[]>): Promise<LongRunning<T>> {
  const op = await first<GapicOperation>(call);
  return { name: op.name ?? '(unnamed operation)', wait: async () => (await op.promise())[0] as T };
}

/**
 * Adapts the gapic clients to the lab's interfaces: unwraps `[response, …]` tuples and operations, and
 * converts the `google.protobuf.Value` fields (training task inputs, evaluation metrics, prediction
 * instances, parameters and results) to and from plain JSON.
 */
export function vertexClientsOf(gapic: GapicClients, codec: ValueCodec): VertexClients {
  const decodeMetrics = <T extends { metrics?: unknown }>(item: T): T => ({
    ...item,
    metrics: item.metrics ? codec.fromValue(item.metrics) : null,
  });
  return {
    datasets: {
      listDatasets: (request) => first<VertexDataset[]>(gapic.datasets.listDatasets({ ...request })),
      getDataset: (request) => first<VertexDataset>(gapic.datasets.getDataset({ ...request })),
      importData: (request) => operation(gapic.datasets.importData({ ...request })),
    },
    pipelines: {
      listTrainingPipelines: (request) => first<TrainingPipeline[]>(gapic.pipelines.listTrainingPipelines({ ...request })),
      createTrainingPipeline: (request) =>
        first<TrainingPipeline>(
          gapic.pipelines.createTrainingPipeline({
            parent: request.parent,
            trainingPipeline: {
              ...request.trainingPipeline,
              trainingTaskInputs: codec.toValue(request.trainingPipeline.trainingTaskInputs),
            },
          }),
        ),
      getTrainingPipeline: (request) => first<TrainingPipeline>(gapic.pipelines.getTrainingPipeline({ ...request })),
    },
    models: {
      listModelEvaluations: async (request) =>
        (await first<ModelEvaluation[]>(gapic.models.listModelEvaluations({ ...request }))).map(decodeMetrics),
      listModelEvaluationSlices: async (request) =>
        (await first<ModelEvaluationSlice[]>(gapic.models.listModelEvaluationSlices({ ...request }))).map(decodeMetrics),
    },
    endpoints: {
      listEndpoints: (request) => first<Endpoint[]>(gapic.endpoints.listEndpoints({ ...request })),
      getEndpoint: (request) => first<Endpoint>(gapic.endpoints.getEndpoint({ ...request })),
      createEndpoint: (request) => operation<Endpoint>(gapic.endpoints.createEndpoint({ ...request })),
      deployModel: (request) => operation(gapic.endpoints.deployModel({ ...request })),
      undeployModel: (request) => operation(gapic.endpoints.undeployModel({ ...request })),
      deleteEndpoint: (request) => operation(gapic.endpoints.deleteEndpoint({ ...request })),
    },
    predictions: {
      predict: async (request) => {
        const response = await first<{ predictions?: unknown[] | null; deployedModelId?: string | null }>(
          gapic.predictions.predict({
            endpoint: request.endpoint,
            instances: request.instances.map((instance) => codec.toValue(instance)),
            parameters: codec.toValue(request.parameters),
          }),
        );
        return {
          predictions: (response.predictions ?? []).map((p) => codec.fromValue(p)),
          deployedModelId: response.deployedModelId ?? null,
        };
      },
    },
  };
}

/**
 * The real Vertex AI clients of a region with Application Default Credentials (regional endpoint
 * `<region>-aiplatform.googleapis.com`). Loaded on demand so that offline commands never load the SDK.
 * The credentials are looked up first: without them the generated clients fail in a promise nobody can
 * await, which ends the process with a stack trace instead of an error.
 */
export async function connectVertex(region: string = LAB_REGION): Promise<VertexClients> {
  const { GoogleAuth } = await import('google-auth-library');
  try {
    await new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }).getClient();
  } catch (error) {
    throw new LabsError(
      `Vertex AI needs Application Default Credentials: ${(error as Error).message} (${GCP_CREDENTIALS_ADVICE})`,
      3,
    );
  }
  const aiplatform = await import('@google-cloud/aiplatform');
  const options = { apiEndpoint: `${region}-aiplatform.googleapis.com` };
  const gapic = {
    datasets: new aiplatform.v1.DatasetServiceClient(options),
    pipelines: new aiplatform.v1.PipelineServiceClient(options),
    models: new aiplatform.v1.ModelServiceClient(options),
    endpoints: new aiplatform.v1.EndpointServiceClient(options),
    predictions: new aiplatform.v1.PredictionServiceClient(options),
  };
  // The generated clients declare each method with overloads and proto request types; the adapter
  // passes plain objects of those shapes (checked by the adapter's tests).
  return vertexClientsOf(gapic as unknown as GapicClients, aiplatform.helpers as ValueCodec);
}
