import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  configValue,
  FOUNDATION_STACK,
  githubTarget,
  LabsError,
  stackName,
  type Cloud,
  type Environment,
  type GithubTarget,
  type ProjectConfig,
} from '@labs/config';
import type { BigQuerySinkTarget } from '@labs/infra-aws/src/bigquery-sink';
import { newFederationGeneration } from '@labs/infra-gcp/src/federation-ids';
import { isMissing, LAB_CONTRACTS, labsWith, runTeardown } from '../lab-contract';
import { log } from '../output';
import type { EnvironmentRecord } from './environment-record';
import { REPO_ROOT } from '../repo';
import { AwsEnvironments } from './aws-environments';
import { bigQuerySinkTarget } from './bigquery-sink';
import { cdkClassSynthArgs, cdkDeployArgs, cdkDestroyArgs, cdkFoundationArgs } from './cdk-commands';
import { GcpEnvironments, PULUMI_DIR, recordOf } from './gcp-environments';
import { BackendMissingError, checkpointText, type StackCheckpoint } from './pulumi-backend';
import {
  checkSecrets,
  foundationBackendUrl,
  pulumiBootstrapStages,
  pulumiConfigArgs,
  pulumiConfigRefresh,
  pulumiDownSequence,
  pulumiEnv,
  pulumiEnvironmentConfig,
  pulumiFoundationConfig,
  pulumiSelect,
  pulumiUp,
  pulumiUpSequence,
} from './pulumi-commands';
import { runTool, type ToolResult } from './tool-runner';

const CDK_DIR = join(REPO_ROOT, 'infra-aws');

/** Outcome of a deploy or destroy. */
export interface DeployOutcome {
  readonly ok: boolean;
  /** One line: what happened, or the summarized error. */
  readonly message: string;
  readonly logFile?: string;
  /** GCP: the Pulumi backend the environments use. */
  readonly backend?: string;
  /** What a foundation removal keeps, each with its reason. */
  readonly kept?: readonly string[];
}

/** Where the GCP foundation's state lives until its bucket exists (`.labs/` is not tracked). */
const BOOTSTRAP_DIR = join(REPO_ROOT, '.labs', 'pulumi-bootstrap');

/**
 * A `pulumi up` that failed on a service account created moments before (IAM is eventually
 * consistent): the grant that follows the account may not see it yet. Such an up is run again.
 */
export function isEventualConsistencyFailure(output: string): boolean {
  return /service ?account[^\n]*(does not exist|not found|is not valid|invalid)|Invalid service account/i.test(output);
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
  const infrastructure = LAB_CONTRACTS[env.lab.id].infrastructure;
  if (isMissing(infrastructure)) {
    throw new LabsError(
      `lab "${env.lab.id}" has nothing to deploy yet (${infrastructure.missing}); labs with infrastructure: ${labsWith('infrastructure').join(', ')}`,
    );
  }
}

/** The GitHub repository (with its id) and branch a deployed GCP foundation records in its config, if any. */
function recordedGithub(foundation: StackCheckpoint | undefined): GithubTarget | undefined {
  const recorded = (key: string) => checkpointText(foundation?.config[`labs:${key}`]);
  const repository = recorded('githubRepository');
  return repository ? githubTarget(repository, recorded('githubBranch'), recorded('githubRepositoryId')) : undefined;
}

/** Options of the {@link Deployer}. */
export interface DeployerOptions {
  /** Wait before running a `pulumi up` again that failed on eventual consistency. @default 20000 */
  readonly retryDelayMs?: number;
  /** Runs of `pulumi up` in all, the first included, when IAM has not caught up. @default 3 */
  readonly upAttempts?: number;
}

/** Brings environments up and down with `cdk` (AWS) and `pulumi` (GCP). */
export class Deployer {
  /** Each sink's target, resolved once (see {@link Deployer.sinkOf}). */
  private readonly sinkTargets = new Map<string, Promise<BigQuerySinkTarget>>();

