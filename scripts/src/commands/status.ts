import type { Command } from 'commander';
import { formatAwsExpiry, LabsError, type Cloud, type ProjectConfig } from '@labs/config';
import { AwsEnvironments } from '../cloud/aws-environments';
import { expiryNote, isExpired, type EnvironmentRecord } from '../cloud/environment-record';
import { GcpEnvironments } from '../cloud/gcp-environments';
import { runningCostsByEnv, type RunningCost } from '../cloud/billing-now';
import { log, print, printJson, table } from '../output';
import { projectConfig } from '../repo';

/** A cloud whose environments could not be listed, and why. */
export interface CloudFailure {
  readonly cloud: Cloud;
  readonly message: string;
  /** The exit code the error carried. */
  readonly exitCode: number;
}

/** The environments of each cloud, listed on its own: one failing cloud does not hide the others. */
export interface EnvironmentListing {
  readonly records: EnvironmentRecord[];
  readonly failures: CloudFailure[];
}

/** Whether GCP is configured at all (a project or a backend); without it there are no GCP environments. */
export function gcpConfigured(config: ProjectConfig): boolean {
  return Boolean(config.gcp.project || config.gcp.backend);
}

/** Lists every cloud on its own: the records of those that answered, and the failure of those that did not. */
export async function listEnvironmentsByCloud(clouds: readonly Cloud[] = ['aws', 'gcp']): Promise<EnvironmentListing> {
  const config = projectConfig();
  const wanted = clouds.filter((cloud) => cloud === 'aws' || gcpConfigured(config));
  const settled = await Promise.allSettled(
    wanted.map((cloud) => (cloud === 'aws' ? new AwsEnvironments(config).list() : new GcpEnvironments(config).list())),
  );
  const records: EnvironmentRecord[] = [];
  const failures: CloudFailure[] = [];
  settled.forEach((result, index) => {
    const cloud = wanted[index] as Cloud;
    if (result.status === 'fulfilled') records.push(...result.value);
    else {
      const error = result.reason as Error;
      failures.push({ cloud, message: error.message ?? String(error), exitCode: error instanceof LabsError ? error.exitCode : 3 });
    }
  });
  return { records, failures };
}

/** Every environment of the given clouds; fails with the first cloud that could not be listed. */
export async function listEnvironments(clouds: readonly Cloud[] = ['aws', 'gcp']): Promise<EnvironmentRecord[]> {
  const { records, failures } = await listEnvironmentsByCloud(clouds);
  const [failure] = failures;
  if (failure) throw new LabsError(failure.message, failure.exitCode);
  return records;
}

/** Reports the clouds that could not be listed on stderr and sets a non-zero exit. */
export function reportFailures(failures: readonly CloudFailure[]): void {
  for (const failure of failures) log(`error: ${failure.cloud}: ${failure.message}`);
  if (failures.length) process.exitCode = Math.max(...failures.map((failure) => failure.exitCode), 1);
}

/** JSON form of a record; `note` says how a record without expiry is treated. */
export function recordJson(record: EnvironmentRecord, now: Date) {
  const note = expiryNote(record, now);
  return {
    cloud: record.cloud,
    lab: record.lab,
    env: record.env,
    stack: record.stack,
    owner: record.owner ?? null,
    expiresAt: record.expiresAt ? formatAwsExpiry(record.expiresAt) : null,
    createdAt: record.createdAt ? record.createdAt.toISOString() : null,
    expired: isExpired(record, now),
    state: record.state,
    ...(note ? { note } : {}),
  };
}

/** Parses `--cloud`. */
export function cloudsOption(value: string | undefined): Cloud[] {
  if (value === undefined) return ['aws', 'gcp'];
  if (value !== 'aws' && value !== 'gcp') throw new LabsError(`invalid --cloud "${value}": expected aws or gcp`);
  return [value];
}

/** `labs status [--json] [--cloud aws|gcp]`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('environments with their expiry and state, from CloudFormation stack tags and the Pulumi backend (each cloud on its own)')
    .option('--cloud <cloud>', 'only aws or gcp')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { cloud?: string; json?: boolean }) => {
      const now = new Date();
      const { records, failures } = await listEnvironmentsByCloud(cloudsOption(options.cloud));
      const running = records.some((record) => record.lab === 'automl-vision')
        ? await automlRunningCosts()
        : new Map<string, RunningCost>();
      const rows = records.map((record) => {
        const cost = record.lab === 'automl-vision' ? running.get(record.env) : undefined;
        return { ...recordJson(record, now), ...(cost ? { running: cost } : {}) };
      });
      if (options.json) printJson(rows);
      else {
        print(
          table(
            ['cloud', 'lab', 'env', 'owner', 'expires at', 'state'],
            rows.map((r) => [r.cloud, r.lab, r.env, r.owner, `${r.expiresAt ?? '-'}${r.expired ? ' (expired)' : ''}`, r.state]),
          ),
        );
        for (const row of rows) if (row.note) print(`${row.stack}: ${row.note}`);
        for (const row of rows)
          if (row.running)
            print(
              `${row.stack}: ${row.running.deployedEndpoints.length} deployed endpoint(s) billing $${row.running.usdPerHour.toFixed(3)}/hour: undeploy with labs run automl-vision --env ${row.env} --step undeploy`,
            );
      }
      reportFailures(failures);
    });
}

/**
 * The AutoML lab's deployed endpoints by environment (they bill every hour while deployed); a failure to
 * read them (no Vertex AI credentials) is reported on stderr and shows no running cost.
 */
async function automlRunningCosts(): Promise<Map<string, RunningCost>> {
  try {
    const { automlEndpointCosts } = await import('../labs/automl-vision');
    return runningCostsByEnv(await automlEndpointCosts());
  } catch (error) {
    log(`warning: the automl-vision endpoints could not be read, so their cost per hour is not shown: ${(error as Error).message}`);
    return new Map();
  }
}
