import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { GITHUB_OIDC_ISSUER_URL, githubSubject, githubTarget } from '@labs/config';

/**
 * The project roles the lab environments grant their own service accounts (BigQuery ML runner: jobUser;
 * Teradata agent: bigquery.user; AutoML Vision runner: aiplatform.user): the only roles the deploy
 * account may grant or revoke on the project.
 */
export const LAB_GRANTED_PROJECT_ROLES = ['roles/aiplatform.user', 'roles/bigquery.jobUser', 'roles/bigquery.user'] as const;

/** One project role of the deploy account, with the condition that narrows it and why it is needed. */
interface DeployRole {
  readonly role: string;
  readonly reason: string;
  readonly condition?: { readonly title: string; readonly expression: string };
}

/**
 * What deploying a lab environment with Pulumi needs, read from the lab components: each role with its
 * reason. The foundation's own resources (state bucket, sensor dataset) are excluded from the broad
 * storage and BigQuery roles; the state bucket is reached through `objectAdmin` on that bucket alone.
 */
function deployRoles(project: string, stateBucket: string, sensorDatasetId: string): DeployRole[] {
  const bucket = `projects/_/buckets/${stateBucket}`;
  const dataset = `projects/${project}/datasets/${sensorDatasetId}`;
  return [
    {
      role: 'roles/iam.serviceAccountAdmin',
      reason: "creates and deletes the labs' runner and agent service accounts and sets who may impersonate them",
    },
    {
      role: 'roles/iam.serviceAccountUser',
      reason: 'attaches the Teradata agent account to its VM and to its transfer config (actAs)',
    },
    {
      role: 'roles/resourcemanager.projectIamAdmin',
      reason: 'grants the labs their project roles, and only those (a condition on the roles a change adds or removes)',
      condition: {
        title: 'lab project roles only',
        expression: `api.getAttribute("iam.googleapis.com/modifiedGrantsByRole", []).hasOnly(${JSON.stringify(LAB_GRANTED_PROJECT_ROLES)})`,
      },
    },
    {
      role: 'roles/storage.admin',
      reason: "creates the labs' buckets and their grants, and empties them on teardown; never the state bucket",
      condition: {
        title: 'not the state bucket',
        expression: `resource.name != "${bucket}" && !resource.name.startsWith("${bucket}/")`,
      },
    },
    {
      role: 'roles/bigquery.dataOwner',
      reason: "creates the labs' datasets with their access lists; never the foundation's sensor dataset",
      condition: {
        title: 'not the sensor dataset',
        expression: `resource.name != "${dataset}" && !resource.name.startsWith("${dataset}/")`,
      },
    },
    { role: 'roles/bigquery.jobUser', reason: 'runs the BigQuery ML training jobs a deployment may start' },
    { role: 'roles/compute.instanceAdmin.v1', reason: 'creates and deletes the Teradata source VM' },
    { role: 'roles/compute.networkAdmin', reason: "creates the Teradata lab's network, subnet, router and NAT" },
    {
      role: 'roles/compute.securityAdmin',
      reason: "creates the Teradata lab's firewall rule (IAP SSH only); networkAdmin excludes firewalls",
    },
    { role: 'roles/secretmanager.admin', reason: 'creates the Teradata password secret and grants the agent access to it' },
    { role: 'roles/aiplatform.user', reason: 'creates and deletes the AutoML Vision dataset (Vertex AI has no narrower role that does)' },
    {
      role: 'roles/serviceusage.serviceUsageConsumer',
      reason: 'generates the Vertex AI service agent (ServiceIdentity) on a project that has none yet',
    },
  ];
}

/** Args of {@link GithubDeploy}. */
export interface GithubDeployArgs {
  /** The GCP project. */
  readonly project: string;
  /** The repository (`owner/name`) whose workflows may deploy. */
  readonly repository: string;
  /** The only branch whose workflows may deploy. @default main */
  readonly branch?: string;
  /**
   * GitHub's numeric id of the repository, checked too, so that a repository created later under the
   * same name (after a rename or deletion) is refused. @default the name alone
   */
  readonly repositoryId?: string;
  /**
   * The Cloud KMS key of the Pulumi secrets provider (`gcp.secretsProvider` `gcpkms://<key>`), which the
   * deploy account must use to read and write stack secrets. @default passphrase secrets: no key
   */
  readonly secretsKeyName?: string;
  /** Workload identity pool id (4–32 characters, never reused within 30 days of a deletion). */
  readonly poolId: string;
  /** Workload identity provider id (same rules). */
  readonly providerId: string;
  /** Suffix of the deploy role's custom role id (custom role ids stay reserved after deletion too). */
  readonly generation: string;
  /** The Pulumi state bucket: the deploy account may read and write its objects, nothing else of it. */
  readonly stateBucket: pulumi.Input<string>;
  /** Name of the state bucket, known before it exists (for the conditions that exclude it). */
  readonly stateBucketName: string;
  /** The foundation's sensor dataset id, excluded from the deploy account's BigQuery role. */
  readonly sensorDatasetId: string;
  /** Resources the pool waits for (the enabled APIs). @default none */
  readonly dependsOn?: pulumi.Resource[];
}

