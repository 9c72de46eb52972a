import { environment } from '@labs/config';
import { awsLabsWithStacks } from '@labs/infra-aws';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleSinkTarget } from '../src/cloud/bigquery-sink';
import { cdkClassSynthArgs, cdkListArgs, cdkStack, type CdkTarget } from '../src/cloud/cdk-commands';
import { runTool, toolProgram, WORKSPACE_CDK } from '../src/cloud/tool-runner';
import { REPO_ROOT } from '../src/repo';

/** The BigQuery sink as `labs up kinesis-data --sink bigquery` passes it. */
const SINK = exampleSinkTarget('my-proj', '7f3a');

/**
 * The real `cdk` CLI of the workspace, offline, with exactly the context the `labs` CLI passes: the
 * foundation and one environment of every AWS lab, kinesis-data with its BigQuery sink. (cdk-nag makes
 * each run take 10 s or more, so the test runs each command once per target; `cdk synth` of the same
 * targets without the sink runs once in the suite, under `labs synth --all` in synth-all.test.ts, which
 * checks its templates; the sink's template is checked in lab-contract.test.ts.)
 */
const targets: CdkTarget[] = [
  { foundation: true },
  ...awsLabsWithStacks().map((lab) => ({
    env: environment(lab, 'ci-cdk'),
    owner: 'ci@example.com',
    expiresAt: new Date(Date.now() + 4 * 3_600_000),
    ...(lab === 'kinesis-data' ? { sink: SINK } : {}),
  })),
];

describe('the workspace cdk CLI, as labs runs it', () => {
  it('is the one labs runs, whatever cdk comes first on PATH', async () => {
    const fake = mkdtempSync(join(tmpdir(), 'labs-fake-cdk-'));
    writeFileSync(join(fake, 'cdk'), '#!/bin/sh\necho "9.9.9 (a global cdk)"\n');
    chmodSync(join(fake, 'cdk'), 0o755);
    expect(toolProgram('cdk', { PATH: `${fake}:${process.env.PATH ?? ''}` })).toBe(WORKSPACE_CDK);
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'infra-aws', 'node_modules', 'aws-cdk', 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await runTool({
      tool: 'cdk',
      args: ['--version'],
      cwd: REPO_ROOT,
      env: { PATH: `${fake}:${process.env.PATH ?? ''}` },
      logName: 'test-cdk-version',
      quiet: true,
    });
    expect(result.output).toContain(version.version);
    expect(result.output).not.toContain('9.9.9');
  }, 60_000);

  it.each(targets.map((target) => [cdkStack(target), target] as const))(
    'cdk ls lists exactly %s',
    async (stack, target) => {
      const result = await runTool({
        tool: 'cdk',
        args: cdkListArgs(target),
        cwd: join(REPO_ROOT, 'infra-aws'),
        logName: `test-cdk-ls-${stack}`,
        quiet: true,
      });
      expect([result.code, result.errorSummary]).toEqual([0, expect.any(String)]);
      const listed = result.output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^labs-[a-z0-9-]+$/.test(line));
      expect(listed).toEqual([stack]);
    },
    240_000,
  );

  it('cdk ls with the context of a class run (one synthesis for many environments) lists every stack of the class', async () => {
    const envs = ['ci-class-a', 'ci-class-b'].map((name) => environment('kinesis-video', name));
    const synth = cdkClassSynthArgs(envs, 'ci@example.com', new Date(Date.now() + 4 * 3_600_000), 'unused');
    const context = synth.filter((arg, index) => arg === '-c' || synth[index - 1] === '-c');
    const result = await runTool({
      tool: 'cdk',
      args: ['ls', ...context],
      cwd: join(REPO_ROOT, 'infra-aws'),
      logName: 'test-cdk-ls-class',
      quiet: true,
    });
    expect(result.code).toBe(0);
    const listed = result.output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^labs-[a-z0-9-]+$/.test(line));
    expect(listed.sort()).toEqual(['labs-kinesis-video-ci-class-a', 'labs-kinesis-video-ci-class-b']);
  }, 240_000);

  it('refuses an environment without an expiry, with one clear line', async () => {
    const target = targets[1] as Extract<CdkTarget, { env: unknown }>;
    const args = cdkListArgs(target).filter(
      (arg, index, all) => !arg.startsWith('expiresAt=') && !(arg === '-c' && all[index + 1]?.startsWith('expiresAt=')),
    );
    const result = await runTool({ tool: 'cdk', args, cwd: join(REPO_ROOT, 'infra-aws'), logName: 'test-cdk-no-expiry', quiet: true });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/error: the CDK app needs a valid expiry for every environment: -c expiresAt=<ISO-8601 UTC>, got none/);
  }, 240_000);
});
