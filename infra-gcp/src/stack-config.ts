import * as pulumi from '@pulumi/pulumi';
import { DEFAULT_MAX_TTL, environment } from '@labs/config';
import { checkExpiry } from './expiry-check';
import type { ProgramTarget } from './program';

/**
 * Reads the stack config once and validates it into a {@link ProgramTarget}. Set by `labs up`:
 * `gcp:project`, `gcp:region`, `gcp:zone`, and `labs:lab`, `labs:env`, `labs:owner`, `labs:expiresAt`,
 * `labs:maxTtl`, optional `labs:kmsKeyName` (or `labs:foundation true` with optional `labs:awsAccountId`,
 * `labs:federationGeneration`, `labs:kmsKeyName`, `labs:githubRepository`, `labs:githubBranch`,
 * `labs:githubRepositoryId` and `labs:secretsKeyName` for the foundation). An environment whose expiry is
 * missing, past, or further than `labs:maxTtl` (default 7d) from now is refused.
 */
export function readStackConfig(now: Date = new Date()): ProgramTarget {
  const gcpConfig = new pulumi.Config('gcp');
  const labs = new pulumi.Config('labs');
  const project = gcpConfig.require('project');
  const kmsKeyName = labs.get('kmsKeyName') || undefined;
  if (labs.getBoolean('foundation')) {
    return {
      kind: 'foundation',
      project,
      awsAccountId: labs.get('awsAccountId') || undefined,
      federationGeneration: labs.get('federationGeneration') || undefined,
      kmsKeyName,
      githubRepository: labs.get('githubRepository') || undefined,
      githubBranch: labs.get('githubBranch') || undefined,
      githubRepositoryId: labs.get('githubRepositoryId') || undefined,
      secretsKeyName: labs.get('secretsKeyName') || undefined,
    };
  }
  return {
    kind: 'environment',
    project,
    region: gcpConfig.get('region') ?? 'us-central1',
    zone: gcpConfig.get('zone') ?? 'us-central1-a',
    environment: environment(labs.require('lab'), labs.require('env')),
    owner: labs.require('owner'),
    expiresAt: checkExpiry(labs.get('expiresAt'), labs.get('maxTtl') ?? DEFAULT_MAX_TTL, now),
    kmsKeyName,
  };
}
