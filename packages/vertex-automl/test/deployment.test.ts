import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployModel, predictImages, scoresOf, undeployEnvironment } from '../src';
import { FakeBucket, FakeVertex } from './fake-vertex';
import { imageFolder } from './images';

const PROJECT = 'my-lab-project';
const PARENT = `projects/${PROJECT}/locations/us-central1`;
const LABELS = { 'labs-lab': 'automl-vision', 'labs-env': 'alice', 'labs-owner': 'alice_example_com', 'labs-expires-at': '20261129t0300z' };
const target = { project: PROJECT, env: 'alice' };

describe('deployment', () => {
  it('a retrained model takes the traffic, then the earlier model is undeployed so only one holds nodes', async () => {
    const vertex = new FakeVertex(new FakeBucket(), 'unused');
    const first = await deployModel(vertex.endpoints, target, `${PARENT}/models/1`, LABELS);
    const [endpoint] = [...vertex.endpointsByName.values()];
    const earlierId = endpoint!.deployedModels[0]!.id;
    const second = await deployModel(vertex.endpoints, target, `${PARENT}/models/2`, LABELS);
    expect(first).toEqual({ endpoint: endpoint!.name, skipped: false, replaced: [] });
    expect(second).toEqual({ endpoint: endpoint!.name, skipped: false, replaced: [earlierId] });
    expect(vertex.requests('createEndpoint')).toHaveLength(1);
    const now = vertex.endpointsByName.get(endpoint!.name)!;
    expect(now.deployedModels.map((d) => d.model)).toEqual([`${PARENT}/models/2`]);
    expect(now.trafficSplit).toEqual({ [now.deployedModels[0]!.id]: 100 });
    expect(vertex.requests('undeployModel')).toEqual([
      { endpoint: endpoint!.name, deployedModelId: earlierId, trafficSplit: { [now.deployedModels[0]!.id]: 100 } },
    ]);
    expect(await deployModel(vertex.endpoints, target, `${PARENT}/models/2`, LABELS)).toEqual({
      endpoint: endpoint!.name,
      skipped: true,
      replaced: [],
    });
  });

  it('teardown moves traffic off each model before undeploying it, as Vertex AI requires', async () => {
    const vertex = new FakeVertex(new FakeBucket(), 'unused');
    const endpoint = await (
      await vertex.endpoints.createEndpoint({ parent: PARENT, endpoint: { displayName: 'clouds-alice', labels: LABELS } })
    ).wait();
    const deploy = (model: string, trafficSplit: Record<string, number>) =>
      vertex.endpoints
        .deployModel({
          endpoint: endpoint.name,
          deployedModel: { model, displayName: 'x', automaticResources: { minReplicaCount: 1, maxReplicaCount: 1 } },
          trafficSplit,
        })
        .then((op) => op.wait());
    await deploy('m/a', { '0': 100 });
    const a = vertex.endpointsByName.get(endpoint.name)!.deployedModels[0]!.id;
    await deploy('m/b', { '0': 50, [a]: 50 });
    const b = vertex.endpointsByName.get(endpoint.name)!.deployedModels[1]!.id;
    // without moving the traffic, the service refuses
    await expect(vertex.endpoints.undeployModel({ endpoint: endpoint.name, deployedModelId: a })).rejects.toThrow('FAILED_PRECONDITION');
    vertex.calls.length = 0;
    expect(await undeployEnvironment(target, vertex)).toEqual([{ endpoint: endpoint.name, undeployed: [a, b], deleted: true }]);
    expect(vertex.requests('undeployModel')).toEqual([
      { endpoint: endpoint.name, deployedModelId: a, trafficSplit: { [b]: 100 } },
      { endpoint: endpoint.name, deployedModelId: b },
    ]);
  });
});

describe('prediction', () => {
  it('checks every file before the first request: format and the 1.5 MB limit', async () => {
    const vertex = new FakeVertex(new FakeBucket(), 'unused');
    const dir = imageFolder({ cirrus: 1 });
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'x');
    await expect(predictImages(vertex.predictions, 'e/1', [join(dir, 'cirrus', 'cirrus-0.png'), text])).rejects.toThrow(
      `cannot predict "${text}": not one of .jpg, .jpeg, .gif, .png, .webp, .bmp, .tif, .tiff, .ico`,
    );
    expect(vertex.requests('predict')).toEqual([]);
  });

  it('reads labels and confidences, most confident first', () => {
    expect(scoresOf({ ids: ['1', '2'], displayNames: ['cirrus', 'cumulus'], confidences: [0.2, 0.7] })).toEqual([
      { label: 'cumulus', confidence: 0.7 },
      { label: 'cirrus', confidence: 0.2 },
    ]);
    expect(scoresOf(undefined)).toEqual([]);
  });
});
