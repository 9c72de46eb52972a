import type { Environment } from './environment';

/** Tag/label keys every environment resource carries. */
export const TAG_KEYS = {
  lab: 'labs-lab',
  env: 'labs-env',
  owner: 'labs-owner',
  expiresAt: 'labs-expires-at',
} as const;

/** What an environment is tagged with. */
export interface TagInput {
  readonly environment: Environment;
  /** Who owns the environment (an email or a user name). */
  readonly owner: string;
  /** When the environment expires. */
  readonly expiresAt: Date;
}

/** AWS tags: ISO-8601 UTC expiry, such as `2026-11-29T03:00:00Z`. */
export function awsTags(input: TagInput): Record<string, string> {
  return {
    [TAG_KEYS.lab]: input.environment.lab.id,
    [TAG_KEYS.env]: input.environment.name,
    [TAG_KEYS.owner]: awsTagValue(input.owner),
    [TAG_KEYS.expiresAt]: formatAwsExpiry(input.expiresAt),
  };
}

/** GCP labels: values limited to lowercase letters, digits, `_` and `-`, at most 63 characters. */
export function gcpLabels(input: TagInput): Record<string, string> {
  return {
    [TAG_KEYS.lab]: input.environment.lab.id,
    [TAG_KEYS.env]: input.environment.name,
    [TAG_KEYS.owner]: gcpLabelValue(input.owner),
    [TAG_KEYS.expiresAt]: formatLabelExpiry(input.expiresAt),
  };
}

/** Tags of a permanent foundation stack: no expiry, so it is never reaped. */
export function foundationTags(): Record<string, string> {
  return { [TAG_KEYS.lab]: 'foundation' };
}

/** `2026-11-29T03:00:00Z`. */
export function formatAwsExpiry(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Label-safe UTC timestamp, such as `20261129t0300z`. */
export function formatLabelExpiry(at: Date): string {
  return formatAwsExpiry(at)
    .replace(/[-:]/g, '')
    .replace(/\d\dZ$/, 'z')
    .toLowerCase();
}

/** Parses either expiry form back into a date, or returns undefined. */
export function parseExpiry(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const label = /^(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})z$/.exec(value);
  const iso = label ? `${label[1]}-${label[2]}-${label[3]}T${label[4]}:${label[5]}:00Z` : value;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Makes any text a valid GCP label value. */
export function gcpLabelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
}

/** Makes any text a valid AWS tag value. */
function awsTagValue(text: string): string {
  return text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_').slice(0, 256);
}
