import { LabsError } from '@labs/config';
import { estimateUsd, formatBytes, type BigQueryPrices } from './cost';
import type { LabStep } from './steps';

/** A result row as the BigQuery client returns it. */
export type ResultRow = Readonly<Record<string, unknown>>;

/** The options of a query job the runner creates (a subset of `@google-cloud/bigquery`'s `Query`). */
export interface QueryJobRequest {
  readonly query: string;
  /** Named query parameters; absent for a statement without any (such as `CREATE MODEL`). */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly location: string;
  readonly dryRun?: boolean;
  /** Upper bound BigQuery enforces on the job itself, as a decimal string. */
  readonly maximumBytesBilled?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The part of a query job the runner reads (a subset of `@google-cloud/bigquery`'s `Job`). */
export interface QueryJobHandle {
  readonly id?: string;
  readonly metadata?: { readonly statistics?: { readonly totalBytesProcessed?: string | number | null } | null };
  /** Waits for the job to finish and returns its rows. */
  getQueryResults(): Promise<readonly [ResultRow[], ...unknown[]]>;
}

/** The part of the `@google-cloud/bigquery` client the runner uses; the real `BigQuery` satisfies it. */
export interface BigQueryJobs {
  createQueryJob(options: QueryJobRequest): Promise<readonly [QueryJobHandle, ...unknown[]]>;
}

/** Progress of a lab run, reported as it happens. */
export type RunEvent =
  | { readonly type: 'estimated'; readonly step: LabStep; readonly bytes: number; readonly usd: number }
  | { readonly type: 'started'; readonly step: LabStep; readonly jobId: string | undefined }
  | { readonly type: 'finished'; readonly step: LabStep; readonly rows: number };

/** Options of `runSteps`. */
export interface RunOptions {
  /** Refuse a step whose dry run reports more bytes than this; also set as the job's maximum bytes billed. */
  readonly maxBytes: number;
  /** Job location (the source data's). */
  readonly location: string;
  readonly prices: BigQueryPrices;
  /** Labels put on every job. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Called with progress. @default ignore */
  readonly onEvent?: (event: RunEvent) => void;
}

/** What one step did. */
export interface StepOutcome {
  readonly step: LabStep;
  readonly bytes: number;
  readonly usd: number;
  readonly rows: ResultRow[];
}

function bytesOf(job: QueryJobHandle, step: LabStep): number {
  const reported = job.metadata?.statistics?.totalBytesProcessed;
  const bytes = Number(reported);
  if (reported === undefined || reported === null || !Number.isFinite(bytes)) {
    throw new Error(`dry run of step "${step.id}" reported no bytes processed`);
  }
  return bytes;
}

/**
 * Runs steps in order. Each is dry-run first: its bytes and estimated cost are reported, and the run
 * stops before spending anything on a step over `maxBytes`. Then the job runs (capped by the same
 * maximum bytes billed) and its rows are collected.
 */
export async function runSteps(client: BigQueryJobs, steps: readonly LabStep[], options: RunOptions): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const base = { location: options.location, ...(options.labels ? { labels: options.labels } : {}) };
  for (const step of steps) {
    const { sql, params } = step.statement;
    const request = { ...base, query: sql, ...(Object.keys(params).length ? { params } : {}) };
    const [dryRun] = await client.createQueryJob({ ...request, dryRun: true });
    const bytes = bytesOf(dryRun, step);
    const usd = estimateUsd(bytes, step.kind, options.prices);
    options.onEvent?.({ type: 'estimated', step, bytes, usd });
    if (bytes > options.maxBytes) {
      throw new LabsError(
        `step "${step.id}" would process ${formatBytes(bytes)} (${bytes} bytes), over --max-bytes ${options.maxBytes}; raise --max-bytes to run it`,
      );
    }
    const [job] = await client.createQueryJob({ ...request, maximumBytesBilled: String(options.maxBytes) });
    options.onEvent?.({ type: 'started', step, jobId: job.id });
    const [rows] = await job.getQueryResults();
    options.onEvent?.({ type: 'finished', step, rows: rows.length });
    outcomes.push({ step, bytes, usd, rows });
  }
  return outcomes;
}
