import { LabsError } from '@labs/config';

/** The sinks an environment can ask for (`labs up kinesis-data --sink <name>`, `-c sink=<name>`). */
export const SINKS = ['bigquery'] as const;

/** A sink's name. */
export type SinkName = (typeof SINKS)[number];

/** The lab whose stream a sink reads. */
export const SINK_LAB = 'kinesis-data';

/** The stack output naming an environment's sink: `labs extend` re-deploys an environment with the sink it has. */
export const SINK_OUTPUT = 'Sink';

/**
 * Where the BigQuery sink writes and as whom: the GCP foundation's federation outputs (nothing secret)
 * and the sensor table.
 */
export interface BigQuerySinkTarget {
  /** The workload identity provider's full name (the GCP foundation's `awsProviderName` output). */
  readonly providerName: string;
  /** The service account the sink impersonates (the GCP foundation's `sensorSinkServiceAccountEmail` output). */
  readonly serviceAccountEmail: string;
  /** The GCP project of the table. */
  readonly project: string;
  /** The dataset. */
  readonly dataset: string;
  /** The table. */
  readonly table: string;
}

/** The CDK context key of each setting (`-c sink=bigquery -c sinkProvider=…`). */
const CONTEXT_KEYS = {
  providerName: 'sinkProvider',
  serviceAccountEmail: 'sinkServiceAccount',
  project: 'sinkProject',
  dataset: 'sinkDataset',
  table: 'sinkTable',
} as const satisfies Record<keyof BigQuerySinkTarget, string>;

/** Checks a requested sink: a known name, on the lab that has a stream to read. */
export function parseSink(lab: string, sink: string): SinkName {
  if (!(SINKS as readonly string[]).includes(sink)) throw new LabsError(`unknown sink "${sink}": the only sink is ${SINKS.join(', ')}`);
  if (lab !== SINK_LAB) throw new LabsError(`lab "${lab}" has no sink: --sink ${sink} is for ${SINK_LAB} (it reads the lab's stream)`);
  return sink as SinkName;
}

/** The `cdk` context flags of a BigQuery sink. */
export function sinkContextArgs(target: BigQuerySinkTarget): string[] {
  return [
    '-c',
    'sink=bigquery',
    ...Object.entries(CONTEXT_KEYS).flatMap(([field, key]) => ['-c', `${key}=${target[field as keyof BigQuerySinkTarget]}`]),
  ];
}

/** The BigQuery sink the context asks for (`-c sink=bigquery` and every setting), or undefined without `sink`. */
export function sinkFromContext(lab: string, read: (key: string) => string | undefined): BigQuerySinkTarget | undefined {
  const sink = read('sink');
  if (sink === undefined) return undefined;
  parseSink(lab, sink);
  const missing = Object.values(CONTEXT_KEYS).filter((key) => !read(key));
  if (missing.length) {
    throw new LabsError(`-c sink=${sink} needs ${missing.map((key) => `-c ${key}=…`).join(' ')} (labs up --sink passes them)`);
  }
  return Object.fromEntries(Object.entries(CONTEXT_KEYS).map(([field, key]) => [field, read(key)])) as unknown as BigQuerySinkTarget;
}
