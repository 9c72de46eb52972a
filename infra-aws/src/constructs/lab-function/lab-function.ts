import { Duration, Validations } from 'aws-cdk-lib';
import { SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { bundleEntry } from '../../bundle';
import type { SharedNetworkRef } from '../shared-network/shared-network';

/** Props of {@link LabFunction}. */
export interface LabFunctionProps {
  /** Absolute path of the TypeScript entry file in `packages/` that exports `handler`. */
  readonly entry: string;
  /** What the function does (its description). */
  readonly description: string;
  /** The foundation's network; the function runs in its private subnets. */
  readonly network: SharedNetworkRef;
  /** Customer-managed key for the log group and the dead-letter topic. */
  readonly key: IKey;
  /** Environment variables. @default none */
  readonly environment?: Record<string, string>;
  /** Timeout. @default 1 minute */
  readonly timeout?: Duration;
  /** Concurrent executions reserved (and allowed). @default 1 */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A bundled Node.js function from `packages/`: latest Node runtime, private subnets with a security
 * group without inbound rules, one reserved execution, JSON logs to a KMS-encrypted log
 * group kept 30 days, and failed asynchronous events kept in a KMS-encrypted SSL-only SNS topic.
 */
export class LabFunction extends Construct {
  /** The function. */
  readonly function: LambdaFunction;
  /** Where failed asynchronous invocations go. */
  readonly deadLetterTopic: Topic;

  constructor(scope: Construct, id: string, props: LabFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, encryptionKey: props.key });
    this.deadLetterTopic = new Topic(this, 'DeadLetters', { masterKey: props.key, enforceSSL: true });
    this.function = new LambdaFunction(this, 'Function', {
      runtime: Runtime.NODEJS_24_X,
      code: Code.fromAsset(bundleEntry(props.entry)),
      handler: 'index.handler',
      description: props.description,
      timeout: props.timeout ?? Duration.minutes(1),
      memorySize: 256,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 1,
      environment: props.environment,
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      securityGroups: [
        new SecurityGroup(this, 'SecurityGroup', {
          vpc: props.network.vpc,
          description: `${props.description}: no inbound rules, HTTPS out to AWS APIs`,
          allowAllOutbound: true,
        }),
      ],
      deadLetterTopic: this.deadLetterTopic,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
    });
    const role = this.function.role;
    if (role) {
      for (const policy of ['AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole']) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
          reason: 'AWS-managed minimum for a function in a VPC: writing its logs and managing its network interfaces.',
        });
      }
    }
  }
}
