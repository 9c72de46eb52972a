/** A static credential, a broad grant or a credential-leaking instance found in a synthesized template or inventory. */
export interface KeylessFinding {
  /** Which check: `iam-user`, `access-key`, `service-account-key`, `wildcard-action`, `imdsv2`, `federation-condition`. */
  readonly check: string;
  /** `<template or inventory> <logical id or resource name>`. */
  readonly where: string;
  readonly message: string;
}

/** A wildcard action on `*` accepted on purpose: the resource type, the exact action list, and why. */
export interface WildcardAcknowledgement {
  readonly resourceType: string;
  readonly actions: readonly string[];
  readonly reason: string;
}

/**
 * The wildcard actions on `*` the project accepts. In a KMS key policy `Resource: "*"` means the key
 * itself, never another resource.
 */
export const WILDCARD_ACKNOWLEDGEMENTS: readonly WildcardAcknowledgement[] = [
  {
    resourceType: 'AWS::KMS::Key',
    actions: ['kms:*'],
    reason: "CDK's default key policy: the account root delegates the key's use to IAM policies; Resource * is this key only",
  },
  {
    resourceType: 'AWS::KMS::Key',
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
    reason: 'CloudWatch Logs encrypts the flow log group with this key; Resource * is this key only',
  },
];

/** CloudFormation resource types that are, or create, long-lived AWS credentials. */
const AWS_STATIC_CREDENTIALS: Record<string, [check: string, message: string]> = {
  'AWS::IAM::User': ['iam-user', 'IAM user (long-lived identity; use roles)'],
  'AWS::IAM::UserToGroupAddition': ['iam-user', 'IAM user added to a group (long-lived identity; use roles)'],
  'AWS::IAM::AccessKey': ['access-key', 'IAM access key (static credential)'],
};

/** Pulumi GCP resource types that are static credentials. */
const GCP_STATIC_CREDENTIALS: Record<string, string> = {
  'gcp:serviceaccount/key:Key': 'service-account key (static credential; use workload identity federation)',
  'gcp:storage/hmacKey:HmacKey': 'Cloud Storage HMAC key (static credential)',
  'gcp:apikeys/key:Key': 'API key (static credential)',
};

type Json = unknown;
interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
}
interface Statement {
  readonly Effect?: string;
  readonly Action?: Json;
  readonly NotAction?: Json;
  readonly Resource?: Json;
  readonly NotResource?: Json;
}

const list = (value: Json): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every policy statement anywhere under a value (inline policies, managed policies, key and queue policies). */
function statementsIn(value: Json): Statement[] {
  if (!value || typeof value !== 'object') return [];
  const own = Array.isArray((value as { Statement?: Json }).Statement) ? ((value as { Statement: Statement[] }).Statement ?? []) : [];
  return [...own, ...Object.values(value).flatMap(statementsIn)];
}

function wildcardFinding(type: string, statement: Statement, acknowledgements: readonly WildcardAcknowledgement[]): string | undefined {
  if (statement.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined) return 'Allow with NotAction (grants every other action)';
  const actions = list(statement.Action).map(String);
  const onEverything = list(statement.Resource).includes('*') || statement.NotResource !== undefined;
  if (!onEverything || !actions.some((action) => action.includes('*'))) return undefined;
  const key = [...actions].sort().join(',');
  const acknowledged = acknowledgements.some((a) => a.resourceType === type && [...a.actions].sort().join(',') === key && a.reason.trim());
  return acknowledged ? undefined : `wildcard action ${actions.join(', ')} on * without an acknowledged reason`;
}

/** IAM users, access keys, unacknowledged wildcard actions on `*`, and EC2 instances or launch templates without IMDSv2 required. */
export function templateFindings(
  template: string,
  resources: Record<string, CfnResource>,
  acknowledgements: readonly WildcardAcknowledgement[] = WILDCARD_ACKNOWLEDGEMENTS,
): KeylessFinding[] {
  const findings: KeylessFinding[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const where = `${template} ${id}`;
    const credential = AWS_STATIC_CREDENTIALS[resource.Type];
    if (credential) findings.push({ check: credential[0], where, message: credential[1] });
    for (const statement of statementsIn(resource.Properties)) {
      const message = wildcardFinding(resource.Type, statement, acknowledgements);
      if (message) findings.push({ check: 'wildcard-action', where, message });
    }
    const metadata =
      resource.Type === 'AWS::EC2::Instance' || resource.Type === 'AWS::AutoScaling::LaunchConfiguration'
        ? resource.Properties?.MetadataOptions
        : resource.Type === 'AWS::EC2::LaunchTemplate'
          ? (resource.Properties?.LaunchTemplateData as { MetadataOptions?: Json } | undefined)?.MetadataOptions
          : null;
    if (metadata !== null && (metadata as { HttpTokens?: string } | undefined)?.HttpTokens !== 'required') {
      findings.push({ check: 'imdsv2', where, message: `${resource.Type} without MetadataOptions.HttpTokens "required" (IMDSv2)` });
    }
  }
  return findings;
}

/** Service-account, HMAC and API keys, and workload identity providers without an attribute condition. */
export function inventoryFindings(
  inventory: string,
  entries: readonly { type: string; name: string; inputs: Record<string, Json> }[],
): KeylessFinding[] {
  const findings: KeylessFinding[] = [];
  for (const entry of entries) {
    const where = `${inventory} ${entry.name}`;
    const credential = GCP_STATIC_CREDENTIALS[entry.type];
    if (credential) findings.push({ check: 'service-account-key', where, message: credential });
    if (
      entry.type === 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider' &&
      !String(entry.inputs.attributeCondition ?? '').trim()
    ) {
      findings.push({ check: 'federation-condition', where, message: 'workload identity provider without an attribute condition' });
    }
  }
  return findings;
}

/**
 * The text of an instance's user data as CloudFormation will render it: the literal parts of its
 * `Fn::Base64`/`Fn::Join`, references shown as `${…}` (they resolve to names and ARNs, never secrets).
 */
export function userDataText(userData: Json): string {
  if (typeof userData === 'string') return userData;
  if (!userData || typeof userData !== 'object') return '';
  const object = userData as Record<string, Json>;
  if ('Fn::Base64' in object) return userDataText(object['Fn::Base64']);
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, Json[]];
    return parts.map(userDataText).join(separator);
  }
  if ('Fn::Sub' in object) return userDataText(list(object['Fn::Sub'])[0]);
  return `\${${JSON.stringify(object)}}`;
}
