import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli, ToolStandIns, writePulumiCheckpoint } from '@labs/testing';

/** Writes a labs.config.json to a temp file and returns its path. */
function configFile(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'labs-config-')), 'labs.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('labs up/down/status/extend/reap against recording cdk and pulumi stand-ins', () => {
  let tools: ToolStandIns;
  beforeEach(async () => {
    tools = await ToolStandIns.start();
  });
  afterEach(() => tools.stop());
  const cli = (args: string[], input?: string) => runCli(args, { env: tools.env(), input });

  it('deploys an AWS lab with cdk from infra-aws, as a deployment-role session tagged with the environment, with owner and expiry context', async () => {
    const result = await cli(['up', 'kinesis-data', '--env', 'alice', '--owner', 'alice@example.com', '--ttl', '2h', '--yes', '--json']);
    expect(result.code).toBe(0);
    const [call] = tools.calls();
    expect(call).toMatchObject({
      tool: 'cdk',
      cwd: join(REPO_ROOT, 'infra-aws'),
      env: { AWS_REGION: 'us-east-1', CDK_DEFAULT_REGION: 'us-east-1' },
    });
    expect(call?.args.slice(0, 2)).toEqual(['deploy', 'labs-kinesis-data-alice']);
    expect(call?.args).toEqual(
      expect.arrayContaining(['lab=kinesis-data', 'env=alice', 'owner=alice@example.com', '--require-approval', 'never']),
    );
    expect(call?.args).not.toContain('--role-arn');
    expect(tools.assumeRoleCalls()).toEqual([
      expect.objectContaining({
        RoleArn: 'arn:aws:iam::123456789012:role/labs-cfn-deploy-us-east-1',
        'Tags.member.1.Key': 'labs-lab',
        'Tags.member.1.Value': 'kinesis-data',
        'Tags.member.2.Key': 'labs-env',
        'Tags.member.2.Value': 'alice',
      }),
    ]);
    const expiry = call?.args.find((arg) => arg.startsWith('expiresAt='))?.slice('expiresAt='.length) ?? '';
    const hours = (new Date(expiry).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ lab: 'kinesis-data', succeeded: 1, failed: 0 });
  });

  it('asks for consent: "n" deploys nothing, "y" deploys, --dry-run only shows the cost', async () => {
    const refused = await cli(['up', 'kinesis-data', '--env', 'bob'], 'n\n');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/USD\/hour/);
    expect(refused.stderr).toMatch(/consent was not given/);
    expect(tools.calls()).toEqual([]);

    const dryRun = await cli(['up', 'kinesis-data', '--env', 'bob', '--dry-run', '--json']);
    expect(dryRun.code).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ dryRun: true, stacks: ['labs-kinesis-data-bob'] });
    expect(dryRun.stderr).toMatch(
      /who will be able to do what[^]*EC2 AnalyticsEngine \(instance role, IMDSv2\): put records into this stream/,
    );
    expect((JSON.parse(dryRun.stdout) as { access: { who: string; permissions?: string[] }[] }).access).toContainEqual(
      expect.objectContaining({ who: 'Lambda shard scaler', permissions: expect.arrayContaining(['kinesis:UpdateShardCount']) }),
    );
    expect(tools.calls()).toEqual([]);

    const granted = await cli(['up', 'kinesis-data', '--env', 'bob'], 'y\n');
    expect(granted.code).toBe(0);
    expect(tools.calls().map((c) => c.args[0])).toEqual(['deploy']);
  });

  it('brings up a class with one consent and summarises failures', async () => {
    const classFile = join(mkdtempSync(join(tmpdir(), 'class-')), 'class.txt');
    writeFileSync(classFile, 'stu-01\nstu-02\n# absent today\nstu-03\n');
    const result = await runCli(['up', 'kinesis-data', '--class', classFile, '--json'], {
      env: tools.env({ LABS_STANDIN_FAIL: 'labs-kinesis-data-stu-02' }),
      input: 'y\n',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.match(/Proceed/g)).toHaveLength(1);
    const summary = JSON.parse(result.stdout) as {
      results: { env: string; ok: boolean; message: string }[];
      succeeded: number;
      failed: number;
    };
    expect(summary.results.map((r) => [r.env, r.ok])).toEqual([
      ['stu-01', true],
      ['stu-02', false],
      ['stu-03', true],
    ]);
    expect(summary.results[1]?.message).toMatch(/AccessDenied.*full log: .*\.labs\/logs\//);
    expect(summary).toMatchObject({ succeeded: 2, failed: 1 });
  });

  it('destroys idempotently: a second down says there is nothing to do', async () => {
    await cli(['up', 'kinesis-data', '--env', 'carol', '--yes']);
    tools.clearCalls();
    const first = await cli(['down', 'kinesis-data', '--env', 'carol', '--yes']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/labs-kinesis-data-carol destroyed/);
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([['destroy', 'labs-kinesis-data-carol']]);
    expect(tools.calls()[0]?.args).toContain('--force');
    tools.clearCalls();
    const second = await cli(['down', 'kinesis-data', '--env', 'carol', '--yes']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/does not exist: nothing to do/);
    expect(tools.calls()).toEqual([]);
  });

  it('runs pulumi for a GCP lab: stack select, config from flags, up; then destroy and stack rm', async () => {
    tools.createBucket('my-proj-labs-state');
    const up = await runCli(['up', 'bqml-classification', '--env', 'dave', '--owner', 'dave@example.com', '--yes'], {
      env: tools.env({ LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj', backend: 'gs://my-proj-labs-state' } }) }),
    });
    expect(up.code).toBe(0);
    const calls = tools.calls();
    expect(calls.every((c) => c.tool === 'pulumi' && c.cwd === join(REPO_ROOT, 'infra-gcp'))).toBe(true);
    expect(calls.every((c) => c.env.PULUMI_BACKEND_URL === 'gs://my-proj-labs-state')).toBe(true);
    expect(calls[0]?.args).toEqual([
      'stack',
      'select',
      '--create',
      'labs-bqml-classification-dave',
      '--secrets-provider',
      'passphrase',
      '--non-interactive',
    ]);
    expect(calls[1]?.args).toEqual(
      expect.arrayContaining([
        'set-all',
        'gcp:project=my-proj',
        'labs:lab=bqml-classification',
        'labs:env=dave',
        'labs:owner=dave@example.com',
      ]),
    );
    expect(calls[2]?.args).toEqual(['up', '--yes', '--skip-preview', '--stack', 'labs-bqml-classification-dave', '--non-interactive']);

    tools.clearCalls();
    const env = tools.env({ LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj' } }) });
    const down = await runCli(['down', 'bqml-classification', '--env', 'dave', '--yes'], { env });
    expect(down.code).toBe(0);
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([
      ['config', 'refresh'],
      ['destroy', '--yes'],
      ['stack', 'rm'],
    ]);
    const again = await runCli(['down', 'bqml-classification', '--env', 'dave', '--yes'], { env });
    expect(again.stdout).toMatch(/nothing to do/);
  });

  it('needs gcp.project for a GCP lab before touching any cloud', async () => {
    const result = await cli(['up', 'bqml-classification', '--env', 'erin', '--yes']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/needs gcp\.project in labs\.config\.json/);
    expect(tools.calls()).toEqual([]);
  });

  it('reports status from the clouds, extends the expiry and reaps only what expired', async () => {
    const env = tools.env({ LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj' } }) });
    tools.createBucket('my-proj-labs-state');
    await runCli(['up', 'kinesis-data', '--env', 'fresh', '--yes', '--ttl', '4h'], { env });
    await runCli(['up', 'bqml-classification', '--env', 'fresh', '--yes', '--ttl', '4h'], { env });
    // An environment whose expiry has passed, as the cloud would record it.
    await runCli(['up', 'kinesis-data', '--env', 'stale', '--yes', '--ttl', '90m'], { env });
    const state = join(tools.dir, 'state.json');
    const stacks = JSON.parse(readFileSync(state, 'utf8')) as { stacks: Record<string, { expiresAt?: string }> };
    const stale = stacks.stacks['labs-kinesis-data-stale'];
    if (stale) stale.expiresAt = '2026-01-01T00:00:00Z';
    writeFileSync(state, JSON.stringify(stacks));

    const status = await runCli(['status', '--json'], { env });
    expect(status.code).toBe(0);
    const records = JSON.parse(status.stdout) as { stack: string; expired: boolean; cloud: string }[];
    expect(records.map((r) => [r.stack, r.cloud, r.expired]).sort()).toEqual([
      ['labs-bqml-classification-fresh', 'gcp', false],
      ['labs-kinesis-data-fresh', 'aws', false],
      ['labs-kinesis-data-stale', 'aws', true],
    ]);

    tools.clearCalls();
    const extend = await runCli(['extend', 'kinesis-data', '--env', 'fresh', '--ttl', '2h', '--json'], { env });
    expect(extend.code).toBe(0);
    const extended = JSON.parse(extend.stdout) as { expiresAt: string };
    expect((new Date(extended.expiresAt).getTime() - Date.now()) / 3_600_000).toBeGreaterThan(5.9);
    expect(tools.calls()[0]?.args).toEqual(expect.arrayContaining(['deploy', `expiresAt=${extended.expiresAt}`]));

    const dry = await runCli(['reap', '--dry-run', '--json'], { env });
    expect(JSON.parse(dry.stdout)).toEqual([
      {
        cloud: 'aws',
        stack: 'labs-kinesis-data-stale',
        expiresAt: '2026-01-01T00:00:00Z',
        expires_at: '2026-01-01T00:00:00Z',
        reason: 'expired',
        ok: true,
        result: 'would destroy',
      },
    ]);
    tools.clearCalls();
    const reap = await runCli(['reap', '--json'], { env });
    expect(reap.code).toBe(0);
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([['destroy', 'labs-kinesis-data-stale']]);
  }, 60_000);

  it('lists environments with --envs, and fails with one clear line (not a hang) without credentials', async () => {
    await cli(['up', 'kinesis-data', '--env', 'frank', '--yes', '--owner', 'frank@example.com']);
    const listed = await cli(['list', '--envs', '--json']);
    expect(listed.code).toBe(0);
    const labs = JSON.parse(listed.stdout) as { id: string; environments: { stack: string; owner: string }[] }[];
    expect(labs.find((lab) => lab.id === 'kinesis-data')?.environments).toEqual([
      expect.objectContaining({ stack: 'labs-kinesis-data-frank', owner: 'frank@example.com' }),
    ]);

    const {
      AWS_ACCESS_KEY_ID: _id,
      AWS_SECRET_ACCESS_KEY: _secret,
      AWS_ENDPOINT_URL_CLOUDFORMATION: _endpoint,
      ...noCredentials
    } = tools.env();
    const result = await runCli(['list', '--envs'], {
      env: { ...noCredentials, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', HOME: tools.dir },
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(
      /^error: listing CloudFormation stacks: .*credentials.*\(configure AWS credentials: AWS_PROFILE, SSO or an instance role; never access keys in files\)$/,
    );
  });

  describe('labs up kinesis-data --sink bigquery', () => {
    const federation = {
      awsProviderName: 'projects/123456789012/locations/global/workloadIdentityPools/labs-aws-7f3a/providers/labs-aws-7f3a',
      sensorSinkServiceAccountEmail: 'labs-sensor-sink@my-proj.iam.gserviceaccount.com',
    };
    /** The CLI's environment with a GCP foundation whose checkpoint has these outputs (none: no foundation at all). */
    const withFoundation = (outputs?: Record<string, string>, config: object = { gcp: { project: 'my-proj' } }) => {
      const bucket = tools.createBucket('my-proj-labs-state');
      if (outputs) writePulumiCheckpoint(bucket, 'labs-foundation', { outputs });
      return tools.env({ LABS_CONFIG_FILE: configFile(config) });
    };
    const contextOf = (args: readonly string[] = []) =>
      Object.fromEntries(args.filter((arg, index) => args[index - 1] === '-c').map((arg) => arg.split(/=(.*)/s).slice(0, 2)));

    it("passes the GCP foundation's federation outputs, the project and the sensor table to cdk; extend keeps the sink", async () => {
      const env = withFoundation({ ...federation, stateBucketName: 'my-proj-labs-state' });
      const up = await runCli(['up', 'kinesis-data', '--env', 'alice', '--sink', 'bigquery', '--yes', '--json'], { env });
      expect([up.code, up.stderr]).toEqual([0, expect.any(String)]);
      // consent shows what the sink adds, what it costs and what its identity may do
      expect(up.stderr).toMatch(/with --sink bigquery: a Lambda consumer on the stream.*my-proj:labs_sensors\.sensor_readings/);
      expect(up.stderr).toMatch(/BigQuery streaming inserts/);
      expect(up.stderr).toMatch(/Lambda BigQuery sensor sink \(role labs-sensor-sink-<env>\): read this stream/);
      expect(JSON.parse(up.stdout)).toMatchObject({
        succeeded: 1,
        results: [{ message: expect.stringMatching(/BigQuery sink into my-proj\.labs_sensors\.sensor_readings/) }],
      });
      const [deploy] = tools.calls();
      expect(deploy?.args.slice(0, 2)).toEqual(['deploy', 'labs-kinesis-data-alice']);
      expect(contextOf(deploy?.args)).toMatchObject({
        lab: 'kinesis-data',
        env: 'alice',
        sink: 'bigquery',
        sinkProvider: federation.awsProviderName,
        sinkServiceAccount: federation.sensorSinkServiceAccountEmail,
        sinkProject: 'my-proj',
        sinkDataset: 'labs_sensors',
        sinkTable: 'sensor_readings',
      });

      tools.clearCalls();
      const extend = await runCli(['extend', 'kinesis-data', '--env', 'alice', '--ttl', '1h', '--json'], { env });
      expect(extend.code).toBe(0);
      expect(contextOf(tools.calls()[0]?.args)).toMatchObject({ sink: 'bigquery', sinkProvider: federation.awsProviderName });

      tools.clearCalls();
      await runCli(['up', 'kinesis-data', '--env', 'bob', '--yes'], { env });
      expect(contextOf(tools.calls()[0]?.args).sink).toBeUndefined();
    }, 60_000);

    it.each([
      ['another sink', ['kinesis-data', '--sink', 'redshift'], federation, 'error: unknown sink "redshift": the only sink is bigquery'],
      [
        'another lab',
        ['kinesis-video', '--sink', 'bigquery'],
        federation,
        'error: lab "kinesis-video" has no sink: --sink bigquery is for kinesis-data (it reads the lab\'s stream)',
      ],
      [
        'a GCP foundation without federation',
        ['kinesis-data', '--sink', 'bigquery'],
        { stateBucketName: 'my-proj-labs-state' },
        'error: --sink bigquery needs AWS federation in the GCP foundation, which has none (no awsProviderName/sensorSinkServiceAccountEmail output): set aws.account in labs.config.json and run labs bootstrap --cloud gcp again',
      ],
      [
        'no GCP foundation',
        ['kinesis-data', '--sink', 'bigquery'],
        undefined,
        'error: --sink bigquery needs the GCP foundation in gs://my-proj-labs-state: run labs bootstrap --cloud gcp first',
      ],
      [
        'outputs that are not a provider',
        ['kinesis-data', '--sink', 'bigquery'],
        { ...federation, awsProviderName: 'labs-aws-7f3a' },
        'error: invalid workload identity provider "labs-aws-7f3a": expected projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>',
      ],
    ])('refuses %s with one line, before any deploy or consent', async (_, [lab = '', ...flags], outputs, message) => {
      const result = await runCli(['up', lab, '--env', 'alice', ...flags], { env: withFoundation(outputs), input: 'y\n' });
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim()).toBe(message);
      expect(tools.calls()).toEqual([]);
    });

    it('refuses without a GCP project', async () => {
      const result = await runCli(['up', 'kinesis-data', '--env', 'alice', '--sink', 'bigquery', '--yes'], {
        env: withFoundation(federation, {}),
      });
      expect(result.stderr.trim()).toBe('error: --sink bigquery writes into GCP: set gcp.project in labs.config.json');
      expect(tools.calls()).toEqual([]);
    });
  });

  it('bootstraps the foundation of each cloud', async () => {
    const env = tools.env({ LABS_CONFIG_FILE: configFile({ gcp: { project: 'my-proj' } }) });
    expect((await runCli(['bootstrap', '--cloud', 'aws', '--yes'], { env })).code).toBe(0);
    expect(tools.calls()[0]?.args).toEqual([
      'deploy',
      'labs-foundation',
      '-c',
      'foundation=true',
      '--require-approval',
      'never',
      '--progress',
      'events',
    ]);
    tools.clearCalls();
    expect((await runCli(['bootstrap', '--cloud', 'aws', '--github-repo', 'octo-org/labs', '--yes'], { env })).code).toBe(0);
    expect(tools.calls()[0]?.args.slice(2, 8)).toEqual([
      '-c',
      'foundation=true',
      '-c',
      'githubRepository=octo-org/labs',
      '-c',
      'githubBranch=main',
    ]);
    tools.clearCalls();
    expect((await runCli(['bootstrap', '--cloud', 'gcp', '--yes'], { env })).code).toBe(0);
    expect(tools.calls()[1]?.args).toEqual(expect.arrayContaining(['gcp:project=my-proj', 'labs:foundation=true']));
    tools.clearCalls();
    const bad = await runCli(['bootstrap', '--cloud', 'azure', '--yes'], { env });
    expect(bad.stderr).toMatch(/invalid --cloud "azure": expected aws or gcp/);
  });
});
