import { Template } from 'aws-cdk-lib/assertions';
import { LabsError } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFromContext, buildApp } from '../src/app';

const outdir = () => mkdtempSync(join(tmpdir(), 'labs-github-deploy-'));

describe('keyless GitHub Actions deploys (foundation stack)', () => {
  let template: Template;
  beforeAll(() => {
    // cdk-nag runs: an unacknowledged finding fails this synthesis.
    const app = appFromContext({
      outdir: outdir(),
      context: { foundation: 'true', githubRepository: 'acme/labs', githubBranch: 'release' },
    });
    template = Template.fromJSON(app.synth().getStackByName('labs-foundation').template as Record<string, unknown>);
  });

  it('trusts GitHub Actions OIDC tokens for the STS audience only, no access key anywhere', () => {
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    template.resourceCountIs('AWS::IAM::User', 0);
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
  });

  it('lets only workflows of that repository on that branch assume the deploy role, for at most an hour', () => {
    const roles = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: { RoleName: { 'Fn::Join': ['', ['labs-github-deploy-', { Ref: 'AWS::Region' }]] } },
      }),
    );
    expect(roles).toHaveLength(1);
    const role = roles[0]?.Properties as { AssumeRolePolicyDocument: { Statement: unknown[] }; MaxSessionDuration: number };
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { 'Fn::GetAtt': [expect.stringMatching(/^GithubDeployProvider/), 'Arn'] } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/labs:ref:refs/heads/release',
          },
        },
      },
    ]);
  });

  it('may do nothing but assume the deployment role with session tags', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes('GithubDeployRole'),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([
      {
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DeploymentRole/), 'Arn'] },
      },
    ]);
  });

  it('is absent unless a repository is configured', () => {
    const plain = Template.fromJSON(
      buildApp({ outdir: outdir(), foundation: true, nag: false }).synth().getStackByName('labs-foundation').template as Record<
        string,
        unknown
      >,
    );
    plain.resourceCountIs('AWS::IAM::OIDCProvider', 0);
  });

  it.each([
    [{ repository: 'acme' }, 'invalid GitHub repository "acme": expected owner/name (for example octo-org/labs)'],
    [{ repository: 'acme/labs', branch: '*' }, 'invalid GitHub branch "*": expected a branch name (letters, digits, . _ - /), no wildcards'],
  ])('refuses %p with a one-line error', (github, message) => {
    const build = () => buildApp({ outdir: outdir(), foundation: true, nag: false, github });
    expect(build).toThrow(LabsError);
    expect(build).toThrow(message);
  });
});
