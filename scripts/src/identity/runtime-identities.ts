import { GITHUB_OIDC_ISSUER_URL } from '@labs/config';
import { SINK_ENV } from '@labs/sensor-sink/src/sink-config';
/** One runtime's identity as the synthesized infrastructure declares it. */
export interface RuntimeIdentity {
  /** What runs: `ec2`, `lambda`, `gcp-service-account` or `cli`. */
  readonly runtime: string;
  readonly cloud: 'aws' | 'gcp';
  /** The stack or inventory and the resource that runs (or `labs` for the CLI). */
  readonly where: string;
  /** Which identity it uses and how it gets it. */
  readonly identity: string;
  /** How long its tokens or credentials live. */
  readonly tokenLifetime: string;
  /** Who may act as it (GCP service accounts: impersonation and federation grants). */
  readonly usableBy: readonly string[];
  /** What it may do: actions (AWS) or roles with their target (GCP). */
  readonly permissions: readonly string[];
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}
type Resources = Record<string, CfnResource>;
interface InventoryEntry {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const refOf = (value: unknown): string | undefined => {
  const object = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return object?.Ref ?? object?.['Fn::GetAtt']?.[0];
};

/** The allowed actions of a role: its inline policies, the `AWS::IAM::Policy` resources attached to it, its managed policies by name. */
function roleActions(resources: Resources, roleId: string): string[] {
  const role = resources[roleId];
  const documents: unknown[] = [
    ...list(role?.Properties?.Policies).map((policy) => (policy as { PolicyDocument?: unknown }).PolicyDocument),
    ...Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && list(r.Properties?.Roles).some((ref) => refOf(ref) === roleId))
      .map((r) => r.Properties?.PolicyDocument),
  ];
  const actions = documents.flatMap((document) =>
    list((document as { Statement?: unknown })?.Statement)
      .filter((statement) => (statement as { Effect?: string }).Effect === 'Allow')
      .flatMap((statement) => list((statement as { Action?: unknown }).Action).map(String)),
  );
  const managed = list(role?.Properties?.ManagedPolicyArns).map((arn) => {
    const text = JSON.stringify(arn);
    return `managed policy ${/policy\/([\w/-]+)/.exec(text)?.[1] ?? text}`;
  });
  return [...new Set([...actions, ...managed])].sort();
}

/**
 * The GCP identity a function federates into: the service account and token lifetime of the external-account
 * credential configuration in its `LABS_SINK_CREDENTIALS` environment variable (the BigQuery sensor sink).
 */
function gcpFederationOf(fn: CfnResource): { serviceAccount: string; tokenLifetimeSeconds: number } | undefined {
  const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
  const raw = variables?.[SINK_ENV.credentials];
  if (typeof raw !== 'string') return undefined;
  const config = JSON.parse(raw) as {
    type?: string;
    service_account_impersonation_url?: string;
    service_account_impersonation?: { token_lifetime_seconds?: number };
  };
  const serviceAccount = /serviceAccounts\/([^:/]+):generateAccessToken$/.exec(config.service_account_impersonation_url ?? '')?.[1];
  if (config.type !== 'external_account' || !serviceAccount) return undefined;
  return { serviceAccount, tokenLifetimeSeconds: config.service_account_impersonation?.token_lifetime_seconds ?? 3600 };
}

/** EC2 instances (through their instance profile) and Lambda functions of one CloudFormation template. */
export function awsRuntimeIdentities(stack: string, resources: Resources): RuntimeIdentity[] {
  const identities: RuntimeIdentity[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::EC2::Instance') {
      const profile = resources[refOf(resource.Properties?.IamInstanceProfile) ?? ''];
      const roleId = refOf(list(profile?.Properties?.Roles)[0]) ?? '';
      const imdsv2 = (resource.Properties?.MetadataOptions as { HttpTokens?: string } | undefined)?.HttpTokens === 'required';
      identities.push({
        runtime: 'ec2',
        cloud: 'aws',
        where: `${stack} ${id}`,
        identity: `instance role ${roleId || '(none)'} through ${imdsv2 ? 'IMDSv2 (session token required)' : 'IMDSv1 (NOT required to use a session token)'}`,
        tokenLifetime: 'temporary role credentials from the instance metadata service, rotated by EC2 before they expire',
        usableBy: [],
        permissions: roleId ? roleActions(resources, roleId) : [],
      });
    }
    if (resource.Type === 'AWS::Lambda::Function') {
      const roleId = refOf(resource.Properties?.Role) ?? '';
      const federation = gcpFederationOf(resource);
      const roleName = resources[roleId]?.Properties?.RoleName;
      identities.push({
        runtime: 'lambda',
        cloud: 'aws',
        where: `${stack} ${id}`,
        identity: federation
          ? `execution role ${typeof roleName === 'string' ? roleName : roleId}, exchanged for GCP service account ${federation.serviceAccount} through workload identity federation (OAuth 2.0 token exchange, no key)`
          : `execution role ${roleId}`,
        tokenLifetime: federation
          ? `temporary role credentials of the execution environment; on GCP a federated token of 1 h, then an impersonated access token of ${federation.tokenLifetimeSeconds / 60} min`
          : 'temporary role credentials of the execution environment',
        usableBy: [],
        permissions: [
          ...roleActions(resources, roleId),
          ...(federation ? [`on GCP: what ${federation.serviceAccount} may do (see its service account)`] : []),
        ],
      });
    }
  }
  return identities;
}

