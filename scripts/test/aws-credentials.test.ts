import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@labs/testing';

/** An environment in which the AWS default credential chain finds nothing (and never asks a metadata service). */
function noAwsCredentials(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'labs-no-aws-'));
  const config = join(dir, 'labs.config.json');
  writeFileSync(config, JSON.stringify({ aws: { region: 'eu-west-1' } }));
  return {
    LABS_CONFIG_FILE: config,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_WEB_IDENTITY_TOKEN_FILE: '',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
  };
}

describe('the AWS lab runs without AWS credentials (real CLI processes)', () => {
  it.each([
    [['run', 'kinesis-data', '--env', 'alice']],
    [['run', 'kinesis-video', '--env', 'alice']],
    [['run', 'kinesis-video', '--env', 'alice', '--playback-url']],
  ])('labs %p says what to do in one line and exits 3, before streaming anything', async (args) => {
    const result = await runCli(args, { env: noAwsCredentials() });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(
      /^error: no AWS credentials: .+ \(configure AWS credentials: AWS_PROFILE, SSO or an instance role; never access keys in files\)$/,
    );
  });
});
