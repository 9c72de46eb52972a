import type { InsertAllRequest, InsertAllRow } from './insert-all';

/** How much one insertAll request may carry. */
export interface InsertLimits {
  /** Rows per request: BigQuery allows 50,000 and recommends 500. @default 500 */
  readonly maxRows: number;
  /** Bytes of the JSON request body: BigQuery's HTTP request limit is 10 MB. @default 10,000,000 */
  readonly maxBytes: number;
}

/** BigQuery's streaming insert limits, with its recommended 500 rows per request. */
export const INSERT_ALL_LIMITS: InsertLimits = { maxRows: 500, maxBytes: 10_000_000 };

/** The most rows BigQuery accepts in one insertAll request. */
const MAX_ROWS_PER_REQUEST = 50_000;

/** Rows split into requests, and the rows too large for any request. */
export interface Chunks<T> {
  readonly requests: readonly (readonly T[])[];
  readonly oversized: readonly T[];
}

/**
 * Splits rows, in order, into consecutive requests of at most `maxRows` rows whose JSON body (the
 * request's other fields included) stays within `maxBytes`. A row that alone would exceed `maxBytes`
 * goes into `oversized`: no request can carry it.
 */
export function chunkRows<T extends InsertAllRow>(
  rows: readonly T[],
  envelope: Omit<InsertAllRequest, 'rows'>,
  limits: InsertLimits = INSERT_ALL_LIMITS,
): Chunks<T> {
  if (!Number.isInteger(limits.maxRows) || limits.maxRows < 1 || limits.maxRows > MAX_ROWS_PER_REQUEST) {
    throw new RangeError(`maxRows ${limits.maxRows} is outside 1-${MAX_ROWS_PER_REQUEST}`);
  }
  const emptyBytes = Buffer.byteLength(JSON.stringify({ ...envelope, rows: [] }));
  const requests: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = emptyBytes;
  for (const row of rows) {
    const rowBytes = Buffer.byteLength(JSON.stringify({ insertId: row.insertId, json: row.json }));
    if (emptyBytes + rowBytes > limits.maxBytes) {
      oversized.push(row);
      continue;
    }
    const separator = current.length ? 1 : 0;
    if (current.length === limits.maxRows || bytes + separator + rowBytes > limits.maxBytes) {
      requests.push(current);
      current = [];
      bytes = emptyBytes;
    }
    bytes += (current.length ? 1 : 0) + rowBytes;
    current.push(row);
  }
  if (current.length) requests.push(current);
  return { requests, oversized };
}
