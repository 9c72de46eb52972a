import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One recorded call of a stand-in. */
export interface RecordedCall {
  readonly tool: 'cdk' | 'pulumi';
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

interface StandInStack {
  cloud: 'aws' | 'gcp';
  owner?: string;
  expiresAt?: string;
  /** The sink the stack was deployed with (`-c sink=`): reported as the stack output `Sink`, as the kinesis-data stack does. */
  sink?: string;
  /** CloudFormation stack status. @default CREATE_COMPLETE */
  status?: string;
  [key: string]: unknown;
}

/** Tables and models of a stand-in BigQuery dataset: id → expiration time in ms (null: never). */
export interface BigQueryDatasetState {
  tables: Record<string, number | null>;
  models: Record<string, number | null>;
}

/** What a stand-in Pulumi checkpoint records (see {@link writePulumiCheckpoint}). */
export interface CheckpointContent {
  readonly outputs?: Record<string, unknown>;
  readonly config?: Record<string, string>;
  /** Resources besides the stack itself. @default 4 */
  readonly resources?: number;
  readonly updatedAt?: Date;
}

/**
 * Writes a checkpoint in a self-managed Pulumi backend directory, in Pulumi's own layout
 * (`.pulumi/stacks/labs-gcp/<stack>.json`, `checkpoint.latest.resources[]` with the stack's outputs).
 */
export function writePulumiCheckpoint(backendDir: string, stack: string, content: CheckpointContent): void {
  const dir = join(backendDir, '.pulumi', 'stacks', 'labs-gcp');
  mkdirSync(dir, { recursive: true });
  const root = {
    urn: `urn:pulumi:${stack}::labs-gcp::pulumi:pulumi:Stack::labs-gcp-${stack}`,
    type: 'pulumi:pulumi:Stack',
    outputs: content.outputs ?? {},
  };
  const others = Array.from({ length: content.resources ?? 4 }, (_, i) => ({ urn: `urn:${i}`, custom: true, type: 'gcp:x/y:Z' }));
  const checkpoint = {
    version: 3,
    checkpoint: {
      stack: `organization/labs-gcp/${stack}`,
      config: content.config ?? {},
      latest: {
        manifest: { time: (content.updatedAt ?? new Date()).toISOString() },
        secrets_providers: { type: 'passphrase', state: {} },
        resources: [root, ...others],
      },
    },
  };
  writeFileSync(join(dir, `${stack}.json`), JSON.stringify(checkpoint));
}

/**
 * Recording stand-ins for `cdk` and `pulumi` on PATH, plus, on loopback, a CloudFormation
 * `DescribeStacks` endpoint (its documented Query/XML wire protocol) that reports the stacks the `cdk`
 * stand-in deployed, and the two Cloud Storage JSON API calls a Pulumi backend reader makes (list
 * objects, download an object with `alt=media`) over the stand-in's `gs://` buckets (`dir/gcs/<bucket>`),
 * and an STS `AssumeRole` endpoint (Query/XML) that records the session tags it was asked for.
 */
export class ToolStandIns {
  private constructor(
    readonly dir: string,
    private readonly server: Server,
    private readonly port: number,
    private readonly requests: string[],
  ) {}

