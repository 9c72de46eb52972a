import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { SENSOR_SINK_ACCOUNT_ID, SENSOR_SINK_ROLE_PREFIX, SENSOR_SINK_RUNTIME } from '@labs/config';
import { federationIds } from '../federation-ids';
import { KMS_API, LAB_APIS } from '../lab-apis';
import { GithubDeploy } from './github-deploy';
import { SENSOR_TABLE_IDS, SensorReadings } from './sensor-readings';

/** Args of {@link LabsFoundation}. */
export interface LabsFoundationArgs {
  /** The GCP project. */
  readonly project: string;
  /** Location of the Pulumi state bucket. @default US */
  readonly stateLocation?: string;
  /** Labels of the foundation's resources (no expiry: the foundation is permanent). */
  readonly labels: Record<string, string>;
  /**
   * AWS account allowed to federate into the project (AWS → GCP workload identity federation, OAuth 2.0
   * token exchange): lab code on AWS gets short-lived GCP tokens without any service-account key.
   * @default no AWS federation
   */
  readonly awsAccountId?: string;
  /**
   * Generation of the federation ids (see {@link federationIds}); required with `awsAccountId` or
   * `githubRepository`.
   * @default none
   */
  readonly federationGeneration?: string;
  /**
   * The BigQuery table the AWS sensor sink inserts into, the only thing its service account may write;
   * created with AWS federation.
   * @default { datasetId: 'labs_sensors', tableId: 'sensor_readings' }
   */
  readonly sensorTable?: { readonly datasetId: string; readonly tableId: string };
  /** Location of the sensor dataset (a customer-managed key must be in the same location). @default US */
  readonly sensorLocation?: string;
  /**
   * GitHub repository (`owner/name`) whose Actions workflows may deploy lab environments without keys
   * (GitHub OIDC → workload identity federation → a deploy service account).
   * @default no GitHub deploys
   */
  readonly githubRepository?: string;
  /** The only branch of `githubRepository` whose workflows may deploy. @default main */
  readonly githubBranch?: string;
  /** GitHub's numeric id of `githubRepository`, checked as well as its name. @default the name alone */
  readonly githubRepositoryId?: string;
  /**
   * Cloud KMS key of the Pulumi secrets provider (`projects/…/cryptoKeys/…`): GitHub's deploy account may
   * use it, to read and write stack secrets. @default passphrase secrets
   */
  readonly secretsKeyName?: string;
  /**
   * Cloud KMS key (`projects/…/locations/…/keyRings/…/cryptoKeys/…`) that encrypts the environments'
   * BigQuery data: the foundation lets the project's BigQuery service agent use it, once, so that no
   * environment has to grant (and on deletion revoke) anything on a shared key.
   * @default Google-managed encryption
   */
  readonly kmsKeyName?: string;
}

/**
 * The permanent GCP foundation of one project (stack `labs-foundation`, never reaped): the enabled
 * APIs, the Pulumi state bucket, optionally the workload identity pool for AWS federation with the sensor
 * readings table its sink writes, the GitHub Actions pool with its deploy service account, and the
 * BigQuery service agent's use of a customer-managed key. Environments share all of it.
 *
 * On `pulumi destroy` the state bucket and the APIs stay: the bucket holds the state of this very stack
 * while it is destroyed (and of any other stack), and other workloads of the project may use the APIs.
 */
export class LabsFoundation extends pulumi.ComponentResource {
  /** Name of the Pulumi state bucket (`gs://<name>` is the backend URL). */
  readonly stateBucketName: pulumi.Output<string>;
  /** Full name of the AWS workload identity provider, when configured. */
  readonly awsProviderName?: pulumi.Output<string>;
  /** E-mail of the service account the AWS sensor sink impersonates, when AWS federation is configured. */
  readonly sensorSinkServiceAccountEmail?: pulumi.Output<string>;
  /** Dataset of the sensor readings table, when AWS federation is configured. */
  readonly sensorDatasetId?: pulumi.Output<string>;
  /** The sensor readings table, when AWS federation is configured. */
  readonly sensorTableId?: pulumi.Output<string>;
  /** Full name of the GitHub Actions workload identity provider, when a repository is configured. */
  readonly ciProviderName?: pulumi.Output<string>;
  /** E-mail of the deploy service account GitHub Actions impersonates, when a repository is configured. */
  readonly ciServiceAccountEmail?: pulumi.Output<string>;

