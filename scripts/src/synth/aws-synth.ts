import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdkStack, cdkSynthArgs, type CdkTarget } from '../cloud/cdk-commands';
import { runTool } from '../cloud/tool-runner';
import { REPO_ROOT } from '../repo';

/** What an AWS synthesis produced. */
export interface AwsSynthResult {
  /** The stacks written, as `<stack>.template.json` files in the output directory. */
  readonly stacks: string[];
  /** Unacknowledged cdk-nag findings and CloudFormation validation errors, one line each. */
  readonly findings: string[];
}

const CDK_DIR = join(REPO_ROOT, 'infra-aws');

/**
 * Synthesizes each target with the workspace's `cdk synth` (the same app, context and feature flags as
 * `cdk deploy`, so the two can never differ) and copies its template to `outdir`. The cdk-nag AwsSolutions
 * and NIST 800-53 R5 packs run in the app; their findings are returned, not thrown.
 */
export async function synthAws(outdir: string, targets: readonly CdkTarget[]): Promise<AwsSynthResult> {
  const stacks: string[] = [];
  const findings: string[] = [];
  for (const target of targets) {
    const stack = cdkStack(target);
    const assembly = mkdtempSync(join(tmpdir(), 'labs-cdk-synth-'));
    try {
      const result = await runTool({
        tool: 'cdk',
        args: cdkSynthArgs(target, assembly),
        cwd: CDK_DIR,
        logName: `${stack}-synth-${Date.now()}`,
        quiet: true,
      });
      if (result.code !== 0) {
        findings.push(...validationFindings(result.output, `${stack}: cdk synth failed (full log: ${result.logFile})`));
        continue;
      }
      const manifest = JSON.parse(readFileSync(join(assembly, 'manifest.json'), 'utf8')) as {
        artifacts: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
      };
      for (const artifact of Object.values(manifest.artifacts)) {
        if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
        const name = artifact.properties.stackName ?? stack;
        copyFileSync(join(assembly, artifact.properties.templateFile), join(outdir, `${name}.template.json`));
        stacks.push(name);
      }
    } finally {
      rmSync(assembly, { recursive: true, force: true });
    }
  }
  return { stacks, findings };
}

/** Extracts `rule at path` lines from CDK's validation report text (or the failure itself, when there are none). */
function validationFindings(report: string, failure: string): string[] {
  const lines = report.split('\n');
  const findings: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(ERROR|WARNING) (.*)$/.exec(line.trim());
    if (!match) return;
    const path = lines[index + 1]?.trim() ?? '';
    const rule = /Acknowledge with '([^']+)'/.exec(lines.slice(index + 1, index + 4).join('\n'))?.[1] ?? '';
    findings.push(`${match[1]} ${rule} at ${path.split(' ')[0]}: ${match[2]?.slice(0, 160)}`);
  });
  return findings.length ? findings : [`${failure}: ${report.trim().split('\n').slice(-3).join(' | ').slice(0, 500)}`];
}
