import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryFindings, templateFindings, userDataText, WILDCARD_ACKNOWLEDGEMENTS } from '../src/synth/keyless-checks';
import { secretScan } from './secret-scan';

type Resources = Parameters<typeof templateFindings>[1];

// The same checks over what `labs synth --all` produces, and the secret scan of the repository, run in
// synth-all.test.ts, on its one synthesis.

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
