import { join } from 'node:path';
import { LabsError, parseExpiry, parseStackName, type ProjectConfig } from '@labs/config';
import { REPO_ROOT } from '../repo';
import type { EnvironmentRecord } from './environment-record';
import { pulumiEnv } from './pulumi-commands';
import { runTool } from './tool-runner';

/** Working directory of the Pulumi project. */
export const PULUMI_DIR = join(REPO_ROOT, 'infra-gcp');

interface PulumiStackSummary {
  name: string;
  resourceCount?: number;
  updateInProgress?: boolean;
}

/** The Pulumi view of the lab environments: stacks of the `labs-gcp` project and their outputs. */
export class GcpEnvironments {
  constructor(private readonly config: ProjectConfig) {}

  private async pulumiJson<T>(args: string[], logName: string): Promise<T> {
    const result = await runTool({ tool: 'pulumi', args, cwd: PULUMI_DIR, env: pulumiEnv(this.config), logName, quiet: true });
    if (result.code !== 0)
      throw new LabsError(`pulumi ${args.slice(0, 2).join(' ')} failed: ${result.errorSummary} (full log: ${result.logFile})`, 3);
    try {
      return JSON.parse(result.output) as T;
    } catch {
      throw new LabsError(`pulumi ${args.slice(0, 2).join(' ')} did not print JSON (full log: ${result.logFile})`, 3);
    }
  }

  /** Every `labs-<lab>-<env>` stack with its expiry output. */
  async list(): Promise<EnvironmentRecord[]> {
    const stacks = await this.pulumiJson<PulumiStackSummary[]>(['stack', 'ls', '--json'], 'pulumi-stack-ls');
    const records: EnvironmentRecord[] = [];
    for (const stack of stacks) {
      const parsed = parseStackName(stack.name);
      if (!parsed) continue;
      const outputs = await this.pulumiJson<{ expiresAt?: string; labels?: Record<string, string> }>(
        ['stack', 'output', '--json', '--stack', stack.name],
        `pulumi-output-${stack.name}`,
      );
      records.push({
        cloud: 'gcp',
        lab: parsed.lab,
        env: parsed.env,
        stack: stack.name,
        owner: outputs.labels?.['labs-owner'],
        expiresAt: parseExpiry(outputs.expiresAt),
        state: stack.updateInProgress ? 'updating' : (stack.resourceCount ?? 0) > 0 ? 'up' : 'empty',
      });
    }
    return records;
  }

  /** Whether the stack exists. */
  async exists(stack: string): Promise<boolean> {
    const stacks = await this.pulumiJson<PulumiStackSummary[]>(['stack', 'ls', '--json'], 'pulumi-stack-ls');
    return stacks.some((summary) => summary.name === stack);
  }
}
