import type { HttpClient } from '@labs/teradata';
import { googleRunClients } from '../src/labs/teradata-migration/google-clients';

type Request = Parameters<HttpClient['request']>[0];

/** An HTTP client answering like the Google REST APIs: JSON bodies, errors carrying `response.status`. */
class FakeGoogleApis implements HttpClient {
  readonly requests: Request[] = [];
  constructor(private readonly answer: (request: Request) => unknown) {}
  async request<T>(request: Request): Promise<{ data: T }> {
    this.requests.push(request);
    const data = this.answer(request);
    if (typeof data === 'number') throw Object.assign(new Error(`Request failed with status code ${data}`), { response: { status: data } });
    return { data: data as T };
  }
}

const instance = { project: 'p', zone: 'us-central1-a', name: 'td2bq-alice' };

describe('Google REST clients of labs run teradata-migration', () => {
  it('reads a namespace of guest attributes; an instance without them yet is {}, a missing instance null', async () => {
    const http = new FakeGoogleApis((r) =>
      r.url.endsWith('getGuestAttributes?queryPath=td2bq%2F')
        ? { queryValue: { items: [{ namespace: 'td2bq', key: 'status', value: 'ready' }] } }
        : 404,
    );
    expect(await googleRunClients(http).guestAttributes.read(instance, 'td2bq')).toEqual({ status: 'ready' });
    expect(http.requests[0]!.url).toBe(
      'https://compute.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instances/td2bq-alice/getGuestAttributes?queryPath=td2bq%2F',
    );
    const booting = new FakeGoogleApis((r) => (r.url.includes('getGuestAttributes') ? 404 : { name: 'td2bq-alice' }));
    expect(await googleRunClients(booting).guestAttributes.read(instance, 'td2bq')).toEqual({});
    expect(await googleRunClients(new FakeGoogleApis(() => 404)).guestAttributes.read(instance, 'td2bq')).toBeNull();
    await expect(googleRunClients(new FakeGoogleApis(() => 403)).guestAttributes.read(instance, 'td2bq')).rejects.toThrow(
      'status code 403',
    );
  });

  it('reads objects as text (null when absent) and uploads with the content type', async () => {
    const http = new FakeGoogleApis((r) => (r.method === 'POST' ? {} : r.url.includes('missing') ? 404 : '{"databases":[]}'));
    const storage = googleRunClients(http).storage;
    expect(await storage.read('b', 'td2bq/tpch-schema.json')).toBe('{"databases":[]}');
    expect(http.requests[0]).toMatchObject({
      url: 'https://storage.googleapis.com/storage/v1/b/b/o/td2bq%2Ftpch-schema.json?alt=media',
      responseType: 'text',
    });
    expect(await storage.read('b', 'missing.json')).toBeNull();
    await storage.write('b', 'td2bq/tpch-schema.json', '{}', 'application/json');
    expect(http.requests.at(-1)).toEqual({
      url: 'https://storage.googleapis.com/upload/storage/v1/b/b/o?uploadType=media&name=td2bq%2Ftpch-schema.json',
      method: 'POST',
      data: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('finds the transfer config by display name across pages, starts manual runs, lists runs newest first', async () => {
    const config = 'projects/1/locations/us/transferConfigs/abc';
    const http = new FakeGoogleApis((r) => {
      if (r.url.includes('transferConfigs?dataSourceIds=on_premises&pageToken=2'))
        return { transferConfigs: [{ name: config, displayName: 'td2bq-alice' }] };
      if (r.url.includes('transferConfigs?dataSourceIds=on_premises'))
        return { transferConfigs: [{ name: 'x', displayName: 'other' }], nextPageToken: '2' };
      if (r.url.endsWith(':startManualRuns')) return { runs: [{ name: `${config}/runs/r2`, state: 'PENDING' }] };
      if (r.url.includes('/runs?'))
        return {
          transferRuns: [
            { name: 'r1', state: 'FAILED', runTime: '2026-12-04T09:00:00Z' },
            { name: 'r2', state: 'RUNNING', runTime: '2026-12-04T10:00:00Z' },
          ],
        };
      return { name: `${config}/runs/r2`, state: 'SUCCEEDED' };
    });
    const transfers = googleRunClients(http).transfers;
    expect(await transfers.findConfig('projects/p/locations/us', 'td2bq-alice')).toBe(config);
    expect((await transfers.listRuns(config)).map((run) => run.name)).toEqual(['r2', 'r1']);
    expect(await transfers.startRun(config, new Date('2026-12-04T10:00:00Z'))).toEqual({ name: `${config}/runs/r2`, state: 'PENDING' });
    expect(http.requests.find((r) => r.url.endsWith(':startManualRuns'))!.data).toEqual({ requestedRunTime: '2026-12-04T10:00:00.000Z' });
    expect((await transfers.getRun(`${config}/runs/r2`)).state).toBe('SUCCEEDED');
  });

  it('runs a query with the default dataset, waits for the job and reads every page of f/v rows', async () => {
    const schema = { fields: [{ name: 'table_name' }, { name: 'row_count' }] };
    const http = new FakeGoogleApis((r) => {
      if (r.method === 'POST') return { jobComplete: false, jobReference: { jobId: 'j1', location: 'US' } };
      if (!r.url.includes('pageToken'))
        return {
          jobComplete: true,
          jobReference: { jobId: 'j1', location: 'US' },
          schema,
          rows: [{ f: [{ v: 'region' }, { v: '5' }] }],
          pageToken: 't2',
        };
      return { jobComplete: true, jobReference: { jobId: 'j1', location: 'US' }, schema, rows: [{ f: [{ v: 'nation' }, { v: '25' }] }] };
    });
    const rows = await googleRunClients(http).bigquery.query({
      project: 'p',
      sql: 'SELECT 1',
      dataset: 'td2bq_alice',
      location: 'US',
      labels: { 'labs-env': 'alice' },
    });
    expect(rows).toEqual([
      { table_name: 'region', row_count: '5' },
      { table_name: 'nation', row_count: '25' },
    ]);
    expect(http.requests[0]).toMatchObject({
      url: 'https://bigquery.googleapis.com/bigquery/v2/projects/p/queries',
      data: {
        query: 'SELECT 1',
        useLegacySql: false,
        location: 'US',
        defaultDataset: { projectId: 'p', datasetId: 'td2bq_alice' },
        labels: { 'labs-env': 'alice' },
      },
    });
    expect(http.requests[1]!.url).toBe('https://bigquery.googleapis.com/bigquery/v2/projects/p/queries/j1?location=US&timeoutMs=60000');
    expect(http.requests[2]!.url).toContain('&pageToken=t2');
  });
});
