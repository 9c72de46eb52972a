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

  it('has a CloudFormation service role for lab deployments, scoped by service and labs-* names', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: { 'Fn::Join': ['', ['labs-cfn-deploy-', { Ref: 'AWS::Region' }]] },
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'cloudformation.amazonaws.com' } })] },
    });
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { RoleName: { 'Fn::Join': ['', ['labs-cfn-deploy-', { Ref: 'AWS::Region' }]] } },
    });
    const policy = JSON.stringify(Object.values(roles)[0]);
    expect(policy).not.toMatch(/"Action":"\*"/);
    expect(policy).toMatch(/iam::.*role\/labs-\*/);
  });

  it('lets EventBridge Scheduler delete only expiring labs-* stacks, never the foundation', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'labs-expiry' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
      Policies: [
        {
          PolicyName: 'deleteExpiredStacks',
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Action: 'cloudformation:DeleteStack',
                Effect: 'Allow',
                Condition: { Null: { 'aws:ResourceTag/labs-expires-at': 'false' } },
              }),
              Match.objectLike({ Action: 'cloudformation:DeleteStack', Effect: 'Deny' }),
              Match.objectLike({ Action: 'iam:PassRole' }),
            ]),
          },
        },
      ],
    });
  });

  it('is permanent: tagged as foundation, with no expiry tag and no expiry schedule', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).toMatch(/"Key":"labs-lab","Value":"foundation"/);
    expect(text).not.toMatch(/labs-expires-at"?,"Value"/);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});
