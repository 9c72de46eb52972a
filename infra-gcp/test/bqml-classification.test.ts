import * as pulumi from '@pulumi/pulumi';
import { type InventoryEntry, recordingMocks } from '../src/inventory';

type Declared = InventoryEntry;

const declared: Declared[] = [];

pulumi.runtime.setMocks(recordingMocks(declared), 'labs-gcp', 'labs-bqml-classification-alice', false);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInventory } = require('../src/policy') as typeof import('../src/policy');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BqmlClassification } = require('../src/components/bqml-classification') as typeof import('../src/components/bqml-classification');

const labels = {
  'labs-lab': 'bqml-classification',
  'labs-env': 'alice-dev',
  'labs-owner': 'alice_example_com',
  'labs-expires-at': '20261129t0300z',
};
const base = { project: 'my-lab-project', labels, defaultTableExpirationMs: 4 * 3_600_000 };

const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const alice = new BqmlClassification('labs-bqml-classification-alice-dev', {
  ...base,
  envName: 'alice-dev',
  ephemeral: true,
  impersonators: ['user:alice@example.com'],
});
const carol = new BqmlClassification('labs-bqml-classification-carol', {
  ...base,
  envName: 'carol',
  ephemeral: true,
  kmsKeyName: 'projects/my-lab-project/locations/us/keyRings/labs/cryptoKeys/data',
});
const bob = new BqmlClassification('labs-bqml-classification-bob', {
  ...base,
  envName: 'bob',
  ephemeral: false,
  trainOnDeploy: true,
  labels: { ...labels, 'labs-env': 'bob' },
});

const settled = Promise.all([
  value(alice.datasetId),
  value(alice.runnerServiceAccountEmail),
  value(alice.trainingJobIds),
  value(bob.trainingJobIds),
  value(carol.datasetId),
]);
const of = (prefix: string, type: string) => declared.filter((d) => d.type === type && d.name.startsWith(prefix));
const one = (prefix: string, type: string): Declared => {
  const found = of(prefix, type);
  if (found.length !== 1) throw new Error(`expected one ${type} under ${prefix}, found ${found.length}`);
  return found[0]!;
};

