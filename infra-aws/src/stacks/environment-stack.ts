import { Aspects, CfnResource, CliCredentialsStackSynthesizer, Stack, Tags, type IAspect, type StackProps } from 'aws-cdk-lib';
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { AnyPrincipal, CfnRole, Effect, ManagedPolicy, PermissionsBoundary, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { awsTags, resourceName, stackName, TAG_KEYS, type Environment } from '@labs/config';
import type { IConstruct, Construct } from 'constructs';
import { ExpirySchedule } from '../constructs/expiry-schedule/expiry-schedule';
import { SharedNetwork, type SharedNetworkRef } from '../constructs/shared-network/shared-network';
import { boundaryPolicyArn } from '../foundation-names';

/** Props of every environment stack. */
export interface EnvironmentStackProps extends StackProps {
  /** The lab and environment name. */
  readonly labEnvironment: Environment;
  /** Who owns the environment (`labs-owner` tag). */
  readonly owner: string;
  /** When the environment expires: the stack deletes itself then. */
  readonly expiresAt: Date;
}

/** Service principals that send `aws:SourceAccount` when they assume a role (EC2 instance profiles do not). */
const SOURCE_ACCOUNT_SERVICES = ['lambda.amazonaws.com', 'scheduler.amazonaws.com'];

/**
 * Base of every lab environment stack `labs-<lab>-<env>`: tags every resource with lab, env, owner and
 * expiry, schedules its own deletion at the expiry, and shares the foundation's network. Deployed with a
 * deployment-role session tagged with this environment. Every role it creates carries the foundation's
 * permissions boundary, every service trust policy that can carry `aws:SourceAccount` carries it, and
 * every KMS key refuses sessions tagged with another environment, and launch templates carry the
 * environment tags too (the deployment role creates and changes only tagged ones).
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
    const tags = awsTags({ environment: props.labEnvironment, owner: props.owner, expiresAt: props.expiresAt });
    for (const [key, value] of Object.entries(tags)) Tags.of(this).add(key, value);
    this.expiry = new ExpirySchedule(this, 'Expiry', { expiresAt: props.expiresAt });
    PermissionsBoundary.of(this).apply(ManagedPolicy.fromManagedPolicyArn(this, 'Boundary', boundaryPolicyArn()));
    Aspects.of(this).add(new TrustOnlyThisAccount());
    Aspects.of(this).add(new KeysRefuseOtherEnvironments(props.labEnvironment.name));
    Aspects.of(this).add(new TagLaunchTemplates(tags));
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

/** Adds `aws:SourceAccount` (this account) to every trust statement of a service that sends it. */
class TrustOnlyThisAccount implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnRole)) return;
    const stack = Stack.of(node);
    const document = stack.resolve(node.assumeRolePolicyDocument) as {
      Statement?: { Principal?: { Service?: unknown }; Condition?: unknown }[];
    };
    (document.Statement ?? []).forEach((statement, index) => {
      const services = [statement.Principal?.Service].flat();
      if (!services.some((service) => SOURCE_ACCOUNT_SERVICES.includes(String(service)))) return;
      (node as CfnResource).addPropertyOverride(
        `AssumeRolePolicyDocument.Statement.${index}.Condition.StringEquals.aws:SourceAccount`,
        stack.account,
      );
    });
  }
}

/** Makes every KMS key of the stack refuse sessions and roles tagged with another environment. */
class KeysRefuseOtherEnvironments implements IAspect {
  constructor(private readonly env: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof Key)) return;
    node.addToResourcePolicy(
      new PolicyStatement({
        sid: 'RefuseOtherEnvironments',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:*'],
        resources: ['*'],
        conditions: {
          StringNotEquals: { [`aws:PrincipalTag/${TAG_KEYS.env}`]: this.env },
          Null: { [`aws:PrincipalTag/${TAG_KEYS.env}`]: 'false' },
        },
      }),
    );
  }
}

/** Tags every launch template itself (stack tags reach only the instances it launches). */
class TagLaunchTemplates implements IAspect {
  constructor(private readonly tags: Record<string, string>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnLaunchTemplate) || node.tagSpecifications) return;
    node.tagSpecifications = [{ resourceType: 'launch-template', tags: Object.entries(this.tags).map(([key, value]) => ({ key, value })) }];
  }
}
