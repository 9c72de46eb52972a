import { LabsError, validateEnvName } from '@labs/config';

/** The lab id. */
export const TERADATA_LAB_ID = 'teradata-migration';

/** The Teradata database the source VM loads TPC-H into, and the transfer migrates. */
export const SOURCE_DATABASE = 'tpch';

/** Guest attribute namespace the source VM reports its progress in (`td2bq/status`, `td2bq/row-counts`, …). */
export const GUEST_ATTRIBUTE_NAMESPACE = 'td2bq';

/** BigQuery location of the lab's dataset and transfer (the transfer location is its lowercase form). @default US */
export const TERADATA_LAB_LOCATION = 'US';

/** Object in the staging bucket where `labs run` uploads the custom schema file and the transfer reads it. */
export const SCHEMA_FILE_OBJECT = 'td2bq/tpch-schema.json';

/** Prefix in the staging bucket where the user uploads the Teradata downloads unless the lab names another bucket. */
export const MEDIA_PREFIX = 'teradata-media/';

/** Dataset of an environment: `td2bq_<env>` (hyphens as underscores). */
export function datasetIdFor(envName: string): string {
  return `td2bq_${validateEnvName(envName).replace(/-/g, '_')}`;
}

/**
 * Name shared by the environment's source VM, network, service account and transfer display name:
 * `td2bq-<env>`. Env names are 3–24 characters, so it is 9–30, inside the 6–30 of a service account id.
 */
export function resourceBaseFor(envName: string): string {
  return `td2bq-${validateEnvName(envName)}`;
}

/** Staging bucket: `<project>-td2bq-<env>` (bucket names are at most 63 characters). */
export function stagingBucketFor(project: string, envName: string): string {
  const name = `${project}-${resourceBaseFor(envName)}`;
  if (name.length > 63) {
    throw new LabsError(
      `staging bucket name "${name}" is ${name.length} characters, over the 63 Cloud Storage allows; use a shorter environment name`,
    );
  }
  return name;
}

/** Secret Manager secret id of the Teradata password the agent reads: `td2bq-<env>-teradata-password`. */
export function passwordSecretIdFor(envName: string): string {
  return `${resourceBaseFor(envName)}-teradata-password`;
}

/** Secret Manager resource id of the password's latest version, as the agent's credentials file names it. */
export function passwordSecretVersionFor(project: string, envName: string): string {
  return `projects/${project}/secrets/${passwordSecretIdFor(envName)}/versions/latest`;
}
