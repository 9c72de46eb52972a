import * as pulumi from '@pulumi/pulumi';
import { type InventoryEntry, recordingMocks } from '../src/inventory';

type Declared = InventoryEntry;

const declared: Declared[] = [];

pulumi.runtime.setMocks(
  recordingMocks(declared, (args, state) => {
    // The names Vertex AI gives these, as the lab's assertions read them.
    if (args.type === 'gcp:projects/serviceIdentity:ServiceIdentity')
      state.email = 'service-123456789@gcp-sa-aiplatform.iam.gserviceaccount.com';
    if (args.type === 'gcp:vertex/aiDataset:AiDataset') state.name = 'projects/123456789/locations/us-central1/datasets/4242';
  }),
  'labs-gcp',
  'labs-automl-vision-alice',
  false,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInventory } = require('../src/policy') as typeof import('../src/policy');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AutomlVision } = require('../src/components/automl-vision') as typeof import('../src/components/automl-vision');

const labels = {
  'labs-lab': 'automl-vision',
  'labs-env': 'alice',
  'labs-owner': 'alice_example_com',
  'labs-expires-at': '20261129t0300z',
};
const base = { project: 'my-lab-project', labels, ttlMs: 30 * 3_600_000 };
const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const alice = new AutomlVision('labs-automl-vision-alice', { ...base, envName: 'alice', owner: 'alice@example.com' });
const kept = new AutomlVision('labs-automl-vision-bob', {
  ...base,
  envName: 'bob',
  ephemeral: false,
  ttlMs: 1000,
  labels: { ...labels, 'labs-env': 'bob' },
});
const settled = Promise.all([
  value(alice.bucketName),
  value(alice.datasetName),
  value(alice.runnerServiceAccountEmail),
  value(kept.bucketName),
]);

