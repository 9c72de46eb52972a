import * as pulumi from '@pulumi/pulumi';
import { environment } from '@labs/config';
import type { BqmlClassificationArgs } from '../src/components/bqml-classification';
import { recordingMocks } from '../src/inventory';

pulumi.runtime.setMocks(recordingMocks([]), 'labs-gcp', 'labs-bqml-classification-alice', false);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defineProgram } = require('../src/program') as typeof import('../src/program');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readStackConfig } = require('../src/stack-config') as typeof import('../src/stack-config');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defineLab, LAB_COMPONENTS } = require('../src/labs') as typeof import('../src/labs');

const NOW = new Date('2026-12-04T10:00:00Z');
const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

/** Stack config as `labs up` sets it. */
function configure(values: Record<string, string>): void {
  pulumi.runtime.setAllConfig({
    'gcp:project': 'my-lab-project',
    'labs:lab': 'bqml-classification',
    'labs:env': 'alice',
    'labs:owner': 'alice@example.com',
    'labs:maxTtl': '7d',
    ...values,
  });
}

describe('the GCP program refuses an environment without a valid expiry within the maximum', () => {
  it.each([
    ['missing', {}, 'missing labs:expiresAt: every environment needs an expiry'],
    ['malformed', { 'labs:expiresAt': 'tomorrow' }, 'invalid labs:expiresAt "tomorrow"'],
    ['past', { 'labs:expiresAt': '2026-12-04T09:59:00Z' }, 'labs:expiresAt "2026-12-04T09:59:00Z" has passed'],
    ['beyond labs:maxTtl', { 'labs:expiresAt': '2026-12-11T10:01:00Z' }, 'is more than the maximum TTL 7d from now'],
    ['beyond a lowered maximum', { 'labs:expiresAt': '2026-12-04T15:00:00Z', 'labs:maxTtl': '4h' }, 'maximum TTL 4h'],
  ])('%s', (_case, values, message) => {
    configure(values);
    expect(() => readStackConfig(NOW)).toThrow(message);
  });

  it('accepts an expiry within the maximum', () => {
    configure({ 'labs:expiresAt': '2026-12-11T10:00:00Z' });
    expect(readStackConfig(NOW)).toMatchObject({ kind: 'environment', expiresAt: new Date('2026-12-11T10:00:00Z') });
  });
});

describe('stack outputs', () => {
  it("export the environment record (owner as given) and every output of the lab's component", async () => {
    configure({ 'labs:expiresAt': '2026-12-04T14:00:00Z', 'labs:kmsKeyName': 'projects/p/locations/us/keyRings/r/cryptoKeys/k' });
    const outputs = defineProgram(readStackConfig(NOW), NOW);
    expect(Object.keys(outputs).sort()).toEqual(
      ['datasetId', 'env', 'expiresAt', 'lab', 'labels', 'owner', 'runnerServiceAccountEmail', 'trainingJobIds'].sort(),
    );
    const resolved = Object.fromEntries(await Promise.all(Object.entries(outputs).map(async ([k, v]) => [k, await value(v)])));
    expect(resolved).toMatchObject({
      lab: 'bqml-classification',
      env: 'alice',
      owner: 'alice@example.com',
      expiresAt: '2026-12-04T14:00:00Z',
      datasetId: 'ecommerce_alice',
      runnerServiceAccountEmail: 'bqml-alice@my-lab-project.iam.gserviceaccount.com',
    });
  });

  it("export the foundation's federation, sensor table and GitHub deploy outputs from the config labs bootstrap sets", async () => {
    pulumi.runtime.setAllConfig({
      'gcp:project': 'my-lab-project',
      'labs:foundation': 'true',
      'labs:federationGeneration': 'k3x9qa',
      'labs:awsAccountId': '123456789012',
      'labs:githubRepository': 'octo-org/labs',
      'labs:githubBranch': 'release',
    });
    const target = readStackConfig(NOW);
    expect(target).toMatchObject({ kind: 'foundation', githubRepository: 'octo-org/labs', githubBranch: 'release' });
    const outputs = defineProgram(target, NOW);
    const resolved = Object.fromEntries(await Promise.all(Object.entries(outputs).map(async ([k, v]) => [k, await value(v)])));
    expect(resolved).toMatchObject({
      sensorDatasetId: 'labs_sensors',
      sensorTableId: 'sensor_readings',
      ciProviderName: 'projects/123456789012/locations/global/workloadIdentityPools/labs-gh-k3x9qa/providers/github-k3x9qa',
      ciServiceAccountEmail: 'labs-ci-deploy@my-lab-project.iam.gserviceaccount.com',
    });
  });

  it('maps stack config to the component args: the configured key and the owner as impersonator reach the component', () => {
    const args = LAB_COMPONENTS['bqml-classification'].args(
      {
        project: 'my-lab-project',
        region: 'us-central1',
        zone: 'us-central1-a',
        environment: environment('bqml-classification', 'alice'),
        owner: 'alice@example.com',
        expiresAt: new Date('2026-12-04T14:00:00Z'),
        kmsKeyName: 'projects/p/locations/us/keyRings/r/cryptoKeys/k',
      },
      NOW,
    );
    expect(args).toMatchObject({
      kmsKeyName: 'projects/p/locations/us/keyRings/r/cryptoKeys/k',
      impersonators: ['user:alice@example.com'],
      defaultTableExpirationMs: 4 * 3_600_000,
    });
  });

  it('is refused for a lab without a GCP component (an AWS lab id in the Pulumi program)', () => {
    expect(() =>
      defineProgram(
        {
          kind: 'environment',
          project: 'my-lab-project',
          region: 'us-central1',
          zone: 'us-central1-a',
          environment: environment('kinesis-data', 'alice'),
          owner: 'alice',
          expiresAt: new Date('2026-12-04T14:00:00Z'),
        },
        NOW,
      ),
    ).toThrow('lab "kinesis-data" has no GCP component; GCP labs with components: bqml-classification, teradata-migration, automl-vision');
  });
});

describe('per-lab args (checked by the type checker: `pnpm typecheck` fails if these lines compile)', () => {
  it('a stack config value the component does not take is a type error', () => {
    const bqml = LAB_COMPONENTS['bqml-classification'];
    const definition = defineLab<BqmlClassificationArgs>()({
      create: bqml.create,
      args: (config, now) => ({
        ...bqml.args(config, now),
        // @ts-expect-error BqmlClassification has no region: a value handed to it that it does not take fails to compile
        region: config.region,
      }),
    });
    expect(definition.create).toBe(LAB_COMPONENTS['bqml-classification'].create);
  });
});
