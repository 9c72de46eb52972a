import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { reply, serveLoopback } from './loopback-http';

/** A column of the stand-in's table. */
export interface StandInColumn {
  readonly name: string;
  readonly type: 'STRING' | 'TIMESTAMP' | 'FLOAT64' | 'INT64';
  readonly mode: 'REQUIRED' | 'NULLABLE';
}

/** One per-row error, as `insertErrors[].errors[]` spells it. */
export interface StandInRowError {
  readonly reason: string;
  readonly location: string;
  readonly message: string;
}

/** What the stand-in stands for: one table, and who may insert into it. */
export interface BigQueryInsertAllStandInOptions {
  readonly projectId: string;
  readonly datasetId: string;
  readonly tableId: string;
  readonly schema: readonly StandInColumn[];
  /** The scopes of a bearer token, or undefined when the token is not one Google issued (answered 401). */
  readonly tokenScopes: (token: string) => readonly string[] | undefined;
  /** How long an insertId is remembered for de-duplication (BigQuery: best effort, at least a minute). @default 60 s */
  readonly dedupWindowMs?: number;
}

/** One insertAll request that reached the stand-in. */
export interface InsertAllCall {
  /** The HTTP status answered; 0 for a request left stalling. */
  readonly status: number;
  readonly rows: number;
  readonly insertIds: readonly string[];
  readonly skipInvalidRows?: boolean;
  readonly ignoreUnknownValues?: boolean;
  readonly bearer?: string;
  /** Rows stored by this request (rows de-duplicated or rejected are not). */
  readonly stored: number;
}

/** A stored row. */
export interface StoredRow {
  readonly insertId?: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** BigQuery's streaming insert limits (quotas page, streaming inserts). */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 50_000;
const MAX_INSERT_ID_LENGTH = 128;
/** Scopes that allow `tabledata.insertAll` (its API reference, authorization scopes). */
const INSERT_SCOPES = [
  'https://www.googleapis.com/auth/bigquery',
  'https://www.googleapis.com/auth/bigquery.insertdata',
  'https://www.googleapis.com/auth/cloud-platform',
];
/** TIMESTAMP text forms BigQuery's JSON import accepts (date, `T` or space, time, optional fraction and zone). */
const TIMESTAMP_TEXT = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z| ?UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A local stand-in, on 127.0.0.1, for BigQuery's legacy streaming API `tabledata.insertAll`
 * (`POST /bigquery/v2/projects/{p}/datasets/{d}/tables/{t}/insertAll`) at its documented wire protocol:
 * only a bearer token Google issued with a scope that allows inserting (401/403 otherwise), only for its
 * one table (404 otherwise), the request limits (10 MB, 50,000 rows, insertId ≤ 128 characters: 400),
 * every row checked against the table schema (`invalid`: unknown field unless `ignoreUnknownValues`,
 * missing required field, wrong type), `skipInvalidRows` as documented (without it one invalid row stops
 * all others: `stopped`), best-effort de-duplication by `insertId`, and `insertErrors` by row index.
 * Faults can be injected: whole-request failures (503, 429), requests that stall, and per-row rejections.
 */
export class BigQueryInsertAllStandIn {
  /** Every insertAll request, in arrival order. */
  readonly calls: InsertAllCall[] = [];
  /** The table's content. */
  readonly rows: StoredRow[] = [];
  /** The base URL to configure the client with (the part before `/bigquery/v2`). */
  url = '';

  private readonly seenInsertIds = new Map<string, number>();
  private readonly failures: (503 | 429 | 'stall')[] = [];
  private rowFault: (json: Readonly<Record<string, unknown>>) => StandInRowError | undefined = () => undefined;
  private server?: Server;

  private constructor(private readonly options: BigQueryInsertAllStandInOptions) {}

