import { environment, FOUNDATION_STACK, stackName } from '@labs/config';
import { awsLabsWithStacks } from '@labs/infra-aws';
import { REPO_ROOT, runCli } from '@labs/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsRuntimeIdentities, gcpRuntimeIdentities } from '../src/identity/runtime-identities';
import { SINK_LAB } from '@labs/infra-aws/src/bigquery-sink';
import { accessMismatches, LAB_CONTRACTS, labsWith } from '../src/lab-contract';
import { inventoryFindings, templateFindings, userDataText } from '../src/synth/keyless-checks';
import { secretScan } from './secret-scan';

/** AWS resource types that take tags: each must carry the environment tags. */
const TAGGABLE = [
  'AWS::EC2::Instance',
  'AWS::EC2::SecurityGroup',
  'AWS::IAM::Role',
  'AWS::KMS::Key',
  'AWS::Kinesis::Stream',
  'AWS::KinesisVideo::Stream',
  'AWS::Lambda::Function',
  'AWS::SNS::Topic',
  'AWS::Logs::LogGroup',
];
const ENV_KEYS = ['labs-lab', 'labs-env', 'labs-owner', 'labs-expires-at'];

type Resources = Parameters<typeof templateFindings>[1];
type Resource = { Type: string; Properties?: { Tags?: { Key: string; Value: string }[] | Record<string, string> } };

function tagsOf(resource: Resource): Record<string, string> {
  const tags = resource.Properties?.Tags;
  if (!tags) return {};
  return Array.isArray(tags) ? Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) : tags;
}

/**
 * One `labs synth --all` (the workspace's `cdk synth` with cdk-nag for the foundation and every AWS lab,
 * the GCP programs under Pulumi's mocks: about 40 s here) read by every check of its output: what it
 * writes, its tags and labels, the keyless checks, the secret scan and `labs identity`.
 */
