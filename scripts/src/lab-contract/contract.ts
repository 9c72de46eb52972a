import type { Cloud, CostLine, Environment, LabId, PriceTable, ProjectConfig } from '@labs/config';
import type { Benchmark } from '../bench';

/** A piece a lab does not have, with the reason (an issue that will add it, or why it never will). */
export interface Missing {
  /** Why the piece is absent, e.g. `the environment is issue #12`. */
  readonly missing: string;
}

/** A lab piece, or its declared absence. */
export type Piece<T> = T | Missing;

/** Whether a piece is declared absent. */
export function isMissing<T extends object>(piece: Piece<T>): piece is Missing {
  return 'missing' in piece;
}

/** The infrastructure of a lab: the CDK stack (AWS) or the Pulumi component (GCP) one environment deploys. */
export interface LabInfrastructure {
  /** `cdk` for a stack in `infra-aws/src/stacks/`, `pulumi` for a component in `infra-gcp/src/components/`. */
  readonly tool: 'cdk' | 'pulumi';
  /** The class's name. */
  readonly name: string;
  /** Loads the class (lazily: `labs list` loads neither the CDK nor Pulumi). */
  readonly load: () => Promise<abstract new (...args: never[]) => object>;
}

/** A runtime entry point: a file in `packages/` that the stack bundles with esbuild and deploys. */
export interface RuntimeEntry {
  /** What runs it, e.g. `EC2 service AnalyticsEngine` or `Lambda shard scaler`. */
  readonly role: string;
  /** Path from the repository root, e.g. `packages/sensor-producer/src/ec2-main.ts`. */
  readonly file: string;
  /** The export the platform calls (`handler` for a Lambda); absent for a program run as a service. */
  readonly export?: string;
}

/** `labs run <lab> …` or `labs local <lab> …`: parses its own arguments and resolves to the exit code. */
export type LabEntry = (argv: readonly string[]) => Promise<number>;

/**
 * The benchmarks of a lab, each by a part name that is also its alias (`labs bench producer`).
 * `labs bench <lab>` runs every part: one part prints its figures, several print `{ <part>: figures }`.
 */
export type LabBench = Readonly<Record<string, () => Promise<Benchmark>>>;

/** What a teardown hook receives. */
export interface TeardownContext {
  readonly environment: Environment;
  readonly config: ProjectConfig;
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
}

/** Something that must happen before a lab's stack is destroyed (e.g. undeploying a model from an endpoint). */
export interface TeardownHook {
  /** One line: what the hook does. */
  readonly description: string;
  /** Does it; throws to stop the destroy. */
  readonly run: (context: TeardownContext) => Promise<void>;
}

/** The kinds of runtime whose identity a synthesized stack or inventory declares (see `labs identity`). */
export type RuntimeKind = 'ec2' | 'lambda' | 'gcp-service-account';

/**
 * Who will be able to do what once an environment is up: shown with the cost before consent. A runtime's
 * grant lists the exact permissions its role or service account gets; a test holds them to the synthesized
 * stack, so the consent text cannot drift from what is deployed. `<env>` and `<project>` stand for the
 * environment name and the GCP project.
 */
export interface AccessGrant {
  /** Who, e.g. `EC2 AnalyticsEngine (instance role)` or `you (the owner)`. */
  readonly who: string;
  /** What it may do, in words. */
  readonly can: string;
  /** For a runtime: its kind and its exact permissions (AWS actions, GCP roles with their target). */
  readonly runtime?: { readonly kind: RuntimeKind; readonly permissions: readonly string[] };
  /** Only in environments deployed with this `labs up` option, e.g. `--sink bigquery`. */
  readonly onlyWith?: string;
}

/** Everything that makes up one lab; `LAB_CONTRACTS` holds one per lab id. */
export interface LabContract {
  readonly id: LabId;
  readonly cloud: Cloud;
  /** The stack or component one environment deploys. */
  readonly infrastructure: Piece<LabInfrastructure>;
  /** The bundled runtime files the stack deploys. */
  readonly runtimeEntries: Piece<readonly RuntimeEntry[]>;
  /** `labs run <lab>`: the lab against a deployed environment (loaded lazily). */
  readonly run: Piece<{ readonly load: () => Promise<LabEntry> }>;
  /** `labs local <lab>`: the lab offline on local stand-ins (loaded lazily). */
  readonly local: Piece<{ readonly load: () => Promise<LabEntry> }>;
  /** `labs bench <lab>` and its part aliases. */
  readonly bench: Piece<LabBench>;
  /** Rough hourly cost of one idle environment, item by item (shown before consent). */
  readonly cost: (prices: PriceTable) => CostLine[];
  /** What must happen before the stack is destroyed, in order. */
  readonly teardown: Piece<readonly TeardownHook[]>;
  /** Who will be able to do what in one environment (every lab has at least its owner). */
  readonly access: readonly AccessGrant[];
}
