/**
 * The GCP labs that have a component, without loading Pulumi (the CLI reads this before `labs up`).
 * `LAB_COMPONENTS` in `labs.ts` must have exactly these keys (checked by the type system).
 */
export const GCP_COMPONENT_LABS = ['bqml-classification', 'teradata-migration', 'automl-vision'] as const;

/** A GCP lab id that has a component. */
export type GcpComponentLabId = (typeof GCP_COMPONENT_LABS)[number];

/** Whether a lab id has a GCP component. */
export function hasGcpComponent(labId: string): labId is GcpComponentLabId {
  return (GCP_COMPONENT_LABS as readonly string[]).includes(labId);
}