/** Where a workload identity principal set comes from: the provider of its pool (AWS account or OIDC issuer). */
function federationSource(entries: readonly InventoryEntry[], member: string): string {
  const provider = entries.find(
    (entry) =>
      entry.type === 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider' &&
      member.includes(`/workloadIdentityPools/${String(entry.inputs.workloadIdentityPoolId)}/`),
  );
  const aws = provider?.inputs.aws as { accountId?: string } | undefined;
  const oidc = provider?.inputs.oidc as { issuerUri?: string } | undefined;
  if (aws) return `AWS account ${String(aws.accountId)}`;
  if (oidc?.issuerUri === GITHUB_OIDC_ISSUER_URL) return 'GitHub Actions';
  return oidc ? `the OIDC issuer ${String(oidc.issuerUri)}` : 'an external identity provider';
}

/** A role as granted: a custom role of the inventory with its permissions, else its name. */
function roleText(entries: readonly InventoryEntry[], role: string): string {
  const custom = entries.find(
    (entry) =>
      entry.type === 'gcp:projects/iAMCustomRole:IAMCustomRole' &&
      role === `projects/${String(entry.inputs.project)}/roles/${String(entry.inputs.roleId)}`,
  );
  return custom ? `${role} (${list(custom.inputs.permissions).map(String).join(', ')})` : role;
}

/** Service accounts of one GCP inventory: who may act as them and what they may do. */
export function gcpRuntimeIdentities(inventory: string, entries: readonly InventoryEntry[]): RuntimeIdentity[] {
  return entries
    .filter((entry) => entry.type === 'gcp:serviceaccount/account:Account')
    .map((account) => {
      const email = `${String(account.inputs.accountId)}@${String(account.inputs.project)}.iam.gserviceaccount.com`;
      const onAccount = entries.filter(
        (entry) => entry.type === 'gcp:serviceaccount/iAMMember:IAMMember' && String(entry.inputs.serviceAccountId).endsWith(`/${email}`),
      );
      const grants = entries.filter(
        (entry) => entry.inputs.member === `serviceAccount:${email}` && entry.type !== 'gcp:serviceaccount/iAMMember:IAMMember',
      );
      const datasetAccess = entries.flatMap((entry) =>
        list(entry.inputs.accesses)
          .filter((access) => (access as { userByEmail?: string }).userByEmail === email)
          .map((access) => `${String((access as { role?: string }).role)} on dataset ${String(entry.inputs.datasetId)}`),
      );
      const federations = onAccount.filter((entry) => entry.inputs.role === 'roles/iam.workloadIdentityUser');
      const sources = [...new Set(federations.map((entry) => federationSource(entries, String(entry.inputs.member))))];
      return {
        runtime: 'gcp-service-account',
        cloud: 'gcp' as const,
        where: `${inventory} ${account.name}`,
        identity: `service account ${email}${sources.length ? `, impersonated from ${sources.join(' and ')} through workload identity federation` : ''} (no key)`,
        tokenLifetime: sources.includes('GitHub Actions')
          ? "the workflow's OIDC token, a federated token of 1 h, then an impersonated access token of 1 h (google-github-actions/auth's default, at most 1 h)"
          : federations.length
            ? 'federated token 1 h, then an impersonated access token of the configured lifetime (15 min by default, at most 1 h)'
            : 'access tokens of at most 1 h (impersonation or the metadata server)',
        usableBy: onAccount.map((entry) => `${String(entry.inputs.member)} (${String(entry.inputs.role)})`),
        permissions: [
          ...grants.map((entry) => {
            const target = entry.inputs.bucket ?? entry.inputs.secretId ?? entry.inputs.datasetId ?? entry.inputs.project;
            const condition = (entry.inputs.condition as { expression?: string } | undefined)?.expression;
            return `${roleText(entries, String(entry.inputs.role))} on ${String(target)}${condition ? ` when ${condition}` : ''}`;
          }),
          ...datasetAccess,
        ],
      };
    });
}

/** The CLI's own identities, which no template declares: what `labs` assumes or uses when it deploys. */
export const CLI_IDENTITIES: readonly RuntimeIdentity[] = [
  {
    runtime: 'cli',
    cloud: 'aws',
    where: 'labs',
    identity:
      'your AWS credentials, then the foundation role labs-cfn-deploy-<region> assumed per environment with labs-lab/labs-env session tags',
    tokenLifetime: 'deployment session 1 h (role maximum 4 h); labs doctor probe session 15 min',
    usableBy: [],
    permissions: ['the deployment role, confined to the tagged environment'],
  },
  {
    runtime: 'cli',
    cloud: 'gcp',
    where: 'labs',
    identity: 'your Application Default Credentials; labs run impersonates the lab runner service account',
    tokenLifetime: 'your credentials; impersonated runner tokens 1 h',
    usableBy: [],
    permissions: ['your own roles in the project'],
  },
];
