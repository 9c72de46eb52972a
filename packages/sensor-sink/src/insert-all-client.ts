import { redact } from '@labs/config';
import { type BigQueryInsertClient, type InsertAllResponse, InsertAllRequestError, isRetryableStatus } from './insert-all';
import { BIGQUERY_API_URL, type TableReference } from './sink-config';

/** What supplies the `Authorization` header: `google-auth-library`'s external-account client satisfies it. */
export interface RequestHeadersSource {
  /** Headers with a valid access token (the client caches and refreshes the token). */
  getRequestHeaders(): Promise<Headers>;
}

/** Options of {@link createInsertAllClient}. */
export interface InsertAllClientOptions {
  readonly auth: RequestHeadersSource;
  readonly table: TableReference;
  /** BigQuery API base. @default https://bigquery.googleapis.com */
  readonly baseUrl?: string;
  /** Gives up on one request after this long (then it is retried as a network failure). @default 10 s */
  readonly timeoutMs?: number;
}

/** The insertAll URL of a table. */
export function insertAllUrl(table: TableReference, baseUrl = BIGQUERY_API_URL): string {
  const path = [table.projectId, table.datasetId, table.tableId].map(encodeURIComponent);
  return `${baseUrl}/bigquery/v2/projects/${path[0]}/datasets/${path[1]}/tables/${path[2]}/insertAll`;
}

/**
 * The real `tabledata.insertAll` call: REST over `fetch`, authorized with the headers of `auth` (a token
 * obtained by federation, never a key). A failure to get a token or to reach BigQuery, and an HTTP error,
 * become an {@link InsertAllRequestError} saying whether a retry may help; messages are redacted.
 */
export function createInsertAllClient(options: InsertAllClientOptions): BigQueryInsertClient {
  const url = insertAllUrl(options.table, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async insertAll(request) {
      let headers: Headers;
      try {
        headers = await options.auth.getRequestHeaders();
      } catch (error) {
        const status = statusOf(error);
        throw new InsertAllRequestError(
          redact(`no BigQuery access token (the exchange failed): ${(error as Error).message}`),
          status === undefined || isRetryableStatus(status),
          status,
        );
      }
      headers.set('content-type', 'application/json');
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(request), signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new InsertAllRequestError(redact(`insertAll did not answer: ${(error as Error).message}${cause ? ` (${cause})` : ''}`), true);
      }
      const text = await response.text();
      if (!response.ok) {
        throw new InsertAllRequestError(
          redact(`insertAll answered ${response.status}: ${errorMessageOf(text)}`),
          isRetryableStatus(response.status),
          response.status,
        );
      }
      return parseResponse(text);
    },
  };
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } };
  const status = e?.status ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The `error.message` of a Google API error body, or the start of the body. */
function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; status?: unknown } };
    if (typeof body.error?.message === 'string')
      return `${body.error.message}${body.error.status ? ` (${String(body.error.status)})` : ''}`;
  } catch {
    // not JSON: quoted as is below
  }
  return text.slice(0, 300) || '(empty body)';
}

function parseResponse(text: string): InsertAllResponse {
  let body: InsertAllResponse;
  try {
    body = JSON.parse(text) as InsertAllResponse;
  } catch {
    throw new InsertAllRequestError(`insertAll answered 200 with a body that is not JSON: ${text.slice(0, 100)}`, true, 200);
  }
  if (typeof body !== 'object' || body === null || (body.insertErrors !== undefined && !Array.isArray(body.insertErrors))) {
    throw new InsertAllRequestError('insertAll answered 200 without a tableDataInsertAllResponse', true, 200);
  }
  return body;
}
