import { deployedEndpointCosts, undeployEnvironment, type EndpointApi } from '../src';
import { FakeBucket, FakeVertex } from './fake-vertex';

const PROJECT = 'my-lab-project';
const PARENT = `projects/${PROJECT}/locations/us-central1`;
const labelsOf = (env: string, expires = '20261129t0300z') => ({
  'labs-lab': 'automl-vision',
  'labs-env': env,
  'labs-owner': 'alice_example_com',
  'labs-expires-at': expires,
});

/** Endpoints as `labs run` leaves them: alice's deployed on 1 node (two models), bob's on 2, carol's empty, one of another lab. */
async function deployedWorld(): Promise<FakeVertex> {
  const vertex = new FakeVertex(new FakeBucket(), 'unused');
  const endpoint = async (displayName: string, labels: Record<string, string>, nodes: number[]) => {
    const created = await (await vertex.endpoints.createEndpoint({ parent: PARENT, endpoint: { displayName, labels } })).wait();
    for (const [i, n] of nodes.entries()) {
      await (
        await vertex.endpoints.deployModel({
          endpoint: created.name,
          deployedModel: {
            model: `${PARENT}/models/${displayName}-${i}`,
            displayName,
            automaticResources: { minReplicaCount: n, maxReplicaCount: n },
          },
          trafficSplit: { '0': 100 },
        })
      ).wait();
    }
    return created.name;
  };
  await endpoint('clouds-alice', labelsOf('alice'), [1, 1]);
  // renamed by hand: still found by its labels
  await endpoint('my-renamed-endpoint', labelsOf('bob', '20991231t0000z'), [2]);
  await endpoint('clouds-carol', labelsOf('carol'), []);
  await endpoint('clouds-alice', { 'labs-lab': 'other-lab', 'labs-env': 'alice' }, [1]);
  vertex.calls.length = 0;
  return vertex;
}

describe('undeployEnvironment (the teardown hook of labs down and labs reap)', () => {
  it('finds the environment endpoints by labels, undeploys every model, then deletes the endpoint', async () => {
    const vertex = await deployedWorld();
    const [alice] = [...vertex.endpointsByName.values()];
    const ids = alice!.deployedModels.map((d) => d.id);
    expect(ids).toHaveLength(2);
    const outcomes = await undeployEnvironment({ project: PROJECT, env: 'alice' }, vertex);
    expect(vertex.calls.map((c) => c.method)).toEqual(['listEndpoints', 'getEndpoint', 'undeployModel', 'undeployModel', 'deleteEndpoint']);
    expect(vertex.requests('listEndpoints')).toEqual([{ parent: PARENT }]);
    expect(outcomes).toEqual([{ endpoint: alice!.name, undeployed: ids, deleted: true }]);
    expect([...vertex.endpointsByName.values()].map((e) => e.labels?.['labs-env'])).toEqual(['bob', 'carol', 'alice']);
  });

  it('finds an endpoint whatever its display name, and deletes an endpoint with nothing deployed', async () => {
    const vertex = await deployedWorld();
    const bob = [...vertex.endpointsByName.values()].find((e) => e.displayName === 'my-renamed-endpoint')!;
    const bobModel = bob.deployedModels[0]!.id;
    expect(await undeployEnvironment({ project: PROJECT, env: 'bob' }, vertex)).toEqual([
      { endpoint: bob.name, undeployed: [bobModel], deleted: true },
    ]);
    expect(await undeployEnvironment({ project: PROJECT, env: 'carol' }, vertex)).toEqual([
      { endpoint: expect.stringMatching(/endpoints\/\d+$/), undeployed: [], deleted: true },
    ]);
  });

  it('does nothing, and succeeds, for an environment with no endpoint (a second down)', async () => {
    const vertex = await deployedWorld();
    expect(await undeployEnvironment({ project: PROJECT, env: 'dave' }, vertex)).toEqual([]);
    expect(vertex.calls.map((c) => c.method)).toEqual(['listEndpoints']);
  });

  it('fails loudly when Vertex AI refuses, so that the stack is not destroyed over a billing endpoint', async () => {
    const vertex = await deployedWorld();
    const refusing: EndpointApi = {
      ...vertex.endpoints,
      undeployModel: () => Promise.reject(new Error('PERMISSION_DENIED: aiplatform.endpoints.undeploy')),
    };
    await expect(undeployEnvironment({ project: PROJECT, env: 'alice' }, { endpoints: refusing })).rejects.toThrow('PERMISSION_DENIED');
  });
});

describe('deployedEndpointCosts (for labs status)', () => {
  it('lists the lab endpoints holding models with their nodes and cost per hour', async () => {
    const vertex = await deployedWorld();
    const costs = await deployedEndpointCosts(vertex, PROJECT, 1.375);
    expect(costs.map((c) => [c.env, c.nodes, c.usdPerHour])).toEqual([
      ['alice', 2, 2.75],
      ['bob', 2, 2.75],
    ]);
    expect((await deployedEndpointCosts(vertex, PROJECT, 1.375, { env: 'bob' })).map((c) => c.env)).toEqual(['bob']);
  });
});