  /** Starts the stand-in on a free loopback port. */
  static async start(options: BigQueryInsertAllStandInOptions): Promise<BigQueryInsertAllStandIn> {
    const standIn = new BigQueryInsertAllStandIn(options);
    const { server, url } = await serveLoopback((req, body, res) => standIn.handle(req, body, res));
    standIn.server = server;
    standIn.url = url;
    return standIn;
  }

  /** The next `count` requests fail as a whole with `status` (503 unavailable or 429 rate limited), nothing stored. */
  failRequests(count: number, status: 503 | 429): void {
    for (let i = 0; i < count; i += 1) this.failures.push(status);
  }

  /** The next `count` requests stall: read, never answered, nothing stored (until {@link stop}). */
  stallRequests(count: number): void {
    for (let i = 0; i < count; i += 1) this.failures.push('stall');
  }

  /** From now on, rows for which `fault` returns an error are rejected with it (as BigQuery rejects an invalid row). */
  rejectRows(fault: (json: Readonly<Record<string, unknown>>) => StandInRowError | undefined): void {
    this.rowFault = fault;
  }

  /** Stops the stand-in. */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private handle(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const { projectId, datasetId, tableId } = this.options;
    const match = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)\/insertAll$/.exec(
      new URL(req.url ?? '/', 'http://bigquery').pathname,
    );
    if (req.method !== 'POST' || !match) return this.error(res, 404, 'NOT_FOUND', 'notFound', `Not found: URL ${req.url}`);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const scopes = bearer ? this.options.tokenScopes(bearer) : undefined;
    const record = (status: number, extra: Partial<InsertAllCall> = {}): void => {
      this.calls.push({ status, rows: 0, insertIds: [], stored: 0, ...(bearer ? { bearer } : {}), ...extra });
    };
    if (!scopes) {
      record(401);
      return this.error(
        res,
        401,
        'UNAUTHENTICATED',
        'authError',
        'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      );
    }
    if (!scopes.some((scope) => INSERT_SCOPES.includes(scope))) {
      record(403);
      return this.error(res, 403, 'PERMISSION_DENIED', 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    }
    const [project, dataset, table] = match.slice(1).map((part) => decodeURIComponent(part ?? ''));
    if (project !== projectId || dataset !== datasetId || table !== tableId) {
      record(404);
      return this.error(res, 404, 'NOT_FOUND', 'notFound', `Not found: Table ${project}:${dataset}.${table}`);
    }
    if (body.length > MAX_REQUEST_BYTES) {
      record(400);
      return this.error(res, 400, 'INVALID_ARGUMENT', 'badRequest', `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`);
    }
    let request: {
      skipInvalidRows?: boolean;
      ignoreUnknownValues?: boolean;
      rows?: { insertId?: string; json?: Record<string, unknown> }[];
    };
    try {
      request = JSON.parse(body.toString('utf8')) as typeof request;
    } catch {
      record(400);
      return this.error(res, 400, 'INVALID_ARGUMENT', 'parseError', 'Parse Error');
    }
    const rows = Array.isArray(request.rows) ? request.rows : [];
    const insertIds = rows.map((row) => row.insertId ?? '');
    const seen = {
      rows: rows.length,
      insertIds,
      skipInvalidRows: request.skipInvalidRows,
      ignoreUnknownValues: request.ignoreUnknownValues,
    };
    const badRequest =
      rows.length === 0
        ? 'No rows present in the request.'
        : rows.length > MAX_ROWS
          ? `too many rows present in the request, limit: ${MAX_ROWS} row count: ${rows.length}.`
          : insertIds.find((id) => id.length > MAX_INSERT_ID_LENGTH)
            ? `insertId is longer than ${MAX_INSERT_ID_LENGTH} characters.`
            : undefined;
    if (badRequest) {
      record(400, seen);
      return this.error(res, 400, 'INVALID_ARGUMENT', 'invalid', badRequest);
    }
    const failure = this.failures.shift();
    if (failure === 'stall') return record(0, seen);
    if (failure === 503) {
      record(503, seen);
      return this.error(res, 503, 'UNAVAILABLE', 'backendError', 'The service is currently unavailable.');
    }
    if (failure === 429) {
      record(429, seen);
      return this.error(
        res,
        429,
        'RESOURCE_EXHAUSTED',
        'rateLimitExceeded',
        'Exceeded rate limits: too many api requests per user per method.',
      );
    }
    const rowErrors = rows.map((row) => this.rowErrors(row.json, request.ignoreUnknownValues === true));
    const anyInvalid = rowErrors.some((errors) => errors.length > 0);
    const insertErrors: { index: number; errors: StandInRowError[] }[] = [];
    let stored = 0;
    rows.forEach((row, index) => {
      const errors = rowErrors[index] ?? [];
      if (errors.length) return insertErrors.push({ index, errors });
      if (anyInvalid && !request.skipInvalidRows)
        return insertErrors.push({ index, errors: [{ reason: 'stopped', location: '', message: '' }] });
      if (this.isDuplicate(row.insertId)) return;
      this.rows.push({ ...(row.insertId ? { insertId: row.insertId } : {}), json: row.json ?? {} });
      stored += 1;
    });
    record(200, { ...seen, stored });
    const response = { kind: 'bigquery#tableDataInsertAllResponse', ...(insertErrors.length ? { insertErrors } : {}) };
    return replyJson(res, 200, response);
  }

  /** Whether a row with this insertId went in within the de-duplication window (and remembers it if not). */
  private isDuplicate(insertId: string | undefined): boolean {
    if (!insertId) return false;
    const now = Date.now();
    const seenAt = this.seenInsertIds.get(insertId);
    if (seenAt !== undefined && now - seenAt <= (this.options.dedupWindowMs ?? 60_000)) return true;
    this.seenInsertIds.set(insertId, now);
    return false;
  }

  private rowErrors(json: Record<string, unknown> | undefined, ignoreUnknownValues: boolean): StandInRowError[] {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return [{ reason: 'invalid', location: '', message: 'Row is not a JSON object.' }];
    }
    const injected = this.rowFault(json);
    if (injected) return [injected];
    const errors: StandInRowError[] = [];
    const columns = new Map(this.options.schema.map((column) => [column.name, column]));
    if (!ignoreUnknownValues) {
      for (const name of Object.keys(json)) {
        if (!columns.has(name)) errors.push({ reason: 'invalid', location: name, message: `no such field: ${name}.` });
      }
    }
    for (const column of this.options.schema) {
      const value = json[column.name];
      if (value === undefined || value === null) {
        if (column.mode === 'REQUIRED')
          errors.push({ reason: 'invalid', location: column.name, message: `Missing required field: ${column.name}.` });
        continue;
      }
      const problem = typeProblem(column.type, value);
      if (problem) errors.push({ reason: 'invalid', location: column.name, message: problem });
    }
    return errors;
  }

  private error(res: ServerResponse, code: number, status: string, reason: string, message: string): void {
    replyJson(res, code, { error: { code, message, errors: [{ message, domain: 'global', reason }], status } });
  }
}

/** Why a JSON value does not convert to a column type, or undefined when it does. */
function typeProblem(type: StandInColumn['type'], value: unknown): string | undefined {
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? undefined : `Cannot convert value to string: ${JSON.stringify(value)}`;
    case 'INT64':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))
        ? undefined
        : `Cannot convert value to integer (bad value): ${JSON.stringify(value)}`;
    case 'FLOAT64':
      return (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        ? undefined
        : `Cannot convert value to floating point (bad value): ${JSON.stringify(value)}`;
    case 'TIMESTAMP':
      return typeof value === 'number' ||
        (typeof value === 'string' && TIMESTAMP_TEXT.test(value) && Number.isFinite(Date.parse(value.replace(' UTC', 'Z'))))
        ? undefined
        : `Could not parse ${JSON.stringify(value)} as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]]`;
  }
}

function replyJson(res: ServerResponse, status: number, body: unknown): void {
  reply(res, status, 'application/json; charset=UTF-8', JSON.stringify(body));
}
