import * as pulumi from '@pulumi/pulumi';
import type { ProgramTarget } from './program';

/** One resource of a GCP inventory: its Pulumi type token, name and inputs. */
export interface InventoryEntry {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** The state a mock resource reports back: its inputs plus the computed fields the labs read. */
function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const state: Record<string, unknown> = { ...inputs, name: inputs.name ?? args.name };
  if (args.type === 'gcp:serviceaccount/account:Account') {
    state.email = `${String(inputs.accountId)}@${String(inputs.project ?? 'project')}.iam.gserviceaccount.com`;
  }
  if (args.type === 'gcp:projects/serviceIdentity:ServiceIdentity') {
    state.email = `service-000000000000@gcp-sa-${String(inputs.service).split('.')[0]}.iam.gserviceaccount.com`;
  }
  return state;
}

/**
 * Runs the GCP program for a target under Pulumi's mocks (no engine, no cloud) and returns every
 * resource it declares, component resources included. Pulumi's runtime is process-global: call this
 * once per process.
 */
export async function inventoryOf(target: ProgramTarget): Promise<InventoryEntry[]> {
  const entries: InventoryEntry[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        entries.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: mockState(args) };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
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
