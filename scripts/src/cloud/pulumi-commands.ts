import { formatAwsExpiry, FOUNDATION_STACK, LabsError, type Environment, type GithubTarget, type ProjectConfig } from '@labs/config';

const GCP_KMS_SCHEME = 'gcpkms://';
const GCP_KMS_PROVIDER = /^gcpkms:\/\/projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** The Pulumi state bucket the foundation creates: `gs://<project>-labs-state`. */
export function foundationBackendUrl(project: string): string {
  return `gs://${project}-labs-state`;
}

/** The backend the environments use: `gcp.backend`, else the foundation's state bucket. */
export function backendUrl(config: ProjectConfig): string {
  if (config.gcp.backend) return config.gcp.backend;
  if (!config.gcp.project)
    throw new LabsError('GCP needs gcp.project in labs.config.json (for example {"gcp": {"project": "my-project"}})');
  return foundationBackendUrl(config.gcp.project);
}

/** The secrets provider of new stacks: `gcp.secretsProvider` (`gcpkms://…`), else `passphrase`. */
export function secretsProvider(config: ProjectConfig): string {
  const provider = config.gcp.secretsProvider ?? 'passphrase';
  if (provider !== 'passphrase' && !GCP_KMS_PROVIDER.test(provider)) {
    throw new LabsError(
      `invalid gcp.secretsProvider "${provider}": use "passphrase" or gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`,
    );
  }
  return provider;
}

/**
 * Checks, before any `pulumi` call, that Pulumi can open the stacks' secrets: every call (even
 * `stack output`) needs them. With the passphrase provider that is `PULUMI_CONFIG_PASSPHRASE` or
 * `PULUMI_CONFIG_PASSPHRASE_FILE`; a `gcpkms://` provider uses Application Default Credentials.
 */
export function checkSecrets(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env): string {
  const provider = secretsProvider(config);
  if (provider === 'passphrase' && env.PULUMI_CONFIG_PASSPHRASE === undefined && !env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    throw new LabsError(
      'Pulumi needs its secrets configuration: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE), ' +
        'or set gcp.secretsProvider to a gcpkms:// key in labs.config.json',
    );
  }
  return provider;
}

/** Stack config `labs up` sets for one GCP environment (the program checks the expiry against `labs:maxTtl`). */
export function pulumiEnvironmentConfig(
  env: Environment,
  owner: string,
  expiresAt: Date,
  config: ProjectConfig,
  createdAt: Date = new Date(),
): Record<string, string> {
  return {
    'gcp:project': config.gcp.project ?? '',
    'gcp:region': config.gcp.region,
    'gcp:zone': config.gcp.zone,
    'labs:lab': env.lab.id,
    'labs:env': env.name,
    'labs:owner': owner,
    'labs:expiresAt': formatAwsExpiry(expiresAt),
    // When the environment was first created, kept across updates: the start of what it has cost so far.
    'labs:createdAt': createdAt.toISOString(),
    'labs:maxTtl': config.maxTtl,
    ...(config.gcp.kmsKeyName ? { 'labs:kmsKeyName': config.gcp.kmsKeyName } : {}),
  };
}

/**
 * Stack config of the foundation; with `github`, the repository (and its id) and branch whose workflows
 * may deploy, and the `gcpkms://` secrets key their deploy account needs.
 */
export function pulumiFoundationConfig(config: ProjectConfig, generation: string, github?: GithubTarget): Record<string, string> {
  const provider = secretsProvider(config);
  return {
    'gcp:project': config.gcp.project ?? '',
    'labs:foundation': 'true',
    'labs:federationGeneration': generation,
    ...(config.aws.account ? { 'labs:awsAccountId': config.aws.account } : {}),
    ...(config.gcp.kmsKeyName ? { 'labs:kmsKeyName': config.gcp.kmsKeyName } : {}),
    ...(github ? { 'labs:githubRepository': github.repository, 'labs:githubBranch': github.branch } : {}),
    ...(github?.repositoryId ? { 'labs:githubRepositoryId': github.repositoryId } : {}),
    ...(github && provider.startsWith(GCP_KMS_SCHEME) ? { 'labs:secretsKeyName': provider.slice(GCP_KMS_SCHEME.length) } : {}),
  };
}

