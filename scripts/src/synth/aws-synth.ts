import { buildApp, type EnvironmentTarget } from '@labs/infra-aws';

/** What an AWS synthesis produced. */
export interface AwsSynthResult {
  /** The stacks written, as `<stack>.template.json` files in the output directory. */
  readonly stacks: string[];
  /** Unacknowledged cdk-nag findings and CloudFormation validation errors, one line each. */
  readonly findings: string[];
}

/**
 * Synthesizes the AWS CDK app to CloudFormation in `outdir` with the cdk-nag AwsSolutions and
 * NIST 800-53 R5 packs; findings are returned, not thrown.
 */
export function synthAws(outdir: string, foundation: boolean, environments: readonly EnvironmentTarget[]): AwsSynthResult {
  const app = buildApp({ outdir, foundation, environments });
  try {
    const assembly = app.synth();
    return { stacks: assembly.stacks.map((stack) => stack.stackName), findings: [] };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (!message.startsWith('Validation failed')) throw error;
    return { stacks: [], findings: validationFindings(message) };
  }
}

/** Extracts `rule at path` lines from CDK's validation report text. */
function validationFindings(report: string): string[] {
  const lines = report.split('\n');
  const findings: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(ERROR|WARNING) (.*)$/.exec(line.trim());
    if (!match) return;
    const path = lines[index + 1]?.trim() ?? '';
    const rule = /Acknowledge with '([^']+)'/.exec(lines.slice(index + 1, index + 4).join('\n'))?.[1] ?? '';
    findings.push(`${match[1]} ${rule} at ${path.split(' ')[0]}: ${match[2]?.slice(0, 160)}`);
  });
  return findings.length ? findings : [report.slice(0, 2000)];
}
