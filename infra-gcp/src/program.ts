import * as pulumi from '@pulumi/pulumi';
import { FOUNDATION_STACK, foundationTags, gcpLabels, getLab, LabsError, stackName, type Environment } from '@labs/config';
import { LabsFoundation } from './components/labs-foundation';
import { gcpLabsWithComponents, LAB_COMPONENTS } from './labs';

/** What one run of the GCP program deploys: the foundation, or one lab environment. */
export type ProgramTarget =
  | { readonly kind: 'foundation'; readonly project: string; readonly awsAccountId?: string }
  | {
      readonly kind: 'environment';
      readonly project: string;
      readonly region: string;
      readonly zone: string;
      readonly environment: Environment;
      readonly owner: string;
      readonly expiresAt: Date;
      readonly kmsKeyName?: string;
    };

/** Declares the resources of a target; returns the stack outputs. */
export function defineProgram(target: ProgramTarget, now: Date = new Date()): Record<string, pulumi.Output<unknown>> {
  if (target.kind === 'foundation') {
    const foundation = new LabsFoundation(FOUNDATION_STACK, {
      project: target.project,
      labels: foundationTags(),
      awsAccountId: target.awsAccountId,
    });
    return { stateBucketName: foundation.stateBucketName };
  }
  const lab = getLab(target.environment.lab.id);
  const factory = LAB_COMPONENTS[lab.id];
  if (!factory) {
    throw new LabsError(`lab "${lab.id}" has no GCP component; GCP labs with components: ${gcpLabsWithComponents().join(', ') || 'none'}`);
  }
  const labels = gcpLabels({ environment: target.environment, owner: target.owner, expiresAt: target.expiresAt });
  const component = factory(stackName(target.environment), {
    project: target.project,
    region: target.region,
    zone: target.zone,
    environment: target.environment,
    envName: target.environment.name,
    labels,
    expiresAt: target.expiresAt,
    defaultTableExpirationMs: Math.max(3_600_000, target.expiresAt.getTime() - now.getTime()),
    ephemeral: true,
    kmsKeyName: target.kmsKeyName,
  });
  return {
    labels: pulumi.output(labels),
    expiresAt: pulumi.output(target.expiresAt.toISOString()),
    component: pulumi.output(component.urn),
  };
}
