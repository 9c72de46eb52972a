import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabsError, type Cloud } from '@labs/config';
import { ToolStandIns } from '@labs/testing';
import type { Benchmark } from '.';
import { log } from '../output';
import { tsxCommand } from '../repo';
import { DEFAULT_PARALLEL } from '../commands/class-options';
import { foundationBackendUrl } from '../cloud/pulumi-commands';

/** The lab each cloud's class run brings up. */
const CLASS_LAB: Record<Cloud, string> = { aws: 'kinesis-data', gcp: 'bqml-classification' };

/** The GCP project of the bench's configuration; its Pulumi state bucket exists, as after `labs bootstrap`. */
const BENCH_PROJECT = 'bench-project';

/** Runs `labs up` for these environments against the stand-ins; resolves with the wall time in seconds. */
async function timedUp(tools: ToolStandIns, cloud: Cloud, envs: readonly string[], latencyMs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'labs-bench-class-'));
  const config = join(dir, 'labs.config.json');
  writeFileSync(config, JSON.stringify({ gcp: { project: BENCH_PROJECT } }));
  const [command, args] = tsxCommand('scripts/src/main.ts', 'up', CLASS_LAB[cloud], '--envs', envs.join(','), '--yes', '--json');
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    execFile(
      command,
      args,
      {
        env: { ...process.env, ...tools.env({ LABS_CONFIG_FILE: config, LABS_STANDIN_DELAY_MS: String(latencyMs) }) },
        maxBuffer: 16 << 20,
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`labs up failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`)) : resolve(),
    );
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * `labs bench class [--envs 30] [--latency-s 10]`: a class brought up with `labs up --envs` against the
 * recording `cdk`/`pulumi` stand-ins, whose every deployment (`cdk deploy`, `pulumi up`) takes a fixed
 * latency, beside one environment alone, on each cloud with its default `--parallel`.
 */
export const benchClass: Benchmark = async (argv) => {
  const option = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
  };
  const count = Number(option('--envs', '30'));
  const latencyMs = Number(option('--latency-s', '10')) * 1000;
  if (!Number.isInteger(count) || count < 1 || !(latencyMs >= 0)) throw new LabsError('usage: labs bench class [--envs N] [--latency-s S]');
  const envs = Array.from({ length: count }, (_, i) => `bench-${String(i + 1).padStart(3, '0')}`);
  const figures: Record<string, unknown> = { latency_per_deployment_s: latencyMs / 1000 };
  for (const cloud of ['aws', 'gcp'] as const) {
    const tools = await ToolStandIns.start();
    tools.createBucket(foundationBackendUrl(BENCH_PROJECT).slice('gs://'.length));
    try {
      log(`${cloud}: one environment …`);
      const one = await timedUp(tools, cloud, ['bench-one'], latencyMs);
      log(`${cloud}: a class of ${count} …`);
      const wall = await timedUp(tools, cloud, envs, latencyMs);
      figures[cloud] = {
        envs: count,
        parallel: DEFAULT_PARALLEL[cloud],
        wall_s: Math.round(wall * 100) / 100,
        one_env_s: Math.round(one * 100) / 100,
        speedup: Math.round(((count * one) / wall) * 100) / 100,
        vs_one_env: Math.round((wall / one) * 100) / 100,
      };
    } finally {
      await tools.stop();
    }
  }
  return figures;
};
