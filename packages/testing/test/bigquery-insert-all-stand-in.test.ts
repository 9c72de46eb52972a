import { BigQueryInsertAllStandIn, type BigQueryInsertAllStandInOptions } from '../src';

const TOKEN = 'ya29.issued';
const OPTIONS: BigQueryInsertAllStandInOptions = {
  projectId: 'p-123456',
  datasetId: 'd',
  tableId: 't',
  schema: [
    { name: 'name', type: 'STRING', mode: 'REQUIRED' },
    { name: 'at', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'count', type: 'INT64', mode: 'NULLABLE' },
    { name: 'value', type: 'FLOAT64', mode: 'NULLABLE' },
  ],
  tokenScopes: (token) =>
    token === TOKEN
      ? ['https://www.googleapis.com/auth/bigquery.insertdata']
      : token === 'ya29.read-only'
        ? ['https://www.googleapis.com/auth/bigquery.readonly']
        : undefined,
};
const ROW = { name: 'a', at: '2026-12-04T22:00:00.000Z', count: 1, value: 1.5 };

describe('BigQueryInsertAllStandIn', () => {
  let standIn: BigQueryInsertAllStandIn;
  beforeEach(async () => {
    standIn = await BigQueryInsertAllStandIn.start(OPTIONS);
  });
  afterEach(() => standIn.stop());

  const post = async (body: unknown, { token = TOKEN, table = 't' } = {}) => {
    const response = await fetch(`${standIn.url}/bigquery/v2/projects/p-123456/datasets/d/tables/${table}/insertAll`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const rows = (...json: object[]) => json.map((row, i) => ({ insertId: `id-${i}`, json: row }));

  it('stores valid rows and answers an insertAll response without insertErrors', async () => {
    expect(await post({ rows: rows(ROW, { ...ROW, name: 'b', count: '2', value: '2.5', at: '2026-12-04 22:00:00 UTC' }) })).toEqual({
      status: 200,
      body: { kind: 'bigquery#tableDataInsertAllResponse' },
    });
    expect(standIn.rows.map((row) => row.json.name)).toEqual(['a', 'b']);
  });

  it('refuses tokens it does not know (401), without an insert scope (403), and other tables (404)', async () => {
    expect((await post({ rows: rows(ROW) }, { token: 'ya29.unknown' })).status).toBe(401);
    expect(await post({ rows: rows(ROW) }, { token: 'ya29.read-only' })).toMatchObject({
      status: 403,
      body: { error: { message: 'Request had insufficient authentication scopes.', status: 'PERMISSION_DENIED' } },
    });
    expect(await post({ rows: rows(ROW) }, { table: 'other' })).toMatchObject({
      status: 404,
      body: { error: { message: 'Not found: Table p-123456:d.other' } },
    });
    expect(standIn.rows).toEqual([]);
  });

  it('checks rows against the schema: unknown fields, missing required fields, wrong types', async () => {
    const { body } = await post({
      skipInvalidRows: true,
      rows: rows({ ...ROW, extra: 1 }, { at: ROW.at }, { ...ROW, count: 1.5 }, { ...ROW, at: 'noon' }, { ...ROW, name: 7 }, ROW),
    });
    const errors = body.insertErrors as { index: number; errors: { location: string; message: string }[] }[];
    expect(errors.map(({ index, errors: [first] }) => [index, first?.location, first?.message])).toEqual([
      [0, 'extra', 'no such field: extra.'],
      [1, 'name', 'Missing required field: name.'],
      [2, 'count', 'Cannot convert value to integer (bad value): 1.5'],
      [3, 'at', expect.stringMatching(/^Could not parse "noon" as a timestamp/)],
      [4, 'name', 'Cannot convert value to string: 7'],
    ]);
    expect(standIn.rows).toHaveLength(1);
  });

  it('ignores unknown fields only when asked to', async () => {
    expect((await post({ ignoreUnknownValues: true, rows: rows({ ...ROW, extra: 1 }) })).body.insertErrors).toBeUndefined();
  });

  it('without skipInvalidRows, stores nothing when one row is invalid and marks the others stopped', async () => {
    const { body } = await post({ rows: rows(ROW, { ...ROW, value: 'x' }) });
    expect(body.insertErrors).toEqual([
      { index: 0, errors: [{ reason: 'stopped', location: '', message: '' }] },
      { index: 1, errors: [{ reason: 'invalid', location: 'value', message: 'Cannot convert value to floating point (bad value): "x"' }] },
    ]);
    expect(standIn.rows).toEqual([]);
  });

  it('de-duplicates by insertId within its window', async () => {
    await post({ rows: rows(ROW) });
    await post({ rows: rows(ROW) });
    expect(standIn.rows).toHaveLength(1);
    expect(standIn.calls.map((call) => call.stored)).toEqual([1, 0]);
  });

  it('enforces the request limits: rows present, at most 50,000 rows, 10 MB, insertId of 128 characters', async () => {
    expect(await post({ rows: [] })).toMatchObject({ status: 400, body: { error: { message: 'No rows present in the request.' } } });
    const many = Array.from({ length: 50_001 }, () => ({ json: {} }));
    expect((await post({ rows: many })).status).toBe(400);
    expect(await post({ rows: [{ json: { name: 'x'.repeat(10 * 1024 * 1024) } }] })).toMatchObject({
      status: 400,
      body: { error: { message: 'Request payload size exceeds the limit: 10485760 bytes.' } },
    });
    expect((await post({ rows: [{ insertId: 'x'.repeat(129), json: ROW }] })).status).toBe(400);
    expect((await post({ rows: [{ insertId: 'x'.repeat(128), json: ROW }] })).status).toBe(200);
  });

  it('fails injected requests as a whole with 503 or 429, then recovers', async () => {
    standIn.failRequests(1, 503);
    standIn.failRequests(1, 429);
    expect(await post({ rows: rows(ROW) })).toMatchObject({ status: 503, body: { error: { status: 'UNAVAILABLE' } } });
    expect(await post({ rows: rows(ROW) })).toMatchObject({ status: 429, body: { error: { status: 'RESOURCE_EXHAUSTED' } } });
    expect((await post({ rows: rows(ROW) })).status).toBe(200);
    expect(standIn.rows).toHaveLength(1);
  });
});

describe('BigQueryInsertAllStandIn stalls', () => {
  it('leaves a stalled request unanswered and stores nothing of it', async () => {
    const standIn = await BigQueryInsertAllStandIn.start(OPTIONS);
    standIn.stallRequests(1);
    const url = `${standIn.url}/bigquery/v2/projects/p-123456/datasets/d/tables/t/insertAll`;
    const init = { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ rows: [{ json: ROW }] }) };
    await expect(fetch(url, { ...init, signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted due to timeout/);
    expect((await fetch(url, init)).status).toBe(200);
    expect(standIn.calls.map((call) => call.status)).toEqual([0, 200]);
    expect(standIn.rows).toHaveLength(1);
    await standIn.stop();
  });
});
