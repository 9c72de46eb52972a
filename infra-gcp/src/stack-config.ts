import * as pulumi from '@pulumi/pulumi';
import { environment, LabsError, parseExpiry } from '@labs/config';
import type { ProgramTarget } from './program';

/**
 * Reads the stack config once and validates it into a {@link ProgramTarget}. Set by `labs up`:
 * `gcp:project`, `gcp:region`, `gcp:zone`, and `labs:lab`, `labs:env`, `labs:owner`, `labs:expiresAt`
 * (or `labs:foundation true` and optional `labs:awsAccountId` for the foundation).
 */
export function readStackConfig(): ProgramTarget {
  const gcpConfig = new pulumi.Config('gcp');
  const labs = new pulumi.Config('labs');
  const project = gcpConfig.require('project');
  if (labs.getBoolean('foundation')) {
    return { kind: 'foundation', project, awsAccountId: labs.get('awsAccountId') };
  }
  const expiresAt = parseExpiry(labs.require('expiresAt'));
  if (!expiresAt)
    throw new LabsError(`invalid labs:expiresAt "${labs.require('expiresAt')}": use ISO-8601 UTC such as 2026-11-29T03:00:00Z`);
  return {
    kind: 'environment',
    project,
    region: gcpConfig.get('region') ?? 'us-central1',
    zone: gcpConfig.get('zone') ?? 'us-central1-a',
    environment: environment(labs.require('lab'), labs.require('env')),
    owner: labs.require('owner'),
    expiresAt,
    kmsKeyName: labs.get('kmsKeyName'),
  };
}
