import { CliCredentialsStackSynthesizer, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { awsTags, resourceName, stackName, type Environment } from '@labs/config';
import type { Construct } from 'constructs';
import { ExpirySchedule } from '../constructs/expiry-schedule/expiry-schedule';
import { SharedNetwork, type SharedNetworkRef } from '../constructs/shared-network/shared-network';

/** Props of every environment stack. */
export interface EnvironmentStackProps extends StackProps {
  /** The lab and environment name. */
  readonly labEnvironment: Environment;
  /** Who owns the environment (`labs-owner` tag). */
  readonly owner: string;
  /** When the environment expires: the stack deletes itself then. */
  readonly expiresAt: Date;
}

/**
 * Base of every lab environment stack `labs-<lab>-<env>`: tags every resource with lab, env, owner and
 * expiry, schedules its own deletion at the expiry, and shares the foundation's network.
 * Deployed with the CLI's credentials and the foundation's CloudFormation service role (`--role-arn`).
 */
export class EnvironmentStack extends Stack {
  /** The lab and environment name. */
  readonly labEnvironment: Environment;
  /** The expiry schedule. */
  readonly expiry: ExpirySchedule;
  private sharedNetwork?: SharedNetwork;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, {
      ...props,
      stackName: stackName(props.labEnvironment),
      synthesizer: props.synthesizer ?? new CliCredentialsStackSynthesizer(),
      description: `labs ${props.labEnvironment.lab.id} environment ${props.labEnvironment.name} (${props.labEnvironment.lab.title})`,
    });
    this.labEnvironment = props.labEnvironment;
    for (const [key, value] of Object.entries(
      awsTags({ environment: props.labEnvironment, owner: props.owner, expiresAt: props.expiresAt }),
    ))
      Tags.of(this).add(key, value);
    this.expiry = new ExpirySchedule(this, 'Expiry', { expiresAt: props.expiresAt });
  }

  /** The foundation's shared VPC and private subnets (imported on first use). */
  get network(): SharedNetworkRef {
    this.sharedNetwork ??= new SharedNetwork(this, 'SharedNetwork');
    return this.sharedNetwork;
  }

  /** Resource name for this environment: `<base>-<env>`. */
  nameFor(base: string): string {
    return resourceName(this.labEnvironment, base);
  }
}
