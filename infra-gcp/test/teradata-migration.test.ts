import * as pulumi from '@pulumi/pulumi';
import { type InventoryEntry, recordingMocks } from '../src/inventory';

type Declared = InventoryEntry;

const declared: Declared[] = [];

pulumi.runtime.setMocks(
  recordingMocks(declared, (args, state) => {
    // The name the transfer service gives a config, as the lab's assertions read it.
    if (args.type === 'gcp:bigquery/dataTransferConfig:DataTransferConfig')
      state.name = `projects/123456789876/locations/${String(args.inputs.location)}/transferConfigs/61d7ab69-0000-2f6c-9b6c-14c14ef21038`;
  }),
  'labs-gcp',
  'labs-teradata-migration-alice',
  false,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInventory } = require('../src/policy') as typeof import('../src/policy');
type Component = typeof import('../src/components/teradata-migration');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TeradataMigration, IAP_SOURCE_RANGE } = require('../src/components/teradata-migration') as Component;

const labels = {
  'labs-lab': 'teradata-migration',
  'labs-env': 'alice',
  'labs-owner': 'alice_example_com',
  'labs-expires-at': '20261129t0300z',
};
const FOUR_HOURS = 4 * 3_600_000;
const base = { project: 'my-lab-project', region: 'us-central1', zone: 'us-central1-a', labels, ttlMs: FOUR_HOURS };
const NAME = 'labs-teradata-migration-alice';
const EMAIL = 'td2bq-alice@my-lab-project.iam.gserviceaccount.com';
const MEMBER = `serviceAccount:${EMAIL}`;

const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const alice = new TeradataMigration(NAME, { ...base, envName: 'alice', ephemeral: true });
const bob = new TeradataMigration('labs-teradata-migration-bob', {
  ...base,
  envName: 'bob',
  ephemeral: false,
  labels: { ...labels, 'labs-env': 'bob' },
  schemaFilePath: null,
  media: {
    vantageExpress: 'gs://bob-teradata-downloads/ve-17.20.7z',
    tools: 'gs://bob-teradata-downloads/ttu.tar.gz',
    jdbcDriver: 'gs://bob-teradata-downloads/terajdbc.zip',
  },
});

