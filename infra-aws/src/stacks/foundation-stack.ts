import { Aws, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, IpAddresses, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AWS_FOUNDATION_NAMES, deploymentRoleName, expiryRoleName, FOUNDATION_STACK, foundationTags, TAG_KEYS } from '@labs/config';
import type { Construct } from 'constructs';
import { acknowledgeDeploymentPolicy, deploymentPolicy } from './deployment-policy';

/**
 * The permanent AWS foundation (`labs-foundation`, once per account and region; no expiry, never reaped):
 * the network every environment shares (one VPC, one NAT gateway), the CloudFormation service role
 * that deploys and deletes lab stacks, and the EventBridge Scheduler group and role that delete
 * expired environment stacks.
 */
export class FoundationStack extends Stack {
  /** The shared VPC. */
  readonly vpc: Vpc;
  /** CloudFormation service role for lab deployments. */
  readonly deploymentRole: Role;
  /** Role EventBridge Scheduler assumes to delete expired stacks. */
  readonly expiryRole: Role;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      ...props,
      stackName: FOUNDATION_STACK,
      description: 'labs foundation: shared network, deployment role and expiry scheduler (permanent)',
    });
    for (const [key, value] of Object.entries(foundationTags())) Tags.of(this).add(key, value);

    const flowLogKey = new Key(this, 'FlowLogKey', {
      description: 'Encrypts the labs VPC flow logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    flowLogKey.grantEncryptDecrypt(new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`));
    const flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: flowLogKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.80.0.0/16'),
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      flowLogs: {
        all: { destination: FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: FlowLogTrafficType.ALL },
      },
    });
    new StringParameter(this, 'VpcIdParameter', {
      parameterName: AWS_FOUNDATION_NAMES.vpcIdParameter,
      stringValue: this.vpc.vpcId,
      description: 'Shared VPC of the labs environments',
    });
    AWS_FOUNDATION_NAMES.privateSubnetParameters.forEach((parameterName, index) => {
      new StringParameter(this, `PrivateSubnet${index}Parameter`, {
        parameterName,
        stringValue: this.vpc.privateSubnets[index]?.subnetId ?? '',
        description: `Private subnet ${index + 1} of the labs environments`,
      });
    });

    this.deploymentRole = new Role(this, 'DeploymentRole', {
      roleName: deploymentRoleName(Aws.REGION),
      assumedBy: new ServicePrincipal('cloudformation.amazonaws.com'),
      description: 'CloudFormation service role that deploys and deletes labs environment stacks',
      inlinePolicies: { deployLabs: deploymentPolicy() },
    });
    this.expiryRole = new Role(this, 'ExpiryRole', {
      roleName: expiryRoleName(Aws.REGION),
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler role that deletes expired labs environment stacks',
      inlinePolicies: {
        deleteExpiredStacks: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['cloudformation:DeleteStack'],
              resources: [`arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:stack/labs-*/*`],
              conditions: { Null: { [`aws:ResourceTag/${TAG_KEYS.expiresAt}`]: 'false' } },
            }),
            new PolicyStatement({
              effect: Effect.DENY,
              actions: ['cloudformation:DeleteStack'],
              resources: [`arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:stack/${FOUNDATION_STACK}/*`],
            }),
            new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.deploymentRole.roleArn] }),
          ],
        }),
      },
    });
    new CfnScheduleGroup(this, 'ExpiryScheduleGroup', { name: AWS_FOUNDATION_NAMES.scheduleGroup });
    acknowledgeDeploymentPolicy(this.deploymentRole);
    for (const subnet of this.vpc.publicSubnets) {
      Validations.of(subnet).acknowledge({
        id: 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
        reason:
          'The public subnets hold only the NAT gateway that gives the private lab subnets egress to AWS APIs; no instance is placed there and nothing is reachable inbound.',
      });
    }
    Validations.of(this.vpc).acknowledge({
      id: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
      reason:
        'No resource uses the default security group (every lab instance gets its own without inbound rules); closing it needs a custom-resource Lambda in the foundation.',
    });

    Validations.of(this.expiryRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/labs-*/*]',
      reason:
        'Environment stacks are created later under the labs-* prefix; DeleteStack is further limited to stacks tagged with an expiry and denied on the foundation.',
    });
  }
}
