import { Template } from 'aws-cdk-lib/assertions';
import { environment, SENSOR_TABLE, stackName, type LabId } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import type { BigQuerySinkTarget } from '../src/bigquery-sink';

/** The owner and expiry every test environment uses. */
export const TEST_TARGET = { owner: 'alice@example.com', expiresAt: new Date('2026-11-29T03:00:00Z') } as const;

/** A BigQuery sink as the GCP foundation's outputs and the project config give it (what `labs up --sink bigquery` passes). */
export const TEST_SINK: BigQuerySinkTarget = {
  providerName: 'projects/123456789012/locations/global/workloadIdentityPools/labs-aws-7f3a/providers/labs-aws-7f3a',
  serviceAccountEmail: 'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com',
  project: 'my-lab-project',
  ...SENSOR_TABLE,
};

/**
 * Synthesizes one lab environment stack with the cdk-nag packs applied (an unacknowledged finding
 * throws) and returns its template.
 */
export function synthLabStack(lab: LabId, envName = 'alice'): Template {
  const labEnvironment = environment(lab, envName);
  const app = buildApp({
    outdir: mkdtempSync(join(tmpdir(), 'labs-cdk-')),
    environments: [{ labEnvironment, ...TEST_TARGET }],
  });
  const assembly = app.synth();
  return Template.fromJSON(assembly.getStackByName(stackName(labEnvironment)).template as Record<string, unknown>);
}
