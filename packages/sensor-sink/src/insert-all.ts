/** One row of a `tabledata.insertAll` request. */
export interface InsertAllRow {
  /** De-duplication id (best effort, about a minute), at most 128 characters. */
  readonly insertId: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** The `tabledata.insertAll` request body (BigQuery API v2). */
export interface InsertAllRequest {
  readonly kind?: 'bigquery#tableDataInsertAllRequest';
  /** Insert the valid rows even when others are invalid (the invalid ones come back in `insertErrors`). */
  readonly skipInvalidRows: boolean;
  /** Drop values the schema does not know instead of rejecting the row. */
  readonly ignoreUnknownValues: boolean;
  readonly rows: readonly InsertAllRow[];
}

/** One error of one row. */
export interface InsertRowError {
  /** `invalid`, `stopped`, `backendError`, `timeout`… */
  readonly reason?: string;
  /** The offending field, when there is one. */
  readonly location?: string;
  readonly message?: string;
}

/** The `tabledata.insertAll` response body. */
export interface InsertAllResponse {
  readonly kind?: 'bigquery#tableDataInsertAllResponse';
  /** The rows that were not inserted, by index into the request's `rows`; absent when every row went in. */
  readonly insertErrors?: readonly { readonly index: number; readonly errors?: readonly InsertRowError[] }[];
}

/**
 * The `tabledata.insertAll` call of one table, the only BigQuery call the sink makes. The real one
 * ({@link createInsertAllClient}) authenticates with federated credentials; tests inject their own.
 * Rejects with an {@link InsertAllRequestError} when the request as a whole fails.
 */
export interface BigQueryInsertClient {
  insertAll(request: InsertAllRequest): Promise<InsertAllResponse>;
}

/** A whole insertAll request failed: nothing of it was inserted. */
export class InsertAllRequestError extends Error {
  constructor(
    message: string,
    /** Whether the same request may succeed later: throttling (429), server errors (5xx), network failures. */
    readonly retryable: boolean,
    /** The HTTP status, when the service answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'InsertAllRequestError';
  }
}

/** Row error reasons that a later attempt may clear (documented in BigQuery's error messages table). */
const RETRYABLE_ROW_REASONS = new Set(['stopped', 'backendError', 'internalError', 'timeout', 'rateLimitExceeded']);

/** Whether every error of a row is one a retry may clear (`invalid`, `notFound`, `accessDenied`… are not). */
export function isRetryableRowError(errors: readonly InsertRowError[] | undefined): boolean {
  return !!errors?.length && errors.every((error) => RETRYABLE_ROW_REASONS.has(error.reason ?? ''));
}

/** Whether an HTTP status of a failed request is worth retrying (throttling and server errors). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}
