import { BIGQUERY_INSERT_SCOPE } from '@labs/config';
import { BigQueryInsertAllStandIn, freePort } from '@labs/testing';
import { createInsertAllClient, type InsertAllRequest, InsertAllRequestError, insertAllUrl, SENSOR_READINGS_SCHEMA } from '../src';

const TABLE = { projectId: 'my-lab-project', datasetId: 'sensor_data', tableId: 'sensor_readings' };
const TOKEN = 'ya29.impersonated-0123456789abcdef';
const bearer = { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${TOKEN}` }) };

const row = (seq: number) => ({
  insertId: `alice/shardId-000000000000/${seq}`,
  json: {
    environment: 'alice',
    sensor_id: 'sensor-000',
    reading_time: '2026-12-04T22:00:00.000Z',
    ingested_at: '2026-12-04T22:00:00.250Z',
    iot_name: 'DemoSensor',
    iot_value: 12,
    reading_seq: seq,
    shard_id: 'shardId-000000000000',
    sequence_number: String(seq),
  },
});
const request = (...rows: ReturnType<typeof row>[]): InsertAllRequest => ({ skipInvalidRows: true, ignoreUnknownValues: false, rows });

/** The InsertAllRequestError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<InsertAllRequestError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(InsertAllRequestError);
  return error as InsertAllRequestError;
}

describe('createInsertAllClient against the insertAll stand-in', () => {
  let bigQuery: BigQueryInsertAllStandIn;
  beforeAll(async () => {
    bigQuery = await BigQueryInsertAllStandIn.start({
      ...TABLE,
      schema: SENSOR_READINGS_SCHEMA,
      tokenScopes: (token) => (token === TOKEN ? [BIGQUERY_INSERT_SCOPE] : undefined),
    });
  });
  afterAll(() => bigQuery.stop());

  it('posts the rows to the table with the bearer token and returns the per-row errors', async () => {
    bigQuery.rejectRows((json) =>
      json.reading_seq === 2 ? { reason: 'invalid', location: 'iot_value', message: 'bad value' } : undefined,
    );
    const client = createInsertAllClient({ auth: bearer, table: TABLE, baseUrl: bigQuery.url });
    const response = await client.insertAll(request(row(1), row(2), row(3)));
    expect(response).toEqual({
      kind: 'bigquery#tableDataInsertAllResponse',
      insertErrors: [{ index: 1, errors: [{ reason: 'invalid', location: 'iot_value', message: 'bad value' }] }],
    });
    expect(bigQuery.rows.map((stored) => stored.json.reading_seq)).toEqual([1, 3]);
    expect(bigQuery.calls.at(-1)?.bearer).toBe(TOKEN);
    bigQuery.rejectRows(() => undefined);
  });

  it.each([503, 429] as const)('turns a %i into a retryable error', async (status) => {
    bigQuery.failRequests(1, status);
    const client = createInsertAllClient({ auth: bearer, table: TABLE, baseUrl: bigQuery.url });
    const error = await failure(client.insertAll(request(row(10))));
    expect(error).toMatchObject({ retryable: true, status });
    expect(error.message).toMatch(new RegExp(`^insertAll answered ${status}: `));
  });

  it('turns a missing table into an error that is not retried, with what BigQuery said', async () => {
    const client = createInsertAllClient({ auth: bearer, table: { ...TABLE, tableId: 'other' }, baseUrl: bigQuery.url });
    const error = await failure(client.insertAll(request(row(11))));
    expect(error).toMatchObject({ retryable: false, status: 404 });
    expect(error.message).toBe('insertAll answered 404: Not found: Table my-lab-project:sensor_data.other (NOT_FOUND)');
  });

  it('turns a token BigQuery does not accept into an error that is not retried', async () => {
    const auth = { getRequestHeaders: async () => new Headers({ authorization: 'Bearer ya29.forged' }) };
    const client = createInsertAllClient({ auth, table: TABLE, baseUrl: bigQuery.url });
    expect(await failure(client.insertAll(request(row(12))))).toMatchObject({ retryable: false, status: 401 });
  });

  it('retries a token exchange that failed in transit, not one that was refused; and redacts tokens from the message', async () => {
    const refused = Object.assign(new Error('invalid_grant: subject_token ya29.leaked-token rejected'), { status: 400 });
    const refusedClient = createInsertAllClient({
      auth: { getRequestHeaders: () => Promise.reject(refused) },
      table: TABLE,
      baseUrl: bigQuery.url,
    });
    const error = await failure(refusedClient.insertAll(request(row(13))));
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toBe('no BigQuery access token (the exchange failed): invalid_grant: subject_token ya29.[REDACTED] rejected');
    expect(error.message).not.toContain('leaked');
    const offline = Object.assign(new Error('request to https://sts.googleapis.com/v1/token failed'), { code: 'ECONNRESET' });
    const offlineClient = createInsertAllClient({
      auth: { getRequestHeaders: () => Promise.reject(offline) },
      table: TABLE,
      baseUrl: bigQuery.url,
    });
    expect(await failure(offlineClient.insertAll(request(row(14))))).toMatchObject({ retryable: true });
  });

  it('turns a BigQuery that does not answer into a retryable error', async () => {
    const client = createInsertAllClient({ auth: bearer, table: TABLE, baseUrl: `http://127.0.0.1:${await freePort()}` });
    const error = await failure(client.insertAll(request(row(15))));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^insertAll did not answer: fetch failed \(ECONNREFUSED\)$/);
  });
});

describe('insertAllUrl', () => {
  it('is the documented tabledata.insertAll path, each id encoded', () => {
    expect(insertAllUrl(TABLE)).toBe(
      'https://bigquery.googleapis.com/bigquery/v2/projects/my-lab-project/datasets/sensor_data/tables/sensor_readings/insertAll',
    );
    expect(insertAllUrl({ ...TABLE, projectId: 'example.com:my-project', tableId: 'a b' }, 'http://127.0.0.1:1')).toBe(
      'http://127.0.0.1:1/bigquery/v2/projects/example.com%3Amy-project/datasets/sensor_data/tables/a%20b/insertAll',
    );
  });
});
