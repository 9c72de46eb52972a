import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GCP_CREDENTIALS_ADVICE, LabsError, mapLimited } from '@labs/config';

/** The Pulumi project whose stacks the labs use (`name` in `infra-gcp/Pulumi.yaml`). */
export const PULUMI_PROJECT = 'labs-gcp';

/** What one stack's checkpoint in a self-managed backend records. */
export interface StackCheckpoint {
  readonly name: string;
  /** Plaintext outputs of the stack (secret outputs stay encrypted and are not read). */
  readonly outputs: Record<string, unknown>;
  /** The stack config of its last deployment (`labs:…`, `gcp:…`): config lives in the backend. */
  readonly config: Record<string, unknown>;
  /** Resources in the last deployment, the stack itself included. */
  readonly resourceCount: number;
  /** Whether the stack has a deployment at all (a stack whose first `up` never started has none). */
  readonly deployed: boolean;
  /** When the last deployment was written. */
  readonly updatedAt?: Date;
}

/** A checkpoint value (an output or config entry) as text, or undefined when it is not a non-empty string. */
export function checkpointText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The backend (its bucket or directory) does not exist yet. */
export class BackendMissingError extends LabsError {}

interface CheckpointFile {
  readonly checkpoint?: {
    readonly config?: Record<string, unknown>;
    readonly latest?: {
      readonly manifest?: { readonly time?: string };
      readonly resources?: readonly { readonly type?: string; readonly outputs?: Record<string, unknown> }[];
    } | null;
  };
}

/** Parses one checkpoint file (`<stack>.json` or `.json.gz`) into what the labs read. */
export function parseCheckpoint(name: string, body: Buffer, fileName: string): StackCheckpoint {
  const text = (fileName.endsWith('.gz') ? gunzipSync(body) : body).toString('utf8');
  let file: CheckpointFile;
  try {
    file = JSON.parse(text) as CheckpointFile;
  } catch {
    throw new LabsError(`checkpoint ${fileName} is not JSON`, 3);
  }
  const latest = file.checkpoint?.latest ?? undefined;
  const resources = latest?.resources ?? [];
  const root = resources.find((resource) => resource.type === 'pulumi:pulumi:Stack');
  const time = latest?.manifest?.time ? new Date(latest.manifest.time) : undefined;
  return {
    name,
    outputs: root?.outputs ?? {},
    config: file.checkpoint?.config ?? {},
    resourceCount: resources.length,
    deployed: latest !== undefined,
    updatedAt: time && !Number.isNaN(time.getTime()) ? time : undefined,
  };
}

/** The stack name of a checkpoint object (`…/<stack>.json[.gz]`), or undefined for backups and other files. */
function stackOf(objectName: string): string | undefined {
  return /(?:^|\/)([^/]+)\.json(?:\.gz)?$/.exec(objectName)?.[1];
}

/**
 * Checkpoint object names under a backend root: project-scoped (`stacks/<project>/`) and legacy
 * (`stacks/`); with `only`, of that stack alone.
 */
function isCheckpointOf(objectName: string, project: string, only?: string): boolean {
  const rest = objectName.replace(/^\.pulumi\/stacks\//, '');
  const stack = stackOf(objectName);
  if (rest === objectName || !stack || (only !== undefined && stack !== only)) return false;
  const parts = rest.split('/');
  return parts.length === 1 || (parts.length === 2 && parts[0] === project);
}

/** Reads every checkpoint of a `file://` backend. A directory that does not exist holds no stacks. */
function readFileBackend(root: string, project: string, only?: string): StackCheckpoint[] {
  const stacks = join(root, '.pulumi', 'stacks');
  if (!existsSync(stacks)) return [];
  const files = [
    ...readdirSync(stacks).map((name) => `.pulumi/stacks/${name}`),
    ...(existsSync(join(stacks, project)) && statSync(join(stacks, project)).isDirectory()
      ? readdirSync(join(stacks, project)).map((name) => `.pulumi/stacks/${project}/${name}`)
      : []),
  ].filter((name) => isCheckpointOf(name, project, only));
  return files.map((name) => parseCheckpoint(stackOf(name) ?? name, readFileSync(join(root, name)), name));
}

/** A GCS JSON API client: `STORAGE_EMULATOR_HOST` (no credentials, as Google's clients do), else Google with ADC. */
async function gcsFetcher(): Promise<(path: string) => Promise<Response>> {
  const emulator = process.env.STORAGE_EMULATOR_HOST;
  if (emulator) {
    const base = emulator.startsWith('http') ? emulator : `http://${emulator}`;
    return (path) => fetch(`${base}${path}`);
  }
  const { GoogleAuth } = await import('google-auth-library');
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/devstorage.read_only'] });
  let token: string | null | undefined;
  return async (path) => {
    try {
      token ??= await auth.getAccessToken();
    } catch (error) {
      throw new LabsError(`reading the Pulumi state bucket: ${(error as Error).message} (${GCP_CREDENTIALS_ADVICE})`, 3);
    }
    return fetch(`https://storage.googleapis.com${path}`, { headers: { authorization: `Bearer ${token}` } });
  };
}

/** Reads every checkpoint of a `gs://` backend with the GCS JSON API: one listing, then one download per stack. */
async function readGcsBackend(bucket: string, project: string, only?: string): Promise<StackCheckpoint[]> {
  const get = await gcsFetcher();
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ prefix: '.pulumi/stacks/', fields: 'items(name),nextPageToken' });
    if (pageToken) query.set('pageToken', pageToken);
    const response = await get(`/storage/v1/b/${encodeURIComponent(bucket)}/o?${query.toString()}`);
    if (response.status === 404)
      throw new BackendMissingError(
        `the Pulumi state bucket gs://${bucket} does not exist: run 'labs bootstrap --cloud gcp' first (or set gcp.backend to an existing bucket)`,
        3,
      );
    if (!response.ok) throw new LabsError(`listing gs://${bucket}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`, 3);
    const page = (await response.json()) as { items?: { name: string }[]; nextPageToken?: string };
    names.push(...(page.items ?? []).map((item) => item.name).filter((name) => isCheckpointOf(name, project, only)));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return mapLimited(names, 16, async (name) => {
    const response = await get(`/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}?alt=media`);
    if (!response.ok) throw new LabsError(`reading gs://${bucket}/${name}: HTTP ${response.status}`, 3);
    return parseCheckpoint(stackOf(name) ?? name, Buffer.from(await response.arrayBuffer()), name);
  });
}

/**
 * Every stack checkpoint of the project in a self-managed Pulumi backend (`file://…` or `gs://…`), read
 * directly: no `pulumi` process and no passphrase (plaintext outputs and config are not encrypted), so
 * `labs status` and `labs reap` of 100 environments cost one listing instead of 100 processes.
 * With `only`, just that stack's checkpoint is read (one listing, one download). Throws
 * {@link BackendMissingError} when the bucket does not exist.
 */
export async function readBackend(url: string, project = PULUMI_PROJECT, only?: string): Promise<StackCheckpoint[]> {
  if (url.startsWith('file://')) return readFileBackend(url.slice('file://'.length).replace(/^~(?=\/|$)/, homedir()), project, only);
  const bucket = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])\/?$/.exec(url)?.[1];
  if (bucket) return readGcsBackend(bucket, project, only);
  throw new LabsError(`unsupported Pulumi backend "${url}": use gs://<bucket> or file://<directory> (gcp.backend in labs.config.json)`);
}
