import { Aws, Duration } from 'aws-cdk-lib';
import { CfnOIDCProvider, type IRole, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import { GITHUB_OIDC_ISSUER, GITHUB_OIDC_ISSUER_URL, githubSubject, githubTarget } from '@labs/config';
import { Construct } from 'constructs';

/** Props of {@link GithubDeploy}. */
export interface GithubDeployProps {
  /** The repository (`owner/name`) whose workflows may deploy. */
  readonly repository: string;
  /** The only branch whose workflows may deploy. @default main */
  readonly branch?: string;
  /** The deployment role the workflow then assumes for one environment, with its session tags. */
  readonly deploymentRole: IRole;
}

/**
 * Keyless deploys from GitHub Actions: the account trusts GitHub's OIDC tokens (audience
 * `sts.amazonaws.com`), and one role may be assumed with such a token only by workflows of one repository
 * on one branch (`sub` = `repo:<owner/name>:ref:refs/heads/<branch>`, exactly). The role may do nothing
 * but assume the deployment role with session tags, so a workflow deploys exactly like `labs up`.
 */
export class GithubDeploy extends Construct {
  /** The account's OIDC provider for GitHub Actions. */
  readonly provider: CfnOIDCProvider;
  /** The role workflows assume with their OIDC token. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: GithubDeployProps) {
    super(scope, id);
    const target = githubTarget(props.repository, props.branch);
    this.provider = new CfnOIDCProvider(this, 'Provider', {
      url: GITHUB_OIDC_ISSUER_URL,
      clientIdList: ['sts.amazonaws.com'],
    });
    this.role = new Role(this, 'Role', {
      roleName: `labs-github-deploy-${Aws.REGION}`,
      description: `Assumed by GitHub Actions workflows of ${target.repository} on ${target.branch} only; may only assume the deployment role`,
      assumedBy: new WebIdentityPrincipal(this.provider.attrArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_ISSUER}:sub`]: githubSubject(target),
        },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [props.deploymentRole.roleArn] }),
    );
  }
}
