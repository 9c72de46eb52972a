import { AWS_FOUNDATION_NAMES } from '@labs/config';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { expirerFunctionArn } from '../../foundation-names';

/** Props of {@link ExpirySchedule}. */
export interface ExpiryScheduleProps {
  /** When the stack is deleted (UTC, minute precision). */
  readonly expiresAt: Date;
}

/**
 * A one-time EventBridge Scheduler schedule, in the foundation's group, that invokes the foundation's
 * expirer with the enclosing stack's name at the expiry. The expirer deletes the stack only if its own
 * expiry tag has passed, through a deployment-role session of this environment. The schedule's role may
 * only invoke the expirer and write to this schedule's dead-letter queue; an invocation that fails lands in
 * the queue, and the alarm `<stack>-expiry-failed` goes off.
 */
export class ExpirySchedule extends Construct {
  /** The schedule resource. */
  readonly schedule: CfnSchedule;
  /** The role the scheduler invokes the expirer with. */
  readonly role: Role;
  /** Failed invocations of the expirer. */
  readonly deadLetterQueue: Queue;
  /** Goes off when an invocation failed. */
  readonly failedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ExpiryScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const scheduleArn = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${AWS_FOUNDATION_NAMES.scheduleGroup}/${stack.stackName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': scheduleArn } },
      }),
      description: `Invokes the labs expirer for ${stack.stackName}`,
    });
    this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [expirerFunctionArn()] }));
    this.role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));
    this.schedule = new CfnSchedule(this, 'Schedule', {
      name: stack.stackName,
      groupName: AWS_FOUNDATION_NAMES.scheduleGroup,
      description: `Deletes stack ${stack.stackName} when its time-to-live ends`,
      scheduleExpression: `at(${props.expiresAt.toISOString().slice(0, 19)})`,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: expirerFunctionArn(),
        roleArn: this.role.roleArn,
        input: JSON.stringify({ stackName: stack.stackName }),
        retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });
    this.failedAlarm = new Alarm(this, 'Failed', {
      alarmName: `${stack.stackName}-expiry-failed`,
      alarmDescription: `The expiry of ${stack.stackName} could not invoke the expirer: run labs reap, then see the dead-letter queue`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    Validations.of(this.failedAlarm).acknowledge({
      id: 'NIST.800.53.R5-CloudWatchAlarmAction',
      reason: 'Who should hear of a failed expiry differs per account; the alarm is the signal, and labs status/labs doctor show it.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the expiry schedule.',
    });
  }
}
