import type * as pulumi from '@pulumi/pulumi';
import type { LabId } from '@labs/config';
import { AutomlVision } from './components/automl-vision';
import { BqmlClassification } from './components/bqml-classification';
import type { LabComponentArgs } from './lab-args';
import type { PolicyAcknowledgement } from './policy';

/** Creates the component of one GCP lab environment; its outputs become the stack outputs. */
export type LabComponentFactory = (name: string, args: LabComponentArgs) => pulumi.ComponentResource;

/** The GCP labs that have a component, by lab id. */
export const LAB_COMPONENTS: Partial<Record<LabId, LabComponentFactory>> = {
  'bqml-classification': (name, args) => new BqmlClassification(name, args),
  'automl-vision': (name, args) =>
    new AutomlVision(name, {
      project: args.project,
      envName: args.envName,
      labels: args.labels,
      ttlMs: args.defaultTableExpirationMs,
      ephemeral: args.ephemeral,
    }),
};

/** Policy findings a lab accepts, each with its reason. */
export const POLICY_ACKNOWLEDGEMENTS: Partial<Record<LabId, readonly PolicyAcknowledgement[]>> = {};

/** The GCP labs that have a component. */
export function gcpLabsWithComponents(): string[] {
  return Object.keys(LAB_COMPONENTS);
}
