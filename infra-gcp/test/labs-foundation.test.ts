import * as pulumi from '@pulumi/pulumi';
import { environment } from '@labs/config';
import { type InventoryEntry, recordingMocks } from '../src/inventory';

type Declared = InventoryEntry;

const declared: Declared[] = [];

pulumi.runtime.setMocks(recordingMocks(declared), 'labs-gcp', 'labs-foundation', false);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const gcp = require('@pulumi/gcp') as typeof import('@pulumi/gcp');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LabsFoundation } = require('../src/components/labs-foundation') as typeof import('../src/components/labs-foundation');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAB_APIS } = require('../src/lab-apis') as typeof import('../src/lab-apis');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { federationIds, newFederationGeneration } = require('../src/federation-ids') as typeof import('../src/federation-ids');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAB_GRANTED_PROJECT_ROLES } = require('../src/components/github-deploy') as typeof import('../src/components/github-deploy');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLabComponent } = require('../src/labs') as typeof import('../src/labs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GCP_COMPONENT_LABS } = require('../src/component-labs') as typeof import('../src/component-labs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SensorReadings } = require('../src/components/sensor-readings') as typeof import('../src/components/sensor-readings');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInventory } = require('../src/policy') as typeof import('../src/policy');

/** Resource options of the children by `<type> <name>`, as the component passed them (mocks do not report options). */
const options = new Map<string, pulumi.ResourceOptions>();
const recordOptions: pulumi.ResourceTransformation = ({ type, name, opts }) => {
  options.set(`${type} ${name}`, opts);
  return undefined;
};

const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));
const labels = { 'labs-lab': 'foundation' };
const KEY = 'projects/my-lab-project/locations/us/keyRings/labs/cryptoKeys/data';

const plain = new LabsFoundation('plain', { project: 'my-lab-project', labels }, { transformations: [recordOptions] });
const federated = new LabsFoundation(
  'federated',
  { project: 'my-lab-project', labels, awsAccountId: '123456789012', federationGeneration: 'mh3k2a', kmsKeyName: KEY },
  { transformations: [recordOptions] },
);
const ci = new LabsFoundation('ci', {
  project: 'my-lab-project',
  labels,
  federationGeneration: 'mh3k2a',
  githubRepository: 'octo-org/labs',
  githubBranch: 'release',
});
const SECRETS_KEY = 'projects/my-lab-project/locations/global/keyRings/labs/cryptoKeys/pulumi';
const pinned = new LabsFoundation('pinned', {
  project: 'my-lab-project',
  labels,
  federationGeneration: 'p1n',
  githubRepository: 'octo-org/labs',
  githubRepositoryId: '123456789',
  secretsKeyName: SECRETS_KEY,
});
const settled = Promise.all([
  value(plain.stateBucketName),
  value(federated.awsProviderName ?? pulumi.output('')),
  value(ci.ciProviderName ?? pulumi.output('')),
  value(pinned.ciProviderName ?? pulumi.output('')),
]);
const under = (prefix: string, type: string) => declared.filter((d) => d.type === type && d.name.startsWith(`${prefix}-`));