  /** Creates the stand-ins in a fresh temp directory and starts the CloudFormation endpoint. */
  static async start(): Promise<ToolStandIns> {
    const dir = mkdtempSync(join(tmpdir(), 'labs-standins-'));
    const script = join(__dirname, '..', 'bin', 'recording-tool.js');
    chmodSync(script, 0o755);
    for (const tool of ['cdk', 'pulumi']) symlinkSync(script, join(dir, tool));
    const requests: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url?.startsWith('/storage/v1/')) {
          serveGcs(join(dir, 'gcs'), req, res);
          return;
        }
        if (req.url?.startsWith('/projects/')) {
          serveBigQuery(join(dir, 'bigquery.json'), req, body, res);
          return;
        }
        const form = new URLSearchParams(body);
        res.writeHead(200, { 'content-type': 'text/xml' });
        if (form.get('Action') === 'AssumeRole') {
          appendFileSync(join(dir, 'sts-calls.jsonl'), `${JSON.stringify(Object.fromEntries(form))}\n`);
          res.end(assumeRoleXml());
          return;
        }
        requests.push(form.get('Action') ?? body);
        res.end(describeStacksXml(readState(dir)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return new ToolStandIns(dir, server, typeof address === 'object' && address ? address.port : 0, requests);
  }

  /** Environment for the CLI: stand-ins first on PATH, the CloudFormation endpoint, a fixed account. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: `${this.dir}:${process.env.PATH ?? ''}`,
      LABS_CDK: join(this.dir, 'cdk'),
      LABS_STANDIN_DIR: this.dir,
      AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${this.port}`,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${this.port}`,
      AWS_ACCOUNT_ID: '123456789012',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test-only-not-a-key',
      AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret',
      STORAGE_EMULATOR_HOST: `http://127.0.0.1:${this.port}`,
      BIGQUERY_EMULATOR_HOST: `http://127.0.0.1:${this.port}`,
      PULUMI_CONFIG_PASSPHRASE: 'test-only-passphrase',
      ...extra,
    };
  }

  /** The calls recorded so far. */
  calls(): RecordedCall[] {
    const file = join(this.dir, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedCall);
  }

  /** When each call started and ended (epoch ms), in the order they ended. */
  spans(): { tool: string; args: string[]; start: number; end: number; code: number }[] {
    const file = join(this.dir, 'spans.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { tool: string; args: string[]; start: number; end: number; code: number });
  }

  /** The CloudFormation API actions received so far (e.g. `DescribeStacks`), in order. */
  cloudFormationRequests(): string[] {
    return [...this.requests];
  }

  /** The directory of a stand-in `gs://` bucket (it exists once created). */
  bucketDir(bucket: string): string {
    return join(this.dir, 'gcs', bucket);
  }

  /** Creates a stand-in `gs://` bucket, as if it existed before. */
  createBucket(bucket: string): string {
    mkdirSync(this.bucketDir(bucket), { recursive: true });
    return this.bucketDir(bucket);
  }

  /** Puts tables and models (id → expiration in ms, or null) into a stand-in BigQuery dataset. */
  seedDataset(project: string, dataset: string, objects: BigQueryDatasetState): void {
    const file = join(this.dir, 'bigquery.json');
    const state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, BigQueryDatasetState>) : {};
    state[`${project}.${dataset}`] = objects;
    writeFileSync(file, JSON.stringify(state));
  }

  /** The tables and models of a stand-in BigQuery dataset. */
  dataset(project: string, dataset: string): BigQueryDatasetState | undefined {
    const file = join(this.dir, 'bigquery.json');
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, BigQueryDatasetState>)[`${project}.${dataset}`]
      : undefined;
  }

