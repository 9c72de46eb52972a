import type * as pulumi from '@pulumi/pulumi';
import { gcpLabels, type LabId } from '@labs/config';
import { GCP_COMPONENT_LABS, type GcpComponentLabId } from './component-labs';
import { AutomlVision, type AutomlVisionArgs } from './components/automl-vision';
import { BqmlClassification, type BqmlClassificationArgs } from './components/bqml-classification';
import { TeradataMigration, type TeradataMigrationArgs } from './components/teradata-migration';
import { ownerMember, type EnvironmentConfig } from './environment-config';
import type { PolicyAcknowledgement } from './policy';

/** A lab component: a Pulumi component whose `outputs` become stack outputs. */
export interface LabComponent {
  readonly urn: pulumi.Output<string>;
  readonly outputs: Record<string, pulumi.Output<unknown>>;
}

/** `R` with every key that `T` lacks turned into `never`: returning an unknown key fails to compile. */
type Exact<T, R> = R & Record<Exclude<keyof R, keyof T>, never>;

/**
 * How the program builds one lab's component: `args` maps the validated stack config to the component's
 * own args type, and `create` declares the component. There is no shared argument bag: a value handed
 * to a component that its args type does not have is a type error, so no option is silently dropped.
 */
export interface LabComponentDefinition<TArgs> {
  readonly args: (config: EnvironmentConfig, now: Date) => TArgs;
  readonly create: (name: string, args: TArgs) => LabComponent;
}

/** Defines a lab's component with its args mapping, checked exactly against the component's args type. */
export function defineLab<TArgs>() {
  return <R extends TArgs>(definition: {
    readonly args: (config: EnvironmentConfig, now: Date) => Exact<TArgs, R>;
    readonly create: (name: string, args: TArgs) => LabComponent;
  }): LabComponentDefinition<TArgs> => definition;
}

/** Milliseconds until expiry, at least an hour: a dataset's default table expiration. */
function millisUntil(expiresAt: Date, now: Date): number {
  return Math.max(3_600_000, expiresAt.getTime() - now.getTime());
}

/** The GCP labs that have a component, by lab id. */
export const LAB_COMPONENTS = {
  'bqml-classification': defineLab<BqmlClassificationArgs>()({
    args: (config, now) => ({
      project: config.project,
      envName: config.environment.name,
      labels: gcpLabels({ environment: config.environment, owner: config.owner, expiresAt: config.expiresAt }),
      defaultTableExpirationMs: millisUntil(config.expiresAt, now),
      ephemeral: true,
      kmsKeyName: config.kmsKeyName,
      impersonators: [ownerMember(config.owner)].filter((member): member is string => member !== undefined),
    }),
    create: (name, args) => new BqmlClassification(name, args),
  }),
  'teradata-migration': defineLab<TeradataMigrationArgs>()({
    args: (config, now) => ({
      project: config.project,
      region: config.region,
      zone: config.zone,
      envName: config.environment.name,
      labels: gcpLabels({ environment: config.environment, owner: config.owner, expiresAt: config.expiresAt }),
      ttlMs: millisUntil(config.expiresAt, now),
      ephemeral: true,
    }),
    create: (name, args) => new TeradataMigration(name, args),
  }),
  'automl-vision': defineLab<AutomlVisionArgs>()({
    args: (config, now) => ({
      project: config.project,
      envName: config.environment.name,
      labels: gcpLabels({ environment: config.environment, owner: config.owner, expiresAt: config.expiresAt }),
      ttlMs: millisUntil(config.expiresAt, now),
      ephemeral: true,
      owner: ownerMember(config.owner),
    }),
    create: (name, args) => new AutomlVision(name, args),
  }),
} satisfies Record<GcpComponentLabId, unknown>; // and no other key: `satisfies` rejects excess properties

/** Policy findings a lab accepts, each with its reason. */
export const POLICY_ACKNOWLEDGEMENTS: Partial<Record<LabId, readonly PolicyAcknowledgement[]>> = {};

/** The GCP labs that have a component. */
export function gcpLabsWithComponents(): string[] {
  return [...GCP_COMPONENT_LABS];
}

/** Declares the component of one environment through its lab's definition. */
export function createLabComponent(labId: GcpComponentLabId, name: string, config: EnvironmentConfig, now: Date): LabComponent {
  const definition = LAB_COMPONENTS[labId] as unknown as LabComponentDefinition<unknown>;
  return definition.create(name, definition.args(config, now));
}
