import { readFileSync } from 'node:fs';
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { LabsError } from '@labs/config';
import {
  agentFiles,
  checkTeradataMedia,
  datasetIdFor,
  MEDIA_PREFIX,
  namedQueries,
  passwordSecretIdFor,
  passwordSecretVersionFor,
  resourceBaseFor,
  ROW_COUNTS_QUERY,
  SCHEMA_FILE_OBJECT,
  SOURCE_DATABASE,
  sourceVmStartupScript,
  stagingBucketFor,
  TERADATA_LAB_LOCATION,
  TPCH_DDL_FILE,
  TPCH_QUERIES_FILE,
  type TeradataMedia,
} from '@labs/teradata';

/** IAP's TCP forwarding range: the only source allowed to reach the VM's SSH port. */
export const IAP_SOURCE_RANGE = '35.235.240.0/20';

/** Teradata user the migration agent logs on as (created by the startup script with a random password). */
export const AGENT_TERADATA_USER = 'td2bq_agent';

/** Args of {@link TeradataMigration}. */
export interface TeradataMigrationArgs {
  /** The GCP project. */
  readonly project: string;
  /** Region of the network, subnet and Cloud NAT. */
  readonly region: string;
  /** Zone of the source VM; it must offer the machine type and CPU platform. */
  readonly zone: string;
  /** Environment name: names every resource (`td2bq-<env>`, dataset `td2bq_<env>`, bucket `<project>-td2bq-<env>`). */
  readonly envName: string;
  /** Labels of every resource that takes them (`labs-lab`, `labs-env`, `labs-owner`, `labs-expires-at`). */
  readonly labels: Record<string, string>;
  /** Milliseconds until the environment expires: the VM's run duration, the bucket's and dataset's expiry, the secret's TTL. */
  readonly ttlMs: number;
  /** Ephemeral environment: destroy empties the bucket and dataset. */
  readonly ephemeral: boolean;
  /**
   * The user's Teradata downloads as Cloud Storage objects (they need Teradata's licence acceptance, so the
   * lab never downloads them). The startup script waits until they exist.
   * @default objects under `teradata-media/` in the staging bucket: `vantage-express.7z`, `ttu-ubuntu.tar.gz`, `terajdbc.zip`
   */
  readonly media?: TeradataMedia;
  /** Source VM machine type; nested virtualization needs an Intel N1/N2/C2-family type. @default n2-standard-4 */
  readonly machineType?: string;
  /** Minimum CPU platform (nested virtualization needs Haswell or later). @default Intel Cascade Lake */
  readonly minCpuPlatform?: string;
  /** Boot disk size: Vantage Express's 7z, its extracted disks and the TPC-H files. @default 100 */
  readonly bootDiskSizeGb?: number;
  /** Boot image. @default ubuntu-os-cloud/ubuntu-2204-lts (ships the gcloud CLI) */
  readonly image?: string;
  /** Subnet range of the lab network. @default 10.20.0.0/24 */
  readonly subnetCidr?: string;
  /** TPC-H scale factor the source loads. @default 0.1 */
  readonly tpchScale?: number;
  /** Location of the dataset and transfer. @default US */
  readonly location?: string;
  /** Regular expression of the tables to migrate. @default .* (every table of `tpch`) */
  readonly tableNamePatterns?: string;
  /**
   * Custom schema file the transfer reads (`gs://…`), or `null` for the service's schema detection.
   * @default `gs://<staging bucket>/td2bq/tpch-schema.json`, where `labs run teradata-migration` uploads it
   */
  readonly schemaFilePath?: string | null;
}

const DEFAULT_MEDIA_OBJECTS = { vantageExpress: 'vantage-express.7z', tools: 'ttu-ubuntu.tar.gz', jdbcDriver: 'terajdbc.zip' } as const;

/**
 * The Teradata → BigQuery migration lab of one environment: a source VM running Teradata Vantage Express
 * nested under KVM (shielded, no external IP, SSH through IAP only, egress through Cloud NAT, deleted when
 * the TTL runs out), the staging bucket, the `td2bq_<env>` dataset, the on-demand transfer config, the
 * agent's service account, and the secret for the Teradata password (created empty: its only version is
 * added by the VM, never by Pulumi). APIs are enabled by the foundation stack, never here.
 */
