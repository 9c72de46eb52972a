import { LabsError, TAG_KEYS } from '@labs/config';
import { GUEST_ATTRIBUTE_NAMESPACE, ROW_COUNTS_QUERY, rowCountsFrom, type SchemaFile } from '@labs/teradata';
import type { Clock, InstanceRef, TeradataRunClients, TransferRun, TransferState } from './clients';
import type { TranslatedQuery } from './material';

/** Where the environment's resources are. */
export interface MigrationTarget {
  readonly project: string;
  readonly env: string;
  readonly instance: InstanceRef;
  readonly bucket: string;
  readonly schemaObject: string;
  readonly dataset: string;
  /** BigQuery location of the dataset, e.g. `US` (the transfer's is its lowercase form). */
  readonly location: string;
  /** Display name of the transfer config. */
  readonly transferDisplayName: string;
}

/** Limits and polling of the run. */
export interface RunTiming {
  /** Poll interval of the source's readiness and the transfer run. @default 30 s */
  readonly pollMs?: number;
  /** Longest wait for the source VM. @default 3 h (installing Vantage Express and loading TPC-H takes about an hour) */
  readonly readyTimeoutMs?: number;
  /** Longest wait for the transfer run. @default 6 h */
  readonly transferTimeoutMs?: number;
}

/** Progress of a run, for the CLI to print. */
export type MigrationEvent =
  | { readonly type: 'source'; readonly status: string; readonly waitingFor?: string }
  | { readonly type: 'schema'; readonly uri: string; readonly uploaded: boolean }
  | { readonly type: 'transfer'; readonly run: string; readonly state: TransferState; readonly started: boolean }
  | { readonly type: 'query'; readonly name: string; readonly ok: boolean; readonly rows: number };

/** One row of the row-count comparison. */
export interface RowCountCheck {
  readonly table: string;
  readonly source: number | null;
  readonly bigquery: number | null;
  readonly match: boolean;
}

/** What a run found. */
export interface MigrationReport {
  readonly source_row_counts: Record<string, number>;
  readonly schema_file: { readonly uri: string; readonly uploaded: boolean };
  readonly transfer: { readonly run: string; readonly state: TransferState; readonly started: boolean };
  readonly queries: { readonly name: string; readonly ok: boolean; readonly rows: number | null; readonly error: string | null }[];
  readonly row_counts: RowCountCheck[];
  /** Every query ran and every table's row count matches the source's. */
  readonly ok: boolean;
}

const TERMINAL: readonly TransferState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const ACTIVE: readonly TransferState[] = ['PENDING', 'RUNNING'];

/**
 * Runs the lab against a deployed environment, skipping what is done:
 * 1. waits until the source VM reports `ready` (guest attribute `td2bq/status`) and reads its row counts;
 * 2. uploads the schema file unless the same one is there;
 * 3. follows the transfer run in progress, or starts an on-demand run unless the newest one succeeded with
 *    this schema file, and follows it to SUCCEEDED (FAILED and CANCELLED stop the run with the service's message);
 * 4. runs the translated queries on the dataset and compares `row_counts` with the source's counts.
 */
export async function runMigration(
  target: MigrationTarget,
  material: { readonly schema: SchemaFile; readonly queries: readonly TranslatedQuery[] },
  clients: TeradataRunClients,
  clock: Clock,
  onEvent: (event: MigrationEvent) => void,
  timing: RunTiming = {},
): Promise<MigrationReport> {
  const pollMs = timing.pollMs ?? 30_000;
  const sourceCounts = await waitForSource(target, clients, clock, onEvent, pollMs, timing.readyTimeoutMs ?? 3 * 3_600_000);

  const uri = `gs://${target.bucket}/${target.schemaObject}`;
  const schemaText = `${JSON.stringify(material.schema, null, 2)}\n`;
  const uploaded = (await clients.storage.read(target.bucket, target.schemaObject)) !== schemaText;
  if (uploaded) await clients.storage.write(target.bucket, target.schemaObject, schemaText, 'application/json');
  onEvent({ type: 'schema', uri, uploaded });

  const run = await transferRun(target, clients, clock, onEvent, uploaded, pollMs, timing.transferTimeoutMs ?? 6 * 3_600_000);
  if (run.run.state !== 'SUCCEEDED') {
    const message = run.run.errorStatus?.message ?? 'no error message';
    throw new LabsError(
      `transfer run ${run.run.name} ended ${run.run.state}: ${message}; see the agent with 'journalctl -u td2bq-agent' on ${target.instance.name}`,
      1,
    );
  }

  const labels = { [TAG_KEYS.lab]: 'teradata-migration', [TAG_KEYS.env]: target.env };
  const queries: MigrationReport['queries'] = [];
  let bigqueryCounts: Record<string, number> | undefined;
  for (const query of material.queries) {
    if (query.bigquery === null) {
      queries.push({ name: query.name, ok: false, rows: null, error: query.error });
      onEvent({ type: 'query', name: query.name, ok: false, rows: 0 });
      continue;
    }
    try {
      const rows = await clients.bigquery.query({
        project: target.project,
        sql: query.bigquery,
        dataset: target.dataset,
        location: target.location,
        labels,
      });
      if (query.name === ROW_COUNTS_QUERY) bigqueryCounts = rowCountsFrom(rows);
      queries.push({ name: query.name, ok: true, rows: rows.length, error: null });
      onEvent({ type: 'query', name: query.name, ok: true, rows: rows.length });
    } catch (error) {
      queries.push({ name: query.name, ok: false, rows: null, error: (error as Error).message });
      onEvent({ type: 'query', name: query.name, ok: false, rows: 0 });
    }
  }
  const rowCounts = compareCounts(sourceCounts, bigqueryCounts ?? {});
  return {
    source_row_counts: sourceCounts,
    schema_file: { uri, uploaded },
    transfer: { run: run.run.name, state: run.run.state, started: run.started },
    queries,
    row_counts: rowCounts,
    ok: queries.every((q) => q.ok) && rowCounts.length > 0 && rowCounts.every((c) => c.match),
  };
}

