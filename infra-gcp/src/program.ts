import * as pulumi from '@pulumi/pulumi';
import { formatAwsExpiry, FOUNDATION_STACK, foundationTags, gcpLabels, LabsError, stackName } from '@labs/config';
import { hasGcpComponent } from './component-labs';
import { LabsFoundation, type LabsFoundationArgs } from './components/labs-foundation';
import type { EnvironmentConfig } from './environment-config';
import { createLabComponent, gcpLabsWithComponents } from './labs';

/** What one run of the GCP program deploys: the foundation, or one lab environment. */
export type ProgramTarget =
  | ({ readonly kind: 'foundation' } & Omit<LabsFoundationArgs, 'labels' | 'stateLocation'>)
  | ({ readonly kind: 'environment' } & EnvironmentConfig);

/** Stack outputs every environment has, read back by `labs status` and `labs reap` from the backend. */
type RecordOutput = 'lab' | 'env' | 'owner' | 'expiresAt' | 'labels';

/**
 * Declares the resources of a target; returns the stack outputs: for an environment its record (lab,
 * env, owner as given, expiry, labels) and every output of its component.
 */
export function defineProgram(target: ProgramTarget, now: Date = new Date()): Record<string, pulumi.Output<unknown>> {
  if (target.kind === 'foundation') {
    const { kind: _kind, ...args } = target;
    const foundation = new LabsFoundation(FOUNDATION_STACK, { ...args, labels: foundationTags() });
    return { ...foundation.outputs, federationGeneration: pulumi.output(target.federationGeneration ?? null) };
  }
  const { kind: _kind, ...config } = target;
  const labId = config.environment.lab.id;
  if (!hasGcpComponent(labId)) {
    throw new LabsError(`lab "${labId}" has no GCP component; GCP labs with components: ${gcpLabsWithComponents().join(', ')}`);
  }
  const component = createLabComponent(labId, stackName(config.environment), config, now);
  const record: Record<RecordOutput, pulumi.Output<unknown>> = {
    lab: pulumi.output(labId),
    env: pulumi.output(config.environment.name),
    owner: pulumi.output(config.owner),
    expiresAt: pulumi.output(formatAwsExpiry(config.expiresAt)),
    labels: pulumi.output(gcpLabels({ environment: config.environment, owner: config.owner, expiresAt: config.expiresAt })),
  };
  const clash = Object.keys(component.outputs).find((key) => key in record);
  if (clash) throw new LabsError(`component output "${clash}" of lab ${labId} clashes with a stack record output`);
  return { ...record, ...component.outputs };
}
