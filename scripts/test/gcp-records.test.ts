import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { environment, parseProjectConfig } from '@labs/config';
import { ToolStandIns, writePulumiCheckpoint } from '@labs/testing';
import { Deployer, isEventualConsistencyFailure } from '../src/cloud/deployer';
import { NO_EXPIRY_GRACE_MS, ownedBy, reapReason, type EnvironmentRecord } from '../src/cloud/environment-record';
import { recordOf } from '../src/cloud/gcp-environments';
import { readBackend } from '../src/cloud/pulumi-backend';

const NOW = new Date('2026-12-04T12:00:00Z');
const record = (fields: Partial<EnvironmentRecord>): EnvironmentRecord => ({
  cloud: 'gcp',
  lab: 'bqml-classification',
  env: 'alice',
  stack: 'labs-bqml-classification-alice',
  state: 'up',
  ...fields,
});

describe('reaping rules', () => {
  it('reaps what expired, keeps what has not', () => {
    expect(reapReason(record({ expiresAt: new Date('2026-12-04T11:59:00Z') }), NOW)).toBe('expired');
    expect(reapReason(record({ expiresAt: new Date('2026-12-04T12:01:00Z') }), NOW)).toBeUndefined();
  });

  it('reaps a stack without an expiry record once the grace period after its last update has passed', () => {
    const updated = (ms: number) => record({ updatedAt: new Date(NOW.getTime() - ms) });
    expect(reapReason(updated(NO_EXPIRY_GRACE_MS - 60_000), NOW)).toBeUndefined();
    expect(reapReason(updated(NO_EXPIRY_GRACE_MS), NOW)).toBe('no-expiry-record');
    expect(reapReason(record({}), NOW)).toBe('no-expiry-record');
  });

  it('retries an AWS stack in DELETE_FAILED whatever its expiry', () => {
    expect(reapReason(record({ cloud: 'aws', state: 'DELETE_FAILED', expiresAt: new Date('2027-01-01T00:00:00Z') }), NOW)).toBe(
      'delete-failed',
    );
  });

  it('compares owners as they were given', () => {
    expect(ownedBy(record({ owner: 'Alice.Smith@example.com' }), 'Alice.Smith@example.com')).toBe(true);
    expect(ownedBy(record({ owner: 'Alice.Smith@example.com' }), 'alice_smith_example_com')).toBe(false);
    expect(ownedBy(record({}), undefined)).toBe(true);
  });
});

describe('reading a self-managed Pulumi backend', () => {
  it('reads project-scoped, legacy and gzipped checkpoints, skips backups, and falls back to the deployed config', async () => {
    const root = mkdtempSync(join(tmpdir(), 'labs-backend-'));
    writePulumiCheckpoint(root, 'labs-bqml-classification-alice', {
      outputs: { owner: 'alice@example.com', expiresAt: '2026-12-04T14:00:00Z' },
      updatedAt: NOW,
    });
    const legacy = { checkpoint: { config: { 'labs:owner': 'bob@example.com', 'labs:expiresAt': '2026-12-04T10:00:00Z' }, latest: null } };
    writeFileSync(join(root, '.pulumi', 'stacks', 'labs-bqml-classification-bob.json'), JSON.stringify(legacy));
    writeFileSync(join(root, '.pulumi', 'stacks', 'labs-bqml-classification-bob.json.bak'), 'not json');
    const zipped = join(root, '.pulumi', 'stacks', 'labs-gcp', 'labs-bqml-classification-carol.json.gz');
    writeFileSync(zipped, gzipSync(JSON.stringify({ checkpoint: { latest: { resources: [] } } })));
    mkdirSync(join(root, '.pulumi', 'stacks', 'other-project'));
    writeFileSync(join(root, '.pulumi', 'stacks', 'other-project', 'labs-bqml-classification-dave.json'), JSON.stringify(legacy));

    const stacks = await readBackend(`file://${root}`);
    expect(stacks.map((s) => s.name).sort()).toEqual([
      'labs-bqml-classification-alice',
      'labs-bqml-classification-bob',
      'labs-bqml-classification-carol',
    ]);
    const records = Object.fromEntries(stacks.map((s) => [s.name, recordOf(s)]));
    expect(records['labs-bqml-classification-alice']).toMatchObject({
      owner: 'alice@example.com',
      expiresAt: new Date('2026-12-04T14:00:00Z'),
      updatedAt: NOW,
      state: 'up',
    });
    expect(records['labs-bqml-classification-bob']).toMatchObject({
      owner: 'bob@example.com',
      expiresAt: new Date('2026-12-04T10:00:00Z'),
      state: 'empty',
    });
    expect(records['labs-bqml-classification-carol']).toMatchObject({ owner: undefined, expiresAt: undefined, state: 'empty' });
  });

  it('holds no stacks in a directory that does not exist yet, and refuses other schemes', async () => {
    expect(await readBackend(`file://${join(tmpdir(), 'labs-no-such-backend-dir')}`)).toEqual([]);
    await expect(readBackend('s3://bucket')).rejects.toThrow(
      'unsupported Pulumi backend "s3://bucket": use gs://<bucket> or file://<directory>',
    );
  });
});

describe('eventual consistency of new service accounts', () => {
  it('recognises the grant that failed because the account was not visible yet', () => {
    expect(
      isEventualConsistencyFailure(
        'error: Error applying IAM policy for project "p": Error setting IAM policy: googleapi: Error 400: Service account bqml-alice@p.iam.gserviceaccount.com does not exist., badRequest',
      ),
    ).toBe(true);
    expect(isEventualConsistencyFailure('error: googleapi: Error 403: Permission denied, forbidden')).toBe(false);
  });
});

describe('Deployer.up on GCP', () => {
  let tools: ToolStandIns;
  const saved = { ...process.env };
  beforeAll(async () => {
    tools = await ToolStandIns.start();
    tools.createBucket('my-proj-labs-state');
    Object.assign(process.env, tools.env({ LABS_STANDIN_FAIL_ONCE: 'up --yes' }));
  });
  afterAll(async () => {
    process.env = saved;
    await tools.stop();
  });

  it('runs an up again that failed because IAM had not caught up with a new service account', async () => {
    const config = parseProjectConfig({ gcp: { project: 'my-proj' } });
    const deployer = new Deployer(config, undefined, undefined, { retryDelayMs: 0 });
    const result = await deployer.up(environment('bqml-classification', 'alice'), 'alice@example.com', new Date(Date.now() + 3_600_000));
    expect(result).toMatchObject({ ok: true, message: 'labs-bqml-classification-alice deployed' });
    expect(tools.calls().map((c) => c.args.slice(0, 2).join(' '))).toEqual(['stack select', 'config set-all', 'up --yes', 'up --yes']);
  });
});
