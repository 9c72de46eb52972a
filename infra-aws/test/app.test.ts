import { Template } from 'aws-cdk-lib/assertions';
import { environment, LabsError } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFromContext, buildApp, FEATURE_FLAGS } from '../src/app';

const now = new Date('2026-12-01T00:00:00Z');
const context = { lab: 'kinesis-video', env: 'alice', owner: 'alice@example.com' };
const build = (extra: Record<string, string>, maxTtl = '7d') =>
  appFromContext({ context: { ...context, ...extra }, maxTtl, now, outdir: mkdtempSync(join(tmpdir(), 'labs-app-')) });

describe('the CDK app refuses an environment without a valid expiry within the maximum, whatever calls it', () => {
  it('refuses a missing expiry', () => {
    expect(() => build({})).toThrow(LabsError);
    expect(() => build({})).toThrow(/valid expiry .*-c expiresAt=<ISO-8601 UTC>, got none/);
  });

  it('refuses an expiry that is not a time', () => {
    expect(() => build({ expiresAt: 'tomorrow' })).toThrow(/got "tomorrow"/);
  });

  it('refuses an expiry beyond the configured maximum TTL, and accepts it when the maximum allows it', () => {
    expect(() => build({ expiresAt: '2026-12-09T00:00:00Z' })).toThrow(/more than the maximum TTL 7d from now .*raise "maxTtl"/);
    expect(() => build({ expiresAt: '2026-12-09T00:00:00Z' }, '14d')).not.toThrow();
  });

  it('accepts an expiry in the past, so expired environments can still be destroyed and reaped', () => {
    expect(() => build({ expiresAt: '2026-11-30T00:00:00Z' })).not.toThrow();
  });

  it('applies to buildApp (labs synth, tests) as well', () => {
    const expiresAt = new Date('2026-12-20T00:00:00Z');
    expect(() =>
      buildApp({ nag: false, now, environments: [{ labEnvironment: environment('kinesis-video', 'bob'), owner: 'b', expiresAt }] }),
    ).toThrow(/maximum TTL 7d/);
  });

  it('builds the foundation without an expiry', () => {
    const app = appFromContext({ context: { foundation: 'true' }, now, outdir: mkdtempSync(join(tmpdir(), 'labs-app-')) });
    expect(app.node.children.map((child) => child.node.id)).toContain('labs-foundation');
  });
});

describe('the feature flags of cdk.json apply in-process too', () => {
  it('includes the flag that makes launch template names unique', () => {
    expect(FEATURE_FLAGS['@aws-cdk/aws-ec2:uniqueImdsv2TemplateName']).toBe(true);
  });

  it('gives two environments in a region no launch template to collide on: each instance requires IMDSv2 itself', () => {
    const expiresAt = new Date('2026-12-01T04:00:00Z');
    const assembly = buildApp({
      outdir: mkdtempSync(join(tmpdir(), 'labs-app-')),
      nag: false,
      now,
      environments: ['alice', 'bob'].map((name) => ({ labEnvironment: environment('kinesis-video', name), owner: 'o', expiresAt })),
    }).synth();
    for (const name of ['alice', 'bob']) {
      const template = Template.fromJSON(assembly.getStackByName(`labs-kinesis-video-${name}`).template as Record<string, unknown>);
      // A launch template from requireImdsv2 would be named InstanceLaunchTemplate in every environment.
      expect(template.findResources('AWS::EC2::LaunchTemplate')).toEqual({});
      template.hasResourceProperties('AWS::EC2::Instance', {
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      });
    }
  });
});
