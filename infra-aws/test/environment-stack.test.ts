import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { environment } from '@labs/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabInstance } from '../src/constructs/lab-instance/lab-instance';
import { EnvironmentStack } from '../src/stacks/environment-stack';

describe('environment stack base with a LabInstance', () => {
  let template: Template;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'labs-env-'));
    const entry = join(dir, 'main.ts');
    writeFileSync(entry, "process.stdout.write('running\\n');\n");
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new EnvironmentStack(app, 'labs-kinesis-data-alice', {
      labEnvironment: environment('kinesis-data', 'alice'),
      owner: 'alice@example.com',
      expiresAt: new Date('2026-11-29T03:00:00Z'),
    });
    new LabInstance(stack, 'Producer', {
      network: stack.network,
      name: 'AnalyticsEngine-alice',
      entry,
      serviceEnvironment: { STREAM_NAME: 'RawStreamData-alice' },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    Validations.of(app).acknowledge({ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'test app, as in buildApp' });
    template = Template.fromJSON(app.synth().getStackByName('labs-kinesis-data-alice').template as Record<string, unknown>);
  });

  it('schedules its own deletion at the expiry through foundation roles only', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'labs-kinesis-data-alice',
      GroupName: 'labs-expiry',
      ScheduleExpression: 'at(2026-11-29T03:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:cloudformation:deleteStack',
        RoleArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/labs-expiry-${AWS::Region}' },
        Input: Match.anyValue(),
      },
    });
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0];
    const input = JSON.stringify(schedule?.Properties?.Target?.Input);
    expect(input).toMatch(/StackName.*labs-kinesis-data-alice/);
    expect(input).toMatch(/RoleARN.*role\/labs-cfn-deploy-\$\{AWS::Region\}/);
    // The deletion depends on nothing inside the stack: the schedule references no resource of it.
    expect(JSON.stringify(schedule)).not.toMatch(/"Ref":"(?!AWS::)|Fn::GetAtt/);
  });

  it('tags every taggable resource with lab, env, owner and expiry', () => {
    const tagged = Object.entries(
      template.toJSON().Resources as Record<string, { Properties?: { Tags?: { Key: string; Value: string }[] } }>,
    ).filter(([, resource]) => Array.isArray(resource.Properties?.Tags));
    expect(tagged.length).toBeGreaterThanOrEqual(3);
    for (const [, resource] of tagged) {
      expect(resource.Properties?.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'labs-lab', Value: 'kinesis-data' },
          { Key: 'labs-env', Value: 'alice' },
          { Key: 'labs-owner', Value: 'alice@example.com' },
          { Key: 'labs-expires-at', Value: '2026-11-29T03:00:00Z' },
        ]),
      );
    }
  });

  it('runs the instance keyless and closed: IMDSv2, encrypted EBS, no SSH, no inbound, SSM', () => {
    template.hasResourceProperties('AWS::EC2::Instance', { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } });
    template.hasResourceProperties('AWS::EC2::Instance', {
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3' } }],
      Monitoring: true,
      KeyName: Match.absent(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: Match.absent() });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:UpdateInstanceInformation' })]) },
    });
    const userData = JSON.stringify(template.findResources('AWS::EC2::Instance'));
    expect(userData).toMatch(/systemctl enable --now analyticsengine-alice.service/);
    expect(userData).toMatch(/Environment=STREAM_NAME=RawStreamData-alice/);
    expect(userData).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws_access_key/i);
  });

  it('lets the instance read only its own program object', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetObject', Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }),
        ]),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toMatch(/\.js"/);
  });
});