describe('labs synth --all (offline, with the security checks)', () => {
  let out: string;
  let result: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'labs-synth-all-'));
    result = await runCli(['synth', '--all', '--env', 'ci-run', '--owner', 'ci@example.com', '--out', out, '--json'], {
      timeoutMs: 600_000,
    });
  }, 620_000);

  it('succeeds with zero unacknowledged cdk-nag or policy findings, one JSON document on stdout', () => {
    expect(result.stderr).not.toMatch(/unacknowledged finding/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ findings: [] });
  });

  it('writes a template for the foundation and every AWS lab stack, an inventory for every GCP lab and the GCP foundation', () => {
    const summary = JSON.parse(result.stdout) as { aws: { stack: string }[]; gcp: { name: string; resources: number }[] };
    const files = readdirSync(out);
    expect(summary.aws.map((s) => s.stack)).toContain('labs-foundation');
    expect(summary.gcp.map((g) => g.name)).toContain('gcp-labs-foundation');
    for (const { stack } of summary.aws) expect(files).toContain(`${stack}.template.json`);
    for (const { name, resources } of summary.gcp) {
      expect(files).toContain(`${name}.resources.json`);
      const inventory = JSON.parse(readFileSync(join(out, `${name}.resources.json`), 'utf8')) as {
        type: string;
        name: string;
        inputs: unknown;
      }[];
      expect(inventory).toHaveLength(resources);
      for (const entry of inventory) expect(Object.keys(entry).sort()).toEqual(['inputs', 'name', 'type']);
    }
  });

  it('tags every taggable resource of every environment template; the foundation carries no expiry', () => {
    const summary = JSON.parse(result.stdout) as { aws: { stack: string }[] };
    for (const { stack } of summary.aws) {
      const template = JSON.parse(readFileSync(join(out, `${stack}.template.json`), 'utf8')) as { Resources: Record<string, Resource> };
      for (const [id, resource] of Object.entries(template.Resources)) {
        const tags = tagsOf(resource);
        if (!TAGGABLE.includes(resource.Type) && !Object.keys(tags).length) continue;
        if (stack === 'labs-foundation') {
          expect([id, tags['labs-lab'], tags['labs-expires-at']]).toEqual([id, 'foundation', undefined]);
        } else {
          expect([id, ENV_KEYS.filter((key) => !tags[key])]).toEqual([id, []]);
          expect([id, tags['labs-env'], tags['labs-owner']]).toEqual([id, 'ci-run', 'ci@example.com']);
        }
      }
    }
  });

  it('labels every labelled GCP resource with lab, env, owner and a label-safe expiry', () => {
    const summary = JSON.parse(result.stdout) as { gcp: { name: string }[] };
    for (const { name } of summary.gcp.filter((g) => g.name !== 'gcp-labs-foundation')) {
      const inventory = JSON.parse(readFileSync(join(out, `${name}.resources.json`), 'utf8')) as {
        type: string;
        name: string;
        inputs: { labels?: Record<string, string> };
      }[];
      const labelled = inventory.filter((entry) => entry.inputs.labels);
      expect(labelled.length).toBeGreaterThan(0);
      for (const entry of labelled) {
        expect([entry.name, entry.inputs.labels?.['labs-env'], entry.inputs.labels?.['labs-owner']]).toEqual([
          entry.name,
          'ci-run',
          'ci_example_com',
        ]);
        expect(entry.inputs.labels?.['labs-expires-at']).toMatch(/^\d{8}t\d{4}z$/);
      }
    }
  });

  it('declares in each lab’s access exactly the runtimes and permissions its environment was synthesized with', () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(out, file), 'utf8'));
    for (const id of labsWith('infrastructure')) {
      const contract = LAB_CONTRACTS[id];
      if (contract.cloud === 'aws') {
        const stack = stackName(environment(id, 'ci-run'));
        const { Resources } = read(`${stack}.template.json`) as { Resources: Parameters<typeof awsRuntimeIdentities>[1] };
        // --all synthesizes kinesis-data with its BigQuery sink, in the config's project (or labs synth's example one)
        const project = /labs-sensor-sink@([a-z0-9-]+)\.iam/.exec(JSON.stringify(Resources))?.[1];
        const options = id === SINK_LAB ? ['--sink bigquery'] : [];
        expect(accessMismatches(contract, awsRuntimeIdentities(stack, Resources), { env: 'ci-run', project }, options)).toEqual([]);
      } else {
        const inventory = read(`${id}.resources.json`) as Parameters<typeof gcpRuntimeIdentities>[1];
        const project = String(inventory.find((entry) => entry.type === 'gcp:serviceaccount/account:Account')?.inputs.project);
        expect(accessMismatches(contract, gcpRuntimeIdentities(id, inventory), { env: 'ci-run', project })).toEqual([]);
      }
    }
  });

  it('writes exactly one template per cdk target, in order: the foundation, then every AWS lab stack', () => {
    const summary = JSON.parse(result.stdout) as { aws: { stack: string }[] };
    const stacks = [FOUNDATION_STACK, ...awsLabsWithStacks().map((lab) => stackName(environment(lab, 'ci-run')))];
    expect(summary.aws.map((s) => s.stack)).toEqual(stacks);
    expect(
      readdirSync(out)
        .filter((file) => file.endsWith('.template.json'))
        .sort(),
    ).toEqual(stacks.map((s) => `${s}.template.json`).sort());
    const lab = JSON.parse(readFileSync(join(out, `${stacks[1]}.template.json`), 'utf8')) as { Resources: object };
    expect(Object.keys(lab.Resources).length).toBeGreaterThan(10);
  });

  describe('keyless checks over its output and over the repository', () => {
    const templates = (): string[] => readdirSync(out).filter((file) => file.endsWith('.template.json'));
    const inventories = (): string[] => readdirSync(out).filter((file) => file.endsWith('.resources.json'));

    it('synthesizes no IAM user, access key, unacknowledged wildcard on * or instance without IMDSv2 in any template', () => {
      expect(result.code).toBe(0);
      expect(templates().length).toBeGreaterThanOrEqual(3);
      const findings = templates().flatMap((file) => {
        const template = JSON.parse(readFileSync(join(out, file), 'utf8')) as { Resources: Resources };
        return templateFindings(file, template.Resources);
      });
      expect(findings).toEqual([]);
    });

    it('declares no service-account or other static key, and no unconditioned provider, in any GCP inventory', () => {
      expect(inventories()).toContain('gcp-labs-foundation.resources.json');
      const findings = inventories().flatMap((file) =>
        inventoryFindings(file, JSON.parse(readFileSync(join(out, file), 'utf8')) as Parameters<typeof inventoryFindings>[1]),
      );
      expect(findings).toEqual([]);
    });

    it('finds no secret in the tracked files, the templates, the inventories or any instance user data', async () => {
      const userData: string[] = [];
      for (const file of templates()) {
        const template = JSON.parse(readFileSync(join(out, file), 'utf8')) as { Resources: Resources };
        for (const [id, resource] of Object.entries(template.Resources)) {
          if (resource.Type !== 'AWS::EC2::Instance' || !resource.Properties?.UserData) continue;
          const path = join(out, `${file}.${id}.user-data.sh`);
          writeFileSync(path, userDataText(resource.Properties.UserData));
          userData.push(path);
        }
      }
      expect(userData.length).toBeGreaterThanOrEqual(2);
      const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
      const generated = [...templates(), ...inventories()].map((file) => join(out, file));
      expect(await secretScan([...tracked, ...generated, ...userData])).toEqual([]);
    });

    it("labs identity --json reads each runtime's identity, token lifetime and permissions from the same output", async () => {
      const identity = await runCli(['identity', '--env', 'ci-run', '--out', out, '--json']);
      expect(identity.code).toBe(0);
      const { env, runtimes } = JSON.parse(identity.stdout) as {
        env: string;
        runtimes: { runtime: string; cloud: string; where: string; identity: string; token_lifetime: string; permissions: string[] }[];
      };
      expect(env).toBe('ci-run');
      const producers = runtimes.filter((r) => r.runtime === 'ec2');
      expect(producers.map((r) => r.where.split(' ')[0]).sort()).toEqual(['labs-kinesis-data-ci-run', 'labs-kinesis-video-ci-run']);
      for (const producer of producers) expect(producer.identity).toMatch(/through IMDSv2 \(session token required\)$/);
      expect(producers.flatMap((r) => r.permissions)).toEqual(expect.arrayContaining(['kinesis:PutRecords', 'kinesisvideo:PutMedia']));
      expect(runtimes.filter((r) => r.runtime === 'lambda').length).toBeGreaterThanOrEqual(3);
      expect(runtimes.find((r) => r.where.startsWith('labs-kinesis-data-ci-run SensorSink'))?.identity).toMatch(
        /^execution role labs-sensor-sink-ci-run, exchanged for GCP service account labs-sensor-sink@.* through workload identity federation/,
      );
      expect(runtimes.find((r) => r.where.includes('bqml-classification-ci-run'))?.identity).toMatch(/^service account bqml-ci-run@/);
      expect(runtimes.filter((r) => r.runtime === 'cli').map((r) => r.cloud)).toEqual(['aws', 'gcp']);
      for (const runtime of runtimes) expect(runtime.token_lifetime).not.toBe('');
    });

    it('labs identity names the missing environment and the command to run, exit 2', async () => {
      const missing = await runCli(['identity', '--env', 'nobody', '--out', out]);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim()).toBe(
        `error: no synthesized stack of environment "nobody" in ${out}: run labs synth --all --env nobody --out ${out} first`,
      );
    });
  });
});
