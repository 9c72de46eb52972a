import * as pulumi from '@pulumi/pulumi';
import type { ProgramTarget } from './program';

/** One resource of a GCP inventory: its Pulumi type token, name and inputs. */
export interface InventoryEntry {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** The state a mock resource reports back: its inputs plus the computed fields the labs read. */
export function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const state: Record<string, unknown> = { ...inputs, name: inputs.name ?? args.name };
  if (args.type === 'gcp:serviceaccount/account:Account') {
    state.email = `${String(inputs.accountId)}@${String(inputs.project ?? 'project')}.iam.gserviceaccount.com`;
    state.name = `projects/${String(inputs.project ?? 'project')}/serviceAccounts/${String(state.email)}`;
  }
  // Workload identity pools and providers are named under the project number; custom roles under the project id.
  if (args.type === 'gcp:iam/workloadIdentityPool:WorkloadIdentityPool') {
    state.name = `projects/123456789012/locations/global/workloadIdentityPools/${String(inputs.workloadIdentityPoolId)}`;
  }
  if (args.type === 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider') {
    state.name = `projects/123456789012/locations/global/workloadIdentityPools/${String(inputs.workloadIdentityPoolId)}/providers/${String(inputs.workloadIdentityPoolProviderId)}`;
  }
  if (args.type === 'gcp:projects/iAMCustomRole:IAMCustomRole') {
    state.name = `projects/${String(inputs.project ?? 'project')}/roles/${String(inputs.roleId)}`;
  }
  // Transfer configs are named under the project number, as the API names them.
  if (args.type === 'gcp:bigquery/dataTransferConfig:DataTransferConfig') {
    state.name = `projects/123456789012/locations/${String(inputs.location ?? 'us')}/transferConfigs/${args.name}-id`;
  }
  if (args.type === 'gcp:projects/serviceIdentity:ServiceIdentity') {
    state.email = `service-000000000000@gcp-sa-${String(inputs.service).split('.')[0]}.iam.gserviceaccount.com`;
  }
  return state;
}

/** What a mocked data source returns: its inputs, plus the BigQuery service agent's email. */
export function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  if (args.token === 'gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount') {
    const email = 'bq-123456789012@bigquery-encryption.iam.gserviceaccount.com';
    return { ...inputs, email, member: `serviceAccount:${email}` };
  }
  return inputs;
}

/**
 * Pulumi mocks that record every declared resource into `entries` and answer with {@link mockState} and
 * {@link mockCall}; `adjust` lets a test change the state a resource reports (e.g. a name the API returns).
 */
export function recordingMocks(
  entries: InventoryEntry[],
  adjust?: (args: pulumi.runtime.MockResourceArgs, state: Record<string, unknown>) => void,
): pulumi.runtime.Mocks {
  return {
    newResource: (args) => {
      entries.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
      const state = mockState(args);
      adjust?.(args, state);
      return { id: `${args.name}-id`, state };
    },
    call: (args) => mockCall(args),
  };
}

/**
 * Runs the GCP program for a target under Pulumi's mocks (no engine, no cloud) and returns every
 * resource it declares, component resources included. Pulumi's runtime is process-global: call this
 * once per process.
 */
export async function inventoryOf(target: ProgramTarget): Promise<InventoryEntry[]> {
  const entries: InventoryEntry[] = [];
  await pulumi.runtime.setMocks(
    recordingMocks(entries),
    'labs-gcp',
    target.kind === 'foundation' ? 'labs-foundation' : `labs-${target.environment.lab.id}-${target.environment.name}`,
    false,
  );
  const { defineProgram } = await import('./program');
  const outputs = defineProgram(target);
  await Promise.all(Object.values(outputs).map((output) => new Promise((resolve) => output.apply(resolve))));
  await pulumi.runtime.disconnect();
  return entries;
}