  constructor(
    private readonly config: ProjectConfig,
    private readonly aws = new AwsEnvironments(config),
    private readonly gcp = new GcpEnvironments(config),
    private readonly options: DeployerOptions = {},
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

  /** Runs pulumi invocations in order against a backend, stopping at the first failure. */
  private async pulumi(sequence: readonly (readonly string[])[], logName: string, backend: string): Promise<ToolResult> {
    return this.pulumiStages(
      sequence.map((args) => ({ backend, args })),
      logName,
    );
  }

  private async pulumiStages(stages: readonly { backend: string; args: readonly string[] }[], logName: string): Promise<ToolResult> {
    checkSecrets(this.config);
    let last: ToolResult | undefined;
    for (const [index, stage] of stages.entries()) {
      last = await this.pulumiRun(stage.args, stage.backend, `${logName}-${index + 1}`);
      if (last.code !== 0) return last;
    }
    if (!last) throw new Error('empty pulumi sequence');
    return last;
  }

  /** One `pulumi` call; an `up` that failed on IAM's eventual consistency is run again after a wait. */
  private async pulumiRun(args: readonly string[], backend: string, logName: string): Promise<ToolResult> {
    const attempts = args[0] === 'up' ? (this.options.upAttempts ?? 3) : 1;
    let result = await runTool({ tool: 'pulumi', args, cwd: PULUMI_DIR, env: pulumiEnv(backend), logName });
    for (let attempt = 2; attempt <= attempts && result.code !== 0 && isEventualConsistencyFailure(result.output); attempt++) {
      await sleep(this.options.retryDelayMs ?? 20_000);
      result = await runTool({ tool: 'pulumi', args, cwd: PULUMI_DIR, env: pulumiEnv(backend), logName: `${logName}-retry${attempt}` });
    }
    return result;
  }

  /** Deploys (or updates) one environment with its owner and expiry, and its BigQuery sink when given (AWS). */
  async up(env: Environment, owner: string, expiresAt: Date, assembly?: string, sink?: BigQuerySinkTarget): Promise<DeployOutcome> {
    const name = stackName(env);
    const logName = `${name}-up-${Date.now()}`;
    if (env.lab.cloud === 'aws') {
      const session = await this.aws.environmentSession(env);
      const deployed = sink
        ? `${name} deployed with its BigQuery sink into ${sink.project}.${sink.dataset}.${sink.table}`
        : `${name} deployed`;
      return outcome(await this.cdk(cdkDeployArgs(env, owner, expiresAt, assembly, sink), logName, session), deployed);
    }
    requireLabConfig(env, this.config);
    const provider = checkSecrets(this.config);
    const existing = await this.gcp.find(name);
    const values = pulumiEnvironmentConfig(env, owner, expiresAt, this.config, existing && recordOf(existing)?.createdAt);
    const sequence = pulumiUpSequence(name, values, provider, existing?.deployed ?? false);
    return outcome(await this.pulumi(sequence, logName, this.gcp.backend), `${name} deployed`);
  }

  /**
   * Synthesizes the stacks of a whole AWS class once (with the caller's credentials; synthesis reads no
   * account) and returns the cloud assembly each environment's {@link Deployer.up} then deploys from.
   */
  async synthesizeClass(envs: readonly Environment[], owner: string, expiresAt: Date, sink?: BigQuerySinkTarget): Promise<string> {
    const outdir = mkdtempSync(join(tmpdir(), 'labs-class-assembly-'));
    const result = await this.cdk(cdkClassSynthArgs(envs, owner, expiresAt, outdir, sink), `class-synth-${Date.now()}`);
    if (result.code !== 0) throw new LabsError(`synthesizing the class failed: ${result.errorSummary} (full log: ${result.logFile})`);
    return outdir;
  }

  /** Destroys one environment after its lab's teardown hooks; says so when there is nothing to destroy. */
  async down(env: Environment): Promise<DeployOutcome> {
    const name = stackName(env);
    const logName = `${name}-down-${Date.now()}`;
    const teardown = () => runTeardown(LAB_CONTRACTS[env.lab.id], { environment: env, config: this.config, log });
    if (env.lab.cloud === 'aws') {
      const record = await this.aws.find(name);
      if (!record) return { ok: true, message: `${name} does not exist: nothing to do` };
      await teardown();
      const args = cdkDestroyArgs(env, record.owner ?? 'unknown', record.expiresAt ?? new Date());
      return outcome(await this.cdk(args, logName, await this.aws.environmentSession(env)), `${name} destroyed`);
    }
    const existing = await this.gcp.find(name);
    if (!existing) return { ok: true, message: `${name} does not exist: nothing to do` };
    await teardown();
    return outcome(await this.pulumi(pulumiDownSequence(name, existing.deployed), logName, this.gcp.backend), `${name} destroyed`);
  }

  /** Every environment of one cloud, from the cloud's own records (one listing for a whole class). */
  records(cloud: Cloud): Promise<EnvironmentRecord[]> {
    return cloud === 'aws' ? this.aws.list() : this.gcp.list();
  }

  /** The record of one environment (its owner, expiry and sink), from that stack alone. */
  async current(env: Environment): Promise<EnvironmentRecord | undefined> {
    const name = stackName(env);
    if (env.lab.cloud === 'aws') return this.aws.find(name);
    const checkpoint = await this.gcp.find(name);
    return checkpoint && recordOf(checkpoint);
  }

  /**
   * The BigQuery sink an environment already has (its record names it), for a re-deploy that must keep
   * it; resolved once per sink, so a class reads the GCP foundation once.
   */
  sinkOf(env: Environment, record: { readonly sink?: string } | undefined): Promise<BigQuerySinkTarget | undefined> {
    if (!record?.sink) return Promise.resolve(undefined);
    const key = `${env.lab.id}/${record.sink}`;
    let target = this.sinkTargets.get(key);
    if (!target) {
      target = bigQuerySinkTarget(env.lab.id, record.sink, this.config, this.gcp);
      this.sinkTargets.set(key, target);
    }
    return target;
  }

  /**
   * Deploys or removes the foundation stack of one cloud; a deploy with `github` lets that repository's
   * workflows on that branch deploy without keys.
   */
  async foundation(cloud: 'aws' | 'gcp', destroy: boolean, github?: GithubTarget): Promise<DeployOutcome> {
    const logName = `labs-foundation-${cloud}-${destroy ? 'destroy' : 'deploy'}-${Date.now()}`;
    if (cloud === 'aws')
      return outcome(await this.cdk(cdkFoundationArgs(destroy, github), logName), `AWS foundation ${destroy ? 'removed' : 'deployed'}`);
    return destroy ? this.removeGcpFoundation(logName) : this.deployGcpFoundation(logName, github);
  }

  /**
   * Deploys the GCP foundation. When its state bucket does not exist yet (bootstrap from nothing), the
   * foundation is deployed with its state in a local backend, then its state moves into the bucket it
   * has just created; afterwards it is updated in place. Its federation generation is kept on update, and
   * so is its GitHub repository unless another is given: dropping it would delete the GitHub pool, whose
   * id stays reserved for 30 days, so it could not come back within the same generation.
   */
  private async deployGcpFoundation(logName: string, github?: GithubTarget): Promise<DeployOutcome> {
    const project = this.config.gcp.project;
    if (!project) throw new LabsError('labs bootstrap --cloud gcp needs gcp.project in labs.config.json');
    const provider = checkSecrets(this.config);
    const backend = this.gcp.backend;
    let foundation: StackCheckpoint | undefined;
    let bucketMissing = false;
    try {
      foundation = await this.gcp.foundation();
    } catch (error) {
      if (!(error instanceof BackendMissingError)) throw error;
      bucketMissing = true;
    }
    const generation =
      checkpointText(foundation?.outputs.federationGeneration ?? foundation?.config['labs:federationGeneration']) ??
      newFederationGeneration();
    const values = pulumiFoundationConfig(this.config, generation, github ?? recordedGithub(foundation));
    const told = `environments use the Pulumi backend ${backend}${this.config.gcp.backend ? ' (gcp.backend)' : ' (the default when gcp.backend is unset)'}`;
    if (!bucketMissing) {
      const sequence = [
        ...(foundation?.deployed ? [pulumiConfigRefresh(FOUNDATION_STACK)] : []),
        pulumiSelect(FOUNDATION_STACK, provider),
        pulumiConfigArgs(FOUNDATION_STACK, values),
        pulumiUp(FOUNDATION_STACK),
      ];
      return { ...outcome(await this.pulumi(sequence, logName, backend), `GCP foundation deployed; ${told}`), backend };
    }
    if (backend !== foundationBackendUrl(project)) {
      throw new LabsError(
        `the Pulumi backend ${backend} (gcp.backend) does not exist: create that bucket, or remove gcp.backend to use the foundation's own ${foundationBackendUrl(project)}`,
        3,
      );
    }
    mkdirSync(BOOTSTRAP_DIR, { recursive: true, mode: 0o700 });
    const move = { localBackend: `file://${BOOTSTRAP_DIR}`, exportFile: join(BOOTSTRAP_DIR, `${FOUNDATION_STACK}.export.json`) };
    const result = await this.pulumiStages(pulumiBootstrapStages(values, provider, move, backend), logName);
    if (result.code === 0) rmSync(move.exportFile, { force: true });
    return {
      ...outcome(result, `GCP foundation deployed from nothing; its state moved from ${move.localBackend} into ${backend}; ${told}`),
      backend,
    };
  }

  /** Removes the GCP foundation once no environment is left; says what it keeps and why. */
  private async removeGcpFoundation(logName: string): Promise<DeployOutcome> {
    const backend = this.gcp.backend;
    const checkpoints = await this.gcp.checkpoints().catch((error: unknown) => {
      if (error instanceof BackendMissingError) return [];
      throw error;
    });
    const foundation = checkpoints.find((checkpoint) => checkpoint.name === FOUNDATION_STACK);
    if (!foundation) return { ok: true, message: `GCP foundation does not exist in ${backend}: nothing to do`, backend };
    const environments = checkpoints.filter((checkpoint) => checkpoint.name !== FOUNDATION_STACK).map((checkpoint) => checkpoint.name);
    if (environments.length) {
      throw new LabsError(
        `bring every environment down first (labs down … or labs reap): ${environments.join(', ')} still exist in ${backend}`,
      );
    }
    const bucket = foundation.outputs.stateBucketName ?? `${this.config.gcp.project ?? ''}-labs-state`;
    const kept = [
      `state bucket gs://${String(bucket)}: it holds the Pulumi state (this removal's own included); delete it with 'gcloud storage rm -r gs://${String(bucket)}' once you no longer need it`,
      'enabled APIs: other workloads in the project may use them; disable them in the console if nothing does',
      'deleted workload identity pool/provider ids stay reserved for 30 days; the next bootstrap uses new ids',
    ];
    const result = await this.pulumi(pulumiDownSequence(FOUNDATION_STACK, foundation.deployed), logName, backend);
    return { ...outcome(result, `GCP foundation removed; kept: ${kept.map((line) => line.split(':')[0]).join(', ')}`), backend, kept };
  }
}
