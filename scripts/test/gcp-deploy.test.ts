import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli, ToolStandIns, writePulumiCheckpoint } from '@labs/testing';

/** Writes a labs.config.json to a temp file and returns its path. */
function configFile(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'labs-config-')), 'labs.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const BUCKET = 'my-proj-labs-state';
const HOUR = 3_600_000;
const iso = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('the GCP deploy path against recording pulumi/cdk stand-ins and a Pulumi backend in their buckets', () => {
  let tools: ToolStandIns;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    tools = await ToolStandIns.start();
    env = tools.env({ LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj' }, aws: { account: '123456789012' } }) });
  });
  afterEach(() => tools.stop());
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extra } });
  const pulumiCalls = () => tools.calls().filter((c) => c.tool === 'pulumi');

  it('bootstraps from nothing: the foundation deploys with a local backend, then its state moves into the bucket it created', async () => {
    const result = await cli(['bootstrap', '--cloud', 'gcp', '--yes', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; backend: string; message: string };
    expect(report).toMatchObject({ ok: true, backend: `gs://${BUCKET}` });
    expect(report.message).toMatch(
      /environments use the Pulumi backend gs:\/\/my-proj-labs-state \(the default when gcp.backend is unset\)/,
    );

    const local = `file://${join(REPO_ROOT, '.labs', 'pulumi-bootstrap')}`;
    const calls = pulumiCalls();
    expect(calls.map((c) => [c.env.PULUMI_BACKEND_URL, c.args.slice(0, 2).join(' ')])).toEqual([
      [local, 'stack select'],
      [local, 'config set-all'],
      [local, 'up --yes'],
      [local, 'stack export'],
      [`gs://${BUCKET}`, 'stack select'],
      [`gs://${BUCKET}`, 'stack import'],
      [local, 'stack rm'],
    ]);
    expect(calls.every((c) => c.env.PULUMI_CONFIG_PASSPHRASE === 'set')).toBe(true);
    expect(calls[1]?.args).toEqual(
      expect.arrayContaining(['gcp:project=my-proj', 'labs:foundation=true', 'labs:awsAccountId=123456789012']),
    );
    const generation = calls[1]?.args.find((a) => a.startsWith('labs:federationGeneration='))?.split('=')[1] ?? '';
    expect(generation).toMatch(/^[a-z0-9]{1,8}$/);
    expect(existsSync(join(tools.bucketDir(BUCKET), '.pulumi', 'stacks', 'labs-gcp', 'labs-foundation.json'))).toBe(true);

    // The second bootstrap updates the foundation in its bucket and keeps its federation ids.
    tools.clearCalls();
    expect((await cli(['bootstrap', '--cloud', 'gcp', '--yes'])).code).toBe(0);
    expect(pulumiCalls().map((c) => [c.env.PULUMI_BACKEND_URL, c.args.slice(0, 2).join(' ')])).toEqual([
      [`gs://${BUCKET}`, 'config refresh'],
      [`gs://${BUCKET}`, 'stack select'],
      [`gs://${BUCKET}`, 'config set-all'],
      [`gs://${BUCKET}`, 'up --yes'],
    ]);
    expect(pulumiCalls()[2]?.args).toContain(`labs:federationGeneration=${generation}`);
  });

  it('records the GitHub repository and branch allowed to deploy in the foundation, keeps them on later bootstraps, refuses a malformed one', async () => {
    const bad = await cli(['bootstrap', '--cloud', 'gcp', '--github-repo', 'octo-org', '--yes']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toBe('error: invalid GitHub repository "octo-org": expected owner/name (for example octo-org/labs)');
    expect(tools.calls()).toEqual([]);

    const first = await cli(['bootstrap', '--cloud', 'gcp', '--github-repo', 'octo-org/labs', '--github-branch', 'release', '--yes']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/GitHub Actions workflows of octo-org\/labs on branch release will deploy lab environments without keys/);
    const set = () => pulumiCalls().find((c) => c.args[1] === 'set-all')?.args;
    expect(set()).toEqual(expect.arrayContaining(['labs:githubRepository=octo-org/labs', 'labs:githubBranch=release']));
    tools.clearCalls();
    expect((await cli(['bootstrap', '--cloud', 'gcp', '--yes'])).code).toBe(0);
    expect(set()).toEqual(expect.arrayContaining(['labs:githubRepository=octo-org/labs', 'labs:githubBranch=release']));
  });

  it("pins the repository's numeric id when given, lets the deploy account use a gcpkms:// secrets key, and keeps both on later bootstraps", async () => {
    const KEY = 'projects/my-proj/locations/global/keyRings/labs/cryptoKeys/pulumi';
    const withKms = { LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj', secretsProvider: `gcpkms://${KEY}` } }) };
    for (const [args, message] of [
      [['--github-repo-id', '42'], 'error: --github-repo-id "42" needs --github-repo owner/name'],
      [
        ['--github-repo', 'octo-org/labs', '--github-repo-id', '0x2a'],
        /^error: invalid GitHub repository id "0x2a": expected the repository's numeric id/,
      ],
      [
        ['--cloud', 'aws', '--github-repo', 'octo-org/labs', '--github-repo-id', '42'],
        'error: --github-repo-id is checked by Google only: AWS evaluates no custom claims of GitHub tokens (use it with --cloud gcp)',
      ],
    ] as const) {
      const refused = await cli(['bootstrap', '--cloud', 'gcp', ...args, '--yes'], withKms);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim()).toMatch(message);
    }
    expect(tools.calls()).toEqual([]);

    const first = await cli(
      ['bootstrap', '--cloud', 'gcp', '--github-repo', 'octo-org/labs', '--github-repo-id', '123456789', '--yes'],
      withKms,
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/GitHub Actions workflows of octo-org\/labs \(repository id 123456789\) on branch main will deploy/);
    const set = () => pulumiCalls().find((c) => c.args[1] === 'set-all')?.args;
    const pinned = ['labs:githubRepository=octo-org/labs', 'labs:githubRepositoryId=123456789', `labs:secretsKeyName=${KEY}`];
    expect(set()).toEqual(expect.arrayContaining(pinned));
    tools.clearCalls();
    expect((await cli(['bootstrap', '--cloud', 'gcp', '--yes'], withKms)).code).toBe(0);
    expect(set()).toEqual(expect.arrayContaining(pinned));
  });

  it('removes the foundation only without environments, says what it keeps, and a re-created foundation gets new federation ids', async () => {
    await cli(['bootstrap', '--cloud', 'gcp', '--yes']);
    const firstGeneration = tools
      .calls()[1]
      ?.args.find((a) => a.startsWith('labs:federationGeneration='))
      ?.split('=')[1];
    await cli(['up', 'bqml-classification', '--env', 'alice', '--yes']);
    tools.clearCalls();
    const refused = await cli(['bootstrap', '--cloud', 'gcp', '--destroy', '--yes']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/bring every environment down first .*labs-bqml-classification-alice still exist/);
    expect(tools.calls()).toEqual([]);

    await cli(['down', 'bqml-classification', '--env', 'alice', '--yes']);
    tools.clearCalls();
    const removed = await cli(['bootstrap', '--cloud', 'gcp', '--destroy', '--yes', '--json']);
    expect(removed.code).toBe(0);
    const report = JSON.parse(removed.stdout) as { ok: boolean; kept: string[] };
    expect(report.ok).toBe(true);
    expect(report.kept.join('\n')).toMatch(/state bucket gs:\/\/my-proj-labs-state: it holds the Pulumi state/);
    expect(report.kept.join('\n')).toMatch(/enabled APIs/);
    expect(pulumiCalls().map((c) => c.args.slice(0, 2).join(' '))).toEqual(['config refresh', 'destroy --yes', 'stack rm']);

    // The bucket stayed (retained, not deleted): the next bootstrap updates in place, with new ids.
    tools.clearCalls();
    expect((await cli(['bootstrap', '--cloud', 'gcp', '--yes'])).code).toBe(0);
    const again = pulumiCalls().find((c) => c.args[1] === 'set-all');
    expect(again?.env.PULUMI_BACKEND_URL).toBe(`gs://${BUCKET}`);
    expect(again?.args.find((a) => a.startsWith('labs:federationGeneration='))?.split('=')[1]).not.toBe(firstGeneration);
  }, 60_000);

  it('checks the secrets configuration before any pulumi call', async () => {
    tools.createBucket(BUCKET);
    const result = await cli(['up', 'bqml-classification', '--env', 'alice', '--yes'], { PULUMI_CONFIG_PASSPHRASE: undefined });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Pulumi needs its secrets configuration: set PULUMI_CONFIG_PASSPHRASE/);
    expect(tools.calls()).toEqual([]);

    const bad = await runCli(['up', 'bqml-classification', '--env', 'alice', '--yes'], {
      env: { ...env, LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj', secretsProvider: 'gcpkms://nope' } }) },
    });
    expect(bad.stdout + bad.stderr).toMatch(/invalid gcp.secretsProvider "gcpkms:\/\/nope": use "passphrase" or gcpkms:\/\/projects/);
    expect(tools.calls()).toEqual([]);

    const kms = 'gcpkms://projects/my-proj/locations/global/keyRings/labs/cryptoKeys/pulumi';
    const withKms = await runCli(['up', 'bqml-classification', '--env', 'alice', '--yes'], {
      env: {
        ...env,
        PULUMI_CONFIG_PASSPHRASE: undefined,
        LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj', secretsProvider: kms } }),
      },
    });
    expect(withKms.code).toBe(0);
    expect(pulumiCalls()[0]?.args).toEqual(expect.arrayContaining(['--secrets-provider', kms]));
  });

  it('keeps stack config in the backend: another machine restores it before it touches the stack', async () => {
    tools.createBucket(BUCKET);
    await cli(['up', 'bqml-classification', '--env', 'alice', '--owner', 'alice@example.com', '--yes']);
    expect(existsSync(join(REPO_ROOT, 'infra-gcp', 'Pulumi.labs-bqml-classification-alice.yaml'))).toBe(false);
    expect(readFileSync(join(REPO_ROOT, 'infra-gcp', 'Pulumi.yaml'), 'utf8')).toMatch(
      /^stackConfigDir: \.\.\/\.labs\/pulumi-stack-config$/m,
    );
    rmSync(join(tools.dir, 'stack-config'), { recursive: true, force: true }); // the other machine has no local cache
    tools.clearCalls();
    const down = await cli(['down', 'bqml-classification', '--env', 'alice', '--yes']);
    expect(down.code).toBe(0);
    expect(pulumiCalls().map((c) => c.args.slice(0, 2).join(' '))).toEqual(['config refresh', 'destroy --yes', 'stack rm']);
  });

  it('extends: the stack gets the new expiry and the tables and models that exist move to it', async () => {
    tools.createBucket(BUCKET);
    await cli(['up', 'bqml-classification', '--env', 'alice', '--owner', 'alice@example.com', '--ttl', '2h', '--yes']);
    const old = Date.now() + HOUR;
    tools.seedDataset('my-proj', 'ecommerce_alice', {
      tables: { visitor_features: old },
      models: { classification_model: old, classification_model_2: null },
    });
    tools.clearCalls();
    const result = await cli(['extend', 'bqml-classification', '--env', 'alice', '--ttl', '3h', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { expiresAt: string; message: string };
    expect(report.message).toMatch(/3 existing table\(s\)\/model\(s\) moved to the new expiry/);
    expect(pulumiCalls().map((c) => c.args.slice(0, 2).join(' '))).toEqual([
      'config refresh',
      'stack select',
      'config set-all',
      'up --yes',
    ]);
    expect(pulumiCalls()[2]?.args).toEqual(expect.arrayContaining([`labs:expiresAt=${report.expiresAt}`, 'labs:owner=alice@example.com']));
    const at = new Date(report.expiresAt).getTime();
    expect(tools.dataset('my-proj', 'ecommerce_alice')).toEqual({
      tables: { visitor_features: at },
      models: { classification_model: at, classification_model_2: at },
    });
    const status = JSON.parse((await cli(['status', '--cloud', 'gcp', '--json'])).stdout) as { expiresAt: string }[];
    expect(status[0]?.expiresAt).toBe(report.expiresAt);
  });

  it('reaps by owner as it was given (not the sanitized label)', async () => {
    tools.createBucket(BUCKET);
    const past = new Date(Date.now() - HOUR);
    for (const [name, owner] of [
      ['alice', 'Alice.Smith@example.com'],
      ['bob', 'bob@example.com'],
    ] as const) {
      writePulumiCheckpoint(tools.bucketDir(BUCKET), `labs-bqml-classification-${name}`, {
        outputs: { owner, expiresAt: iso(past), labels: { 'labs-owner': owner.toLowerCase().replace(/[^a-z0-9_-]/g, '_') } },
        config: { 'labs:owner': owner, 'labs:expiresAt': iso(past) },
      });
    }
    const dry = await cli(['reap', '--dry-run', '--owner', 'Alice.Smith@example.com', '--json']);
    expect((JSON.parse(dry.stdout) as { stack: string }[]).map((r) => r.stack)).toEqual(['labs-bqml-classification-alice']);
    const reap = await cli(['reap', '--owner', 'Alice.Smith@example.com', '--cloud', 'gcp', '--json']);
    expect(reap.code).toBe(0);
    expect(JSON.parse(reap.stdout)).toEqual([
      expect.objectContaining({ stack: 'labs-bqml-classification-alice', ok: true, result: 'destroyed' }),
    ]);
    const left = JSON.parse((await cli(['status', '--cloud', 'gcp', '--json'])).stdout) as { stack: string }[];
    expect(left.map((r) => r.stack)).toEqual(['labs-bqml-classification-bob']);
  });

  it('lists and reaps each cloud on its own: with the GCP backend missing, AWS is still listed and reaped, and the exit says so', async () => {
    await cli(['up', 'kinesis-data', '--env', 'stale', '--yes', '--ttl', '90m']);
    const state = join(tools.dir, 'state.json');
    const stacks = JSON.parse(readFileSync(state, 'utf8')) as { stacks: Record<string, { expiresAt?: string }> };
    stacks.stacks['labs-kinesis-data-stale']!.expiresAt = '2026-01-01T00:00:00Z';
    writeFileSync(state, JSON.stringify(stacks));

    const status = await cli(['status', '--json']);
    expect(status.code).toBe(3);
    expect((JSON.parse(status.stdout) as { stack: string }[]).map((r) => r.stack)).toEqual(['labs-kinesis-data-stale']);
    expect(status.stderr).toMatch(
      /error: gcp: the Pulumi state bucket gs:\/\/my-proj-labs-state does not exist: run 'labs bootstrap --cloud gcp' first/,
    );

    tools.clearCalls();
    const reap = await cli(['reap', '--json']);
    expect(reap.code).toBe(3);
    expect(JSON.parse(reap.stdout)).toEqual([expect.objectContaining({ stack: 'labs-kinesis-data-stale', result: 'destroyed' })]);
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([['destroy', 'labs-kinesis-data-stale']]);
  });

  it('treats a stack without an expiry record as expired after the grace period, and says so in status', async () => {
    tools.createBucket(BUCKET);
    const bucket = tools.bucketDir(BUCKET);
    writePulumiCheckpoint(bucket, 'labs-bqml-classification-failed', { resources: 0, updatedAt: new Date(Date.now() - 7 * HOUR) });
    writePulumiCheckpoint(bucket, 'labs-bqml-classification-young', { resources: 0, updatedAt: new Date(Date.now() - HOUR) });
    const status = await cli(['status', '--cloud', 'gcp', '--json']);
    const rows = JSON.parse(status.stdout) as { stack: string; expired: boolean; expiresAt: string | null; note?: string }[];
    expect(rows.map((r) => [r.stack, r.expiresAt, r.expired])).toEqual([
      ['labs-bqml-classification-failed', null, true],
      ['labs-bqml-classification-young', null, false],
    ]);
    expect(rows[0]?.note).toMatch(/^no expiry record: treated as expired 6h after its last update \(/);
    const table = await cli(['status', '--cloud', 'gcp']);
    expect(table.stdout).toMatch(/labs-bqml-classification-young: no expiry record: treated as expired 6h after its last update/);

    const reap = await cli(['reap', '--cloud', 'gcp', '--json']);
    expect(JSON.parse(reap.stdout)).toEqual([
      expect.objectContaining({ stack: 'labs-bqml-classification-failed', reason: 'no-expiry-record', result: 'destroyed' }),
    ]);
  });

  it('retries AWS stacks in DELETE_FAILED and reports every stack it could not delete, with a non-zero exit', async () => {
    await cli(['up', 'kinesis-data', '--env', 'wedged', '--yes', '--ttl', '4h']);
    await cli(['up', 'kinesis-data', '--env', 'stuck', '--yes', '--ttl', '4h']);
    const state = join(tools.dir, 'state.json');
    const stacks = JSON.parse(readFileSync(state, 'utf8')) as { stacks: Record<string, { status?: string; expiresAt?: string }> };
    stacks.stacks['labs-kinesis-data-wedged']!.status = 'DELETE_FAILED'; // not expired: the expiry schedule's delete failed
    stacks.stacks['labs-kinesis-data-stuck']!.expiresAt = '2026-01-01T00:00:00Z';
    writeFileSync(state, JSON.stringify(stacks));

    const reap = await cli(['reap', '--cloud', 'aws', '--json'], { LABS_STANDIN_DELETE_FAILS: 'labs-kinesis-data-stuck' });
    expect(reap.code).toBe(1);
    const results = JSON.parse(reap.stdout) as { stack: string; reason: string; ok: boolean; result: string }[];
    expect(results.map((r) => [r.stack, r.reason, r.ok])).toEqual([
      ['labs-kinesis-data-wedged', 'delete-failed', true],
      ['labs-kinesis-data-stuck', 'expired', false],
    ]);
    expect(results[1]?.result).toMatch(/^FAILED: .*DELETE_FAILED/);

    const again = await cli(['reap', '--cloud', 'aws'], { LABS_STANDIN_DELETE_FAILS: 'labs-kinesis-data-stuck' });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/labs-kinesis-data-stuck\s+\S+\s+delete-failed\s+FAILED/);
    expect(again.stdout).toMatch(/1 stack\(s\) could not be deleted: labs-kinesis-data-stuck/);
  });

  it('lists 100 GCP environments, and finds the expired ones, without starting a pulumi process', async () => {
    tools.createBucket(BUCKET);
    const bucket = tools.bucketDir(BUCKET);
    for (let i = 0; i < 100; i++) {
      const expiresAt = iso(new Date(Date.now() + (i % 2 ? HOUR : -HOUR)));
      writePulumiCheckpoint(bucket, `labs-bqml-classification-stu-${String(i).padStart(3, '0')}`, {
        outputs: { owner: `stu${i}@example.com`, expiresAt },
      });
    }
    const status = await cli(['status', '--cloud', 'gcp', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toHaveLength(100);
    const dry = await cli(['reap', '--cloud', 'gcp', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toHaveLength(50);
    expect(tools.calls()).toEqual([]);
  });
});
