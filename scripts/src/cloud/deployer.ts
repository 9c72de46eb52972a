import { join } from 'node:path';
import { configValue, LabsError, stackName, type Environment, type ProjectConfig } from '@labs/config';
import { REPO_ROOT } from '../repo';
import { AwsEnvironments } from './aws-environments';
import { cdkDeployArgs, cdkDestroyArgs, cdkFoundationArgs } from './cdk-commands';
import { GcpEnvironments, PULUMI_DIR } from './gcp-environments';
import { pulumiConfigArgs, pulumiDownSequence, pulumiEnv, pulumiEnvironmentConfig, pulumiUpSequence } from './pulumi-commands';
import { runTool, type ToolResult } from './tool-runner';

const CDK_DIR = join(REPO_ROOT, 'infra-aws');

/** Outcome of a deploy or destroy. */
export interface DeployOutcome {
  readonly ok: boolean;
  /** One line: what happened, or the summarized error. */
  readonly message: string;
  readonly logFile?: string;
}

function outcome(result: ToolResult, success: string): DeployOutcome {
  return result.code === 0
    ? { ok: true, message: success, logFile: result.logFile }
    : { ok: false, message: `${result.errorSummary} (full log: ${result.logFile})`, logFile: result.logFile };
}

/** Checks that the config values a lab needs are present, before any cloud is touched. */
export function requireLabConfig(env: Environment, config: ProjectConfig): void {
  const missing = env.lab.requiredConfig.filter((key) => configValue(config, key) === undefined || configValue(config, key) === '');
  if (missing.length) {
    throw new LabsError(
      `lab "${env.lab.id}" needs ${missing.join(', ')} in labs.config.json (for example {"gcp": {"project": "my-project"}})`,
    );
  }
}

/** Brings environments up and down with `cdk` (AWS) and `pulumi` (GCP). */
export class Deployer {
  constructor(
    private readonly config: ProjectConfig,
    private readonly aws = new AwsEnvironments(config),
    private readonly gcp = new GcpEnvironments(config),
  ) {}

  /** Runs `cdk`, with the given credentials (an environment's session) or the caller's own. */
  private cdk(args: string[], logName: string, credentials: Record<string, string> = {}): Promise<ToolResult> {
    return runTool({
      tool: 'cdk',
      args,
      cwd: CDK_DIR,
      env: { AWS_REGION: this.config.aws.region, CDK_DEFAULT_REGION: this.config.aws.region, ...credentials },
      logName,
    });
  }

  private async pulumi(sequence: string[][], logName: string): Promise<ToolResult> {
    let last: ToolResult | undefined;
    for (const [index, args] of sequence.entries()) {
      last = await runTool({ tool: 'pulumi', args, cwd: PULUMI_DIR, env: pulumiEnv(this.config), logName: `${logName}-${index + 1}` });
      if (last.code !== 0) return last;
    }
    if (!last) throw new Error('empty pulumi sequence');
    return last;
  }

  /** Deploys (or updates) one environment with its owner and expiry. */
  async up(env: Environment, owner: string, expiresAt: Date): Promise<DeployOutcome> {
    const name = stackName(env);
    const logName = `${name}-up-${Date.now()}`;
    if (env.lab.cloud === 'aws') {
      const session = await this.aws.environmentSession(env);
      return outcome(await this.cdk(cdkDeployArgs(env, owner, expiresAt), logName, session), `${name} deployed`);
    }
    const values = pulumiEnvironmentConfig(env, owner, expiresAt, this.config);
    return outcome(await this.pulumi(pulumiUpSequence(name, values), logName), `${name} deployed`);
  }

  /** Destroys one environment; says so when there is nothing to destroy. */
  async down(env: Environment): Promise<DeployOutcome> {
    const name = stackName(env);
    const logName = `${name}-down-${Date.now()}`;
    if (env.lab.cloud === 'aws') {
      const record = await this.aws.find(name);
      if (!record) return { ok: true, message: `${name} does not exist: nothing to do` };
      const args = cdkDestroyArgs(env, record.owner ?? 'unknown', record.expiresAt ?? new Date());
      return outcome(await this.cdk(args, logName, await this.aws.environmentSession(env)), `${name} destroyed`);
    }
    if (!(await this.gcp.exists(name))) return { ok: true, message: `${name} does not exist: nothing to do` };
    return outcome(await this.pulumi(pulumiDownSequence(name), logName), `${name} destroyed`);
  }

  /** The current expiry and owner of an environment, from the cloud's own record. */
  async current(env: Environment): Promise<{ owner?: string; expiresAt?: Date } | undefined> {
    const name = stackName(env);
    const records = env.lab.cloud === 'aws' ? await this.aws.list() : await this.gcp.list();
    const record = records.find((r) => r.stack === name);
    return record && { owner: record.owner, expiresAt: record.expiresAt };
  }

  /** Deploys or removes the foundation stack of one cloud. */
  async foundation(cloud: 'aws' | 'gcp', destroy: boolean): Promise<DeployOutcome> {
    const logName = `labs-foundation-${cloud}-${destroy ? 'destroy' : 'deploy'}-${Date.now()}`;
    if (cloud === 'aws')
      return outcome(await this.cdk(cdkFoundationArgs(destroy), logName), `AWS foundation ${destroy ? 'removed' : 'deployed'}`);
    const project = this.config.gcp.project;
    if (!project) throw new LabsError('labs bootstrap --cloud gcp needs gcp.project in labs.config.json');
    const sequence = destroy
      ? pulumiDownSequence('labs-foundation')
      : [
          ['stack', 'select', '--create', 'labs-foundation', '--non-interactive'],
          pulumiConfigArgs('labs-foundation', { 'gcp:project': project, 'labs:foundation': 'true' }),
          ['up', '--yes', '--skip-preview', '--stack', 'labs-foundation', '--non-interactive'],
        ];
    return outcome(await this.pulumi(sequence, logName), `GCP foundation ${destroy ? 'removed' : 'deployed'}`);
  }
}