  constructor(name: string, args: LabsFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:LabsFoundation', name, {}, opts);
    const apis: string[] = [...LAB_APIS, ...(args.kmsKeyName ? [KMS_API] : [])];
    const services = apis.map(
      (service) =>
        new gcp.projects.Service(
          `${name}-${service.split('.')[0]}`,
          { project: args.project, service, disableOnDestroy: false, disableDependentServices: false },
          { parent: this },
        ),
    );
    const stateBucketName = `${args.project}-labs-state`;
    const stateBucket = new gcp.storage.Bucket(
      `${name}-state`,
      {
        project: args.project,
        name: stateBucketName,
        location: args.stateLocation ?? 'US',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        lifecycleRules: [{ action: { type: 'Delete' }, condition: { numNewerVersions: 20, withState: 'ARCHIVED' } }],
        labels: args.labels,
        forceDestroy: false,
      },
      // Kept on destroy (not protected): a protected resource makes the whole destroy fail.
      { parent: this, dependsOn: services, retainOnDelete: true },
    );
    this.stateBucketName = stateBucket.name;
    // Before any encrypted dataset: BigQuery refuses a key its service agent may not use.
    const cmekGrant = args.kmsKeyName ? this.bigQueryKeyGrant(name, args.project, args.kmsKeyName, services) : undefined;
    const table = args.sensorTable ?? SENSOR_TABLE_IDS;
    if (args.awsAccountId) {
      const federation = this.awsFederation(name, args, table, services, cmekGrant);
      this.awsProviderName = federation.providerName;
      this.sensorSinkServiceAccountEmail = federation.serviceAccountEmail;
      this.sensorDatasetId = federation.readings.datasetId;
      this.sensorTableId = federation.readings.tableId;
    }
    if (args.githubRepository) {
      if (!args.federationGeneration) throw new Error('githubRepository needs federationGeneration (set by labs bootstrap)');
      const ids = federationIds(args.federationGeneration);
      const ci = new GithubDeploy(
        `${name}-github`,
        {
          project: args.project,
          repository: args.githubRepository,
          branch: args.githubBranch,
          repositoryId: args.githubRepositoryId,
          secretsKeyName: args.secretsKeyName,
          poolId: ids.ciPoolId,
          providerId: ids.ciProviderId,
          generation: args.federationGeneration,
          stateBucket: stateBucket.name,
          stateBucketName,
          sensorDatasetId: table.datasetId,
          dependsOn: services,
        },
        { parent: this },
      );
      this.ciProviderName = ci.providerName;
      this.ciServiceAccountEmail = ci.serviceAccountEmail;
    }
    this.registerOutputs(this.outputs);
  }

  /** The outputs this foundation has (the optional ones only with their feature): its stack outputs. */
  get outputs(): Record<string, pulumi.Output<string>> {
    const all = {
      stateBucketName: this.stateBucketName,
      awsProviderName: this.awsProviderName,
      sensorSinkServiceAccountEmail: this.sensorSinkServiceAccountEmail,
      sensorDatasetId: this.sensorDatasetId,
      sensorTableId: this.sensorTableId,
      ciProviderName: this.ciProviderName,
      ciServiceAccountEmail: this.ciServiceAccountEmail,
    };
    return Object.fromEntries(Object.entries(all).filter(([, output]) => output !== undefined)) as Record<string, pulumi.Output<string>>;
  }

  /** Lets the project's BigQuery service agent use the key, once for every dataset of the project. */
  private bigQueryKeyGrant(
    name: string,
    project: string,
    kmsKeyName: string,
    services: gcp.projects.Service[],
  ): gcp.kms.CryptoKeyIAMMember {
    const bigQueryAgent = gcp.bigquery.getDefaultServiceAccountOutput({ project }, { parent: this });
    return new gcp.kms.CryptoKeyIAMMember(
      `${name}-bigquery-cmek`,
      {
        cryptoKeyId: kmsKeyName,
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: pulumi.interpolate`serviceAccount:${bigQueryAgent.email}`,
      },
      { parent: this, dependsOn: services },
    );
  }

