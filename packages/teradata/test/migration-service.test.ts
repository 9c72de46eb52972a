import { type HttpClient, parseGcsFolder, translateWithService } from '../src';

/** A recorded exchange: what the client must send, and the response the API gave. */
interface Exchange {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly data?: unknown;
  readonly response: unknown;
}

/** Replays recorded responses and fails on any request that differs from the recording. */
function replay(exchanges: Exchange[]): HttpClient & { remaining: () => number } {
  const queue = [...exchanges];
  return {
    remaining: () => queue.length,
    async request<T>(options: { url: string; method: 'GET' | 'POST'; data?: unknown }): Promise<{ data: T }> {
      const next = queue.shift();
      if (!next) throw new Error(`unexpected request ${options.method} ${options.url}`);
      expect({ method: options.method, url: options.url }).toEqual({ method: next.method, url: next.url });
      if (next.data !== undefined) expect(options.data).toEqual(next.data);
      return { data: next.response as T };
    },
  };
}

const WORKFLOW = 'projects/my-proj/locations/us/workflows/2c1f9d9e-0000-4b8a-9d3e-1a2b3c4d5e6f';
const STORAGE = 'https://storage.googleapis.com';
const MIGRATION = 'https://bigquerymigration.googleapis.com/v2';

const recordedRun = (finalTaskState: string): Exchange[] => [
  {
    method: 'POST',
    url: `${STORAGE}/upload/storage/v1/b/my-bucket/o?uploadType=media&name=${encodeURIComponent('td/run1/input/script.sql')}`,
    data: 'SEL TOP 1 a FROM t;',
    response: { kind: 'storage#object', bucket: 'my-bucket', name: 'td/run1/input/script.sql', size: '19' },
  },
  {
    method: 'POST',
    url: `${MIGRATION}/projects/my-proj/locations/us/workflows`,
    data: {
      displayName: 'run1',
      tasks: {
        translate: {
          type: 'Translation_Teradata2BQ',
          translationConfigDetails: {
            gcsSourcePath: 'gs://my-bucket/td/run1/input',
            gcsTargetPath: 'gs://my-bucket/td/run1/output',
            sourceDialect: { teradataDialect: { mode: 'SQL' } },
            targetDialect: { bigqueryDialect: {} },
          },
        },
      },
    },
    response: { name: WORKFLOW, displayName: 'run1', state: 'RUNNING', createTime: '2026-11-28T23:00:00Z' },
  },
  {
    method: 'GET',
    url: `${MIGRATION}/${WORKFLOW}`,
    response: { name: WORKFLOW, state: 'RUNNING', tasks: { translate: { state: 'RUNNING' } } },
  },
  {
    method: 'GET',
    url: `${MIGRATION}/${WORKFLOW}`,
    response: {
      name: WORKFLOW,
      state: 'COMPLETED',
      tasks: {
        translate: { state: finalTaskState, ...(finalTaskState === 'FAILED' ? { processingError: { reason: 'INVALID_ARGUMENT' } } : {}) },
      },
    },
  },
];

describe('translateWithService (BigQuery Migration API over REST, recorded shapes)', () => {
  it('uploads, creates the workflow, polls until COMPLETED and downloads the translation', async () => {
    const http = replay([
      ...recordedRun('SUCCEEDED'),
      {
        method: 'GET',
        url: `${STORAGE}/storage/v1/b/my-bucket/o/${encodeURIComponent('td/run1/output/script.sql')}?alt=media`,
        response: 'SELECT a FROM t LIMIT 1;\n',
      },
    ]);
    const sleeps: number[] = [];
    const out = await translateWithService('SEL TOP 1 a FROM t;', http, {
      project: 'my-proj',
      location: 'us',
      gcsFolder: 'gs://my-bucket/td/',
      runId: 'run1',
      pollMs: 10,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(out).toBe('SELECT a FROM t LIMIT 1;\n');
    expect(sleeps).toEqual([10]);
    expect(http.remaining()).toBe(0);
  });

  it('reports a failed translation task', async () => {
    const http = replay(recordedRun('FAILED'));
    await expect(
      translateWithService('SEL TOP 1 a FROM t;', http, {
        project: 'my-proj',
        location: 'us',
        gcsFolder: 'gs://my-bucket/td',
        runId: 'run1',
        sleep: async () => {},
      }),
    ).rejects.toThrow('BigQuery Migration API task translate failed: INVALID_ARGUMENT');
  });

  it('parses Cloud Storage folders and rejects anything else', () => {
    expect(parseGcsFolder('gs://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(parseGcsFolder('gs://my-bucket/a/b/')).toEqual({ bucket: 'my-bucket', prefix: 'a/b' });
    expect(() => parseGcsFolder('s3://x/y')).toThrow('bad Cloud Storage folder "s3://x/y": expected gs://bucket[/prefix]');
  });
});
