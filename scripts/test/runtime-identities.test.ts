import { awsExternalAccountConfig } from '@labs/config';
import { inventoryOf } from '@labs/infra-gcp/src/inventory';
import { awsRuntimeIdentities, gcpRuntimeIdentities } from '../src/identity/runtime-identities';

const POOLS = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools';

describe('runtime identities read from templates and inventories', () => {
  it("gives an EC2 instance its instance role, through IMDSv2 or not, with the role's allowed actions", () => {
    const resources = {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'kinesis:PutRecords' }] } }] },
      },
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: ['kms:GenerateDataKey'] },
              { Effect: 'Deny', Action: 's3:*' },
            ],
          },
        },
      },
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Role' }] } },
      Safe: {
        Type: 'AWS::EC2::Instance',
        Properties: { IamInstanceProfile: { Ref: 'Profile' }, MetadataOptions: { HttpTokens: 'required' } },
      },
      Open: { Type: 'AWS::EC2::Instance', Properties: { IamInstanceProfile: { Ref: 'Profile' } } },
    };
    const [safe, open] = awsRuntimeIdentities('stack', resources);
    expect(safe).toMatchObject({
      runtime: 'ec2',
      where: 'stack Safe',
      identity: 'instance role Role through IMDSv2 (session token required)',
    });
    expect(safe?.permissions).toEqual(['kinesis:PutRecords', 'kms:GenerateDataKey']);
    expect(open?.identity).toBe('instance role Role through IMDSv1 (NOT required to use a session token)');
  });

  it('gives a Lambda function its execution role and managed policies by name', () => {
    const [fn] = awsRuntimeIdentities('stack', {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ManagedPolicyArns: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
          ],
        },
      },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    });
    expect(fn).toMatchObject({
      runtime: 'lambda',
      identity: 'execution role Role',
      permissions: ['managed policy service-role/AWSLambdaBasicExecutionRole'],
    });
  });

  it('gives the BigQuery sensor sink its named role, the GCP service account it federates into and the token lifetimes', () => {
    const credentials = awsExternalAccountConfig({
      providerName: 'projects/123456789012/locations/global/workloadIdentityPools/labs-aws-7f3a/providers/labs-aws-7f3a',
      serviceAccountEmail: 'labs-sensor-sink@my-proj.iam.gserviceaccount.com',
    });
    const [sink] = awsRuntimeIdentities('labs-kinesis-data-alice', {
      Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'labs-sensor-sink-alice' } },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['kinesis:GetRecords'] }] } },
      },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Environment: { Variables: { LABS_SINK_CREDENTIALS: JSON.stringify(credentials), LABS_SINK_TABLE: 'sensor_readings' } },
        },
      },
    });
    expect(sink).toMatchObject({
      runtime: 'lambda',
      identity:
        'execution role labs-sensor-sink-alice, exchanged for GCP service account labs-sensor-sink@my-proj.iam.gserviceaccount.com through workload identity federation (OAuth 2.0 token exchange, no key)',
      tokenLifetime:
        'temporary role credentials of the execution environment; on GCP a federated token of 1 h, then an impersonated access token of 15 min',
      permissions: ['kinesis:GetRecords', 'on GCP: what labs-sensor-sink@my-proj.iam.gserviceaccount.com may do (see its service account)'],
    });
  });

  it('gives a federated GCP service account who may impersonate it and its conditioned grant', () => {
    const email = 'labs-sensor-sink@p.iam.gserviceaccount.com';
    const [sink] = gcpRuntimeIdentities('gcp-labs-foundation', [
      { type: 'gcp:serviceaccount/account:Account', name: 'sink', inputs: { accountId: 'labs-sensor-sink', project: 'p' } },
      {
        type: 'gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider',
        name: 'provider',
        inputs: { workloadIdentityPoolId: 'labs-aws-a1', aws: { accountId: '123456789012' } },
      },
      {
        type: 'gcp:serviceaccount/iAMMember:IAMMember',
        name: 'federation',
        inputs: {
          serviceAccountId: `projects/p/serviceAccounts/${email}`,
          role: 'roles/iam.workloadIdentityUser',
          member: `${POOLS}/labs-aws-a1/attribute.labs_runtime/sensor-sink`,
        },
      },
      {
        type: 'gcp:projects/iAMMember:IAMMember',
        name: 'insert',
        inputs: {
          project: 'p',
          role: 'projects/p/roles/insert',
          member: `serviceAccount:${email}`,
          condition: { expression: 'resource.name == "t"' },
        },
      },
    ]);
    expect(sink).toMatchObject({
      identity: `service account ${email}, impersonated from AWS account 123456789012 through workload identity federation (no key)`,
      usableBy: [`${POOLS}/labs-aws-a1/attribute.labs_runtime/sensor-sink (roles/iam.workloadIdentityUser)`],
      permissions: ['projects/p/roles/insert on p when resource.name == "t"'],
    });
    expect(sink?.tokenLifetime).toMatch(/^federated token 1 h/);
  });

  it("lists the foundation's sensor sink with its table grant and the GitHub Actions deploy account, read from the foundation's inventory", async () => {
    const inventory = await inventoryOf({
      kind: 'foundation',
      project: 'p',
      awsAccountId: '123456789012',
      federationGeneration: 'a1',
      githubRepository: 'octo-org/labs',
    });
    const identities = gcpRuntimeIdentities('gcp-labs-foundation', inventory);
    const sink = identities.find((identity) => identity.identity.startsWith('service account labs-sensor-sink@'));
    expect(sink?.permissions).toEqual([
      'projects/p/roles/labsSensorInsert_a1 (bigquery.tables.updateData) on p when resource.name == "projects/p/datasets/labs_sensors/tables/sensor_readings"',
    ]);
    const ci = identities.find((identity) => identity.identity.startsWith('service account labs-ci-deploy@'));
    expect(ci).toMatchObject({
      identity:
        'service account labs-ci-deploy@p.iam.gserviceaccount.com, impersonated from GitHub Actions through workload identity federation (no key)',
      usableBy: [`${POOLS}/labs-gh-a1/attribute.repository/octo-org/labs (roles/iam.workloadIdentityUser)`],
    });
    expect(ci?.tokenLifetime).toMatch(/federated token of 1 h, then an impersonated access token of 1 h/);
    expect(ci?.permissions).toEqual(
      expect.arrayContaining([
        'roles/storage.objectAdmin on p-labs-state',
        'projects/p/roles/labsCiTransfers_a1 (bigquery.transfers.get, bigquery.transfers.update) on p',
        expect.stringMatching(
          /^roles\/resourcemanager.projectIamAdmin on p when api.getAttribute\("iam.googleapis.com\/modifiedGrantsByRole"/,
        ),
      ]),
    );
    expect(ci?.permissions).toHaveLength(14);
  });
});
