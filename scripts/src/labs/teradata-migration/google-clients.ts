import { LabsError } from '@labs/config';
import type { HttpClient } from '@labs/teradata';
import type { QueryRequest, TeradataRunClients, TransferRun } from './clients';

const COMPUTE = 'https://compute.googleapis.com/compute/v1';
const STORAGE = 'https://storage.googleapis.com';
const TRANSFER = 'https://bigquerydatatransfer.googleapis.com/v1';
const BIGQUERY = 'https://bigquery.googleapis.com/bigquery/v2';

/** HTTP status of a failed google-auth-library request. */
function statusOf(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: number } };
  return e.response?.status ?? e.status;
}

async function orNullOn404<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

interface GuestAttributes {
  readonly queryValue?: { readonly items?: { readonly key: string; readonly value: string }[] };
}

interface QueryResponse {
  readonly jobComplete?: boolean;
  readonly jobReference?: { readonly jobId: string; readonly location?: string };
  readonly schema?: { readonly fields: { readonly name: string }[] };
  readonly rows?: { readonly f: { readonly v: unknown }[] }[];
  readonly pageToken?: string;
  readonly errors?: { readonly message: string }[];
}

/**
 * The lab's clients over the Google REST APIs (Compute Engine guest attributes, Cloud Storage JSON API,
 * BigQuery Data Transfer Service v1, BigQuery v2 jobs.query) through google-auth-library, with
 * Application Default Credentials.
 */
export function googleRunClients(http: HttpClient): TeradataRunClients {
  return {
    guestAttributes: {
      read: async (instance, namespace) => {
        const url = `${COMPUTE}/projects/${instance.project}/zones/${instance.zone}/instances/${instance.name}/getGuestAttributes?queryPath=${namespace}%2F`;
        try {
          const { data } = await http.request<GuestAttributes>({ url, method: 'GET' });
          return Object.fromEntries((data.queryValue?.items ?? []).map((item) => [item.key, item.value]));
        } catch (error) {
          // 404 means either no instance or no attribute yet; the instance lookup tells them apart.
          if (statusOf(error) !== 404) throw error;
          const exists = await orNullOn404(
            http.request({
              url: `${COMPUTE}/projects/${instance.project}/zones/${instance.zone}/instances/${instance.name}`,
              method: 'GET',
            }),
          );
          return exists === null ? null : {};
        }
      },
    },
    storage: {
      read: async (bucket, object) => {
        const response = await orNullOn404(
          http.request<string>({
            url: `${STORAGE}/storage/v1/b/${bucket}/o/${encodeURIComponent(object)}?alt=media`,
            method: 'GET',
            responseType: 'text',
          }),
        );
        return response === null ? null : response.data;
      },
      write: async (bucket, object, text, contentType) => {
        await http.request({
          url: `${STORAGE}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(object)}`,
          method: 'POST',
          data: text,
          headers: { 'Content-Type': contentType },
        });
      },
    },
    transfers: {
      findConfig: async (parent, displayName) => {
        let pageToken: string | undefined;
        do {
          const { data } = await http.request<{ transferConfigs?: { name: string; displayName?: string }[]; nextPageToken?: string }>({
            url: `${TRANSFER}/${parent}/transferConfigs?dataSourceIds=on_premises${pageToken ? `&pageToken=${pageToken}` : ''}`,
            method: 'GET',
          });
          const found = data.transferConfigs?.find((config) => config.displayName === displayName);
          if (found) return found.name;
          pageToken = data.nextPageToken;
        } while (pageToken);
        return null;
      },
      listRuns: async (configName) => {
        const { data } = await http.request<{ transferRuns?: TransferRun[] }>({
          url: `${TRANSFER}/${configName}/runs?pageSize=20`,
          method: 'GET',
        });
        return [...(data.transferRuns ?? [])].sort((a, b) => (b.runTime ?? '').localeCompare(a.runTime ?? ''));
      },
      startRun: async (configName, runTime) => {
        const { data } = await http.request<{ runs?: TransferRun[] }>({
          url: `${TRANSFER}/${configName}:startManualRuns`,
          method: 'POST',
          data: { requestedRunTime: runTime.toISOString() },
        });
        const run = data.runs?.[0];
        if (!run) throw new LabsError(`startManualRuns on ${configName} returned no run`, 1);
        return run;
      },
      getRun: async (runName) => (await http.request<TransferRun>({ url: `${TRANSFER}/${runName}`, method: 'GET' })).data,
    },
    bigquery: { query: (request) => runQuery(http, request) },
  };
}

async function runQuery(http: HttpClient, request: QueryRequest): Promise<Record<string, unknown>[]> {
  let { data } = await http.request<QueryResponse>({
    url: `${BIGQUERY}/projects/${request.project}/queries`,
    method: 'POST',
    data: {
      query: request.sql,
      useLegacySql: false,
      location: request.location,
      defaultDataset: { projectId: request.project, datasetId: request.dataset },
      labels: request.labels,
      timeoutMs: 60_000,
    },
  });
  const rows: Record<string, unknown>[] = [];
  for (;;) {
    if (data.errors?.length) throw new Error(data.errors.map((e) => e.message).join('; '));
    if (data.jobComplete) {
      const fields = data.schema?.fields ?? [];
      for (const row of data.rows ?? []) rows.push(Object.fromEntries(fields.map((field, i) => [field.name, row.f[i]?.v])));
      if (!data.pageToken) return rows;
    }
    const job = data.jobReference!;
    const page = data.jobComplete && data.pageToken ? `&pageToken=${data.pageToken}` : '';
    ({ data } = await http.request<QueryResponse>({
      url: `${BIGQUERY}/projects/${request.project}/queries/${job.jobId}?location=${job.location ?? request.location}&timeoutMs=60000${page}`,
      method: 'GET',
    }));
  }
}
