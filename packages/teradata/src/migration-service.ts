import { LabsError } from '@labs/config';
import { GoogleAuth } from 'google-auth-library';

/** The slice of google-auth-library's `AuthClient.request` the service translation uses. */
export interface HttpClient {
  request<T = unknown>(options: {
    url: string;
    method: 'GET' | 'POST';
    data?: unknown;
    headers?: Record<string, string>;
    responseType?: 'json' | 'text';
  }): Promise<{ data: T }>;
}

/** Where and how the BigQuery Migration API translates. */
export interface ServiceTranslationOptions {
  readonly project: string;
  /** Migration API location, e.g. `us` or `eu`. */
  readonly location: string;
  /** Cloud Storage folder for the input and output, `gs://bucket/prefix`. */
  readonly gcsFolder: string;
  /** Polling interval and limit. */
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  /** Waits between polls (injected so tests do not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Names this run's objects (injected so tests are deterministic). */
  readonly runId?: string;
}

/** A BigQuery Migration API workflow, as far as we read it. */
interface MigrationWorkflow {
  readonly name: string;
  readonly state?: string;
  readonly tasks?: Record<string, { state?: string; processingError?: { reason?: string }; resourceErrorDetails?: unknown[] }>;
}

const MIGRATION_API = 'https://bigquerymigration.googleapis.com/v2';
const STORAGE_API = 'https://storage.googleapis.com';

/**
 * Translates a Teradata script with Google's BigQuery Migration API (batch translation,
 * `Translation_Teradata2BQ`) over REST: uploads the script to Cloud Storage, creates a
 * migration workflow, polls it to completion and downloads the translated script.
 */
export async function translateWithService(script: string, http: HttpClient, options: ServiceTranslationOptions): Promise<string> {
  const { bucket, prefix } = parseGcsFolder(options.gcsFolder);
  const runId = options.runId ?? `labs-translate-${Date.now()}`;
  const base = prefix ? `${prefix}/${runId}` : runId;
  const inputObject = `${base}/input/script.sql`;
  const outputObject = `${base}/output/script.sql`;
  await http.request({
    url: `${STORAGE_API}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(inputObject)}`,
    method: 'POST',
    data: script,
    headers: { 'Content-Type': 'text/plain' },
  });
  const created = await http.request<MigrationWorkflow>({
    url: `${MIGRATION_API}/projects/${options.project}/locations/${options.location}/workflows`,
    method: 'POST',
    data: workflowRequest(runId, `gs://${bucket}/${base}/input`, `gs://${bucket}/${base}/output`),
  });
  const workflow = await waitForWorkflow(created.data.name, http, options);
  const failed = Object.entries(workflow.tasks ?? {}).find(([, task]) => task.state === 'FAILED');
  if (failed) {
    throw new LabsError(`BigQuery Migration API task ${failed[0]} failed: ${failed[1].processingError?.reason ?? 'no reason given'}`);
  }
  const output = await http.request<string>({
    url: `${STORAGE_API}/storage/v1/b/${bucket}/o/${encodeURIComponent(outputObject)}?alt=media`,
    method: 'GET',
    responseType: 'text',
  });
  return output.data;
}

/** The `MigrationWorkflow` body for one Teradata → BigQuery batch translation task. */
function workflowRequest(displayName: string, gcsSourcePath: string, gcsTargetPath: string): unknown {
  return {
    displayName,
    tasks: {
      translate: {
        type: 'Translation_Teradata2BQ',
        translationConfigDetails: {
          gcsSourcePath,
          gcsTargetPath,
          sourceDialect: { teradataDialect: { mode: 'SQL' } },
          targetDialect: { bigqueryDialect: {} },
        },
      },
    },
  };
}

async function waitForWorkflow(name: string, http: HttpClient, options: ServiceTranslationOptions): Promise<MigrationWorkflow> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const { data } = await http.request<MigrationWorkflow>({ url: `${MIGRATION_API}/${name}`, method: 'GET' });
    if (data.state === 'COMPLETED') return data;
    if (Date.now() > deadline)
      throw new LabsError(`BigQuery Migration API workflow ${name} still ${data.state ?? 'pending'} after the timeout`);
    await sleep(options.pollMs ?? 5_000);
  }
}

/** `gs://bucket/some/prefix` → bucket and prefix (no trailing slash). */
export function parseGcsFolder(folder: string): { bucket: string; prefix: string } {
  const match = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(?:\/(.*))?$/.exec(folder);
  if (!match) throw new LabsError(`bad Cloud Storage folder "${folder}": expected gs://bucket[/prefix]`);
  return { bucket: match[1]!, prefix: (match[2] ?? '').replace(/\/+$/, '') };
}

/** An authenticated client from Application Default Credentials (the user's `gcloud auth application-default login`). */
export async function googleHttpClient(): Promise<HttpClient> {
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  return (await auth.getClient()) as unknown as HttpClient;
}