const under = (prefix: string) => declared.filter((d) => d.name.startsWith(`${prefix}-`));
const one = (prefix: string, type: string): Declared => {
  const found = under(prefix).filter((d) => d.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} under ${prefix}, found ${found.length}`);
  return found[0]!;
};
const RUNNER = 'vcm-alice@my-lab-project.iam.gserviceaccount.com';

describe('AutomlVision', () => {
  beforeAll(async () => {
    await settled;
    // children that wait on outputs (the bucket grants) register later: wait for every outstanding registration
    await pulumi.runtime.disconnect();
  });

  it('is a labs:gcp:AutomlVision component whose children are named after it', () => {
    expect(declared.find((d) => d.name === 'labs-automl-vision-alice')?.type).toBe('labs:gcp:AutomlVision');
    expect(
      under('labs-automl-vision-alice')
        .map((d) => d.name)
        .sort(),
    ).toEqual([
      'labs-automl-vision-alice-bucket',
      'labs-automl-vision-alice-dataset',
      'labs-automl-vision-alice-owner-impersonates-runner',
      'labs-automl-vision-alice-runner',
      'labs-automl-vision-alice-runner-objects',
      'labs-automl-vision-alice-runner-vertex-user',
      'labs-automl-vision-alice-vertex-agent',
      'labs-automl-vision-alice-vertex-agent-reader',
    ]);
  });

  it('creates the <project>-vcm-<env> bucket in us-central1: uniform access, public access prevented, labelled, destroyable', async () => {
    expect(one('labs-automl-vision-alice', 'gcp:storage/bucket:Bucket').inputs).toEqual({
      project: 'my-lab-project',
      name: 'my-lab-project-vcm-alice',
      location: 'US-CENTRAL1',
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: true,
      labels,
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 2 } }],
      softDeletePolicy: { retentionDurationSeconds: 0 },
    });
    expect(await value(alice.bucketName)).toBe('my-lab-project-vcm-alice');
  });

  it('deletes objects from the TTL (at least a day) and keeps a non-ephemeral bucket and its deleted objects', () => {
    const bucket = one('labs-automl-vision-bob', 'gcp:storage/bucket:Bucket').inputs;
    expect(bucket).toMatchObject({
      name: 'my-lab-project-vcm-bob',
      forceDestroy: false,
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 1 } }],
    });
    expect(bucket.softDeletePolicy).toBeUndefined();
  });

  it('creates the clouds-<env> Vertex AI image dataset in us-central1 with the labels', async () => {
    expect(one('labs-automl-vision-alice', 'gcp:vertex/aiDataset:AiDataset').inputs).toEqual({
      project: 'my-lab-project',
      region: 'us-central1',
      displayName: 'clouds-alice',
      metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml',
      labels,
    });
    expect(await value(alice.datasetName)).toBe('projects/123456789/locations/us-central1/datasets/4242');
  });

  it('gives the runner Vertex AI use in the project and object admin on this bucket only', async () => {
    expect(one('labs-automl-vision-alice', 'gcp:serviceaccount/account:Account').inputs.accountId).toBe('vcm-alice');
    expect(await value(alice.runnerServiceAccountEmail)).toBe(RUNNER);
    expect(one('labs-automl-vision-alice', 'gcp:projects/iAMMember:IAMMember').inputs).toEqual({
      project: 'my-lab-project',
      role: 'roles/aiplatform.user',
      member: `serviceAccount:${RUNNER}`,
    });
    const grants = under('labs-automl-vision-alice').filter((d) => d.type === 'gcp:storage/bucketIAMMember:BucketIAMMember');
    expect(grants.map((g) => g.inputs)).toEqual([
      { bucket: 'my-lab-project-vcm-alice', role: 'roles/storage.objectAdmin', member: `serviceAccount:${RUNNER}` },
      {
        bucket: 'my-lab-project-vcm-alice',
        role: 'roles/storage.objectViewer',
        member: 'serviceAccount:service-123456789@gcp-sa-aiplatform.iam.gserviceaccount.com',
      },
    ]);
    expect(one('labs-automl-vision-alice', 'gcp:projects/serviceIdentity:ServiceIdentity').inputs).toEqual({
      project: 'my-lab-project',
      service: 'aiplatform.googleapis.com',
    });
  });

  it('lets the owner impersonate the runner, on that account only; without an owner nobody may', () => {
    expect(one('labs-automl-vision-alice', 'gcp:serviceaccount/iAMMember:IAMMember').inputs).toEqual({
      serviceAccountId: `projects/my-lab-project/serviceAccounts/${RUNNER}`,
      role: 'roles/iam.serviceAccountTokenCreator',
      member: 'user:alice@example.com',
    });
    expect(under('labs-automl-vision-bob').some((d) => d.type === 'gcp:serviceaccount/iAMMember:IAMMember')).toBe(false);
  });

  it('grants no primitive or admin project role, uses no bindings or policies, and enables no API', () => {
    const roles = under('labs-automl-vision-alice')
      .map((d) => d.inputs.role)
      .filter((role) => role !== undefined);
    expect(roles.sort()).toEqual([
      'roles/aiplatform.user',
      'roles/iam.serviceAccountTokenCreator',
      'roles/storage.objectAdmin',
      'roles/storage.objectViewer',
    ]);
    expect(declared.some((d) => /(IAMBinding|IAMPolicy|IamBinding|IamPolicy)$/.test(d.type))).toBe(false);
    expect(declared.some((d) => d.type === 'gcp:projects/service:Service')).toBe(false);
  });

  it('passes the GCP policy check (labels on the bucket and dataset, bucket security, no primitive roles)', () => {
    expect(checkInventory(declared)).toEqual([]);
  });

  it('refuses an invalid environment name or owner', () => {
    expect(() => new AutomlVision('bad', { ...base, envName: 'Bob Smith' })).toThrow('invalid environment name "Bob Smith"');
    expect(() => new AutomlVision('bad-owner', { ...base, envName: 'carol', owner: 'carol' })).toThrow(
      'invalid owner "carol": use an email or user:/group:/serviceAccount:<email>',
    );
  });
});
