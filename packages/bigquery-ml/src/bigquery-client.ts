import type { DatasetObject, DatasetObjects } from './expiry';
import { LAB_LOCATION } from './lab-settings';
import type { BigQueryJobs } from './runner';

/** How to authenticate the BigQuery client. */
export interface BigQueryIdentity {
  /**
   * Service account to impersonate with the caller's Application Default Credentials (the caller needs
   * `roles/iam.serviceAccountTokenCreator` on it), so that the work runs with its rights only.
   * @default the caller's own credentials
   */
  readonly impersonate?: string;
}

const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/** The real BigQuery client for a project; loaded on demand so that offline commands never load the SDK. */
async function bigQuery(projectId: string, identity: BigQueryIdentity) {
  const { BigQuery } = await import('@google-cloud/bigquery');
  // An emulator (BIGQUERY_EMULATOR_HOST) takes no credentials, as Google's clients treat it.
  if (!identity.impersonate || process.env.BIGQUERY_EMULATOR_HOST) return new BigQuery({ projectId, location: LAB_LOCATION });
  const { GoogleAuth, Impersonated } = await import('google-auth-library');
  const sourceClient = await new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }).getClient();
  const authClient = new Impersonated({
    sourceClient,
    targetPrincipal: identity.impersonate,
    targetScopes: [BIGQUERY_SCOPE],
    lifetime: 3600,
  });
  return new BigQuery({ projectId, location: LAB_LOCATION, authClient });
}

/**
 * The real BigQuery client for a project, jobs in the US next to the source data, with Application
 * Default Credentials, or as the impersonated service account.
 */
export async function connectBigQuery(projectId: string, identity: BigQueryIdentity = {}): Promise<BigQueryJobs> {
  return bigQuery(projectId, identity);
}

/** The tables and models of one dataset, through the real client (with the caller's credentials). */
export async function bigQueryDatasetObjects(projectId: string, datasetId: string): Promise<DatasetObjects> {
  const dataset = (await bigQuery(projectId, {})).dataset(datasetId);
  const expiry = (value: unknown): Date | undefined => (value === undefined || value === null ? undefined : new Date(Number(value)));
  return {
    async list() {
      const [[tables], [models]] = await Promise.all([dataset.getTables(), dataset.getModels()]);
      return [
        ...tables.map((table): DatasetObject => ({ kind: 'table', id: table.id ?? '', expiresAt: expiry(table.metadata?.expirationTime) })),
        ...models.map((model): DatasetObject => ({ kind: 'model', id: model.id ?? '', expiresAt: expiry(model.metadata?.expirationTime) })),
      ];
    },
    async setExpiration(object, expiresAt) {
      const target = object.kind === 'table' ? dataset.table(object.id) : dataset.model(object.id);
      await target.setMetadata({ expirationTime: String(expiresAt.getTime()) });
    },
  };
}
