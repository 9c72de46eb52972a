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

  it("schedules its own deletion at the expiry: the foundation's expirer, invoked with the stack's name", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'labs-kinesis-data-alice',
      GroupName: 'labs-expiry',
      ScheduleExpression: 'at(2026-11-29T03:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:labs-expirer' },
        Input: JSON.stringify({ stackName: 'labs-kinesis-data-alice' }),
        RoleArn: Match.anyValue(),
        DeadLetterConfig: { Arn: Match.anyValue() },
      },
    });
  });

  it('sends a failed expiry to a dead-letter queue and raises the alarm <stack>-expiry-failed', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0];
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0] as string;
    expect(schedule?.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'labs-kinesis-data-alice-expiry-failed',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('lets the schedule only invoke the expirer and write its dead letters, as this account and schedule', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0];
    const roleId = schedule?.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = template.toJSON().Resources[roleId];
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('"Service":"scheduler.amazonaws.com"');
    expect(trust).toContain('"aws:SourceAccount":{"Ref":"AWS::AccountId"}');
    expect(trust).toContain(':schedule/labs-expiry/labs-kinesis-data-alice"');
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    );
    expect(policy?.Properties.PolicyDocument.Statement.map((s: { Action: string }) => s.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
  });

  it('gives every role the permissions boundary and every KMS-free, lambda/scheduler trust aws:SourceAccount', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role')))
      expect(role.Properties.PermissionsBoundary).toEqual({
        'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/labs-boundary-${AWS::Region}',
      });
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
