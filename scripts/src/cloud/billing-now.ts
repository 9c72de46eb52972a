import type { DeployedEndpointCost } from '@labs/vertex-automl';

/** What an environment bills by the hour beyond its stack: the AutoML lab's deployed endpoints. */
export interface RunningCost {
  /** Deployed endpoints and what they cost per hour (USD), while deployed. */
  readonly deployedEndpoints: { readonly endpoint: string; readonly nodes: number; readonly usdPerHour: number }[];
  readonly usdPerHour: number;
}

/** The running costs of the environments of a lab, by environment name, from its deployed endpoints. */
export function runningCostsByEnv(endpoints: readonly DeployedEndpointCost[]): Map<string, RunningCost> {
  const byEnv = new Map<string, RunningCost>();
  for (const { env, endpoint, nodes, usdPerHour } of endpoints) {
    const current = byEnv.get(env) ?? { deployedEndpoints: [], usdPerHour: 0 };
    byEnv.set(env, {
      deployedEndpoints: [...current.deployedEndpoints, { endpoint, nodes, usdPerHour }],
      usdPerHour: Math.round((current.usdPerHour + usdPerHour) * 1e6) / 1e6,
    });
  }
  return byEnv;
}