/**
 * Keyless lab deploys from GitHub Actions: a workload identity pool of its own (one provider per pool, as
 * Google recommends, so that no other provider's subjects can collide with it) with an OIDC provider for
 * GitHub's issuer that admits tokens of one repository on one branch only, and a deploy service account
 * that exactly that principal set may impersonate. The account may deploy lab environments with Pulumi
 * ({@link deployRoles}) and use the state bucket's objects; it has no key.
 */
export class GithubDeploy extends pulumi.ComponentResource {
  /** Full name of the provider (what `google-github-actions/auth` takes as `workload_identity_provider`). */
  readonly providerName: pulumi.Output<string>;
  /** E-mail of the deploy service account. */
  readonly serviceAccountEmail: pulumi.Output<string>;

  constructor(name: string, args: GithubDeployArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:GithubDeploy', name, {}, opts);
    const target = githubTarget(args.repository, args.branch, args.repositoryId);
    const pool = new gcp.iam.WorkloadIdentityPool(
      `${name}-pool`,
      {
        project: args.project,
        workloadIdentityPoolId: args.poolId,
        displayName: 'labs: GitHub Actions',
        description: `Short-lived GCP tokens for the deploy workflows of ${target.repository} on ${target.branch} (no keys)`,
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    // The claims are GitHub's: `repository` and `ref` name what ran. The provider's audience stays the
    // default (its own full name), which is what google-github-actions/auth requests.
    const provider = new gcp.iam.WorkloadIdentityPoolProvider(
      `${name}-provider`,
      {
        project: args.project,
        workloadIdentityPoolId: pool.workloadIdentityPoolId,
        workloadIdentityPoolProviderId: args.providerId,
        displayName: 'GitHub Actions',
        description: `Admits ${githubSubject(target)} only`,
        oidc: { issuerUri: GITHUB_OIDC_ISSUER_URL },
        attributeMapping: {
          'google.subject': 'assertion.sub',
          'attribute.repository': 'assertion.repository',
          'attribute.ref': 'assertion.ref',
        },
        attributeCondition: [
          `assertion.repository == "${target.repository}"`,
          ...(target.repositoryId ? [`assertion.repository_id == "${target.repositoryId}"`] : []),
          `assertion.ref == "refs/heads/${target.branch}"`,
        ].join(' && '),
      },
      { parent: this },
    );
    const deployer = new gcp.serviceaccount.Account(
      `${name}-deployer`,
      {
        project: args.project,
        accountId: 'labs-ci-deploy',
        displayName: 'labs: GitHub Actions deploy',
        description: `Deploys lab environments with Pulumi for ${target.repository} on ${target.branch}; impersonated through workload identity federation`,
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    const member = pulumi.interpolate`serviceAccount:${deployer.email}`;
    new gcp.serviceaccount.IAMMember(
      `${name}-federation`,
      {
        serviceAccountId: deployer.name,
        role: 'roles/iam.workloadIdentityUser',
        member: pulumi.interpolate`principalSet://iam.googleapis.com/${pool.name}/attribute.repository/${target.repository}`,
      },
      { parent: this, dependsOn: [provider] },
    );
    new gcp.storage.BucketIAMMember(
      `${name}-state`,
      { bucket: args.stateBucket, role: 'roles/storage.objectAdmin', member },
      { parent: this },
    );
    const transfers = new gcp.projects.IAMCustomRole(
      `${name}-transfers`,
      {
        project: args.project,
        roleId: `labsCiTransfers_${args.generation}`,
        title: 'labs: manage transfer configs',
        description: "The Teradata lab's BigQuery Data Transfer config (only roles/bigquery.admin holds these otherwise)",
        permissions: ['bigquery.transfers.get', 'bigquery.transfers.update'],
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    for (const grant of deployRoles(args.project, args.stateBucketName, args.sensorDatasetId)) {
      new gcp.projects.IAMMember(
        `${name}-${grant.role.replace(/^roles\//, '').replace(/\./g, '-')}`,
        { project: args.project, role: grant.role, member, ...(grant.condition ? { condition: grant.condition } : {}) },
        { parent: this },
      );
    }
    new gcp.projects.IAMMember(`${name}-transfers`, { project: args.project, role: transfers.name, member }, { parent: this });
    if (args.secretsKeyName) {
      new gcp.kms.CryptoKeyIAMMember(
        `${name}-secrets-key`,
        { cryptoKeyId: args.secretsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member },
        { parent: this },
      );
    }
    this.providerName = provider.name;
    this.serviceAccountEmail = deployer.email;
    this.registerOutputs({ providerName: this.providerName, serviceAccountEmail: this.serviceAccountEmail });
  }
}