describe('LabsFoundation', () => {
  beforeAll(() => settled);

  it('enables the Cloud Resource Manager API that project IAM grants need, with every other lab API, and keeps them on destroy', () => {
    const services = under('plain', 'gcp:projects/service:Service');
    expect(services.map((s) => s.inputs.service)).toEqual([...LAB_APIS]);
    expect(LAB_APIS).toContain('cloudresourcemanager.googleapis.com');
    expect(LAB_APIS).toContain('iamcredentials.googleapis.com');
    for (const service of services) expect(service.inputs).toMatchObject({ disableOnDestroy: false });
  });

  it('keeps the state bucket on destroy instead of protecting it (a protected resource fails the whole destroy)', () => {
    const [bucket] = under('plain', 'gcp:storage/bucket:Bucket');
    expect(bucket?.inputs).toMatchObject({ name: 'my-lab-project-labs-state', forceDestroy: false, uniformBucketLevelAccess: true });
    expect(options.get('gcp:storage/bucket:Bucket plain-state')).toMatchObject({ retainOnDelete: true });
    expect(options.get('gcp:storage/bucket:Bucket plain-state')?.protect).toBeUndefined();
  });

  it('creates no federation and no KMS grant unless configured', () => {
    expect(under('plain', 'gcp:iam/workloadIdentityPool:WorkloadIdentityPool')).toEqual([]);
    expect(under('plain', 'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember')).toEqual([]);
    expect(under('plain', 'gcp:projects/service:Service').map((s) => s.inputs.service)).not.toContain('cloudkms.googleapis.com');
  });

  it('names the AWS workload identity pool and provider with 4-32 character ids of its generation', () => {
    const [pool] = under('federated', 'gcp:iam/workloadIdentityPool:WorkloadIdentityPool');
    const [provider] = under('federated', 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider');
    expect(pool?.inputs.workloadIdentityPoolId).toBe('labs-aws-mh3k2a');
    expect(provider?.inputs).toMatchObject({
      workloadIdentityPoolProviderId: 'aws-mh3k2a',
      aws: { accountId: '123456789012' },
      attributeCondition: 'assertion.arn.startsWith("arn:aws:sts::123456789012:assumed-role/labs-sensor-sink-")',
    });
    for (const id of [pool?.inputs.workloadIdentityPoolId, provider?.inputs.workloadIdentityPoolProviderId]) {
      expect(String(id)).toMatch(/^[a-z0-9-]{4,32}$/);
    }
  });

  it('gives a re-created foundation new federation ids (deleted ids stay reserved for 30 days)', () => {
    const first = newFederationGeneration();
    const again = newFederationGeneration();
    expect(first).toMatch(/^[a-z0-9]{6}$/);
    expect(federationIds(first)).not.toEqual(federationIds(again));
    expect(newFederationGeneration(() => 35)).toBe('zzzzzz');
    for (const ids of [federationIds(first), federationIds('0'), federationIds('zzzzzzzz')]) {
      for (const id of Object.values(ids)) expect(id.length).toBeGreaterThanOrEqual(4);
      for (const id of Object.values(ids)) expect(id.length).toBeLessThanOrEqual(32);
    }
    expect(() => federationIds('TooLong99')).toThrow('invalid labs:federationGeneration "TooLong99": use 1-8 lowercase letters and digits');
  });

  it('lets the BigQuery service agent use the configured KMS key, once per project, with the KMS API enabled', () => {
    expect(under('federated', 'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember').map((d) => d.inputs)).toEqual([
      {
        cryptoKeyId: KEY,
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: 'serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com',
      },
    ]);
    expect(under('federated', 'gcp:projects/service:Service').map((s) => s.inputs.service)).toContain('cloudkms.googleapis.com');
  });

  it('refuses federation without a generation or with a malformed account id', () => {
    expect(() => new LabsFoundation('bad', { project: 'my-lab-project', labels, awsAccountId: '123456789012' })).toThrow(
      'awsAccountId needs federationGeneration',
    );
    expect(
      () => new LabsFoundation('bad2', { project: 'my-lab-project', labels, awsAccountId: '1234', federationGeneration: 'a1' }),
    ).toThrow('invalid AWS account id "1234": expected 12 digits');
  });

  it("admits only the lab account's sensor sink roles, and lets exactly that principal set impersonate an insert-only service account", () => {
    const [provider] = under('federated', 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider');
    expect(provider?.inputs.attributeMapping).toEqual({
      'google.subject': 'assertion.arn',
      'attribute.aws_role': 'assertion.arn.extract("assumed-role/{role}/")',
      'attribute.labs_runtime': 'assertion.arn.extract("assumed-role/{role}/").startsWith("labs-sensor-sink-") ? "sensor-sink" : "other"',
    });
    const [sink] = under('federated', 'gcp:serviceaccount/account:Account');
    expect(sink?.inputs).toMatchObject({ project: 'my-lab-project', accountId: 'labs-sensor-sink' });
    expect(under('federated', 'gcp:serviceaccount/iAMMember:IAMMember').map((d) => d.inputs)).toEqual([
      {
        serviceAccountId: 'projects/my-lab-project/serviceAccounts/labs-sensor-sink@my-lab-project.iam.gserviceaccount.com',
        role: 'roles/iam.workloadIdentityUser',
        member:
          'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/labs-aws-mh3k2a/attribute.labs_runtime/sensor-sink',
      },
    ]);
    expect(under('federated', 'gcp:projects/iAMCustomRole:IAMCustomRole').map((d) => d.inputs)).toEqual([
      expect.objectContaining({ roleId: 'labsSensorInsert_mh3k2a', permissions: ['bigquery.tables.updateData'] }),
    ]);
    expect(under('federated', 'gcp:projects/iAMMember:IAMMember').map((d) => d.inputs)).toEqual([
      {
        project: 'my-lab-project',
        role: 'projects/my-lab-project/roles/labsSensorInsert_mh3k2a',
        member: 'serviceAccount:labs-sensor-sink@my-lab-project.iam.gserviceaccount.com',
        condition: {
          title: 'sensor table only',
          expression: 'resource.name == "projects/my-lab-project/datasets/labs_sensors/tables/sensor_readings"',
        },
      },
    ]);
    expect(under('federated', 'gcp:serviceaccount/key:Key')).toEqual([]);
  });

  it('outputs what the external-account configuration is built from, nothing secret', async () => {
    expect(await value(federated.awsProviderName ?? pulumi.output(''))).toBe(
      'projects/123456789012/locations/global/workloadIdentityPools/labs-aws-mh3k2a/providers/aws-mh3k2a',
    );
    expect(await value(federated.sensorSinkServiceAccountEmail ?? pulumi.output(''))).toBe(
      'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com',
    );
    expect(plain.sensorSinkServiceAccountEmail).toBeUndefined();
  });

  it('keeps the sensor readings in a day-partitioned table on reading_time, clustered by environment and sensor, encrypted with the key', () => {
    const [dataset] = under('federated', 'gcp:bigquery/dataset:Dataset');
    expect(dataset?.inputs).toMatchObject({
      project: 'my-lab-project',
      datasetId: 'labs_sensors',
      location: 'US',
      labels,
      deleteContentsOnDestroy: false,
      defaultEncryptionConfiguration: { kmsKeyName: KEY },
    });
    const [table] = under('federated', 'gcp:bigquery/table:Table');
    expect(table?.inputs).toMatchObject({
      datasetId: 'labs_sensors',
      tableId: 'sensor_readings',
      timePartitioning: { type: 'DAY', field: 'reading_time', expirationMs: 30 * 86_400_000 },
      requirePartitionFilter: true,
      clusterings: ['environment', 'sensor_id'],
      encryptionConfiguration: { kmsKeyName: KEY },
      deletionProtection: false,
      labels,
    });
    const schema = JSON.parse(String(table?.inputs.schema)) as { name: string; type: string; mode: string }[];
    expect(schema.map(({ name, type, mode }) => `${name} ${type} ${mode}`)).toEqual([
      'environment STRING REQUIRED',
      'sensor_id STRING REQUIRED',
      'reading_time TIMESTAMP REQUIRED',
      'ingested_at TIMESTAMP REQUIRED',
      'iot_name STRING REQUIRED',
      'iot_value FLOAT64 REQUIRED',
      'reading_seq INT64 REQUIRED',
      'shard_id STRING REQUIRED',
      'sequence_number STRING REQUIRED',
    ]);
    expect(under('plain', 'gcp:bigquery/table:Table')).toEqual([]);
  });

  it('takes its partition expiry and partition filter from its args, and refuses an expiry that is not whole days', async () => {
    const week = new SensorReadings('week', {
      project: 'my-lab-project',
      labels,
      partitionExpirationDays: 7,
      requirePartitionFilter: false,
    });
    await value(week.tableId);
    const [table] = under('week', 'gcp:bigquery/table:Table');
    expect(table?.inputs).toMatchObject({ timePartitioning: { expirationMs: 7 * 86_400_000 }, requirePartitionFilter: false });
    expect(table?.inputs).not.toHaveProperty('encryptionConfiguration');
    expect(() => new SensorReadings('half', { project: 'my-lab-project', labels, partitionExpirationDays: 0.5 })).toThrow(
      'invalid partitionExpirationDays 0.5: expected a whole number of days, at least 1',
    );
  });

  it('creates the encrypted dataset only after BigQuery may use the key, and the insert grant only after the table', () => {
    const readings = options.get('labs:gcp:SensorReadings federated-sensor-readings')?.dependsOn as pulumi.Resource[] | undefined;
    expect(readings?.some((resource) => resource instanceof gcp.kms.CryptoKeyIAMMember)).toBe(true);
    const grant = options.get('gcp:projects/iAMMember:IAMMember federated-sensor-insert')?.dependsOn as pulumi.Resource[] | undefined;
    expect(grant?.some((resource) => resource instanceof gcp.bigquery.Table)).toBe(true);
  });

  it('outputs the sensor dataset and table ids', async () => {
    expect(await value(federated.sensorDatasetId ?? pulumi.output(''))).toBe('labs_sensors');
    expect(await value(federated.sensorTableId ?? pulumi.output(''))).toBe('sensor_readings');
    expect(plain.sensorTableId).toBeUndefined();
  });

  it('admits GitHub Actions tokens of exactly one repository and branch, in a pool of its own with ids of its generation', () => {
    const [pool] = under('ci', 'gcp:iam/workloadIdentityPool:WorkloadIdentityPool');
    const [provider] = under('ci', 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider');
    expect(pool?.inputs.workloadIdentityPoolId).toBe('labs-gh-mh3k2a');
    expect(provider?.inputs).toMatchObject({
      workloadIdentityPoolId: 'labs-gh-mh3k2a',
      workloadIdentityPoolProviderId: 'github-mh3k2a',
      oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
      attributeMapping: {
        'google.subject': 'assertion.sub',
        'attribute.repository': 'assertion.repository',
        'attribute.ref': 'assertion.ref',
      },
    });
    // The whole condition, so that any other repository or branch (or a prefix of them) is refused.
    expect(provider?.inputs.attributeCondition).toBe('assertion.repository == "octo-org/labs" && assertion.ref == "refs/heads/release"');
    expect(provider?.inputs.oidc).not.toHaveProperty('allowedAudiences');
    for (const id of ['labs-gh-zzzzzzzz', 'github-zzzzzzzz', 'labs-gh-0', 'github-0']) expect(id).toMatch(/^[a-z0-9-]{4,32}$/);
    expect(federationIds('zzzzzzzz')).toMatchObject({ ciPoolId: 'labs-gh-zzzzzzzz', ciProviderId: 'github-zzzzzzzz' });
  });

  it("also checks the repository's numeric id when given, so a repository later created under the same name is refused", () => {
    const [provider] = under('pinned', 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider');
    expect(provider?.inputs.attributeCondition).toBe(
      'assertion.repository == "octo-org/labs" && assertion.repository_id == "123456789" && assertion.ref == "refs/heads/main"',
    );
  });

  it('lets the deploy account use the gcpkms:// secrets key of the stacks it deploys, and no key without one', () => {
    expect(under('pinned', 'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember').map((d) => d.inputs)).toEqual([
      {
        cryptoKeyId: SECRETS_KEY,
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: 'serviceAccount:labs-ci-deploy@my-lab-project.iam.gserviceaccount.com',
      },
    ]);
    expect(under('ci', 'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember')).toEqual([]);
  });

  it('lets exactly the principal set of that repository impersonate the deploy account, which has no key', () => {
    const [deployer] = under('ci', 'gcp:serviceaccount/account:Account');
    expect(deployer?.inputs).toMatchObject({ project: 'my-lab-project', accountId: 'labs-ci-deploy' });
    expect(under('ci', 'gcp:serviceaccount/iAMMember:IAMMember').map((d) => d.inputs)).toEqual([
      {
        serviceAccountId: 'projects/my-lab-project/serviceAccounts/labs-ci-deploy@my-lab-project.iam.gserviceaccount.com',
        role: 'roles/iam.workloadIdentityUser',
        member:
          'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/labs-gh-mh3k2a/attribute.repository/octo-org/labs',
      },
    ]);
    expect(under('ci', 'gcp:serviceaccount/key:Key')).toEqual([]);
  });

  it("gives the deploy account the state bucket's objects only and the roles a lab deployment needs, the broad ones fenced off the foundation", () => {
    const member = 'serviceAccount:labs-ci-deploy@my-lab-project.iam.gserviceaccount.com';
    expect(under('ci', 'gcp:storage/bucketIAMMember:BucketIAMMember').map((d) => d.inputs)).toEqual([
      { bucket: 'my-lab-project-labs-state', role: 'roles/storage.objectAdmin', member },
    ]);
    const grants = under('ci', 'gcp:projects/iAMMember:IAMMember').map((d) => d.inputs);
    for (const grant of grants) expect(grant).toMatchObject({ project: 'my-lab-project', member });
    expect(grants.map((g) => g.role).sort()).toEqual([
      'projects/my-lab-project/roles/labsCiTransfers_mh3k2a',
      'roles/aiplatform.user',
      'roles/bigquery.dataOwner',
      'roles/bigquery.jobUser',
      'roles/compute.instanceAdmin.v1',
      'roles/compute.networkAdmin',
      'roles/compute.securityAdmin',
      'roles/iam.serviceAccountAdmin',
      'roles/iam.serviceAccountUser',
      'roles/resourcemanager.projectIamAdmin',
      'roles/secretmanager.admin',
      'roles/serviceusage.serviceUsageConsumer',
      'roles/storage.admin',
    ]);
    const condition = (role: string) => grants.find((g) => g.role === role)?.condition;
    expect(condition('roles/resourcemanager.projectIamAdmin')).toEqual({
      title: 'lab project roles only',
      expression:
        'api.getAttribute("iam.googleapis.com/modifiedGrantsByRole", []).hasOnly(["roles/aiplatform.user","roles/bigquery.jobUser","roles/bigquery.user"])',
    });
    expect(condition('roles/storage.admin')).toEqual({
      title: 'not the state bucket',
      expression:
        'resource.name != "projects/_/buckets/my-lab-project-labs-state" && !resource.name.startsWith("projects/_/buckets/my-lab-project-labs-state/")',
    });
    expect(condition('roles/bigquery.dataOwner')).toEqual({
      title: 'not the sensor dataset',
      expression:
        'resource.name != "projects/my-lab-project/datasets/labs_sensors" && !resource.name.startsWith("projects/my-lab-project/datasets/labs_sensors/")',
    });
    expect(grants.map((g) => g.role)).not.toEqual(expect.arrayContaining(['roles/owner', 'roles/editor', 'roles/bigquery.admin']));
    expect(under('ci', 'gcp:projects/iAMCustomRole:IAMCustomRole').map((d) => d.inputs)).toEqual([
      expect.objectContaining({ roleId: 'labsCiTransfers_mh3k2a', permissions: ['bigquery.transfers.get', 'bigquery.transfers.update'] }),
    ]);
  });

  it('lets the deploy account grant every project role a lab environment grants (and no other)', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const components = GCP_COMPONENT_LABS.map((lab) =>
      createLabComponent(
        lab,
        `lab-${lab}`,
        {
          project: 'my-lab-project',
          region: 'us-central1',
          zone: 'us-central1-a',
          environment: environment(lab, 'alice'),
          owner: 'alice@example.com',
          expiresAt: new Date(now.getTime() + 4 * 3_600_000),
        },
        now,
      ),
    );
    await Promise.all(components.flatMap((component) => Object.values(component.outputs).map(value)));
    const granted = declared
      .filter((d) => d.name.startsWith('lab-') && d.type === 'gcp:projects/iAMMember:IAMMember')
      .map((d) => d.inputs.role);
    expect(granted.length).toBeGreaterThanOrEqual(GCP_COMPONENT_LABS.length);
    expect([...new Set(granted)].sort()).toEqual([...LAB_GRANTED_PROJECT_ROLES]);
  });

  it('outputs the provider and deploy account a workflow authenticates with', async () => {
    expect(await value(ci.ciProviderName ?? pulumi.output(''))).toBe(
      'projects/123456789012/locations/global/workloadIdentityPools/labs-gh-mh3k2a/providers/github-mh3k2a',
    );
    expect(await value(ci.ciServiceAccountEmail ?? pulumi.output(''))).toBe('labs-ci-deploy@my-lab-project.iam.gserviceaccount.com');
    expect(federated.ciProviderName).toBeUndefined();
  });

  it('refuses a malformed repository or branch before anything is declared, and GitHub deploys without a generation', () => {
    const github = (githubRepository: string, githubBranch?: string) => () =>
      new LabsFoundation(`bad-${githubRepository.length}`, {
        project: 'my-lab-project',
        labels,
        federationGeneration: 'a1',
        githubRepository,
        githubBranch,
      });
    expect(github('octo-org')).toThrow('invalid GitHub repository "octo-org": expected owner/name');
    expect(github('octo-org/labs" || true || "')).toThrow('invalid GitHub repository "octo-org/labs" || true || "');
    expect(github('-octo/labs')).toThrow('invalid GitHub repository');
    expect(github('octo-org/labs', 'feature/*')).toThrow('invalid GitHub branch "feature/*"');
    expect(github('octo-org/labs', 'main" || "')).toThrow('invalid GitHub branch');
    expect(github('octo-org/labs', `b${'x'.repeat(150)}`)).toThrow("Google's limit");
    expect(() => new LabsFoundation('bad-gen', { project: 'my-lab-project', labels, githubRepository: 'octo-org/labs' })).toThrow(
      'githubRepository needs federationGeneration',
    );
  });

  it('passes the GCP policy check', () => {
    expect(checkInventory(declared, [], { expiring: false })).toEqual([]);
  });
});