  /** The STS AssumeRole requests recorded so far (their form parameters, e.g. `Tags.member.1.Key`). */
  assumeRoleCalls(): Record<string, string>[] {
    const file = join(this.dir, 'sts-calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, string>);
  }

  /** Forgets the recorded calls (the deployed state stays). */
  clearCalls(): void {
    writeFileSync(join(this.dir, 'calls.jsonl'), '');
    writeFileSync(join(this.dir, 'spans.jsonl'), '');
    this.requests.length = 0;
  }

  /** Stops the CloudFormation endpoint. */
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readState(dir: string): Record<string, StandInStack> {
  const file = join(dir, 'state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { stacks: Record<string, StandInStack> }).stacks : {};
}

function describeStacksXml(stacks: Record<string, StandInStack>): string {
  const members = Object.entries(stacks)
    .filter(([, stack]) => stack.cloud === 'aws')
    .map(
      ([
        name,
        stack,
      ]) => `<member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1</StackId>
<CreationTime>2026-11-28T00:00:00Z</CreationTime><StackStatus>${stack.status ?? 'CREATE_COMPLETE'}</StackStatus><Tags>
<member><Key>labs-owner</Key><Value>${stack.owner ?? ''}</Value></member>
<member><Key>labs-expires-at</Key><Value>${stack.expiresAt ?? ''}</Value></member></Tags>${
        stack.sink ? `<Outputs><member><OutputKey>Sink</OutputKey><OutputValue>${stack.sink}</OutputValue></member></Outputs>` : ''
      }</member>`,
    )
    .join('');
  return `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks>${members}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>`;
}

/** Every file under a directory, as `/`-separated paths relative to it. */
function filesUnder(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** `GET /storage/v1/b/<bucket>/o?prefix=` and `GET /storage/v1/b/<bucket>/o/<object>?alt=media`, 404 for a missing bucket. */
function serveGcs(gcsDir: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(url.pathname);
  const bucket = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  const notFound = (message: string) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 404, message } }));
  };
  if (!bucket || !existsSync(join(gcsDir, bucket))) return notFound('The specified bucket does not exist.');
  const root = join(gcsDir, bucket);
  if (match?.[2]) {
    const file = join(root, decodeURIComponent(match[2]));
    if (!existsSync(file)) return notFound('No such object');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(readFileSync(file));
    return;
  }
  const prefix = url.searchParams.get('prefix') ?? '';
  const items = filesUnder(root)
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ name }));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'storage#objects', items }));
}

/**
 * The BigQuery REST calls that list and update a dataset's tables and models
 * (`GET …/datasets/<d>/tables|models`, `GET|PATCH …/tables|models/<id>`), as the v2 API shapes them.
 */
function serveBigQuery(file: string, req: IncomingMessage, body: string, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/projects\/([^/]+)\/datasets\/([^/]+)\/(tables|models)(?:\/([^/]+))?$/.exec(url.pathname);
  const state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, BigQueryDatasetState>) : {};
  const [, project = '', datasetId = '', collection = 'tables', id] = match ?? [];
  const dataset = state[`${project}.${datasetId}`];
  const send = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (!match || !dataset) return send(404, { error: { code: 404, message: `Not found: Dataset ${project}:${datasetId}` } });
  const kind = collection as 'tables' | 'models';
  const resource = (objectId: string) => {
    const expiration = dataset[kind][objectId];
    const reference =
      kind === 'tables'
        ? { tableReference: { projectId: project, datasetId, tableId: objectId } }
        : { modelReference: { projectId: project, datasetId, modelId: objectId } };
    return {
      ...reference,
      id: `${project}:${datasetId}.${objectId}`,
      ...(expiration === null || expiration === undefined ? {} : { expirationTime: String(expiration) }),
    };
  };
  if (!id) return send(200, { [kind]: Object.keys(dataset[kind]).map(resource) });
  const objectId = decodeURIComponent(id);
  if (!(objectId in dataset[kind])) return send(404, { error: { code: 404, message: `Not found: ${objectId}` } });
  if (req.method === 'PATCH' || req.method === 'PUT') {
    const patch = JSON.parse(body || '{}') as { expirationTime?: string };
    if (patch.expirationTime !== undefined) dataset[kind][objectId] = Number(patch.expirationTime);
    writeFileSync(file, JSON.stringify(state));
  }
  return send(200, resource(objectId));
}

function assumeRoleXml(): string {
  const expiration = new Date(Date.now() + 3_600_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATESTONLYNOTAKEY</AccessKeyId><SecretAccessKey>test-only-not-a-secret</SecretAccessKey><SessionToken>test-only-session</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/labs-cfn-deploy-us-east-1/labs</Arn><AssumedRoleId>AROATESTONLY:labs</AssumedRoleId></AssumedRoleUser><PackedPolicySize>1</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}
