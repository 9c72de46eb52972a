import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli, ToolStandIns } from '@labs/testing';

/** The largest number of calls whose [start, end) intervals overlap. */
function peakOverlap(spans: readonly { start: number; end: number }[]): number {
  const events = spans.flatMap((s) => [
    [s.start, 1],
    [s.end, -1],
  ]);
  events.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let running = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, (running += delta ?? 0));
  return peak;
}

/** Waits until `done()` holds (checked every 20 ms), failing after 60 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within 60 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function classFile(names: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'class-')), 'class.txt');
  writeFileSync(file, `${names.join('\n')}\n`);
  return file;
}

interface UpSummary {
  expiresAt: string;
  results: { env: string; ok: boolean; state: string; message: string }[];
  succeeded: number;
  failed: number;
}

describe('class runs: labs up/down with --class, --parallel, resumption and Ctrl-C', () => {
  let tools: ToolStandIns;
  beforeEach(async () => {
    tools = await ToolStandIns.start();
  });
  afterEach(() => tools.stop());

  it('deploys a class with at most --parallel deployments at once, and destroys it the same way', async () => {
    const names = ['stu-01', 'stu-02', 'stu-03', 'stu-04', 'stu-05'];
    // Each deploy and destroy takes 1.5 s (one more at once than --parallel would overlap them) and is
    // held until the test releases it, once --parallel of them have started: so they do overlap, however
    // slowly the machine starts them.
    const release = join(tools.dir, 'release');
    const env = tools.env({ LABS_STANDIN_DELAY_MS: '1500', LABS_STANDIN_HOLD: release });
    const started = (command: string) => tools.calls().filter((c) => c.tool === 'cdk' && c.args[0] === command).length;
    const upRun = runCli(['up', 'kinesis-data', '--class', classFile(names), '--parallel', '2', '--yes', '--json'], { env });
    await until(() => started('deploy') >= 2, 'two deploys');
    writeFileSync(release, '');
    const up = await upRun;
    expect(up.code).toBe(0);
    const summary = JSON.parse(up.stdout) as UpSummary;
    expect(summary).toMatchObject({ succeeded: 5, failed: 0 });
    const deploys = tools.spans().filter((s) => s.args[0] === 'deploy');
    expect(deploys).toHaveLength(5);
    expect(peakOverlap(deploys)).toBe(2);
    // One synthesis for the class; every deploy uses its cloud assembly instead of synthesizing again.
    const synths = tools.calls().filter((c) => c.tool === 'cdk' && c.args[0] === 'synth');
    expect(synths).toHaveLength(1);
    expect(synths[0]?.args).toEqual(expect.arrayContaining(['--all', `env=${names.join(',')}`]));
    const assembly = synths[0]?.args[synths[0].args.indexOf('--output') + 1];
    for (const deploy of deploys)
      expect(deploy.args.slice(deploy.args.indexOf('--app'), deploy.args.indexOf('--app') + 2)).toEqual(['--app', assembly]);
    expect(up.stderr).toMatch(/5 environment\(s\), 2 at once/);

    rmSync(release);
    const downRun = runCli(['down', 'kinesis-data', '--envs', names.join(','), '--parallel', '3', '--yes', '--json'], { env });
    await until(() => started('destroy') >= 3, 'three destroys');
    writeFileSync(release, '');
    const down = await downRun;
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)).toMatchObject({ succeeded: 5, failed: 0 });
    expect(peakOverlap(tools.spans().filter((s) => s.args[0] === 'destroy'))).toBe(3);
  }, 90_000);

  it('resumes: the same command again skips what is up with the requested expiry and retries the failed one', async () => {
    const file = classFile(['res-01', 'res-02', 'res-03']);
    const args = ['up', 'kinesis-data', '--class', file, '--ttl', '3h', '--owner', 'trainer@example.com', '--yes', '--json'];
    const first = await runCli(args, { env: tools.env({ LABS_STANDIN_FAIL: 'labs-kinesis-data-res-02' }) });
    expect(first.code).toBe(1);
    const firstSummary = JSON.parse(first.stdout) as UpSummary;
    expect(firstSummary.results.map((r) => [r.env, r.state])).toEqual([
      ['res-01', 'done'],
      ['res-02', 'failed'],
      ['res-03', 'done'],
    ]);

    tools.clearCalls();
    const second = await runCli(args, { env: tools.env() });
    expect(second.code).toBe(0);
    const secondSummary = JSON.parse(second.stdout) as UpSummary;
    expect(secondSummary.expiresAt).toBe(firstSummary.expiresAt);
    expect(secondSummary.results.map((r) => [r.env, r.state])).toEqual([
      ['res-01', 'skipped'],
      ['res-02', 'done'],
      ['res-03', 'skipped'],
    ]);
    const deploys = tools.calls().filter((c) => c.tool === 'cdk' && c.args[0] === 'deploy');
    expect(deploys.map((c) => c.args[1])).toEqual(['labs-kinesis-data-res-02']);
    expect(deploys[0]?.args).toContain(`expiresAt=${firstSummary.expiresAt}`);

    // Finished: the run's record is gone, so a later run of the same command starts afresh.
    const runs = join(REPO_ROOT, '.labs', 'class-runs');
    const records = existsSync(runs) ? readdirSync(runs).map((file) => readFileSync(join(runs, file), 'utf8')) : [];
    expect(records.filter((text) => text.includes('res-02'))).toEqual([]);
  }, 90_000);

  it('on Ctrl-C starts no new deployment, lets the running one finish, and reports where each stands', async () => {
    const names = ['int-01', 'int-02', 'int-03', 'int-04'];
    const release = join(tools.dir, 'release');
    const child = spawn(
      process.execPath,
      // node --import tsx, not the tsx CLI: its signal relay SIGKILLs a child that takes over 30 ms to confirm
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'scripts', 'src', 'main.ts'),
        'up',
        'kinesis-data',
        '--envs',
        names.join(','),
        '--parallel',
        '1',
        '--yes',
        '--json',
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...tools.env({ LABS_STANDIN_HOLD: release }) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Ctrl-C while the first deployment runs (held), which ends only once the CLI has taken the Ctrl-C.
    await until(() => tools.calls().some((c) => c.tool === 'cdk' && c.args[0] === 'deploy'), 'the first deploy');
    child.kill('SIGINT');
    await until(() => /stopping: no new environment starts/.test(stderr), 'the Ctrl-C taken');
    writeFileSync(release, '');
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/stopping: no new environment starts/);
    const summary = JSON.parse(stdout) as UpSummary;
    expect(summary.results.map((r) => [r.env, r.state])).toEqual([
      ['int-01', 'done'],
      ['int-02', 'not started'],
      ['int-03', 'not started'],
      ['int-04', 'not started'],
    ]);
    expect(tools.calls().filter((c) => c.tool === 'cdk' && c.args[0] === 'deploy')).toHaveLength(1);
  }, 90_000);

  it('extends a class, each from its own expiry; run again after a failure it retries the failed one and extends nothing twice', async () => {
    const names = ['ext-01', 'ext-02', 'ext-03'];
    expect((await runCli(['up', 'kinesis-data', '--envs', names.join(','), '--ttl', '2h', '--yes'], { env: tools.env() })).code).toBe(0);
    const expiryOf = (name: string) =>
      (JSON.parse(readFileSync(join(tools.dir, 'state.json'), 'utf8')) as { stacks: Record<string, { expiresAt: string }> }).stacks[
        `labs-kinesis-data-${name}`
      ]?.expiresAt ?? '';
    const before = Object.fromEntries(names.map((name) => [name, expiryOf(name)]));
    const args = ['extend', 'kinesis-data', '--envs', names.join(','), '--ttl', '3h', '--parallel', '3', '--json'];
    const first = await runCli(args, { env: tools.env({ LABS_STANDIN_FAIL: 'deploy labs-kinesis-data-ext-02' }) });
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout) as { succeeded: number; failed: number }).toMatchObject({ succeeded: 2, failed: 1 });
    const threeHours = (name: string) => new Date(before[name] ?? '').getTime() + 3 * 3_600_000;
    expect(new Date(expiryOf('ext-01')).getTime()).toBe(threeHours('ext-01'));
    expect(expiryOf('ext-02')).toBe(before['ext-02']);

    tools.clearCalls();
    const second = await runCli(args, { env: tools.env() });
    expect(second.code).toBe(0);
    expect(
      tools
        .calls()
        .filter((c) => c.args[0] === 'deploy')
        .map((c) => c.args[1]),
    ).toEqual(['labs-kinesis-data-ext-02']);
    for (const name of names) expect(new Date(expiryOf(name)).getTime()).toBe(threeHours(name));
  }, 90_000);

  it('lists and reaps 100 AWS environments with one CloudFormation call and no tool process', async () => {
    const stacks = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `labs-kinesis-data-big-${String(i).padStart(3, '0')}`,
        { cloud: 'aws', owner: 'trainer@example.com', expiresAt: i < 40 ? '2026-01-01T00:00:00Z' : '2099-01-01T00:00:00Z' },
      ]),
    );
    writeFileSync(join(tools.dir, 'state.json'), JSON.stringify({ stacks }));
    const status = await runCli(['status', '--cloud', 'aws', '--json'], { env: tools.env() });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toHaveLength(100);
    expect(tools.cloudFormationRequests()).toEqual(['DescribeStacks']);

    tools.clearCalls();
    const reap = await runCli(['reap', '--cloud', 'aws', '--dry-run', '--json'], { env: tools.env() });
    expect(reap.code).toBe(0);
    expect(JSON.parse(reap.stdout)).toHaveLength(40);
    expect(tools.cloudFormationRequests()).toEqual(['DescribeStacks']);
    expect(tools.calls()).toEqual([]);
  });

  it('refuses a bad --parallel before touching any cloud', async () => {
    const result = await runCli(['up', 'kinesis-data', '--envs', 'aaa,bbb', '--parallel', '0', '--yes'], { env: tools.env() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/invalid --parallel "0": use a whole number from 1 to 100/);
    expect(tools.calls()).toEqual([]);
  });

  it('labs bench class --json: a class and one environment on each cloud, through labs up against the stand-ins', async () => {
    const result = await runCli(['bench', 'class', '--envs', '3', '--latency-s', '0.2', '--json']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(figures.latency_per_deployment_s).toBe(0.2);
    for (const cloud of ['aws', 'gcp']) {
      const one = figures[cloud] as Record<string, number>;
      expect(one).toMatchObject({ envs: 3, parallel: 15 });
      // every deployment was held for the latency, so neither run can take less
      expect(one.wall_s).toBeGreaterThanOrEqual(0.2);
      expect(one.one_env_s).toBeGreaterThanOrEqual(0.2);
      expect(one.speedup).toBeCloseTo((3 * one.one_env_s!) / one.wall_s!, 1);
    }
  });
});
