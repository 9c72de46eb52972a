import { formatAwsExpiry, stackName, type Environment, type ProjectConfig } from '@labs/config';

/** Stack config `labs up` sets for one GCP environment. */
export function pulumiEnvironmentConfig(env: Environment, owner: string, expiresAt: Date, config: ProjectConfig): Record<string, string> {
  return {
    'gcp:project': config.gcp.project ?? '',
    'gcp:region': config.gcp.region,
    'gcp:zone': config.gcp.zone,
    'labs:lab': env.lab.id,
    'labs:env': env.name,
    'labs:owner': owner,
    'labs:expiresAt': formatAwsExpiry(expiresAt),
  };
}

/** `pulumi config set-all --plaintext k=v …` for a stack. */
export function pulumiConfigArgs(stack: string, values: Record<string, string>): string[] {
  return ['config', 'set-all', '--stack', stack, ...Object.entries(values).flatMap(([key, value]) => ['--plaintext', `${key}=${value}`])];
}

/** The pulumi invocations that bring one stack up, in order. */
export function pulumiUpSequence(stack: string, values: Record<string, string>): string[][] {
  return [
    ['stack', 'select', '--create', stack, '--non-interactive'],
    pulumiConfigArgs(stack, values),
    ['up', '--yes', '--skip-preview', '--stack', stack, '--non-interactive'],
  ];
}

/** The pulumi invocations that remove one stack, in order. */
export function pulumiDownSequence(stack: string): string[][] {
  return [
    ['destroy', '--yes', '--skip-preview', '--stack', stack, '--non-interactive'],
    ['stack', 'rm', '--yes', stack, '--non-interactive'],
  ];
}

/** Stack name of a GCP environment. */
export function pulumiStack(env: Environment): string {
  return stackName(env);
}

/** Environment variables for pulumi: the state backend from the project config. */
export function pulumiEnv(config: ProjectConfig): Record<string, string> {
  return config.gcp.backend ? { PULUMI_BACKEND_URL: config.gcp.backend } : {};
}
