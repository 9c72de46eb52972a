import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { SynthRequest } from '@labs/infra-gcp/src/synth-main';
import type { PolicyFinding } from '@labs/infra-gcp/src/policy';
import { tsxCommand } from '../repo';

/** What the synthesis of one GCP target produced. */
export interface GcpSynthResult {
  readonly name: string;
  readonly file: string;
  readonly resources: number;
  readonly findings: PolicyFinding[];
}

/**
 * Runs the Pulumi program for one GCP target under Pulumi's mocks in a child process (its runtime is
 * process-global), writing `<outdir>/<name>.resources.json` and checking the policy.
 */
export function synthGcp(outdir: string, name: string, target: SynthRequest['target']): Promise<GcpSynthResult> {
  const file = join(outdir, `${name}.resources.json`);
  const request: SynthRequest = { target, outFile: file };
  const [command, args] = tsxCommand('infra-gcp/src/synth-main.ts', JSON.stringify(request));
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`GCP synthesis of ${name} failed: ${stderr.trim() || error.message}`));
        return;
      }
      const result = JSON.parse(stdout) as { resources: number; findings: PolicyFinding[] };
      resolve({ name, file, ...result });
    });
  });
}
