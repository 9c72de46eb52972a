import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environment, stackName } from '@labs/config';
import { runCli } from '@labs/testing';
import { awsRuntimeIdentities, gcpRuntimeIdentities } from '../src/identity/runtime-identities';
import { accessMismatches, LAB_CONTRACTS, labsWith } from '../src/lab-contract';

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

type Resource = { Type: string; Properties?: { Tags?: { Key: string; Value: string }[] | Record<string, string> } };

function tagsOf(resource: Resource): Record<string, string> {
  const tags = resource.Properties?.Tags;
  if (!tags) return {};
  return Array.isArray(tags) ? Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) : tags;
}

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
        expect(accessMismatches(contract, awsRuntimeIdentities(stack, Resources), { env: 'ci-run' })).toEqual([]);
      } else {
        const inventory = read(`${id}.resources.json`) as Parameters<typeof gcpRuntimeIdentities>[1];
        const project = String(inventory.find((entry) => entry.type === 'gcp:serviceaccount/account:Account')?.inputs.project);
        expect(accessMismatches(contract, gcpRuntimeIdentities(id, inventory), { env: 'ci-run', project })).toEqual([]);
      }
    }
  });
});
