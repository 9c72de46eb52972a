import { AWS_FOUNDATION_NAMES } from '@labs/config';
import { Stack } from 'aws-cdk-lib';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { deploymentRoleArn, expiryRoleArn } from '../../foundation-names';

/** Props of {@link ExpirySchedule}. */
export interface ExpiryScheduleProps {
  /** When the stack is deleted (UTC, minute precision). */
  readonly expiresAt: Date;
}

/**
 * A one-time EventBridge Scheduler schedule, in the foundation's group, whose universal target calls
 * CloudFormation `DeleteStack` on the enclosing stack. The deletion depends only on foundation resources
 * (the scheduler role and the CloudFormation service role), never on resources inside this stack.
 */
export class ExpirySchedule extends Construct {
  /** The schedule resource. */
  readonly schedule: CfnSchedule;

  constructor(scope: Construct, id: string, props: ExpiryScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.schedule = new CfnSchedule(this, 'Schedule', {
      name: stack.stackName,
      groupName: AWS_FOUNDATION_NAMES.scheduleGroup,
      description: `Deletes stack ${stack.stackName} when its time-to-live ends`,
      scheduleExpression: `at(${props.expiresAt.toISOString().slice(0, 19)})`,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:cloudformation:deleteStack',
        roleArn: expiryRoleArn(),
        input: stack.toJsonString({ StackName: stack.stackName, RoleARN: deploymentRoleArn() }),
        retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
      },
    });
  }
}
