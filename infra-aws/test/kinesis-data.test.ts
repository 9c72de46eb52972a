import { Match, type Template } from 'aws-cdk-lib/assertions';
import { KINESIS_DATA_PRODUCER_RATE } from '@labs/config';
import { alarmThresholds, defaultPolicy } from '@labs/shard-scaler';
import { synthLabStack } from './synth-helper';

/** The ARN CloudFormation builds for the environment's stream. */
const STREAM_ARN = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, ':kinesis:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':stream/RawStreamData-alice'],
  ],
};

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

describe('kinesis-data stack', () => {
  let template: Template;
  beforeAll(() => {
    // Synthesizes with the cdk-nag AwsSolutions and NIST 800-53 R5 packs: any unacknowledged finding throws.
    template = synthLabStack('kinesis-data');
  }, 180_000);

  const logicalIdOf = (type: string, props: Record<string, unknown>): string => {
    const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(props) }));
    if (ids.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(props)}, found ${ids.length}`);
    return ids[0] as string;
  };
  /** Statements of the inline policy attached to the role of the given logical id. */
  const statementsOfRole = (roleId: string): Statement[] =>
    Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const roleOfFunction = (description: string): string => {
    const fn = Object.values(
      template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp(description) } }),
    )[0];
    return fn?.Properties.Role['Fn::GetAtt'][0];
  };
  const actions = (statements: Statement[]): string[] =>
    statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
  /** Statements with their action and resource lists sorted (the minimizePolicies flag merges and orders them). */
  const normalised = (statements: Statement[]) =>
    statements
      .map((s) => ({
        ...s,
        Action: [s.Action].flat().sort(),
        Resource: Array.isArray(s.Resource)
          ? [...s.Resource].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
          : s.Resource,
      }))
      .sort((a, b) => JSON.stringify(a.Action).localeCompare(JSON.stringify(b.Action)));

  describe('stream', () => {
    it("is RawStreamData-alice: provisioned with 1 shard at creation, KMS with the stack's key, tagged", () => {
      template.hasResourceProperties('Custom::KinesisStream', {
        StreamName: 'RawStreamData-alice',
        InitialShardCount: '1',
        KmsKeyArn: { 'Fn::GetAtt': [logicalIdOf('AWS::KMS::Key', {}), 'Arn'] },
        Tags: {
          'labs-lab': 'kinesis-data',
          'labs-env': 'alice',
          'labs-owner': 'alice@example.com',
          'labs-expires-at': '2026-11-29T03:00:00Z',
        },
      });
    });

    it('is encrypted with a customer-managed key that rotates', () => {
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });

    it('has no shard count CloudFormation could reapply: no AWS::Kinesis::Stream, and the owner cannot reshard', () => {
      template.resourceCountIs('AWS::Kinesis::Stream', 0);
      const statements = statementsOfRole(roleOfFunction('Creates and configures Kinesis stream'));
      expect(actions(statements)).not.toContain('kinesis:UpdateShardCount');
      expect(
        statements
          .filter((s) => String(s.Action).startsWith('kinesis') || (Array.isArray(s.Action) && s.Action[0]?.startsWith('kinesis')))
          .map((s) => s.Resource),
      ).toEqual([STREAM_ARN]);
    });
  });

  describe('AnalyticsEngine producer', () => {
    it('runs the sensor producer with the stream, region, rate and sensors', () => {
      const userData = JSON.stringify(template.findResources('AWS::EC2::Instance'));
      for (const line of [
        'Environment=STREAM_NAME=RawStreamData-alice',
        'Environment=AWS_REGION=',
        `Environment=RATE=${KINESIS_DATA_PRODUCER_RATE}`,
        'Environment=SENSORS=100',
      ]) {
        expect(userData).toContain(line);
      }
      template.hasResourceProperties('AWS::EC2::Instance', { Tags: Match.arrayWith([{ Key: 'Name', Value: 'AnalyticsEngine-alice' }]) });
    });

    it('requires IMDSv2 (hop limit 1), encrypts its volume, has no key pair and no inbound rules', () => {
      template.hasResourceProperties('AWS::EC2::Instance', { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } });
      template.hasResourceProperties('AWS::EC2::Instance', { BlockDeviceMappings: [{ Ebs: { Encrypted: true } }] });
      for (const instance of Object.values(template.findResources('AWS::EC2::Instance')))
        expect(instance.Properties.KeyName).toBeUndefined();
      for (const group of Object.values(template.findResources('AWS::EC2::SecurityGroup')))
        expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    });

    it('may only write to this stream, use its key for data keys, read its program, and use Session Manager', () => {
      const roleId = logicalIdOf('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      });
      const statements = normalised(statementsOfRole(roleId));
      expect(statements.filter((s) => !/^(s3|ssm|ssmmessages):/.test(String(s.Action)))).toEqual([
        { Action: ['kinesis:PutRecords'], Effect: 'Allow', Resource: STREAM_ARN },
        { Action: ['kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalIdOf('AWS::KMS::Key', {}), 'Arn'] } },
      ]);
      expect(actions(statements).filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
        ManagedPolicyArns: Match.absent(),
      });
      expect(actions(statementsOfRole(roleId)).filter((a) => a.startsWith('ssm'))).toEqual([
        'ssm:UpdateInstanceInformation',
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ]);
    });
  });

  describe('scaling alarms', () => {
    const initial = alarmThresholds(defaultPolicy, 1);
    const demand = Match.arrayWith([
      Match.objectLike({ Expression: 'MAX([records * 1 / (1000 * PERIOD(records)), bytes * 1 / (1048576 * PERIOD(bytes))])' }),
      Match.objectLike({
        Id: 'records',
        MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'IncomingRecords' }), Stat: 'Sum', Period: 60 }),
      }),
      Match.objectLike({
        Id: 'bytes',
        MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'IncomingBytes' }), Stat: 'Sum', Period: 60 }),
      }),
    ]);

    it('scale out above 80 % of records or bytes capacity for 15 minutes, notifying the topic', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'RawStreamData-alice-scale-out',
        Metrics: demand,
        Threshold: initial.scaleOut,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 15,
        DatapointsToAlarm: 15,
        AlarmActions: [{ Ref: logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Scaling alarms of RawStreamData-alice' }) }],
      });
    });

    it('scale out at once when Kinesis refuses writes for throughput in a minute, notifying the topic', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'RawStreamData-alice-throttling',
        MetricName: 'WriteProvisionedThroughputExceeded',
        Namespace: 'AWS/Kinesis',
        Dimensions: [{ Name: 'StreamName', Value: 'RawStreamData-alice' }],
        Statistic: 'Sum',
        Period: 60,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Scaling alarms of RawStreamData-alice' }) }],
      });
    });

    it('scale in below 60 % for 60 minutes; no data counts as idle', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'RawStreamData-alice-scale-in',
        Metrics: demand,
        Threshold: initial.scaleIn,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 60,
        TreatMissingData: 'breaching',
      });
    });

    it('notify a KMS-encrypted, SSL-only topic that invokes the scaler', () => {
      const topicId = logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Scaling alarms of RawStreamData-alice' });
      template.hasResourceProperties('AWS::SNS::Topic', {
        DisplayName: 'Scaling alarms of RawStreamData-alice',
        KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf('AWS::KMS::Key', {}), 'Arn'] },
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
          ],
        },
      });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: topicId } });
    });

    it('let CloudWatch publish only for the three alarms of this account (enforceSSL alone leaves only a Deny)', () => {
      const topicId = logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Scaling alarms of RawStreamData-alice' });
      const policy = Object.values(template.findResources('AWS::SNS::TopicPolicy')).find(
        (p) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: topicId }]),
      );
      const allow = (policy?.Properties.PolicyDocument.Statement as Statement[]).find((s) => s.Effect === 'Allow') as Statement & {
        Condition: { StringEquals: Record<string, unknown>; ArnLike: { 'aws:SourceArn': unknown[] } };
      };
      expect(allow.Resource).toEqual({ Ref: topicId });
      expect(allow.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      const arns = allow.Condition.ArnLike['aws:SourceArn'].map((arn) => JSON.stringify(arn));
      expect(arns).toHaveLength(3);
      for (const name of ['scale-out', 'scale-in', 'throttling'])
        expect(arns.some((arn) => arn.includes(`:alarm:RawStreamData-alice-${name}`))).toBe(true);
    });

    it('every topic is encrypted and SSL-only', () => {
      const topics = template.findResources('AWS::SNS::Topic');
      for (const topic of Object.values(topics)) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
      const sslOnly = Object.values(template.findResources('AWS::SNS::TopicPolicy')).flatMap((p) => p.Properties.Topics);
      expect(sslOnly).toHaveLength(Object.keys(topics).length);
    });
  });

  describe('scaler function', () => {
    it('knows its stream, alarms and bounds; reserves no concurrency and runs outside the VPC', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('Scales the shards'),
        Environment: {
          Variables: {
            STREAM_NAME: 'RawStreamData-alice',
            SCALE_OUT_ALARM_NAME: 'RawStreamData-alice-scale-out',
            SCALE_IN_ALARM_NAME: 'RawStreamData-alice-scale-in',
            THROTTLING_ALARM_NAME: 'RawStreamData-alice-throttling',
            MIN_SHARDS: '1',
            MAX_SHARDS: '8',
          },
        },
        DeadLetterConfig: Match.objectLike({ TargetArn: Match.anyValue() }),
      });
    });

    it('every function: no reserved concurrency (new accounts have none to reserve), no VPC (it needs nothing in it)', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      expect(functions).toHaveLength(3); // the stream resource, the scaler, and the AMI resolver (CDK's AwsCustomResource)
      for (const fn of functions) {
        expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
        expect(fn.Properties.VpcConfig).toBeUndefined();
      }
      template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    });

    it('every function may use the key of its encrypted dead-letter topic', () => {
      const key = { 'Fn::GetAtt': [logicalIdOf('AWS::KMS::Key', {}), 'Arn'] };
      for (const description of ['Scales the shards', 'Creates and configures Kinesis stream']) {
        const statements = normalised(statementsOfRole(roleOfFunction(description)));
        const onKey = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(key)).flatMap((s) => s.Action);
        expect(onKey).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']));
      }
    });

    it('may touch only this stream and these three alarms (plus the calls without resource-level permissions)', () => {
      const statements = normalised(statementsOfRole(roleOfFunction('Scales the shards')));
      const alarmArns = ['scale-in', 'scale-out', 'throttling'].map((role) => ({
        'Fn::GetAtt': [logicalIdOf('AWS::CloudWatch::Alarm', { AlarmName: `RawStreamData-alice-${role}` }), 'Arn'],
      }));
      expect(statements.filter((s) => !['sns:Publish', 'kms:Decrypt'].includes(String(s.Action[0])))).toEqual(
        normalised([
          {
            Action: ['kinesis:DescribeStreamSummary', 'kinesis:ListTagsForStream', 'kinesis:AddTagsToStream'],
            Effect: 'Allow',
            Resource: STREAM_ARN,
          },
          {
            Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:SetAlarmState'],
            Effect: 'Allow',
            Resource: alarmArns,
          },
          { Action: ['cloudwatch:GetMetricData', 'kinesis:UpdateShardCount'], Effect: 'Allow', Resource: '*' },
          {
            Action: 'cloudwatch:PutMetricData',
            Condition: { StringEquals: { 'cloudwatch:namespace': 'Labs/Kinesis' } },
            Effect: 'Allow',
            Resource: '*',
          },
        ]),
      );
      const deadLetters = statements.filter((s) => s.Action[0] === 'sns:Publish');
      expect(deadLetters).toHaveLength(1);
    });
  });

  it('encrypts every log group with the key, keeps it 30 days and deletes it with the stack (but the AMI resolver’s, which logs a public AMI id)', () => {
    const groups = Object.entries(template.findResources('AWS::Logs::LogGroup'))
      .filter(([id]) => !id.startsWith('AnalyticsEngineImageLogs'))
      .map(([, group]) => group);
    expect(groups).toHaveLength(2);
    for (const group of groups) expect([group.DeletionPolicy, group.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
    for (const group of groups)
      expect(group.Properties).toMatchObject({
        RetentionInDays: 30,
        KmsKeyId: { 'Fn::GetAtt': [logicalIdOf('AWS::KMS::Key', {}), 'Arn'] },
      });
  });

  it('lets CloudWatch of this account use the key for the alarm topic, and no other service principal but logs', () => {
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0];
    const services = (key?.Properties.KeyPolicy.Statement as { Principal: { Service?: unknown }; Condition?: unknown }[]).filter(
      (s) => s.Principal.Service,
    );
    expect(services).toHaveLength(2);
    expect(services.find((s) => s.Principal.Service === 'cloudwatch.amazonaws.com')?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
  });

  it("has the lab's dashboard panels plus shard count and throttling", () => {
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const metric of [
      'IncomingBytes',
      'IncomingRecords',
      'PutRecord.Bytes',
      'PutRecord.Latency',
      'PutRecord.Success',
      'OpenShardCount',
      'WriteProvisionedThroughputExceeded',
    ]) {
      expect(body).toContain(`\\"${metric}\\"`);
    }
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'RawStreamData-alice' });
  });

  it('has no BigQuery sink unless one is requested: no event source mapping, no role that may federate into GCP', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    expect(JSON.stringify(template.findResources('AWS::IAM::Role'))).not.toContain('labs-sensor-sink-');
  });

  it('matches the snapshot (asset hashes normalised)', () => {
    const normalised = JSON.parse(JSON.stringify(template.toJSON()).replace(/[0-9a-f]{16,64}/g, '<hash>'));
    expect(normalised).toMatchSnapshot();
  });
});
