import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from '.';
import { log } from '../output';
import { tsxCommand } from '../repo';

/** `labs bench synth`: wall time of `labs synth --all` (a fresh CLI process, as a user runs it). */
export const benchSynth: Benchmark = async () => {
  const out = mkdtempSync(join(tmpdir(), 'labs-bench-synth-'));
  const [command, args] = tsxCommand('scripts/src/main.ts', 'synth', '--all', '--out', out, '--json');
  log(`running labs synth --all --out ${out} …`);
  const started = process.hrtime.bigint();
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, output, stderr) => {
      if (error) reject(new Error(`labs synth --all failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve(output);
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = JSON.parse(stdout) as { aws: unknown[]; gcp: { resources: number }[]; findings: string[] };
  return {
    synth_all_wall_s: Math.round(seconds * 100) / 100,
    aws_templates: result.aws.length,
    gcp_inventories: result.gcp.length,
    gcp_resources: result.gcp.reduce((sum, run) => sum + run.resources, 0),
    findings: result.findings.length,
  };
};
