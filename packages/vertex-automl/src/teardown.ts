import { TAG_KEYS } from '@labs/config';
import { LAB_ID, LAB_REGION, locationPath } from './lab-settings';
import { isOfEnvironment, type LabEvent, type LabTarget } from './lab-target';
import type { DeployedModel, Endpoint, EndpointApi } from './vertex-api';

/** Nodes a deployed model holds while deployed (its minimum replica count, at least 1). */
export function nodesOf(deployed: DeployedModel): number {
  const resources = deployed.automaticResources ?? deployed.dedicatedResources;
  return Math.max(1, Number(resources?.minReplicaCount ?? 1));
}

/** What undeploying one endpoint did. */
export interface UndeployOutcome {
  readonly endpoint: string;
  /** Ids of the deployed models removed. */
  readonly undeployed: readonly string[];
  readonly deleted: boolean;
}

/**
 * The undeploy request of one model: Vertex AI undeploys a model only once no traffic goes to it, so
 * while other models stay, all traffic moves to the first of them.
 */
export function undeployRequest(endpoint: string, deployedModelId: string, staying: readonly DeployedModel[]) {
  const [next] = staying;
  return { endpoint, deployedModelId, ...(next ? { trafficSplit: { [next.id]: 100 } } : {}) };
}

/** Undeploys the given models of an endpoint one by one, waiting on each operation; returns their ids. */
export async function undeployModels(
  endpoints: EndpointApi,
  endpoint: Endpoint,
  models: readonly DeployedModel[],
  onEvent?: (event: LabEvent) => void,
): Promise<string[]> {
  let remaining = [...(endpoint.deployedModels ?? [])];
  const undeployed: string[] = [];
  for (const model of models) {
    remaining = remaining.filter((deployed) => deployed.id !== model.id);
    const operation = await endpoints.undeployModel(undeployRequest(endpoint.name, model.id, remaining));
    onEvent?.({ type: 'operation', step: 'undeploy', operation: operation.name });
    await operation.wait();
    undeployed.push(model.id);
  }
  return undeployed;
}

/** Undeploys every model of an endpoint, then deletes it, waiting on each operation. */
export async function undeployEndpoint(
  endpoints: EndpointApi,
  endpoint: Endpoint,
  onEvent?: (event: LabEvent) => void,
): Promise<UndeployOutcome> {
  const current = await endpoints.getEndpoint({ name: endpoint.name });
  const undeployed = await undeployModels(endpoints, current, current.deployedModels ?? [], onEvent);
  const operation = await endpoints.deleteEndpoint({ name: current.name });
  onEvent?.({ type: 'operation', step: 'undeploy', operation: operation.name });
  await operation.wait();
  return { endpoint: current.name, undeployed, deleted: true };
}

/** The endpoints of this lab in a project region, optionally of one environment, found by their labels. */
export async function labEndpoints(
  endpoints: EndpointApi,
  project: string,
  region: string = LAB_REGION,
  env?: string,
): Promise<Endpoint[]> {
  const found = await endpoints.listEndpoints({ parent: locationPath(project, region) });
  return found.filter((endpoint) =>
    env === undefined ? endpoint.labels?.[TAG_KEYS.lab] === LAB_ID : isOfEnvironment(endpoint.labels, env),
  );
}

/**
 * The teardown hook of the lab: finds the environment's endpoints by their labels (whatever their
 * display name), undeploys every model and deletes them. `labs down` and `labs reap` run it before
 * destroying the stack, so that no endpoint keeps billing after its environment is gone; with nothing
 * deployed it does nothing.
 */
export async function undeployEnvironment(
  target: LabTarget,
  clients: { readonly endpoints: EndpointApi },
  onEvent?: (event: LabEvent) => void,
): Promise<UndeployOutcome[]> {
  const outcomes: UndeployOutcome[] = [];
  for (const endpoint of await labEndpoints(clients.endpoints, target.project, target.region, target.env)) {
    outcomes.push(await undeployEndpoint(clients.endpoints, endpoint, onEvent));
  }
  return outcomes;
}

/** A deployed endpoint and what it costs while it stays deployed. */
export interface DeployedEndpointCost {
  readonly endpoint: string;
  /** The `labs-env` label. */
  readonly env: string;
  readonly nodes: number;
  readonly usdPerHour: number;
}

/**
 * The lab's endpoints that hold deployed models, with their node count and cost per hour at
 * `usdPerNodeHour` (the price table's `vertexEndpointNodeHour`), for `labs status`. An endpoint with no
 * deployed model costs nothing and is left out.
 */
export async function deployedEndpointCosts(
  clients: { readonly endpoints: EndpointApi },
  project: string,
  usdPerNodeHour: number,
  options: { readonly region?: string; readonly env?: string } = {},
): Promise<DeployedEndpointCost[]> {
  const endpoints = await labEndpoints(clients.endpoints, project, options.region, options.env);
  return endpoints
    .map((endpoint) => {
      const nodes = (endpoint.deployedModels ?? []).reduce((sum, deployed) => sum + nodesOf(deployed), 0);
      return { endpoint: endpoint.name, env: endpoint.labels?.[TAG_KEYS.env] ?? '', nodes, usdPerHour: nodes * usdPerNodeHour };
    })
    .filter((entry) => entry.nodes > 0);
}