  /**
   * The AWS pool and provider, admitting only the sensor sink roles of the lab account, the sensor table,
   * and the sink's service account: impersonable by exactly that principal set, allowed only to insert
   * into the sensor table.
   */
  private awsFederation(
    name: string,
    args: LabsFoundationArgs,
    table: { readonly datasetId: string; readonly tableId: string },
    services: gcp.projects.Service[],
    cmekGrant: gcp.kms.CryptoKeyIAMMember | undefined,
  ): { providerName: pulumi.Output<string>; serviceAccountEmail: pulumi.Output<string>; readings: SensorReadings } {
    const accountId = args.awsAccountId ?? '';
    if (!/^\d{12}$/.test(accountId)) throw new Error(`invalid AWS account id "${accountId}": expected 12 digits`);
    if (!args.federationGeneration) throw new Error('awsAccountId needs federationGeneration (set by labs bootstrap)');
    const ids = federationIds(args.federationGeneration);
    const pool = new gcp.iam.WorkloadIdentityPool(
      `${name}-aws-pool`,
      {
        project: args.project,
        workloadIdentityPoolId: ids.poolId,
        displayName: 'labs: AWS federation',
        description: 'Short-lived GCP tokens for lab code running on AWS (no keys)',
      },
      { parent: this, dependsOn: services },
    );
    const provider = new gcp.iam.WorkloadIdentityPoolProvider(
      `${name}-aws-provider`,
      {
        project: args.project,
        workloadIdentityPoolId: pool.workloadIdentityPoolId,
        workloadIdentityPoolProviderId: ids.providerId,
        displayName: 'AWS account',
        aws: { accountId },
        attributeMapping: {
          'google.subject': 'assertion.arn',
          'attribute.aws_role': 'assertion.arn.extract("assumed-role/{role}/")',
          'attribute.labs_runtime': `assertion.arn.extract("assumed-role/{role}/").startsWith("${SENSOR_SINK_ROLE_PREFIX}") ? "${SENSOR_SINK_RUNTIME}" : "other"`,
        },
        attributeCondition: `assertion.arn.startsWith("arn:aws:sts::${accountId}:assumed-role/${SENSOR_SINK_ROLE_PREFIX}")`,
      },
      { parent: this },
    );
    const readings = new SensorReadings(
      `${name}-sensor-readings`,
      { project: args.project, labels: args.labels, location: args.sensorLocation, kmsKeyName: args.kmsKeyName, table },
      { parent: this, dependsOn: [...services, ...(cmekGrant ? [cmekGrant] : [])] },
    );
    const sink = new gcp.serviceaccount.Account(
      `${name}-sensor-sink`,
      {
        project: args.project,
        accountId: SENSOR_SINK_ACCOUNT_ID,
        displayName: 'labs: AWS sensor sink',
        description: `Inserts sensor readings into ${table.datasetId}.${table.tableId}; impersonated from AWS through workload identity federation`,
      },
      { parent: this, dependsOn: services },
    );
    // Custom role ids stay reserved after deletion too: one per federation generation.
    const insertOnly = new gcp.projects.IAMCustomRole(
      `${name}-sensor-insert`,
      {
        project: args.project,
        roleId: `labsSensorInsert_${args.federationGeneration}`,
        title: 'labs: insert sensor readings',
        description: 'Streaming inserts (insertAll, Storage Write API) into one table',
        permissions: ['bigquery.tables.updateData'],
      },
      { parent: this, dependsOn: services },
    );
    new gcp.projects.IAMMember(
      `${name}-sensor-insert`,
      {
        project: args.project,
        role: insertOnly.name,
        member: pulumi.interpolate`serviceAccount:${sink.email}`,
        condition: {
          title: 'sensor table only',
          expression: `resource.name == "projects/${args.project}/datasets/${table.datasetId}/tables/${table.tableId}"`,
        },
      },
      // The condition names the table by its id: granted once the table exists.
      { parent: this, dependsOn: [readings.table] },
    );
    new gcp.serviceaccount.IAMMember(
      `${name}-sensor-sink-federation`,
      {
        serviceAccountId: sink.name,
        role: 'roles/iam.workloadIdentityUser',
        member: pulumi.interpolate`principalSet://iam.googleapis.com/${pool.name}/attribute.labs_runtime/${SENSOR_SINK_RUNTIME}`,
      },
      { parent: this, dependsOn: [provider] },
    );
    return { providerName: provider.name, serviceAccountEmail: sink.email, readings };
  }
}