const NON_INTERACTIVE = '--non-interactive';

/** `pulumi config set-all --plaintext k=v …` for a stack. */
export function pulumiConfigArgs(stack: string, values: Record<string, string>): string[] {
  return [
    'config',
    'set-all',
    '--stack',
    stack,
    ...Object.entries(values).flatMap(([key, value]) => ['--plaintext', `${key}=${value}`]),
    NON_INTERACTIVE,
  ];
}

/**
 * The local stack config file is a cache under `.labs/` (see `stackConfigDir` in `Pulumi.yaml`): the
 * backend keeps each deployment's config, and this restores it before a stack is touched again, on
 * any machine.
 */
export function pulumiConfigRefresh(stack: string): string[] {
  return ['config', 'refresh', '--force', '--stack', stack, NON_INTERACTIVE];
}

/** Selects a stack, creating it with the secrets provider if it does not exist. */
export function pulumiSelect(stack: string, provider: string): string[] {
  return ['stack', 'select', '--create', stack, '--secrets-provider', provider, NON_INTERACTIVE];
}

/** `pulumi up` of a stack. */
export function pulumiUp(stack: string): string[] {
  return ['up', '--yes', '--skip-preview', '--stack', stack, NON_INTERACTIVE];
}

/**
 * The pulumi invocations that bring one stack up, in order. A stack that has a deployment first gets
 * its config back from the backend (its secrets settings included), then every value is set again.
 */
export function pulumiUpSequence(stack: string, values: Record<string, string>, provider: string, deployed: boolean): string[][] {
  return [
    ...(deployed ? [pulumiConfigRefresh(stack)] : []),
    pulumiSelect(stack, provider),
    pulumiConfigArgs(stack, values),
    pulumiUp(stack),
  ];
}

/** The pulumi invocations that remove one stack, in order (its config comes back from the backend first). */
export function pulumiDownSequence(stack: string, deployed = true): string[][] {
  return [
    ...(deployed ? [pulumiConfigRefresh(stack)] : []),
    ['destroy', '--yes', '--skip-preview', '--stack', stack, NON_INTERACTIVE],
    ['stack', 'rm', '--yes', stack, NON_INTERACTIVE],
  ];
}

/** Where `labs bootstrap --cloud gcp` keeps the foundation's state until its bucket exists. */
export interface BootstrapMove {
  /** The local backend the foundation is first deployed to. */
  readonly localBackend: string;
  /** The file the foundation's deployment is exported to, then imported from. */
  readonly exportFile: string;
}

/** The stages of bootstrapping from nothing: deploy to a local backend, move the state into the new bucket. */
export function pulumiBootstrapStages(
  values: Record<string, string>,
  provider: string,
  move: BootstrapMove,
  bucketBackend: string,
): { backend: string; args: string[] }[] {
  const local = (args: string[]) => ({ backend: move.localBackend, args });
  const bucket = (args: string[]) => ({ backend: bucketBackend, args });
  return [
    local(pulumiSelect(FOUNDATION_STACK, provider)),
    local(pulumiConfigArgs(FOUNDATION_STACK, values)),
    local(pulumiUp(FOUNDATION_STACK)),
    local(['stack', 'export', '--stack', FOUNDATION_STACK, '--file', move.exportFile, NON_INTERACTIVE]),
    bucket(pulumiSelect(FOUNDATION_STACK, provider)),
    bucket(['stack', 'import', '--stack', FOUNDATION_STACK, '--file', move.exportFile, NON_INTERACTIVE]),
    local(['stack', 'rm', '--yes', '--force', '--preserve-config', FOUNDATION_STACK, NON_INTERACTIVE]),
  ];
}

/** Environment variables for pulumi: the state backend. */
export function pulumiEnv(backend: string): Record<string, string> {
  return { PULUMI_BACKEND_URL: backend };
}
