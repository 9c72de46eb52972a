import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { awsExternalAccountConfig, environment, SENSOR_SINK_ROLE_PREFIX, stackName } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFromContext, buildApp } from '../src/app';
import { parseSink, sinkContextArgs, sinkFromContext } from '../src/bigquery-sink';
import { SensorSink, STREAM_READ_ACTIONS, type SensorSinkProps } from '../src/constructs/sensor-sink/sensor-sink';
import { TEST_SINK, TEST_TARGET } from './synth-helper';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;

describe('the BigQuery sensor sink of kinesis-data (one synthesis, cdk-nag packs on)', () => {
  let template: Template;
  let resources: Resources;
  const only = (type: string) => {
    const found = Object.entries(resources).filter(([id, r]) => r.Type === type && id.startsWith('SensorSink'));
    expect(found).toHaveLength(1);
    return found[0] as [string, Resources[string]];
  };

  beforeAll(() => {
    const labEnvironment = environment('kinesis-data', 'alice');
    const app = buildApp({
      outdir: mkdtempSync(join(tmpdir(), 'labs-sink-')),
      now: new Date('2026-11-29T00:00:00Z'),
      environments: [{ labEnvironment, ...TEST_TARGET, sink: TEST_SINK }],
    });
    const json = app.synth().getStackByName(stackName(labEnvironment)).template as { Resources: Resources };
    template = Template.fromJSON(json);
    resources = json.Resources;
  }, 180_000);

  it('runs as the role labs-sensor-sink-<env>, which the GCP provider admits (its attribute condition is a prefix of the assumed-role ARN)', () => {
    const [, role] = only('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBe('labs-sensor-sink-alice');
    const assumed = `arn:aws:sts::123456789012:assumed-role/${String(role.Properties.RoleName)}/labs-kinesis-data-alice-SensorSinkWriter`;
    expect(assumed.startsWith(`arn:aws:sts::123456789012:assumed-role/${SENSOR_SINK_ROLE_PREFIX}`)).toBe(true);
    expect(role.Properties.PermissionsBoundary).toBeDefined();
  });

  it('reads the stream in batches: window, bisect on error, partial batch responses, bounded retries and age, failures to its queue', () => {
    const [queueId] = only('AWS::SQS::Queue');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::Join': ['', Match.arrayWith([':stream/RawStreamData-alice'])] },
      StartingPosition: 'LATEST',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      Tags: Match.arrayWith([{ Key: 'labs-env', Value: 'alice' }]),
    });
  });

  it('creates the mapping after the stream and the role policy, and starts the producer only after the mapping', () => {
    const [mappingId, mapping] = only('AWS::Lambda::EventSourceMapping');
    const [policyId] = only('AWS::IAM::Policy');
    const streamId = Object.keys(resources).find((id) => resources[id]?.Type === 'Custom::KinesisStream');
    expect(mapping.DependsOn).toEqual(expect.arrayContaining([streamId, policyId]));
    const [, producer] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::EC2::Instance') ?? [];
    expect(producer?.DependsOn).toContain(mappingId);
  });

  it('keeps failed records in an SSL-only queue encrypted with the environment key, for 14 days', () => {
    const [queueId, queue] = only('AWS::SQS::Queue');
    const keyId = Object.keys(resources).find((id) => resources[id]?.Type === 'AWS::KMS::Key');
    expect(queue.Properties).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, MessageRetentionPeriod: 14 * 86_400 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('grants only this stream, this key and its own queue and topic: every statement on one ARN of this stack', () => {
    const [queueId] = only('AWS::SQS::Queue');
    const [, policy] = only('AWS::IAM::Policy');
    const keyId = Object.keys(resources).find((id) => resources[id]?.Type === 'AWS::KMS::Key');
    const statements = (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
    const byAction = Object.fromEntries(statements.flatMap((s) => [s.Action].flat().map((action) => [action, s.Resource])));
    expect(Object.keys(byAction).sort()).toEqual(
      [...STREAM_READ_ACTIONS, 'kms:Decrypt', 'kms:GenerateDataKey', 'sqs:SendMessage', 'sns:Publish'].sort(),
    );
    for (const action of STREAM_READ_ACTIONS) expect(JSON.stringify(byAction[action])).toContain(':stream/RawStreamData-alice"');
    expect(byAction['kms:Decrypt']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(byAction['sqs:SendMessage']).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    for (const statement of statements) expect([statement.Resource].flat()).toHaveLength(1);
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  it('gets the keyless credential configuration and the table from its environment, and nothing secret', () => {
    const [, fn] = only('AWS::Lambda::Function');
    const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(fn.Properties.Description).toBe(
      'Writes the sensor readings of RawStreamData-alice into BigQuery my-lab-project.labs_sensors.sensor_readings (federated, no key)',
    );
    expect(Object.keys(variables).sort()).toEqual([
      'LABS_ENVIRONMENT',
      'LABS_SINK_CREDENTIALS',
      'LABS_SINK_DATASET',
      'LABS_SINK_PROJECT',
      'LABS_SINK_TABLE',
    ]);
    expect(variables).toMatchObject({
      LABS_ENVIRONMENT: 'alice',
      LABS_SINK_PROJECT: 'my-lab-project',
      LABS_SINK_DATASET: 'labs_sensors',
      LABS_SINK_TABLE: 'sensor_readings',
    });
    const credentials = JSON.parse(String(variables.LABS_SINK_CREDENTIALS)) as Record<string, unknown>;
    expect(credentials).toEqual(
      awsExternalAccountConfig({ providerName: TEST_SINK.providerName, serviceAccountEmail: TEST_SINK.serviceAccountEmail }),
    );
    expect(JSON.stringify(variables)).not.toMatch(/private_key|client_secret|refresh_token|AKIA|ASIA|secret_access|access_token"/i);
  });
});

describe('sink settings', () => {
  it('accept --sink bigquery on kinesis-data only, with a one-line error naming the bad value', () => {
    expect(parseSink('kinesis-data', 'bigquery')).toBe('bigquery');
    expect(() => parseSink('kinesis-data', 'redshift')).toThrow('unknown sink "redshift": the only sink is bigquery');
    expect(() => parseSink('kinesis-video', 'bigquery')).toThrow(
      'lab "kinesis-video" has no sink: --sink bigquery is for kinesis-data (it reads the lab\'s stream)',
    );
  });

  it('travel as CDK context and come back unchanged; a partial context is refused', () => {
    const args = sinkContextArgs(TEST_SINK);
    const context = Object.fromEntries(
      args.filter((_, index) => index % 2 === 1).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    expect(args.filter((_, index) => index % 2 === 0).every((flag) => flag === '-c')).toBe(true);
    expect(sinkFromContext('kinesis-data', (key) => context[key])).toEqual(TEST_SINK);
    expect(sinkFromContext('kinesis-data', () => undefined)).toBeUndefined();
    expect(() => sinkFromContext('kinesis-data', (key) => (key === 'sinkTable' ? undefined : context[key]))).toThrow(
      '-c sink=bigquery needs -c sinkTable=… (labs up --sink passes them)',
    );
  });

  it('are refused by the CDK app for another lab or another sink, before any synthesis', () => {
    const base = { env: 'alice', owner: 'alice@example.com', expiresAt: '2026-11-29T03:00:00Z' };
    const now = new Date('2026-11-29T00:00:00Z');
    expect(() => appFromContext({ now, context: { ...base, lab: 'kinesis-video', sink: 'bigquery' } })).toThrow(
      'lab "kinesis-video" has no sink',
    );
    expect(() => appFromContext({ now, context: { ...base, lab: 'kinesis-data', sink: 'csv' } })).toThrow('unknown sink "csv"');
  });
});

describe('SensorSink props are validated at construction', () => {
  const sink = (props: Partial<SensorSinkProps>) => {
    const stack = new Stack(new App(), 'SinkProps');
    const key = new Key(stack, 'Key');
    return () =>
      new SensorSink(stack, 'Sink', {
        environmentName: 'alice',
        stream: { streamName: 'RawStreamData-alice', streamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/RawStreamData-alice' },
        key,
        target: TEST_SINK,
        ...props,
      });
  };

  it('refuses unbounded retries, record ages and windows Lambda refuses, and batch sizes outside its limits', () => {
    expect(sink({ retryAttempts: -1 })).toThrow(
      'SensorSink retryAttempts is -1: expected a whole number from 0 to 10000 (never unbounded)',
    );
    expect(sink({ maxRecordAge: Duration.seconds(30) })).toThrow(
      'SensorSink maxRecordAge is 30 s: expected whole seconds from 60 to 604800',
    );
    expect(sink({ maxRecordAge: Duration.days(8) })).toThrow('maxRecordAge is 691200 s');
    expect(sink({ maxBatchingWindow: Duration.minutes(6) })).toThrow('SensorSink maxBatchingWindow is 360 s');
    expect(sink({ maxBatchingWindow: Duration.millis(1500) })).toThrow('SensorSink maxBatchingWindow is 1.5 s');
    expect(sink({ batchSize: 0 })).toThrow('SensorSink batchSize is 0: expected a whole number from 1 to 10000');
    expect(sink({ batchSize: 10_001 })).toThrow('batchSize is 10001');
  });

  it("names the role within IAM's 64 characters even for the longest environment name", () => {
    expect(sink({ environmentName: 'a'.repeat(24) })().roleName).toBe(`labs-sensor-sink-${'a'.repeat(24)}`);
    expect(`labs-sensor-sink-${'a'.repeat(24)}`.length).toBeLessThanOrEqual(64);
  });

  it('refuses an environment name the role could not carry, and a table BigQuery would refuse', () => {
    expect(sink({ environmentName: 'Alice' })).toThrow('invalid environment name "Alice"');
    expect(sink({ target: { ...TEST_SINK, project: 'My_Project' } })).toThrow('SensorSink project "My_Project": expected a GCP project id');
    expect(sink({ target: { ...TEST_SINK, dataset: 'labs-sensors' } })).toThrow('SensorSink dataset "labs-sensors"');
    expect(sink({ target: { ...TEST_SINK, table: 'sensor readings' } })).toThrow('SensorSink table "sensor readings"');
  });

  it('refuses federation inputs that are not the GCP foundation outputs', () => {
    expect(sink({ target: { ...TEST_SINK, providerName: 'labs-aws-7f3a' } })).toThrow('invalid workload identity provider "labs-aws-7f3a"');
    expect(sink({ target: { ...TEST_SINK, serviceAccountEmail: 'sink@example.com' } })).toThrow(
      'invalid service account "sink@example.com"',
    );
  });
});