export class TeradataMigration extends pulumi.ComponentResource {
  /** Dataset id, such as `td2bq_alice`. */
  readonly datasetId: pulumi.Output<string>;
  /** Staging bucket name. */
  readonly stagingBucketName: pulumi.Output<string>;
  /** Transfer config resource name (`projects/…/locations/…/transferConfigs/…`). */
  readonly transferConfigName: pulumi.Output<string>;
  /** Source VM name. */
  readonly sourceInstanceName: pulumi.Output<string>;
  /** Email of the agent's (and source VM's) service account. */
  readonly agentServiceAccountEmail: pulumi.Output<string>;
  /** Secret Manager secret id of the Teradata password. */
  readonly passwordSecretId: pulumi.Output<string>;
  /** The outputs the program exports as stack outputs. */
  readonly outputs: Record<string, pulumi.Output<unknown>>;

  constructor(name: string, args: TeradataMigrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:TeradataMigration', name, {}, opts);
    const base = resourceBaseFor(args.envName);
    const ttlSeconds = Math.floor(args.ttlMs / 1000);
    if (!Number.isFinite(ttlSeconds) || ttlSeconds < 600) {
      throw new LabsError(`invalid TTL for ${base}: ${args.ttlMs} ms; the environment needs at least 10 minutes`);
    }
    const location = args.location ?? TERADATA_LAB_LOCATION;
    const bucketName = stagingBucketFor(args.project, args.envName);
    const media = args.media ?? defaultMedia(bucketName);
    const child = { parent: this };

    const agent = new gcp.serviceaccount.Account(
      `${name}-agent`,
      {
        project: args.project,
        accountId: base,
        displayName: `labs teradata-migration agent (${args.envName})`,
        description: `Source VM and migration agent of ${base}: reads the Teradata password secret, stages into its bucket, loads dataset ${datasetIdFor(args.envName)}`,
      },
      child,
    );
    const member = pulumi.interpolate`serviceAccount:${agent.email}`;

    const bucket = new gcp.storage.Bucket(
      `${name}-staging`,
      {
        project: args.project,
        name: bucketName,
        location,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: Math.max(1, Math.ceil(ttlSeconds / 86_400)) } }],
        labels: args.labels,
        forceDestroy: args.ephemeral,
      },
      child,
    );
    // The agent uploads extracted table files and the transfer's load jobs read them back (documented role for the agent).
    const stagingGrant = new gcp.storage.BucketIAMMember(
      `${name}-agent-staging-object-admin`,
      { bucket: bucket.name, role: 'roles/storage.objectAdmin', member },
      child,
    );
    // The startup script reads the user's Teradata downloads; the staging bucket is already covered above.
    const mediaBuckets = checkTeradataMedia(media).filter((mediaBucket) => mediaBucket !== bucketName);
    const mediaGrants = mediaBuckets.map(
      (mediaBucket, index) =>
        new gcp.storage.BucketIAMMember(
          `${name}-agent-media-viewer-${index}`,
          { bucket: mediaBucket, role: 'roles/storage.objectViewer', member },
          child,
        ),
    );

    const datasetId = datasetIdFor(args.envName);
    const dataset = new gcp.bigquery.Dataset(
      `${name}-dataset`,
      {
        project: args.project,
        datasetId,
        friendlyName: `td2bq (${args.envName})`,
        description: `Teradata database ${SOURCE_DATABASE} migrated by the BigQuery Data Transfer Service`,
        location,
        defaultTableExpirationMs: args.ttlMs,
        labels: args.labels,
        deleteContentsOnDestroy: args.ephemeral,
        // The grant lives in the dataset's own access list, which dataset updates (labels, expiry on every
        // `labs extend`) rewrite as a whole; a DatasetIamMember beside it would be removed by them. WRITER is
        // dataset-scoped dataEditor: the transfer, running as the agent's account, creates and loads tables here.
        accesses: [
          { role: 'OWNER', specialGroup: 'projectOwners' },
          { role: 'WRITER', specialGroup: 'projectWriters' },
          { role: 'READER', specialGroup: 'projectReaders' },
          { role: 'WRITER', userByEmail: agent.email },
        ],
      },
      child,
    );
    // The agent reads its transfer config (bigquery.transfers.get) and the transfer it runs as creates load
    // jobs (bigquery.jobs.create); both are project-level permissions, and bigquery.user is the narrowest
    // predefined role with them (the role the agent's documentation names; never bigquery.admin).
    const bigqueryUser = new gcp.projects.IAMMember(
      `${name}-agent-bigquery-user`,
      { project: args.project, role: 'roles/bigquery.user', member },
      child,
    );
    // The agent runs keyless on the VM: whatever it signs goes through the IAM credentials API on its own
    // account (the documentation grants Token Creator); scoped to this one account, not the project.
    const selfTokenCreator = new gcp.serviceaccount.IAMMember(
      `${name}-agent-self-token-creator`,
      { serviceAccountId: agent.name, role: 'roles/iam.serviceAccountTokenCreator', member },
      child,
    );

    const secret = new gcp.secretmanager.Secret(
      `${name}-teradata-password`,
      {
        project: args.project,
        secretId: passwordSecretIdFor(args.envName),
        replication: { auto: {} },
        labels: args.labels,
        ttl: `${ttlSeconds}s`,
        deletionProtection: false,
      },
      child,
    );
    // The agent reads the password at logon (its credentials file names the secret, never the value).
    const secretAccessor = new gcp.secretmanager.SecretIamMember(
      `${name}-agent-secret-accessor`,
      { project: args.project, secretId: secret.secretId, role: 'roles/secretmanager.secretAccessor', member },
      child,
    );
    // The startup script adds the random password it gives the agent's Teradata user as the first version.
    const secretVersionAdder = new gcp.secretmanager.SecretIamMember(
      `${name}-agent-secret-version-adder`,
      { project: args.project, secretId: secret.secretId, role: 'roles/secretmanager.secretVersionAdder', member },
      child,
    );

    const schemaFilePath = args.schemaFilePath === undefined ? `gs://${bucketName}/${SCHEMA_FILE_OBJECT}` : args.schemaFilePath;
    const transfer = new gcp.bigquery.DataTransferConfig(
      `${name}-transfer`,
      {
        project: args.project,
        location: location.toLowerCase(),
        displayName: base,
        dataSourceId: 'on_premises',
        destinationDatasetId: dataset.datasetId,
        serviceAccountName: agent.email,
        scheduleOptions: { disableAutoScheduling: true },
        params: pulumi.all([bucket.name, agent.email]).apply(([stagingBucket, email]) => ({
          database_type: 'Teradata',
          bucket: stagingBucket,
          database_name: SOURCE_DATABASE,
          table_name_patterns: args.tableNamePatterns ?? '.*',
          agent_service_account: email,
          ...(schemaFilePath ? { schema_file_path: schemaFilePath } : {}),
        })),
      },
      { parent: this, dependsOn: [stagingGrant, bigqueryUser] },
    );

    const network = new gcp.compute.Network(
      `${name}-network`,
      { project: args.project, name: base, autoCreateSubnetworks: false, description: `teradata-migration lab network (${args.envName})` },
      child,
    );
    const subnet = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      {
        project: args.project,
        name: base,
        region: args.region,
        network: network.id,
        ipCidrRange: args.subnetCidr ?? '10.20.0.0/24',
        privateIpGoogleAccess: true,
      },
      child,
    );
    const router = new gcp.compute.Router(
      `${name}-router`,
      { project: args.project, name: base, region: args.region, network: network.id },
      child,
    );
    new gcp.compute.RouterNat(
      `${name}-nat`,
      {
        project: args.project,
        name: base,
        region: args.region,
        router: router.name,
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
        subnetworks: [{ name: subnet.id, sourceIpRangesToNats: ['ALL_IP_RANGES'] }],
        logConfig: { enable: true, filter: 'ERRORS_ONLY' },
      },
      child,
    );
    new gcp.compute.Firewall(
      `${name}-iap-ssh`,
      {
        project: args.project,
        name: `${base}-iap-ssh`,
        network: network.id,
        description: 'SSH to the source VM through Identity-Aware Proxy TCP forwarding only',
        direction: 'INGRESS',
        sourceRanges: [IAP_SOURCE_RANGE],
        allows: [{ protocol: 'tcp', ports: ['22'] }],
        targetServiceAccounts: [agent.email],
      },
      child,
    );

    const ddl = readFileSync(TPCH_DDL_FILE, 'utf8');
    const rowCountsQuery = namedQueries(readFileSync(TPCH_QUERIES_FILE, 'utf8'), TPCH_QUERIES_FILE).find(
      (q) => q.name === ROW_COUNTS_QUERY,
    )!;
    const secretName = `projects/${args.project}/secrets/${passwordSecretIdFor(args.envName)}`;
    const startupScript = transfer.name.apply((transferConfigName) =>
      sourceVmStartupScript({
        media,
        agent: agentFiles({
          transferConfigName,
          username: AGENT_TERADATA_USER,
          secretResourceId: passwordSecretVersionFor(args.project, args.envName),
        }),
        agentUsername: AGENT_TERADATA_USER,
        passwordSecret: secretName,
        ddl,
        rowCountsQuery: rowCountsQuery.sql,
        tpchScale: args.tpchScale,
      }),
    );
    const instance = new gcp.compute.Instance(
      `${name}-source`,
      {
        project: args.project,
        name: base,
        zone: args.zone,
        machineType: args.machineType ?? 'n2-standard-4',
        minCpuPlatform: args.minCpuPlatform ?? 'Intel Cascade Lake',
        advancedMachineFeatures: { enableNestedVirtualization: true },
        // Secure Boot stays on: the hypervisor is KVM, whose modules ship signed in the Ubuntu kernel.
        shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        bootDisk: {
          autoDelete: true,
          initializeParams: {
            image: args.image ?? 'ubuntu-os-cloud/ubuntu-2204-lts',
            size: args.bootDiskSizeGb ?? 100,
            type: 'pd-balanced',
            labels: args.labels,
          },
        },
        // No accessConfigs: no external IP. Egress goes through the Cloud NAT above.
        networkInterfaces: [{ subnetwork: subnet.id }],
        serviceAccount: { email: agent.email, scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
        scheduling: {
          provisioningModel: 'STANDARD',
          maxRunDuration: { seconds: ttlSeconds },
          instanceTerminationAction: 'DELETE',
        },
        metadata: {
          'enable-guest-attributes': 'TRUE',
          'enable-oslogin': 'TRUE',
          'block-project-ssh-keys': 'TRUE',
          'startup-script': startupScript,
        },
        labels: args.labels,
        allowStoppingForUpdate: true,
        deletionProtection: false,
      },
      { parent: this, dependsOn: [secretAccessor, secretVersionAdder, selfTokenCreator, stagingGrant, ...mediaGrants] },
    );

    this.datasetId = dataset.datasetId;
    this.stagingBucketName = bucket.name;
    this.transferConfigName = transfer.name;
    this.sourceInstanceName = instance.name;
    this.agentServiceAccountEmail = agent.email;
    this.passwordSecretId = secret.secretId;
    this.outputs = {
      datasetId: this.datasetId,
      stagingBucketName: this.stagingBucketName,
      transferConfigName: this.transferConfigName,
      sourceInstanceName: this.sourceInstanceName,
      agentServiceAccountEmail: this.agentServiceAccountEmail,
      passwordSecretId: this.passwordSecretId,
    };
    this.registerOutputs(this.outputs);
  }
}

function defaultMedia(bucket: string): TeradataMedia {
  const url = (object: string): string => `gs://${bucket}/${MEDIA_PREFIX}${object}`;
  return {
    vantageExpress: url(DEFAULT_MEDIA_OBJECTS.vantageExpress),
    tools: url(DEFAULT_MEDIA_OBJECTS.tools),
    jdbcDriver: url(DEFAULT_MEDIA_OBJECTS.jdbcDriver),
  };
}
