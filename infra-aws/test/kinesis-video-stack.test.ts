import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { staticFfmpegPath } from '@labs/video-producer';
import { synthLabStack } from './synth-helper';

jest.setTimeout(180_000);

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let template: Template;
let resources: Resources;
beforeAll(() => {
  // synthLabStack runs the AwsSolutions and NIST 800-53 R5 packs: an unacknowledged finding throws here.
  template = synthLabStack('kinesis-video', 'alice');
  resources = (template.toJSON() as { Resources: Resources }).Resources;
});

function only(type: string): { id: string; props: Record<string, unknown> } {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] as [string, Resources[string]];
  return { id, props: resource.Properties };
}

function userData(): string {
  const instance = only('AWS::EC2::Instance').props as { UserData: { 'Fn::Base64': { 'Fn::Join': [string, unknown[]] } } };
  return instance.UserData['Fn::Base64']['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
}

describe('the video stream', () => {
  it('is named per environment, keeps video for an hour (HLS needs retention) and carries H.264', () => {
    template.hasResourceProperties('AWS::KinesisVideo::Stream', {
      Name: 'VideoStream-alice',
      MediaType: 'video/h264',
      DataRetentionInHours: 1,
    });
    const { props } = only('AWS::KinesisVideo::Stream');
    expect(props.DataRetentionInHours as number).toBeGreaterThanOrEqual(1);
  });

  it('is encrypted with a customer-managed key that rotates', () => {
    const key = only('AWS::KMS::Key');
    expect(key.props.EnableKeyRotation).toBe(true);
    expect(only('AWS::KinesisVideo::Stream').props.KmsKeyId).toEqual({ 'Fn::GetAtt': [key.id, 'Arn'] });
  });
});

describe('the producer instance', () => {
  it('runs Amazon Linux 2023 on x86-64 in a private subnet with IMDSv2 (hop limit 1), encrypted gp3 and no key pair', () => {
    const { props } = only('AWS::EC2::Instance');
    expect(props.InstanceType).toBe('t3.small');
    expect(props.ImageId).toEqual({ 'Fn::GetAtt': [only('Custom::CreationTimeImage').id, 'Parameter.Value'] });
    expect(JSON.stringify(only('Custom::CreationTimeImage').props)).toContain(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    );
    expect(props.MetadataOptions).toEqual({ HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1, HttpTokens: 'required' });
    expect(JSON.stringify(props.SubnetId)).toContain('labsfoundationprivatesubnet');
    expect(props.KeyName).toBeUndefined();
    expect(props.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }]);
  });

  it('accepts no inbound traffic', () => {
    const { props } = only('AWS::EC2::SecurityGroup');
    expect(props.SecurityGroupIngress).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  it('installs the static ffmpeg asset, checked against its SHA-256, and runs the bundled producer as a service against this stream', () => {
    const script = userData();
    const sha256 = createHash('sha256').update(readFileSync(staticFfmpegPath())).digest('hex');
    expect(script).toMatch(new RegExp(`\\nlabs_fetch_verified 's3://[^']+' '/opt/labs/ffmpeg/ffmpeg' ${sha256} 0755\\n`));
    expect(script).toContain('Environment=STREAM_NAME=VideoStream-alice');
    expect(script).toContain('Environment=FFMPEG_PATH=/opt/labs/ffmpeg/ffmpeg');
    expect(script).toContain('Environment=VIDEO_SOURCE=testsrc');
    expect(script).toContain('systemctl enable --now videoproducer-alice.service');
    expect(script).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws\.accessKeyId/);
  });

  it('ships an x86-64 ELF ffmpeg (Amazon Linux 2023 has no ffmpeg package)', () => {
    const fd = openSync(staticFfmpegPath(), 'r');
    const head = Buffer.alloc(20);
    readSync(fd, head, 0, 20, 0);
    closeSync(fd);
    expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(head.readUInt16LE(18)).toBe(0x3e); // e_machine: x86-64
  });
});

describe('the instance role', () => {
  function producerRole(): { id: string; props: Record<string, unknown> } {
    const roles = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('ec2.amazonaws.com'),
    );
    expect(roles).toHaveLength(1);
    const [id, role] = roles[0] as [string, Resources[string]];
    return { id, props: role.Properties };
  }

  function statements(): { Action: string | string[]; Effect: string; Resource: unknown }[] {
    const role = producerRole().id;
    const policies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    expect(policies).toHaveLength(1);
    return (policies[0]?.Properties.PolicyDocument as { Statement: { Action: string | string[]; Effect: string; Resource: unknown }[] })
      .Statement;
  }

  it('may only find the endpoint of and put media into this stream, and generate data keys with its key', () => {
    const stream = only('AWS::KinesisVideo::Stream').id;
    const key = only('AWS::KMS::Key').id;
    const byAction = statements().filter((s) => !/^(s3|ssm|ssmmessages):/.test(String(s.Action)));
    expect(byAction).toEqual([
      {
        Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [stream, 'Arn'] },
      },
      { Action: 'kms:GenerateDataKey', Effect: 'Allow', Resource: { 'Fn::GetAtt': [key, 'Arn'] } },
    ]);
  });

  it('reads only its two assets (the program and ffmpeg) from S3 and has no wildcard resource beyond Session Manager', () => {
    const s3 = statements().filter((s) => String(s.Action).startsWith('s3:'));
    expect(s3.map((s) => s.Action)).toEqual(['s3:GetObject']);
    const objects = [s3[0]?.Resource].flat();
    expect(objects).toHaveLength(2);
    for (const object of objects) expect(JSON.stringify(object)).toMatch(/\/[0-9a-f]{64}(\.js|\.[0-9a-f]{64})"\]\]\}$/);
    const beyondSessionManager = statements().filter((s) => !/^(ssm|ssmmessages):/.test(String(s.Action)));
    expect(JSON.stringify(beyondSessionManager)).not.toMatch(/"\*"|:\*"/);
    expect(statements().every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('has no managed policy (no account-wide parameter read) and is assumable by EC2 alone', () => {
    const { props } = producerRole();
    expect(props.ManagedPolicyArns).toBeUndefined();
    expect(JSON.stringify(statements())).not.toMatch(/ssm:GetParameter/);
    expect(props.AssumeRolePolicyDocument).toEqual({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
      Version: '2012-10-17',
    });
  });
});

describe('outputs', () => {
  it('give the stream name and the command that prints the HLS playback URL', () => {
    template.hasOutput('StreamName', { Value: 'VideoStream-alice' });
    template.hasOutput('PlaybackUrlCommand', { Value: 'labs run kinesis-video --env alice --playback-url' });
  });
});

describe('tags', () => {
  it('mark the stream, key and instance with the lab and environment', () => {
    for (const type of ['AWS::KinesisVideo::Stream', 'AWS::KMS::Key', 'AWS::EC2::Instance']) {
      template.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'labs-lab', Value: 'kinesis-video' }]) });
      template.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'labs-env', Value: 'alice' }]) });
    }
  });
});
