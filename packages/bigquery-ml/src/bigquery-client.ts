import { LAB_LOCATION } from './lab-settings';
import type { BigQueryJobs } from './runner';

/**
 * The real BigQuery client for a project, with Application Default Credentials, jobs in the US next to
 * the source data. Loaded on demand so that offline commands never load the SDK.
 */
export async function connectBigQuery(projectId: string): Promise<BigQueryJobs> {
  const { BigQuery } = await import('@google-cloud/bigquery');
  return new BigQuery({ projectId, location: LAB_LOCATION });
}