async function waitForSource(
  target: MigrationTarget,
  clients: TeradataRunClients,
  clock: Clock,
  onEvent: (event: MigrationEvent) => void,
  pollMs: number,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const deadline = clock.now().getTime() + timeoutMs;
  let last = '';
  for (;;) {
    const attributes = await clients.guestAttributes.read(target.instance, GUEST_ATTRIBUTE_NAMESPACE);
    if (attributes === null) {
      throw new LabsError(
        `source VM ${target.instance.name} not found in ${target.instance.project}/${target.instance.zone}: deploy it with 'labs up teradata-migration --env ${target.env}' (it is deleted when the TTL runs out)`,
      );
    }
    const status = attributes.status ?? 'booting';
    const waitingFor = attributes['waiting-for'] || undefined;
    if (`${status}|${waitingFor ?? ''}` !== last) onEvent({ type: 'source', status, waitingFor });
    last = `${status}|${waitingFor ?? ''}`;
    if (status === 'ready') return sourceRowCounts(target, attributes['row-counts']);
    if (status === 'failed') {
      throw new LabsError(
        `source VM ${target.instance.name} failed to set up: ${attributes.error ?? 'no error reported'}; see its serial console`,
        1,
      );
    }
    if (clock.now().getTime() + pollMs > deadline) {
      throw new LabsError(
        `source VM ${target.instance.name} not ready after ${Math.round(timeoutMs / 60_000)} min (last status: ${status}); run again to keep waiting`,
        1,
      );
    }
    await clock.sleep(pollMs);
  }
}

function sourceRowCounts(target: MigrationTarget, text: string | undefined): Record<string, number> {
  try {
    const counts = JSON.parse(text ?? '') as Record<string, unknown>;
    if (Object.keys(counts).length && Object.values(counts).every((n) => Number.isInteger(n))) return counts as Record<string, number>;
  } catch {
    // reported below
  }
  throw new LabsError(
    `source VM ${target.instance.name} is ready but reported no row counts (guest attribute td2bq/row-counts: ${JSON.stringify(text ?? null)})`,
    1,
  );
}

async function transferRun(
  target: MigrationTarget,
  clients: TeradataRunClients,
  clock: Clock,
  onEvent: (event: MigrationEvent) => void,
  schemaChanged: boolean,
  pollMs: number,
  timeoutMs: number,
): Promise<{ run: TransferRun; started: boolean }> {
  const parent = `projects/${target.project}/locations/${target.location.toLowerCase()}`;
  const config = await clients.transfers.findConfig(parent, target.transferDisplayName);
  if (!config) {
    throw new LabsError(
      `no transfer config "${target.transferDisplayName}" in ${parent}: deploy it with 'labs up teradata-migration --env ${target.env}'`,
    );
  }
  const [newest] = await clients.transfers.listRuns(config);
  let run: TransferRun;
  let started = false;
  if (newest && ACTIVE.includes(newest.state)) run = newest;
  else if (newest?.state === 'SUCCEEDED' && !schemaChanged) {
    onEvent({ type: 'transfer', run: newest.name, state: newest.state, started: false });
    return { run: newest, started: false };
  } else {
    run = await clients.transfers.startRun(config, clock.now());
    started = true;
  }
  const deadline = clock.now().getTime() + timeoutMs;
  let last: TransferState | undefined;
  for (;;) {
    if (run.state !== last) onEvent({ type: 'transfer', run: run.name, state: run.state, started });
    last = run.state;
    if (TERMINAL.includes(run.state)) return { run, started };
    if (clock.now().getTime() + pollMs > deadline) {
      throw new LabsError(
        `transfer run ${run.name} still ${run.state} after ${Math.round(timeoutMs / 60_000)} min; run again to keep following it`,
        1,
      );
    }
    await clock.sleep(pollMs);
    run = await clients.transfers.getRun(run.name);
  }
}

function compareCounts(source: Record<string, number>, bigquery: Record<string, number>): RowCountCheck[] {
  const tables = [...new Set([...Object.keys(source), ...Object.keys(bigquery)])];
  return tables.map((table) => ({
    table,
    source: source[table] ?? null,
    bigquery: bigquery[table] ?? null,
    match: source[table] !== undefined && source[table] === bigquery[table],
  }));
}