const settled = Promise.all([
  value(alice.datasetId),
  value(alice.transferConfigName),
  value(alice.sourceInstanceName),
  value(alice.agentServiceAccountEmail),
  value(bob.sourceInstanceName),
]);
const under = (prefix: string) => declared.filter((d) => d.name === prefix || d.name.startsWith(`${prefix}-`));
const one = (prefix: string, type: string): Declared => {
  const found = under(prefix).filter((d) => d.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} under ${prefix}, found ${found.length}`);
  return found[0]!;
};
const instance = (): Declared => one(NAME, 'gcp:compute/instance:Instance');
const startupScript = async (prefix: string): Promise<string> =>
  (await Promise.resolve(
    (one(prefix, 'gcp:compute/instance:Instance').inputs.metadata as Record<string, string>)['startup-script'],
  )) as string;

describe('TeradataMigration', () => {
  beforeAll(() => settled);

  it('is a labs:gcp:TeradataMigration component whose children are named after it', () => {
    expect(declared.find((d) => d.name === NAME)?.type).toBe('labs:gcp:TeradataMigration');
    expect(
      under(NAME)
        .filter((d) => d.name !== NAME)
        .map((d) => d.name.slice(NAME.length + 1))
        .sort(),
    ).toEqual([
      'agent',
      'agent-bigquery-user',
      'agent-secret-accessor',
      'agent-secret-version-adder',
      'agent-self-token-creator',
      'agent-staging-object-admin',
      'dataset',
      'iap-ssh',
      'nat',
      'network',
      'router',
      'source',
      'staging',
      'subnet',
      'teradata-password',
      'transfer',
    ]);
  });

  it('source VM: nested virtualization on a machine type and CPU platform that support it, shielded, labelled', () => {
    expect(instance().inputs).toMatchObject({
      name: 'td2bq-alice',
      zone: 'us-central1-a',
      machineType: 'n2-standard-4',
      minCpuPlatform: 'Intel Cascade Lake',
      advancedMachineFeatures: { enableNestedVirtualization: true },
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      labels,
      bootDisk: { initializeParams: { labels, size: 100 } },
    });
  });

  it('source VM: no external IP, its own service account, OS Login and guest attributes', () => {
    const inputs = instance().inputs;
    const nics = inputs.networkInterfaces as { accessConfigs?: unknown[]; subnetwork: string }[];
    expect(nics).toHaveLength(1);
    expect(nics[0]!.accessConfigs ?? []).toEqual([]);
    expect(inputs.serviceAccount).toMatchObject({ email: EMAIL });
    expect(inputs.metadata).toMatchObject({
      'enable-guest-attributes': 'TRUE',
      'enable-oslogin': 'TRUE',
      'block-project-ssh-keys': 'TRUE',
    });
  });

  it('source VM: runs at most the TTL, then is deleted', () => {
    expect(instance().inputs.scheduling).toEqual({
      provisioningModel: 'STANDARD',
      maxRunDuration: { seconds: 14_400 },
      instanceTerminationAction: 'DELETE',
    });
  });

  it('network: SSH only from IAP to the VM’s account, egress through Cloud NAT', () => {
    const firewall = one(NAME, 'gcp:compute/firewall:Firewall').inputs;
    expect(IAP_SOURCE_RANGE).toBe('35.235.240.0/20');
    expect(firewall).toMatchObject({
      direction: 'INGRESS',
      sourceRanges: ['35.235.240.0/20'],
      allows: [{ protocol: 'tcp', ports: ['22'] }],
      targetServiceAccounts: [EMAIL],
    });
    expect(one(NAME, 'gcp:compute/network:Network').inputs.autoCreateSubnetworks).toBe(false);
    expect(one(NAME, 'gcp:compute/routerNat:RouterNat').inputs).toMatchObject({
      region: 'us-central1',
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
    });
  });

  it('startup script: the user’s media from the staging bucket by default, the generated agent files, the secret by id', async () => {
    const script = await startupScript(NAME);
    expect(script).toContain("fetch 'gs://my-lab-project-td2bq-alice/teradata-media/vantage-express.7z'");
    expect(script).toContain('"id": "61d7ab69-0000-2f6c-9b6c-14c14ef21038"');
    expect(script).toContain('secret_resource_id=projects/my-lab-project/secrets/td2bq-alice-teradata-password/versions/latest');
    expect(script).toContain("gcloud secrets versions add 'projects/my-lab-project/secrets/td2bq-alice-teradata-password'");
    expect(script).toContain('step ready');
  });

  it('staging bucket: uniform access, public access prevented, deleted with the TTL, destroyable when ephemeral', () => {
    expect(one(NAME, 'gcp:storage/bucket:Bucket').inputs).toMatchObject({
      name: 'my-lab-project-td2bq-alice',
      location: 'US',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 1 } }],
      labels,
      forceDestroy: true,
    });
    expect(one('labs-teradata-migration-bob', 'gcp:storage/bucket:Bucket').inputs.forceDestroy).toBe(false);
  });

  it('dataset td2bq_<env>: the TTL as default expiration, the agent a WRITER on its own access list', async () => {
    const dataset = one(NAME, 'gcp:bigquery/dataset:Dataset').inputs;
    expect(dataset).toMatchObject({
      datasetId: 'td2bq_alice',
      location: 'US',
      defaultTableExpirationMs: FOUR_HOURS,
      labels,
      deleteContentsOnDestroy: true,
    });
    expect(dataset.accesses).toContainEqual({ role: 'WRITER', userByEmail: EMAIL });
    expect(dataset.accesses).toContainEqual({ role: 'OWNER', specialGroup: 'projectOwners' });
    expect(await value(alice.datasetId)).toBe('td2bq_alice');
  });

  it('transfer config: on_premises, Teradata parameters, table patterns, the schema file path, on demand', async () => {
    const transfer = one(NAME, 'gcp:bigquery/dataTransferConfig:DataTransferConfig').inputs;
    expect(transfer).toMatchObject({
      location: 'us',
      displayName: 'td2bq-alice',
      dataSourceId: 'on_premises',
      destinationDatasetId: 'td2bq_alice',
      serviceAccountName: EMAIL,
      scheduleOptions: { disableAutoScheduling: true },
    });
    expect(transfer.params).toEqual({
      database_type: 'Teradata',
      bucket: 'my-lab-project-td2bq-alice',
      database_name: 'tpch',
      table_name_patterns: '.*',
      agent_service_account: EMAIL,
      schema_file_path: 'gs://my-lab-project-td2bq-alice/td2bq/tpch-schema.json',
    });
    expect(one('labs-teradata-migration-bob', 'gcp:bigquery/dataTransferConfig:DataTransferConfig').inputs.params).not.toHaveProperty(
      'schema_file_path',
    );
    expect(await value(alice.transferConfigName)).toMatch(/^projects\/\d+\/locations\/us\/transferConfigs\//);
  });

  it('secret: created empty (no version, no value in state), labelled, expiring with the TTL', () => {
    expect(one(NAME, 'gcp:secretmanager/secret:Secret').inputs).toMatchObject({
      secretId: 'td2bq-alice-teradata-password',
      replication: { auto: {} },
      labels,
      ttl: '14400s',
    });
    expect(declared.some((d) => d.type === 'gcp:secretmanager/secretVersion:SecretVersion')).toBe(false);
    expect(JSON.stringify(under(NAME).map((d) => d.inputs))).not.toMatch(/secretData|"password"/i);
  });

  it('IAM: the narrowest roles, scoped to the bucket, secret and account where the service allows; no admin role', () => {
    const grants = under(NAME)
      .filter((d) => 'role' in d.inputs)
      .map((d) => [d.type.split(':').pop(), d.inputs.role, d.inputs.member])
      .sort();
    expect(grants).toEqual([
      ['BucketIAMMember', 'roles/storage.objectAdmin', MEMBER],
      ['IAMMember', 'roles/bigquery.user', MEMBER],
      ['IAMMember', 'roles/iam.serviceAccountTokenCreator', MEMBER],
      ['SecretIamMember', 'roles/secretmanager.secretAccessor', MEMBER],
      ['SecretIamMember', 'roles/secretmanager.secretVersionAdder', MEMBER],
    ]);
    const roles = declared.map((d) => d.inputs.role).filter((role): role is string => typeof role === 'string');
    expect(roles.filter((role) => /admin$|^roles\/(owner|editor)$/i.test(role) && role !== 'roles/storage.objectAdmin')).toEqual([]);
    expect(one(NAME, 'gcp:serviceaccount/iAMMember:IAMMember').inputs.serviceAccountId).toBe(
      `projects/my-lab-project/serviceAccounts/${EMAIL}`,
    );
    expect(declared.some((d) => /(IAMBinding|IAMPolicy|IamBinding|IamPolicy)$/.test(d.type))).toBe(false);
    expect(declared.some((d) => d.type === 'gcp:projects/service:Service')).toBe(false);
  });

  it('reads the media in a bucket of the user’s with objectViewer on that bucket only', async () => {
    expect(under('labs-teradata-migration-bob').filter((d) => d.type === 'gcp:storage/bucketIAMMember:BucketIAMMember')).toHaveLength(2);
    expect(under('labs-teradata-migration-bob').find((d) => d.name.endsWith('media-viewer-0'))!.inputs).toEqual({
      bucket: 'bob-teradata-downloads',
      role: 'roles/storage.objectViewer',
      member: 'serviceAccount:td2bq-bob@my-lab-project.iam.gserviceaccount.com',
    });
    expect(await startupScript('labs-teradata-migration-bob')).toContain("fetch 'gs://bob-teradata-downloads/ve-17.20.7z'");
  });

  it('passes the GCP policy check with no acknowledgement', () => {
    expect(checkInventory(declared)).toEqual([]);
  });

  it('refuses a TTL under ten minutes and an invalid environment name', () => {
    expect(() => new TeradataMigration('bad', { ...base, envName: 'carol', ephemeral: true, ttlMs: 60_000 })).toThrow(
      'invalid TTL for td2bq-carol: 60000 ms; the environment needs at least 10 minutes',
    );
    expect(() => new TeradataMigration('bad', { ...base, envName: 'Carol Smith', ephemeral: true })).toThrow(
      'invalid environment name "Carol Smith"',
    );
    expect(
      () =>
        new TeradataMigration('bad', {
          ...base,
          envName: 'carol',
          ephemeral: true,
          media: { vantageExpress: 'https://downloads.example/ve.7z', tools: 'gs://b/t.tar.gz', jdbcDriver: 'gs://b/j.zip' },
        }),
    ).toThrow('invalid Teradata media vantageExpress "https://downloads.example/ve.7z": expected gs://<bucket>/<object>');
  });
});
