import * as aiplatform from '@google-cloud/aiplatform';
import { trainingPipelineSpec, vertexClientsOf, type GapicClients, type ValueCodec } from '../src';

const codec = aiplatform.helpers as ValueCodec;
const calls: { method: string; request: Record<string, unknown> }[] = [];
const reply =
  (method: string, response: unknown) =>
  async (request: Record<string, unknown>): Promise<readonly unknown[]> => {
    calls.push({ method, request });
    return [response, null, {}];
  };
const operation = (name: string, result: unknown) => ({ name, promise: async () => [result, {}, {}] });

/** Gapic-shaped clients: tuples, operations with `promise()`, `google.protobuf.Value` fields encoded. */
const gapic: GapicClients = {
  datasets: {
    listDatasets: reply('listDatasets', [{ name: 'd/1', displayName: 'clouds-alice', dataItemCount: '60' }]),
    getDataset: reply('getDataset', { name: 'd/1' }),
    importData: reply('importData', operation('op/import', {})),
  },
  pipelines: {
    listTrainingPipelines: reply('listTrainingPipelines', []),
    createTrainingPipeline: reply('createTrainingPipeline', { name: 'p/1', state: 'PIPELINE_STATE_QUEUED' }),
    getTrainingPipeline: reply('getTrainingPipeline', { name: 'p/1' }),
  },
  models: {
    listModelEvaluations: reply('listModelEvaluations', [
      { name: 'e/1', metrics: codec.toValue({ auPrc: 0.9, confidenceMetrics: [{ confidenceThreshold: 0.5 }] }) },
    ]),
    listModelEvaluationSlices: reply('listModelEvaluationSlices', [
      { name: 's/1', slice: { dimension: 'annotationSpec', value: 'cirrus' }, metrics: null },
    ]),
  },
  endpoints: {
    listEndpoints: reply('listEndpoints', []),
    getEndpoint: reply('getEndpoint', { name: 'e/1' }),
    createEndpoint: reply('createEndpoint', operation('op/create', { name: 'endpoints/9' })),
    deployModel: reply('deployModel', operation('op/deploy', {})),
    undeployModel: reply('undeployModel', operation('op/undeploy', {})),
    deleteEndpoint: reply('deleteEndpoint', operation('op/delete', {})),
  },
  predictions: {
    predict: reply('predict', { predictions: [codec.toValue({ displayNames: ['cirrus'], confidences: [0.9] })], deployedModelId: '7' }),
  },
};
const clients = vertexClientsOf(gapic, codec);

describe('the adapter over @google-cloud/aiplatform', () => {
  it('encodes the training task inputs as a protobuf Value and passes the rest as is', async () => {
    const spec = trainingPipelineSpec('alice', 'projects/p/locations/us-central1/datasets/42', { 'labs-env': 'alice' });
    await clients.pipelines.createTrainingPipeline({ parent: 'projects/p/locations/us-central1', trainingPipeline: spec });
    const request = calls.find((c) => c.method === 'createTrainingPipeline')!.request as { trainingPipeline: Record<string, unknown> };
    expect(request.trainingPipeline.trainingTaskInputs).toEqual({
      kind: 'structValue',
      structValue: {
        fields: {
          multiLabel: { kind: 'boolValue', boolValue: false },
          modelType: { kind: 'stringValue', stringValue: 'CLOUD' },
          budgetMilliNodeHours: { kind: 'numberValue', numberValue: 8000 },
          disableEarlyStopping: { kind: 'boolValue', boolValue: false },
        },
      },
    });
    expect(request.trainingPipeline.inputDataConfig).toEqual(spec.inputDataConfig);
  });

  it('encodes prediction instances and parameters, decodes the predictions', async () => {
    const response = await clients.predictions.predict({
      endpoint: 'e/1',
      instances: [{ content: 'AAAA' }],
      parameters: { maxPredictions: 5 },
    });
    const request = calls.find((c) => c.method === 'predict')!.request as { instances: unknown[]; parameters: unknown };
    expect(request.instances).toEqual([codec.toValue({ content: 'AAAA' })]);
    expect(request.parameters).toEqual(codec.toValue({ maxPredictions: 5 }));
    expect(response).toEqual({ predictions: [{ displayNames: ['cirrus'], confidences: [0.9] }], deployedModelId: '7' });
  });

  it('decodes evaluation metrics, unwraps lists and waits on operations', async () => {
    expect(await clients.models.listModelEvaluations({ parent: 'm/1' })).toEqual([
      { name: 'e/1', metrics: { auPrc: 0.9, confidenceMetrics: [{ confidenceThreshold: 0.5 }] } },
    ]);
    expect((await clients.datasets.listDatasets({ parent: 'x' }))[0]?.dataItemCount).toBe('60');
    const created = await clients.endpoints.createEndpoint({ parent: 'x', endpoint: { displayName: 'clouds-alice', labels: {} } });
    expect(created.name).toBe('op/create');
    expect(await created.wait()).toEqual({ name: 'endpoints/9' });
  });

  it('calls only methods the real v1 clients have', () => {
    const real: Record<keyof GapicClients, object> = {
      datasets: aiplatform.v1.DatasetServiceClient.prototype,
      pipelines: aiplatform.v1.PipelineServiceClient.prototype,
      models: aiplatform.v1.ModelServiceClient.prototype,
      endpoints: aiplatform.v1.EndpointServiceClient.prototype,
      predictions: aiplatform.v1.PredictionServiceClient.prototype,
    };
    for (const [service, methods] of Object.entries(gapic) as [keyof GapicClients, object][]) {
      for (const method of Object.keys(methods))
        expect([service, method, typeof (real[service] as Record<string, unknown>)[method]]).toEqual([service, method, 'function']);
    }
  });
});
