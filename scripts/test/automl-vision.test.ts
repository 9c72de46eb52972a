import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hourlyCost, loadProjectConfig, parseProjectConfig, totalPerHour, type ProjectConfig } from '@labs/config';
import type { CostQuestion } from '@labs/vertex-automl';
import { runCli } from '@labs/testing';
import { automlEndpointCosts, localAutoml, runAutoml, teardownAutoml, type AutomlRunDeps } from '../src/labs/automl-vision';
import { FakeBucket, FakeClock, FakeVertex } from '../../packages/vertex-automl/test/fake-vertex';
import { CLOUDS, imageFolder, tinyPng } from '../../packages/vertex-automl/test/images';
import { captureOutput } from './capture-output';

const PROJECT = 'my-lab-project';
const BUCKET = 'my-lab-project-vcm-alice';
const LABELS = { 'labs-lab': 'automl-vision', 'labs-env': 'alice', 'labs-owner': 'alice_example_com', 'labs-expires-at': '20261129t0300z' };
const config: ProjectConfig = parseProjectConfig({ gcp: { project: PROJECT } });

/** A deployed environment's dataset in a fake Vertex AI, with a fake bucket, clock and consent. */
function world(answer = true) {
  const bucket = new FakeBucket();
  const vertex = new FakeVertex(bucket, BUCKET);
  vertex.addDataset(PROJECT, 'alice', LABELS);
  const questions: { question: CostQuestion; yes: boolean }[] = [];
  const connected: string[] = [];
  const deps: AutomlRunDeps = {
    vertex: async (region) => (connected.push(`vertex ${region}`), vertex),
    bucket: async (project, name) => (connected.push(`bucket ${project} ${name}`), bucket),
    loadConfig: () => config,
    clock: new FakeClock(),
    confirm: async (question, yes) => (questions.push({ question, yes }), answer),
  };
  return { bucket, vertex, deps, questions, connected };
}

describe('labs run automl-vision (injected Vertex AI, bucket and clock)', () => {
  const images = imageFolder(CLOUDS);
  const out = mkdtempSync(join(tmpdir(), 'automl-run-'));
  const chart = join(out, 'eval-<env>.svg');
  const w = world();

  it('runs upload, import, train, evaluate, deploy and predict; prints the evaluation and predictions; writes the chart', async () => {
    const predict = [join(images, 'cumulonimbus', 'cumulonimbus-2.png')];
    const result = await captureOutput(() =>
      runAutoml(['--env', 'alice', '--images', images, '--predict', ...predict, '--chart', chart], w.deps),
    );
    expect(result.code).toBe(0);
    expect(w.connected).toEqual(['vertex us-central1', `bucket ${PROJECT} ${BUCKET}`]);
    expect(w.vertex.calls.map((c) => c.method).filter((m) => /^(import|create|deploy|predict)/.test(m))).toEqual([
      'importData',
      'createTrainingPipeline',
      'createEndpoint',
      'deployModel',
      'predict',
    ]);
    expect(w.questions.map((q) => [q.question.step, q.yes])).toEqual([
      ['train', false],
      ['deploy', false],
    ]);
    expect(result.stderr).toContain('[train]');
    expect(result.stderr).toContain('Ctrl-C stops waiting, not training: the next run follows the same pipeline');
    expect(result.stderr).toMatch(/trainingPipelines\/\d+: RUNNING after 1 min/);
    expect(result.stdout).toContain('label         precision  recall  f1     at confidence');
    expect(result.stdout).toContain('cirrus        1.000      0.500   0.850  0.50');
    expect(result.stdout).toContain('Confusion matrix (rows: true label, columns: predicted label)');
    expect(result.stdout).toContain('$1.375/hour while deployed');
    expect(result.stdout).toMatch(/cumulonimbus-2\.png\s+cumulonimbus\s+0\.930/);
    expect(readFileSync(join(out, 'eval-alice.svg'), 'utf8')).toContain('clouds model (alice)');
  });

  it('a second run with --json skips what is done and prints one JSON document', async () => {
    const calls = w.vertex.calls.length;
    const result = await captureOutput(() =>
      runAutoml(['--env', 'alice', '--images', images, '--yes', '--json', '--chart', chart], w.deps),
    );
    const report = JSON.parse(result.stdout) as {
      upload: { skipped: number };
      import: { skipped: boolean };
      training: { skipped: boolean };
      deployment: { skipped: boolean };
    };
    expect([report.upload.skipped, report.import.skipped, report.training.skipped, report.deployment.skipped]).toEqual([
      60,
      true,
      true,
      true,
    ]);
    expect(w.vertex.calls.slice(calls).map((c) => c.method)).not.toContain('createTrainingPipeline');
  });

  it('--step undeploy undeploys and deletes the endpoint', async () => {
    const result = await captureOutput(() => runAutoml(['--env', 'alice', '--step', 'undeploy'], w.deps));
    expect(result.stdout).toMatch(/^undeployed and deleted projects\/my-lab-project\/locations\/us-central1\/endpoints\/\d+$/m);
    expect(w.vertex.endpointsByName.size).toBe(0);
  });

  it('trains nothing when consent is refused', async () => {
    const refused = world(false);
    await expect(
      captureOutput(() => runAutoml(['--env', 'alice', '--images', images, '--step', 'upload', 'import', 'train'], refused.deps)),
    ).rejects.toThrow('not trained: consent was not given');
    expect(refused.vertex.requests('createTrainingPipeline')).toEqual([]);
  });

  it('refuses bad flags before connecting, with one-line errors', async () => {
    const bad = world();
    const refuse = (args: string[]) => expect(runAutoml(['--env', 'alice', ...args], bad.deps)).rejects;
    await refuse(['--budget', '100']).toThrow(
      'invalid training budget 100 milli node hours: use an integer from 8000 (8 node hours) to 800000',
    );
    await refuse(['--threshold', 'high']).toThrow('invalid --threshold "high": expected a number');
    await refuse(['--nodes', '0']).toThrow('invalid node count 0: use an integer from 1 to 10');
    await refuse(['--step', 'fly']).toThrow(
      'unknown step "fly": expected one of upload, import, train, evaluate, deploy, predict, undeploy',
    );
    await refuse(['--images', images, '--csv', 'data.csv']).toThrow('give either --images DIR or --csv FILE, not both');
    await refuse(['--predict', join(out, 'missing.jpg')]).toThrow(`cannot read image "${join(out, 'missing.jpg')}": ENOENT`);
    const big = join(out, 'big.png');
    writeFileSync(big, Buffer.alloc(1_600_000));
    await refuse(['--predict', big]).toThrow(
      `cannot predict "${big}": 1600000 bytes, over the 1.5 MB limit of online prediction; resize it`,
    );
    await expect(runAutoml(['--env', 'alice'], { ...bad.deps, loadConfig: () => parseProjectConfig({}) })).rejects.toThrow(
      'no GCP project for lab automl-vision: gcp.project is not set in labs.config.json',
    );
    expect(bad.connected).toEqual([]);
  });
});

