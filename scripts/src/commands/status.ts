import type { Command } from 'commander';
import { formatAwsExpiry, LabsError, type Cloud } from '@labs/config';
import { AwsEnvironments } from '../cloud/aws-environments';
import { isExpired, type EnvironmentRecord } from '../cloud/environment-record';
import { GcpEnvironments } from '../cloud/gcp-environments';
import { print, printJson, table } from '../output';
import { projectConfig } from '../repo';

/** Every environment of the given clouds, from the clouds' own records. */
export async function listEnvironments(clouds: readonly Cloud[] = ['aws', 'gcp']): Promise<EnvironmentRecord[]> {
  const config = projectConfig();
  const lists = await Promise.all(
    clouds.map((cloud) => (cloud === 'aws' ? new AwsEnvironments(config).list() : new GcpEnvironments(config).list())),
  );
  return lists.flat();
}

/** JSON form of a record. */
export function recordJson(record: EnvironmentRecord, now: Date) {
  return {
    cloud: record.cloud,
    lab: record.lab,
    env: record.env,
    stack: record.stack,
    owner: record.owner ?? null,
    expiresAt: record.expiresAt ? formatAwsExpiry(record.expiresAt) : null,
    expired: isExpired(record, now),
    state: record.state,
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
    .description('environments with their expiry and state, from CloudFormation stack tags and Pulumi stack outputs')
    .option('--cloud <cloud>', 'only aws or gcp')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { cloud?: string; json?: boolean }) => {
      const now = new Date();
      const records = (await listEnvironments(cloudsOption(options.cloud))).map((record) => recordJson(record, now));
      if (options.json) printJson(records);
      else
        print(
          table(
            ['cloud', 'lab', 'env', 'owner', 'expires at', 'state'],
            records.map((r) => [r.cloud, r.lab, r.env, r.owner, `${r.expiresAt ?? '-'}${r.expired ? ' (expired)' : ''}`, r.state]),
          ),
        );
    });
}
