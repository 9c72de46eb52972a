import * as pulumi from '@pulumi/pulumi';
import { type InventoryEntry, recordingMocks } from '../src/inventory';

type Declared = InventoryEntry;

const declared: Declared[] = [];

pulumi.runtime.setMocks(recordingMocks(declared), 'labs-gcp', 'labs-foundation', false);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LabsFoundation } = require('../src/components/labs-foundation') as typeof import('../src/components/labs-foundation');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAB_APIS } = require('../src/lab-apis') as typeof import('../src/lab-apis');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { federationIds, newFederationGeneration } = require('../src/federation-ids') as typeof import('../src/federation-ids');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInventory } = require('../src/policy') as typeof import('../src/policy');

/** Resource options of the children, as the component passed them (mocks do not report options). */
const options = new Map<string, pulumi.ResourceOptions>();
const recordOptions: pulumi.ResourceTransformation = ({ name, opts }) => {
  options.set(name, opts);
  return undefined;
};

const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));
const labels = { 'labs-lab': 'foundation' };
const KEY = 'projects/my-lab-project/locations/us/keyRings/labs/cryptoKeys/data';

const plain = new LabsFoundation('plain', { project: 'my-lab-project', labels }, { transformations: [recordOptions] });
const federated = new LabsFoundation('federated', {
  project: 'my-lab-project',
  labels,
  awsAccountId: '123456789012',
  federationGeneration: 'mh3k2a',
  kmsKeyName: KEY,
});
const settled = Promise.all([value(plain.stateBucketName), value(federated.awsProviderName ?? pulumi.output(''))]);
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
    expect(options.get('plain-state')).toMatchObject({ retainOnDelete: true });
    expect(options.get('plain-state')?.protect).toBeUndefined();
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

  it('passes the GCP policy check', () => {
    expect(checkInventory(declared, [], { expiring: false })).toEqual([]);
  });
});