describe('teardown hook and status cost', () => {
  it('teardownAutoml undeploys the environment endpoints; automlEndpointCosts reports them while deployed', async () => {
    const w = world();
    const images = imageFolder(CLOUDS);
    await captureOutput(() =>
      runAutoml(['--env', 'alice', '--images', images, '--yes', '--nodes', '2', '--chart', join(images, 'chart.svg')], w.deps),
    );
    expect(await automlEndpointCosts(w.deps)).toEqual([
      { endpoint: expect.stringMatching(/endpoints\/\d+$/), env: 'alice', nodes: 2, usdPerHour: 2.75 },
    ]);
    const outcomes = await teardownAutoml('alice', w.deps);
    expect(outcomes).toEqual([{ endpoint: expect.stringMatching(/endpoints\/\d+$/), undeployed: [expect.any(String)], deleted: true }]);
    expect(await automlEndpointCosts(w.deps)).toEqual([]);
    expect(await teardownAutoml('alice', w.deps)).toEqual([]);
  });
});

describe('labs run automl-vision without Google credentials (a real CLI process)', () => {
  it('says what to do in one line and exits 3, instead of crashing in the SDK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'automl-no-adc-'));
    const configFile = join(dir, 'labs.config.json');
    writeFileSync(configFile, JSON.stringify({ gcp: { project: PROJECT } }));
    const missing = join(dir, 'no-such-adc.json');
    const result = await runCli(['run', 'automl-vision', '--env', 'alice', '--step', 'undeploy'], {
      env: { LABS_CONFIG_FILE: configFile, GOOGLE_APPLICATION_CREDENTIALS: missing },
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^error: Vertex AI needs Application Default Credentials: .*no-such-adc\.json.* \(run 'gcloud auth application-default login'; never a key file\)$/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('labs local automl-vision (a real CLI process, offline)', () => {
  it('--json prints the rows with their split and the label counts, nothing else on stdout', async () => {
    const dir = imageFolder(CLOUDS);
    const result = await runCli(['local', 'automl-vision', '--images', dir, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { rows: { path: string; label: string; ml_use: string }[]; labels: Record<string, number> };
    expect(Object.keys(doc)).toEqual(['rows', 'labels']);
    expect(doc.labels).toEqual({ cirrus: 20, cumulonimbus: 20, cumulus: 20 });
    expect(doc.rows).toHaveLength(60);
    expect(Object.keys(doc.rows[0]!)).toEqual(['path', 'label', 'ml_use']);
    expect(doc.rows).toContainEqual({
      path: 'cumulus/cumulus-3.png',
      label: 'cumulus',
      ml_use: expect.stringMatching(/^(training|validation|test)$/),
    });
    for (const label of Object.keys(CLOUDS)) {
      const uses = doc.rows.filter((row) => row.label === label).map((row) => row.ml_use);
      expect(['training', 'validation', 'test'].map((use) => uses.filter((u) => u === use).length)).toEqual([16, 2, 2]);
    }
  });

  it('an empty label folder is an error naming the label: one line, exit 2, no stack trace', async () => {
    const dir = imageFolder({ cirrus: 12, cumulonimbus: 0, cumulus: 12 });
    const result = await runCli(['local', 'automl-vision', '--images', dir, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('error: the image folder cannot be imported: 1 problem(s): label "cumulonimbus" has no images');
  });

  it('prints the split per label and writes data.csv with the placeholder bucket, in process', async () => {
    const dir = imageFolder({ cirrus: 10, cumulus: 11 });
    writeFileSync(join(dir, 'cirrus', 'extra.png'), tinyPng(999));
    const csv = join(dir, 'data.csv.out');
    const result = await captureOutput(() => localAutoml(['--images', dir, '--data-csv', csv]));
    expect(result.stdout).toContain('22 images in 2 labels would be imported');
    expect(result.stdout).toMatch(/cirrus\s+11\s+9\s+1\s+1/);
    expect(existsSync(csv)).toBe(true);
    expect(readFileSync(csv, 'utf8')).toMatch(/^(training|validation|test),gs:\/\/placeholder\/cirrus\/cirrus-0\.png,cirrus$/m);
  });
});

describe('labs synth automl-vision (a real CLI process, Pulumi mocks, GCP policy check)', () => {
  it('declares the lab resources with no policy finding', async () => {
    const out = mkdtempSync(join(tmpdir(), 'automl-synth-'));
    const result = await runCli(['synth', 'automl-vision', '--env', 'ci-run', '--owner', 'ci@example.com', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ gcp: [{ name: 'automl-vision', resources: 9 }], findings: [] });
    const inventory = JSON.parse(readFileSync(join(out, 'automl-vision.resources.json'), 'utf8')) as {
      type: string;
      inputs: Record<string, unknown>;
    }[];
    expect(inventory.find((entry) => entry.type === 'gcp:storage/bucket:Bucket')?.inputs).toMatchObject({
      name: 'labs-synth-project-vcm-ci-run',
      location: 'US-CENTRAL1',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      labels: { 'labs-lab': 'automl-vision', 'labs-env': 'ci-run', 'labs-owner': 'ci_example_com' },
    });
    expect(inventory.find((entry) => entry.type === 'gcp:vertex/aiDataset:AiDataset')?.inputs).toMatchObject({
      displayName: 'clouds-ci-run',
      region: 'us-central1',
    });
    // The owner given to labs (an email) may impersonate the runner: the stack config reaches the component.
    expect(
      inventory.filter((entry) => entry.inputs.role === 'roles/iam.serviceAccountTokenCreator').map((entry) => entry.inputs.member),
    ).toEqual(['user:ci@example.com']);
  });
});

describe('labs.config.json prices', () => {
  it('has a training node hour price beside the endpoint node hour', () => {
    const dir = mkdtempSync(join(tmpdir(), 'automl-config-'));
    writeFileSync(join(dir, 'labs.config.json'), JSON.stringify({ prices: { vertexTrainingNodeHour: 4 } }));
    expect(loadProjectConfig(dir).prices).toMatchObject({ vertexTrainingNodeHour: 4, vertexEndpointNodeHour: 1.375 });
    expect(config.prices.vertexTrainingNodeHour).toBe(3.465);
  });

  it('prices an idle environment with the endpoint hour as the worst case, and names training as a one-off', () => {
    const lines = hourlyCost('automl-vision', config.prices);
    expect(lines.map((line) => line.usdPerHour)).toEqual([0.02 / 730, 1.375, 0]);
    expect(lines[2]!.item).toBe('AutoML training, once, not hourly: at most 8 node hours = $27.72 (labs run asks first)');
    expect(totalPerHour(lines)).toBeCloseTo(1.375027, 6);
  });
});
