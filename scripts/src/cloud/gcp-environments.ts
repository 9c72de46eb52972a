import { join } from 'node:path';
import { FOUNDATION_STACK, parseExpiry, parseStackName, type ProjectConfig } from '@labs/config';
import { REPO_ROOT } from '../repo';
import type { EnvironmentRecord } from './environment-record';
import { checkpointText as text, PULUMI_PROJECT, readBackend, type StackCheckpoint } from './pulumi-backend';
import { backendUrl } from './pulumi-commands';

/** Working directory of the Pulumi project. */
export const PULUMI_DIR = join(REPO_ROOT, 'infra-gcp');

/**
 * The record of an environment stack from its checkpoint: the stack outputs of its last deployment, else
 * the config it was deployed with (a first `up` that failed still recorded its owner and expiry there).
 */
export function recordOf(checkpoint: StackCheckpoint): EnvironmentRecord | undefined {
  const parsed = parseStackName(checkpoint.name);
  if (!parsed) return undefined;
  const { outputs, config } = checkpoint;
  return {
    cloud: 'gcp',
    lab: parsed.lab,
    env: parsed.env,
    stack: checkpoint.name,
    owner: text(outputs.owner) ?? text(config['labs:owner']),
    expiresAt: parseExpiry(text(outputs.expiresAt) ?? text(config['labs:expiresAt'])),
    createdAt: parseExpiry(text(config['labs:createdAt'])),
    updatedAt: checkpoint.updatedAt,
    state: checkpoint.resourceCount > 0 ? 'up' : 'empty',
  };
}

/** The Pulumi view of the lab environments: stacks of the `labs-gcp` project, read from the backend directly. */
export class GcpEnvironments {
  constructor(private readonly config: ProjectConfig) {}

  /** The backend URL the environments use. */
  get backend(): string {
    return backendUrl(this.config);
  }

  /** Every stack checkpoint of the project (one listing, no `pulumi` process). */
  checkpoints(): Promise<StackCheckpoint[]> {
    return readBackend(this.backend);
  }

  /** Every `labs-<lab>-<env>` stack with its owner and expiry. */
  async list(): Promise<EnvironmentRecord[]> {
    return (await this.checkpoints()).flatMap((checkpoint) => recordOf(checkpoint) ?? []);
  }

  /** The checkpoint of one stack, or undefined when it does not exist. */
  async find(stack: string): Promise<StackCheckpoint | undefined> {
    return (await readBackend(this.backend, PULUMI_PROJECT, stack)).find((checkpoint) => checkpoint.name === stack);
  }

  /** The foundation's checkpoint, or undefined. */
  foundation(): Promise<StackCheckpoint | undefined> {
    return this.find(FOUNDATION_STACK);
  }
}
