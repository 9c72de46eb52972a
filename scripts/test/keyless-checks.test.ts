import { REPO_ROOT, runCli } from '@labs/testing';
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inventoryFindings, templateFindings, userDataText, WILDCARD_ACKNOWLEDGEMENTS } from '../src/synth/keyless-checks';

type Resources = Parameters<typeof templateFindings>[1];
const execFileAsync = promisify(execFile);

interface SecretlintResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string; readonly message: string }[];
}

/** secretlint (recommended preset, the repository's `.secretlintrc.json`) over files; the findings, one per line. */
async function secretScan(files: readonly string[]): Promise<string[]> {
  const bin = join(REPO_ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const run = await execFileAsync(
    process.execPath,
    [bin, '--secretlintrc', join(REPO_ROOT, '.secretlintrc.json'), '--format', 'json', '--maskSecrets', ...files],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
  const results = JSON.parse(run.stdout) as SecretlintResult[];
  return results.flatMap((result) => result.messages.map((message) => `${result.filePath}: ${message.ruleId} ${message.message}`));
}

describe('keyless checks (pure): what fails the build', () => {
  const instance = (metadata?: object): Resources[string] => ({
    Type: 'AWS::EC2::Instance',
    Properties: metadata ? { MetadataOptions: metadata } : {},
  });
  const policy = (statement: object): Resources[string] => ({
    Type: 'AWS::IAM::Policy',
    Properties: { PolicyDocument: { Statement: [statement] } },
  });

  it('finds IAM users, access keys, instances and launch templates without IMDSv2, and unacknowledged wildcards on *', () => {
    const findings = templateFindings('bad', {
      User: { Type: 'AWS::IAM::User' },
      Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'User' } } },
      Optional: instance({ HttpTokens: 'optional' }),
      Unset: instance(),
      Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: {} } },
      S3All: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      Everything: policy({ Effect: 'Allow', Action: '*', Resource: ['*'] }),
      NotAction: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::bucket' }),
      // The same actions a key policy may hold, outside a key policy, are not acknowledged.
      NotAKey: policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
    });
    expect(findings.map((f) => `${f.check} ${f.where}`)).toEqual([
      'iam-user bad User',
      'access-key bad Key',
      'imdsv2 bad Optional',
      'imdsv2 bad Unset',
      'imdsv2 bad Template',
      'wildcard-action bad S3All',
      'wildcard-action bad Everything',
      'wildcard-action bad NotAction',
      'wildcard-action bad NotAKey',
    ]);
  });

  it('accepts IMDSv2 required, scoped or wildcard-free grants, denies, and the acknowledged key policy statements', () => {
    expect(
      templateFindings('good', {
        Instance: instance({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 }),
        Scoped: policy({ Effect: 'Allow', Action: 'kinesis:Put*', Resource: 'arn:aws:kinesis:eu-west-1:123456789012:stream/x' }),
        Exact: policy({ Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: '*' }),
        Deny: policy({ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }),
        Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] } } },
      }),
    ).toEqual([]);
    for (const acknowledgement of WILDCARD_ACKNOWLEDGEMENTS) expect(acknowledgement.reason.length).toBeGreaterThan(20);
  });

  it('finds service-account and other static keys, and providers without an attribute condition, in a GCP inventory', () => {
    const findings = inventoryFindings('gcp', [
      { type: 'gcp:serviceaccount/key:Key', name: 'sa-key', inputs: {} },
      { type: 'gcp:storage/hmacKey:HmacKey', name: 'hmac', inputs: {} },
      { type: 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider', name: 'open', inputs: { aws: {} } },
      { type: 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider', name: 'closed', inputs: { attributeCondition: 'true' } },
    ]);
    expect(findings.map((f) => `${f.check} ${f.where}`)).toEqual([
      'service-account-key gcp sa-key',
      'service-account-key gcp hmac',
      'federation-condition gcp open',
    ]);
  });

  it('renders user data from its Fn::Base64 / Fn::Join form', () => {
    expect(userDataText({ 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\nexport STREAM=', { Ref: 'Stream' }, '\n']] } })).toBe(
      '#!/bin/bash\nexport STREAM=${{"Ref":"Stream"}}\n',
    );
  });

  it('has a secret scanner that does find a planted AWS secret key and a service-account private key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labs-planted-'));
    const keyId = `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;
    writeFileSync(
      join(dir, 'user-data.sh'),
      `export aws_access_key_id=${keyId}\nexport aws_secret_access_key=${randomBytes(30).toString('base64')}\n`,
    );
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'key.json'), JSON.stringify({ type: 'service_account', private_key: privateKey }));
    const findings = await secretScan([join(dir, 'user-data.sh'), join(dir, 'key.json')]);
    expect(findings.some((f) => f.includes('user-data.sh') && f.includes('secretlint-rule-aws'))).toBe(true);
    expect(findings.some((f) => f.includes('key.json') && f.includes('secretlint-rule-privatekey'))).toBe(true);
  });
});

describe('keyless checks over what `labs synth --all` produces and over the repository', () => {
  let out: string;
  let templates: string[];
  let inventories: string[];
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'labs-keyless-'));
    const result = await runCli(['synth', '--all', '--env', 'ci-keys', '--owner', 'ci@example.com', '--out', out, '--json'], {
      timeoutMs: 600_000,
    });
    if (result.code !== 0) throw new Error(`labs synth --all failed: ${result.stderr}`);
    templates = readdirSync(out).filter((file) => file.endsWith('.template.json'));
    inventories = readdirSync(out).filter((file) => file.endsWith('.resources.json'));
  }, 620_000);

  it('synthesizes no IAM user, access key, unacknowledged wildcard on * or instance without IMDSv2 in any template', () => {
    expect(templates.length).toBeGreaterThanOrEqual(3);
    const findings = templates.flatMap((file) => {
      const template = JSON.parse(readFileSync(join(out, file), 'utf8')) as { Resources: Resources };
      return templateFindings(file, template.Resources);
    });
    expect(findings).toEqual([]);
  });

  it('declares no service-account or other static key, and no unconditioned provider, in any GCP inventory', () => {
    expect(inventories).toContain('gcp-labs-foundation.resources.json');
    const findings = inventories.flatMap((file) =>
      inventoryFindings(file, JSON.parse(readFileSync(join(out, file), 'utf8')) as Parameters<typeof inventoryFindings>[1]),
    );
    expect(findings).toEqual([]);
  });

  it('finds no secret in the tracked files, the templates, the inventories or any instance user data', async () => {
    const userData: string[] = [];
    for (const file of templates) {
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
    const generated = [...templates, ...inventories].map((file) => join(out, file));
    expect(await secretScan([...tracked, ...generated, ...userData])).toEqual([]);
  });

  it("labs identity --json reads each runtime's identity, token lifetime and permissions from the same output", async () => {
    const result = await runCli(['identity', '--env', 'ci-keys', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const { env, runtimes } = JSON.parse(result.stdout) as {
      env: string;
      runtimes: { runtime: string; cloud: string; where: string; identity: string; token_lifetime: string; permissions: string[] }[];
    };
    expect(env).toBe('ci-keys');
    const producers = runtimes.filter((r) => r.runtime === 'ec2');
    expect(producers.map((r) => r.where.split(' ')[0]).sort()).toEqual(['labs-kinesis-data-ci-keys', 'labs-kinesis-video-ci-keys']);
    for (const producer of producers) expect(producer.identity).toMatch(/through IMDSv2 \(session token required\)$/);
    expect(producers.flatMap((r) => r.permissions)).toEqual(expect.arrayContaining(['kinesis:PutRecords', 'kinesisvideo:PutMedia']));
    expect(runtimes.filter((r) => r.runtime === 'lambda').length).toBeGreaterThanOrEqual(3);
    expect(runtimes.find((r) => r.where.includes('bqml-classification-ci-keys'))?.identity).toMatch(/^service account bqml-ci-keys@/);
    expect(runtimes.filter((r) => r.runtime === 'cli').map((r) => r.cloud)).toEqual(['aws', 'gcp']);
    for (const runtime of runtimes) expect(runtime.token_lifetime).not.toBe('');
  });

  it('labs identity names the missing environment and the command to run, exit 2', async () => {
    const result = await runCli(['identity', '--env', 'nobody', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `error: no synthesized stack of environment "nobody" in ${out}: run labs synth --all --env nobody --out ${out} first`,
    );
  });
});