describe('BqmlClassification', () => {
  beforeAll(() => settled);

  it('is a labs:gcp:BqmlClassification component whose children are named after it', () => {
    const component = declared.find((d) => d.name === 'labs-bqml-classification-alice-dev');
    expect(component?.type).toBe('labs:gcp:BqmlClassification');
    const children = declared.filter((d) => d.name.startsWith('labs-bqml-classification-alice-dev-'));
    expect(children.map((d) => d.name).sort()).toEqual([
      'labs-bqml-classification-alice-dev-dataset',
      'labs-bqml-classification-alice-dev-runner',
      'labs-bqml-classification-alice-dev-runner-impersonator-1',
      'labs-bqml-classification-alice-dev-runner-job-user',
    ]);
  });

  it('creates a per-environment dataset in the US with labels, default expiration and delete-on-destroy when ephemeral', async () => {
    const dataset = one('labs-bqml-classification-alice-dev', 'gcp:bigquery/dataset:Dataset');
    expect(dataset.inputs).toMatchObject({
      project: 'my-lab-project',
      datasetId: 'ecommerce_alice_dev',
      location: 'US',
      defaultTableExpirationMs: 14_400_000,
      labels,
      deleteContentsOnDestroy: true,
    });
    expect(one('labs-bqml-classification-bob', 'gcp:bigquery/dataset:Dataset').inputs).toMatchObject({
      datasetId: 'ecommerce_bob',
      deleteContentsOnDestroy: false,
    });
    expect(await value(alice.datasetId)).toBe('ecommerce_alice_dev');
  });

  it('gives the runner jobUser on the project and write access on this dataset only, inside the dataset access list', async () => {
    const account = one('labs-bqml-classification-alice-dev', 'gcp:serviceaccount/account:Account');
    expect(account.inputs.accountId).toBe('bqml-alice-dev');
    const email = 'bqml-alice-dev@my-lab-project.iam.gserviceaccount.com';
    expect(await value(alice.runnerServiceAccountEmail)).toBe(email);

    expect(one('labs-bqml-classification-alice-dev', 'gcp:projects/iAMMember:IAMMember').inputs).toEqual({
      project: 'my-lab-project',
      role: 'roles/bigquery.jobUser',
      member: `serviceAccount:${email}`,
    });
    // A DatasetIamMember beside the dataset is dropped by the next dataset update (every extend): the
    // grant is an entry of the access list the update itself sends, next to the defaults BigQuery gives.
    expect(declared.some((d) => d.type === 'gcp:bigquery/datasetIamMember:DatasetIamMember')).toBe(false);
    expect(one('labs-bqml-classification-alice-dev', 'gcp:bigquery/dataset:Dataset').inputs.accesses).toEqual([
      { role: 'OWNER', specialGroup: 'projectOwners' },
      { role: 'WRITER', specialGroup: 'projectWriters' },
      { role: 'READER', specialGroup: 'projectReaders' },
      { role: 'WRITER', userByEmail: email },
    ]);
  });

  it('lets the owner impersonate the runner (token creator on the runner account only), and nobody else', () => {
    expect(one('labs-bqml-classification-alice-dev', 'gcp:serviceaccount/iAMMember:IAMMember').inputs).toEqual({
      serviceAccountId: 'projects/my-lab-project/serviceAccounts/bqml-alice-dev@my-lab-project.iam.gserviceaccount.com',
      role: 'roles/iam.serviceAccountTokenCreator',
      member: 'user:alice@example.com',
    });
    expect(of('labs-bqml-classification-bob', 'gcp:serviceaccount/iAMMember:IAMMember')).toEqual([]);
  });

  it('encrypts the dataset with the configured KMS key, and with Google-managed keys otherwise', () => {
    expect(one('labs-bqml-classification-carol', 'gcp:bigquery/dataset:Dataset').inputs.defaultEncryptionConfiguration).toEqual({
      kmsKeyName: 'projects/my-lab-project/locations/us/keyRings/labs/cryptoKeys/data',
    });
    expect(one('labs-bqml-classification-alice-dev', 'gcp:bigquery/dataset:Dataset').inputs.defaultEncryptionConfiguration).toBeUndefined();
  });

  it('passes the GCP policy check (labels on the dataset and jobs, no primitive roles)', () => {
    expect(checkInventory(declared)).toEqual([]);
  });

  it('trains no model unless trainOnDeploy', async () => {
    expect(of('labs-bqml-classification-alice-dev', 'gcp:bigquery/job:Job')).toEqual([]);
    expect(await value(alice.trainingJobIds)).toEqual([]);
  });

  it('with trainOnDeploy, runs both CREATE MODEL statements as labelled standard-SQL jobs in the US', async () => {
    const jobs = of('labs-bqml-classification-bob', 'gcp:bigquery/job:Job');
    expect(jobs.map((j) => j.name)).toEqual(['labs-bqml-classification-bob-train-model-1', 'labs-bqml-classification-bob-train-model-2']);
    for (const job of jobs) {
      expect(job.inputs).toMatchObject({ project: 'my-lab-project', location: 'US', labels: { 'labs-env': 'bob' } });
      const query = job.inputs.query as { query: string; useLegacySql: boolean; createDisposition: string; writeDisposition: string };
      expect(query.useLegacySql).toBe(false);
      expect(query.createDisposition).toBe('');
      expect(query.writeDisposition).toBe('');
      expect(query.query).toMatch(/^CREATE OR REPLACE MODEL `my-lab-project\.ecommerce_bob\.classification_model(_2)?`/);
    }
    const ids = await value(bob.trainingJobIds);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^labs_bqml_bob_train_model_1_[0-9a-f]{12}$/);
  });

  it('gives a re-created environment (new expiry label) new training job ids', () => {
    const again = new BqmlClassification('labs-bqml-classification-bob-again', {
      ...base,
      envName: 'bob',
      ephemeral: true,
      trainOnDeploy: true,
      labels: { ...labels, 'labs-env': 'bob', 'labs-expires-at': '20261130t0300z' },
    });
    return value(again.trainingJobIds).then(async (ids) => {
      const first = await value(bob.trainingJobIds);
      expect(ids[0]).not.toBe(first[0]);
    });
  });

  it('refuses an invalid environment name', () => {
    expect(() => new BqmlClassification('bad', { ...base, envName: 'Bob Smith', ephemeral: true })).toThrow(
      'invalid environment name "Bob Smith"',
    );
  });
});
