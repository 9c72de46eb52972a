import { TAG_KEYS } from '@labs/config';
import type { InventoryEntry } from './inventory';

/** One policy finding over a GCP inventory. */
export interface PolicyFinding {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

/** A finding a lab accepts, with its reason (e.g. the Teradata source VM's external IP). */
export interface PolicyAcknowledgement {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

/** Resource types that take labels; each must carry the environment labels. */
const LABELLED_TYPES = new Set([
  'gcp:storage/bucket:Bucket',
  'gcp:bigquery/dataset:Dataset',
  'gcp:bigquery/table:Table',
  'gcp:bigquery/job:Job',
  'gcp:compute/instance:Instance',
  'gcp:compute/disk:Disk',
  'gcp:vertex/aiDataset:AiDataset',
  'gcp:vertex/aiEndpoint:AiEndpoint',
  'gcp:pubsub/topic:Topic',
]);

const DEFAULT_COMPUTE_SA = /-compute@developer\.gserviceaccount\.com$/;
const PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);

type Rule = (entry: InventoryEntry, options: PolicyOptions) => string | undefined;

/** What the check expects of the inventory. */
export interface PolicyOptions {
  /** Environment inventories need the expiry label; the foundation has none. @default true */
  readonly expiring?: boolean;
}

const RULES: Record<string, Rule> = {
  'bucket-uniform-access': (e) =>
    e.type === 'gcp:storage/bucket:Bucket' && e.inputs.uniformBucketLevelAccess !== true
      ? 'bucket without uniform bucket-level access'
      : undefined,
  'bucket-public-access-prevention': (e) =>
    e.type === 'gcp:storage/bucket:Bucket' && e.inputs.publicAccessPrevention !== 'enforced'
      ? 'bucket without publicAccessPrevention "enforced"'
      : undefined,
  'no-default-compute-service-account': (e) => {
    if (e.type !== 'gcp:compute/instance:Instance') return undefined;
    const email = (e.inputs.serviceAccount as { email?: string } | undefined)?.email;
    return !email || DEFAULT_COMPUTE_SA.test(email) ? 'instance runs as the default compute service account' : undefined;
  },
  'no-external-ip': (e) => {
    if (e.type !== 'gcp:compute/instance:Instance') return undefined;
    const nics = (e.inputs.networkInterfaces as { accessConfigs?: unknown[] }[] | undefined) ?? [];
    return nics.some((nic) => (nic.accessConfigs ?? []).length > 0) ? 'instance has an external IP' : undefined;
  },
  'no-primitive-roles': (e) =>
    /^gcp:.*\/(iamMember|iamBinding|iamPolicy):/i.test(e.type) && PRIMITIVE_ROLES.has(String(e.inputs.role))
      ? `primitive role ${String(e.inputs.role)}`
      : undefined,
  'encryption-no-raw-keys': (e) =>
    /"(rawKey|rsaEncryptedKey)"/.test(JSON.stringify(e.inputs))
      ? 'customer-supplied raw key in configuration (use Google-managed or Cloud KMS keys)'
      : undefined,
  'encryption-disks': (e) =>
    e.type === 'gcp:compute/instance:Instance' &&
    (e.inputs.bootDisk as { diskEncryptionKeyRaw?: unknown } | undefined)?.diskEncryptionKeyRaw !== undefined
      ? 'boot disk with a raw encryption key'
      : undefined,
  labels: (e, options) => {
    if (!LABELLED_TYPES.has(e.type)) return undefined;
    const labels = (e.inputs.labels ?? e.inputs.resourceLabels ?? {}) as Record<string, string>;
    const required = options.expiring === false ? [TAG_KEYS.lab] : Object.values(TAG_KEYS);
    const missing = required.filter((key) => !labels[key]);
    return missing.length ? `missing labels ${missing.join(', ')}` : undefined;
  },
};

/** Checks an inventory against the GCP policy; returns the findings not acknowledged. */
export function checkInventory(
  inventory: readonly InventoryEntry[],
  acknowledgements: readonly PolicyAcknowledgement[] = [],
  options: PolicyOptions = {},
): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const entry of inventory) {
    for (const [rule, check] of Object.entries(RULES)) {
      const message = check(entry, options);
      if (!message) continue;
      const acknowledged = acknowledgements.some((a) => a.rule === rule && a.resource === entry.name);
      if (!acknowledged) findings.push({ rule, resource: `${entry.type} ${entry.name}`, message });
    }
  }
  return findings;
}
