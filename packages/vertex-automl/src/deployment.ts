import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { LabsError } from '@labs/config';
import { displayNameFor, MAX_PREDICTION_IMAGE_BYTES } from './lab-settings';
import { displayNameFilter, ownResource, parentOf, type LabEvent, type LabTarget } from './lab-target';
import { undeployModels } from './teardown';
import type { DeployModelRequest, Endpoint, EndpointApi, Labels, PredictionApi } from './vertex-api';

/** The environment's endpoint, found by display name and labels, or undefined. */
export async function findEndpoint(endpoints: EndpointApi, target: LabTarget): Promise<Endpoint | undefined> {
  const found = await endpoints.listEndpoints({ parent: parentOf(target), filter: displayNameFilter(target.env) });
  return ownResource(found, target.env, 'endpoint');
}

/** Whether the model is deployed on the endpoint. */
export function isDeployed(endpoint: Endpoint | undefined, model: string): boolean {
  return (endpoint?.deployedModels ?? []).some((deployed) => deployed.model === model);
}

/** Checks a node count: 1 to 10 (Vertex AI's default quota of nodes for deployed AutoML models). */
export function validateNodes(nodes: number): number {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 10) throw new LabsError(`invalid node count ${nodes}: use an integer from 1 to 10`);
  return nodes;
}

/** The deployment of a model on `nodes` nodes (AutoML image models take automatic resources), all traffic to it. */
export function deployModelRequest(endpoint: string, model: string, env: string, nodes = 1): DeployModelRequest {
  validateNodes(nodes);
  return {
    endpoint,
    deployedModel: { model, displayName: displayNameFor(env), automaticResources: { minReplicaCount: nodes, maxReplicaCount: nodes } },
    trafficSplit: { '0': 100 },
  };
}

/** What a deployment did. */
export interface DeployOutcome {
  readonly endpoint: string;
  readonly skipped: boolean;
  /** Ids of models deployed before (earlier trainings) that were undeployed once the new one took the traffic. */
  readonly replaced: readonly string[];
}

/**
 * Deploys the model to the environment's endpoint (created with the environment's labels when absent)
 * and waits; models of earlier trainings on that endpoint are then undeployed, so that only one model
 * holds nodes. Skipped when the model is already deployed there.
 */
export async function deployModel(
  endpoints: EndpointApi,
  target: LabTarget,
  model: string,
  labels: Labels,
  options: { readonly nodes?: number; readonly onEvent?: (event: LabEvent) => void } = {},
): Promise<DeployOutcome> {
  let endpoint = await findEndpoint(endpoints, target);
  if (endpoint && isDeployed(endpoint, model)) return { endpoint: endpoint.name, skipped: true, replaced: [] };
  if (!endpoint) {
    const created = await endpoints.createEndpoint({
      parent: parentOf(target),
      endpoint: { displayName: displayNameFor(target.env), labels },
    });
    options.onEvent?.({ type: 'operation', step: 'deploy', operation: created.name });
    endpoint = await created.wait();
  }
  const operation = await endpoints.deployModel(deployModelRequest(endpoint.name, model, target.env, options.nodes));
  options.onEvent?.({ type: 'operation', step: 'deploy', operation: operation.name });
  await operation.wait();
  const after = await endpoints.getEndpoint({ name: endpoint.name });
  const earlier = (after.deployedModels ?? []).filter((deployed) => deployed.model !== model);
  const replaced = await undeployModels(endpoints, after, earlier, options.onEvent);
  return { endpoint: endpoint.name, skipped: false, replaced };
}

/** Image formats an online prediction accepts, by file extension. */
export const PREDICTION_IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.gif', '.png', '.webp', '.bmp', '.tif', '.tiff', '.ico'];

/** One image's prediction. */
export interface Prediction {
  readonly file: string;
  /** The most confident label. */
  readonly label: string;
  readonly confidence: number;
  /** Every label returned, most confident first. */
  readonly scores: readonly { readonly label: string; readonly confidence: number }[];
}

/** Reads an image for online prediction, refusing a missing file, a format Vertex AI does not predict on, or one over 1.5 MB. */
export function readPredictionImage(file: string): Buffer {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (error) {
    throw new LabsError(`cannot read image "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!PREDICTION_IMAGE_EXTENSIONS.includes(extname(file).toLowerCase())) {
    throw new LabsError(`cannot predict "${file}": not one of ${PREDICTION_IMAGE_EXTENSIONS.join(', ')}`);
  }
  if (bytes > MAX_PREDICTION_IMAGE_BYTES) {
    throw new LabsError(`cannot predict "${file}": ${bytes} bytes, over the 1.5 MB limit of online prediction; resize it`);
  }
  return readFileSync(file);
}

/** Reads `classification_1.0.0.yaml` predictions (`displayNames`, `confidences`) into scores. */
export function scoresOf(prediction: unknown): { label: string; confidence: number }[] {
  const value = (prediction ?? {}) as { displayNames?: unknown; confidences?: unknown };
  const names = Array.isArray(value.displayNames) ? value.displayNames.map(String) : [];
  const confidences = Array.isArray(value.confidences) ? value.confidences.map(Number) : [];
  return names.map((label, i) => ({ label, confidence: confidences[i] ?? 0 })).sort((a, b) => b.confidence - a.confidence);
}

/**
 * Predicts the label of local image files on the environment's endpoint, one request per image (online
 * prediction takes images up to 1.5 MB). Every file is checked before the first request.
 */
export async function predictImages(
  predictions: PredictionApi,
  endpoint: string,
  files: readonly string[],
  options: { readonly maxPredictions?: number } = {},
): Promise<Prediction[]> {
  const images = files.map((file) => ({ file, content: readPredictionImage(file).toString('base64') }));
  const results: Prediction[] = [];
  for (const image of images) {
    const response = await predictions.predict({
      endpoint,
      instances: [{ content: image.content }],
      parameters: { confidenceThreshold: 0, maxPredictions: options.maxPredictions ?? 5 },
    });
    const scores = scoresOf(response.predictions[0]);
    const top = scores[0];
    if (!top) throw new LabsError(`endpoint ${endpoint} returned no label for "${image.file}"`, 1);
    results.push({ file: image.file, label: top.label, confidence: top.confidence, scores });
  }
  return results;
}
