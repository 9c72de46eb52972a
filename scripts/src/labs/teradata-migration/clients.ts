/** A Compute Engine instance. */
export interface InstanceRef {
  readonly project: string;
  readonly zone: string;
  readonly name: string;
}

/** Reads an instance's guest attributes (what the source VM reports). */
export interface GuestAttributesClient {
  /** The attributes of one namespace, by key; null when the instance does not exist. */
  read(instance: InstanceRef, namespace: string): Promise<Record<string, string> | null>;
}

/** Cloud Storage objects as text. */
export interface ObjectStoreClient {
  /** The object's text, or null when it does not exist. */
  read(bucket: string, object: string): Promise<string | null>;
  write(bucket: string, object: string, text: string, contentType: string): Promise<void>;
}

/** Transfer run states of the BigQuery Data Transfer Service API. */
export type TransferState = 'TRANSFER_STATE_UNSPECIFIED' | 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** A transfer run, as the API returns it (the fields the lab reads). */
export interface TransferRun {
  /** `projects/…/locations/…/transferConfigs/…/runs/…` */
  readonly name: string;
  readonly state: TransferState;
  readonly runTime?: string;
  readonly errorStatus?: { readonly code?: number; readonly message?: string };
}

/** The BigQuery Data Transfer Service. */
export interface TransferClient {
  /** The resource name of the config with this display name under `projects/<p>/locations/<l>`, or null. */
  findConfig(parent: string, displayName: string): Promise<string | null>;
  /** The config's runs, newest first. */
  listRuns(configName: string): Promise<TransferRun[]>;
  /** Starts an on-demand run now (`startManualRuns`). */
  startRun(configName: string, runTime: Date): Promise<TransferRun>;
  getRun(runName: string): Promise<TransferRun>;
}

/** One query to run on BigQuery. */
export interface QueryRequest {
  readonly project: string;
  readonly sql: string;
  /** Dataset of unqualified table names. */
  readonly dataset: string;
  readonly location: string;
  readonly labels: Record<string, string>;
}

/** Runs queries on BigQuery. */
export interface QueryClient {
  /** Runs a query to completion; its rows as plain objects. */
  query(request: QueryRequest): Promise<Record<string, unknown>[]>;
}

/** Time, injected so tests run in simulated time. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** Every client `labs run teradata-migration` uses. */
export interface TeradataRunClients {
  readonly guestAttributes: GuestAttributesClient;
  readonly storage: ObjectStoreClient;
  readonly transfers: TransferClient;
  readonly bigquery: QueryClient;
}
