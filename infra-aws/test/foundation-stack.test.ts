import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';

describe('AWS foundation stack', () => {
  let template: Template;
  beforeAll(() => {
    const assembly = buildApp({ outdir: mkdtempSync(join(tmpdir(), 'labs-foundation-')), foundation: true }).synth();
    template = Template.fromJSON(assembly.getStackByName('labs-foundation').template as Record<string, unknown>);
  });

  it('shares one VPC with a single NAT gateway and encrypted flow logs', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/labs/foundation/vpc-id' });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/labs/foundation/private-subnet-a' });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/labs/foundation/private-subnet-b' });
  });

  it('has one deployment role, assumed with the session tags of one environment, carrying the three environment policies', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { RoleName: { 'Fn::Join': ['', ['labs-cfn-deploy-', { Ref: 'AWS::Region' }]] } },
    });
    const role = Object.values(roles)[0];
    expect(role?.Properties.ManagedPolicyArns).toHaveLength(3);
    expect(role?.Properties.Policies).toBeUndefined();
    const trust = JSON.stringify(role?.Properties.AssumeRolePolicyDocument);
    expect(trust).toMatch(/"Action":"sts:TagSession"/);
    expect(trust).not.toMatch(/cloudformation\.amazonaws\.com/);
    for (const part of ['stackAndRoles', 'services', 'compute'])
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: { 'Fn::Join': ['', [`labs-environment-${part}-`, { Ref: 'AWS::Region' }]] },
      });
    expect(JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'))).not.toMatch(/"Action":"\*"/);
  });

  it('has the permissions boundary every environment role carries', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: { 'Fn::Join': ['', ['labs-boundary-', { Ref: 'AWS::Region' }]] },
    });
  });

  it('has the expirer: it may only read labs stacks and assume the deployment role with session tags, and an alarm on its errors', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'labs-expirer' });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toMatch(/"Action":"cloudformation:DescribeStacks".*:stack\/labs-\*\/\*/);
    expect(policies).toMatch(/"Action":\["sts:AssumeRole","sts:TagSession"\]/);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'labs-foundation-expirer-errors', MetricName: 'Errors' });
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'labs-expiry' });
  });

  it('is permanent: tagged as foundation, with no expiry tag and no expiry schedule', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).toMatch(/"Key":"labs-lab","Value":"foundation"/);
    expect(text).not.toMatch(/labs-expires-at"?,"Value"/);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});
