import { awsExternalAccountConfig, LabsError, type ProjectConfig, SENSOR_SINK_ACCOUNT_ID, SENSOR_TABLE } from '@labs/config';
import { parseSink, type BigQuerySinkTarget } from '@labs/infra-aws/src/bigquery-sink';
import { federationIds } from '@labs/infra-gcp/src/federation-ids';
import { GcpEnvironments } from './gcp-environments';
import { BackendMissingError, checkpointText as text } from './pulumi-backend';

/**
 * A BigQuery sink for offline synthesis (`labs synth --sink bigquery`, tests): the provider and service
 * account a foundation of this federation generation creates in `project`, with an example project number
 * (no backend is read).
 */
export function exampleSinkTarget(project: string, federationGeneration: string): BigQuerySinkTarget {
  const { poolId, providerId } = federationIds(federationGeneration);
  return {
    providerName: `projects/000000000000/locations/global/workloadIdentityPools/${poolId}/providers/${providerId}`,
    serviceAccountEmail: `${SENSOR_SINK_ACCOUNT_ID}@${project}.iam.gserviceaccount.com`,
    project,
    ...SENSOR_TABLE,
  };
}

/**
 * The BigQuery sink `labs up <lab> --sink <name>` asks for: the GCP foundation's federation outputs
 * (`awsProviderName`, `sensorSinkServiceAccountEmail`, read from its Pulumi checkpoint without a `pulumi`
 * process), the project of `labs.config.json`, and the sensor table. Checked before anything is deployed:
 * a wrong sink or lab, a missing project, a foundation without federation, and outputs the external-account
 * configuration would refuse each end the command with one line saying what to do.
 */
export async function bigQuerySinkTarget(
  lab: string,
  sink: string,
  config: ProjectConfig,
  gcp = new GcpEnvironments(config),
): Promise<BigQuerySinkTarget> {
  parseSink(lab, sink);
  const project = config.gcp.project;
  if (!project) throw new LabsError(`--sink ${sink} writes into GCP: set gcp.project in labs.config.json`);
  const foundation = await gcp.foundation().catch((error: unknown) => {
    if (error instanceof BackendMissingError) return undefined;
    throw error;
  });
  if (!foundation?.deployed) {
    throw new LabsError(`--sink ${sink} needs the GCP foundation in ${gcp.backend}: run labs bootstrap --cloud gcp first`);
  }
  const providerName = text(foundation.outputs.awsProviderName);
  const serviceAccountEmail = text(foundation.outputs.sensorSinkServiceAccountEmail);
  if (!providerName || !serviceAccountEmail) {
    throw new LabsError(
      `--sink ${sink} needs AWS federation in the GCP foundation, which has none (no awsProviderName/sensorSinkServiceAccountEmail output): set aws.account in labs.config.json and run labs bootstrap --cloud gcp again`,
    );
  }
  // Refuses outputs that are not a provider name and a service account (the sink's credential configuration is built from them).
  awsExternalAccountConfig({ providerName, serviceAccountEmail });
  return { providerName, serviceAccountEmail, project, ...SENSOR_TABLE };
}
