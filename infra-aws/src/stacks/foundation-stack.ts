import { Aws, Duration, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { FlowLogDestination, FlowLogTrafficType, IpAddresses, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { AccountRootPrincipal, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AWS_FOUNDATION_NAMES, deploymentRoleName, FOUNDATION_STACK, foundationTags, TAG_KEYS } from '@labs/config';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { GithubDeploy } from '../constructs/github-deploy/github-deploy';
import { LabFunction } from '../constructs/lab-function/lab-function';
import { boundaryPolicyName, environmentPolicyName, EXPIRER_FUNCTION_NAME } from '../foundation-names';
import { acknowledgePolicyWildcards } from './policy-reasons';
import { boundaryPolicy, environmentPolicies } from './deployment-policy';

/** The expirer's code, in `packages/expiry`. */
const EXPIRER_ENTRY = join(__dirname, '../../../packages/expiry/src/lambda.ts');

/** Props of {@link FoundationStack}. */
export interface FoundationStackProps extends StackProps {
  /** The GitHub repository and branch whose Actions workflows may deploy without keys. @default no GitHub deploys */
  readonly github?: { readonly repository: string; readonly branch?: string };
}

/**
 * The permanent AWS foundation (`labs-foundation`, once per account and region; no expiry, never reaped):
 * the network every environment shares (one VPC, one NAT gateway); the deployment role, assumed with the
 * session tags `labs-lab`/`labs-env` of one environment and confined to it by the environment policy; the
 * permissions boundary of every environment role; and the expirer function that the environments' expiry
 * schedules invoke to delete expired stacks through a deployment-role session of their own environment.
 */
export class FoundationStack extends Stack {
  /** The shared VPC. */
  readonly vpc: Vpc;
  /** The role every deployment, update and deletion of an environment runs as (with session tags). */
  readonly deploymentRole: Role;
  /** What one environment's session may do. */
  readonly environmentPolicies: ManagedPolicy[];
  /** The permissions boundary of every role an environment creates. */
  readonly boundary: ManagedPolicy;
  /** Deletes expired environment stacks. */
  readonly expirer: LabFunction;
  /** Keyless deploys from GitHub Actions, when configured. */
  readonly githubDeploy?: GithubDeploy;

  constructor(scope: Construct, id: string, props: FoundationStackProps = {}) {
    super(scope, id, {
      ...props,
      stackName: FOUNDATION_STACK,
      description: 'labs foundation: shared network, deployment role, permissions boundary and expirer (permanent)',
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

    this.boundary = new ManagedPolicy(this, 'EnvironmentBoundary', {
      managedPolicyName: boundaryPolicyName(Aws.REGION),
      description: 'Permissions boundary of every role a labs environment creates: runtime calls on its own environment only',
      document: boundaryPolicy(),
    });
    const documents = environmentPolicies({ vpcId: this.vpc.vpcId, boundaryArn: this.boundary.managedPolicyArn });
    this.environmentPolicies = Object.entries(documents).map(
      ([part, document]) =>
        new ManagedPolicy(this, `EnvironmentPolicy-${part}`, {
          managedPolicyName: environmentPolicyName(Aws.REGION, part),
          description: `What deploying, updating or deleting one labs environment may do (${part}; the session tags name the environment)`,
          document,
        }),
    );

    this.expirer = new LabFunction(this, 'Expirer', {
      entry: EXPIRER_ENTRY,
      functionName: EXPIRER_FUNCTION_NAME,
      description: 'Deletes an expired labs environment stack through a deployment-role session of its own environment',
      key: flowLogKey,
      timeout: Duration.minutes(1),
    });
    const expirerRole = this.expirer.function.role;
    if (!expirerRole) throw new Error('the expirer function has no role');

    this.deploymentRole = new Role(this, 'DeploymentRole', {
      roleName: deploymentRoleName(Aws.REGION),
      assumedBy: new AccountRootPrincipal(),
      description: 'Deploys, updates and deletes ONE labs environment: assume it with the session tags labs-lab and labs-env',
      managedPolicies: this.environmentPolicies,
      maxSessionDuration: Duration.hours(4),
    });
    const trust = this.deploymentRole.assumeRolePolicy;
    trust?.addStatements(
      new PolicyStatement({
        actions: ['sts:AssumeRole'],
        principals: [expirerRole],
      }),
      new PolicyStatement({
        sid: 'SessionTagsNameOneEnvironment',
        actions: ['sts:TagSession'],
        principals: [new AccountRootPrincipal(), expirerRole],
        conditions: {
          Null: { [`aws:RequestTag/${TAG_KEYS.lab}`]: 'false', [`aws:RequestTag/${TAG_KEYS.env}`]: 'false' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [TAG_KEYS.lab, TAG_KEYS.env] },
        },
      }),
    );
    if (props.github) this.githubDeploy = new GithubDeploy(this, 'GithubDeploy', { ...props.github, deploymentRole: this.deploymentRole });
    this.expirer.function.addEnvironment('DEPLOYMENT_ROLE_ARN', this.deploymentRole.roleArn);
    this.expirer.function.addToRolePolicy(
      new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [this.deploymentRole.roleArn] }),
    );
    this.expirer.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['cloudformation:DescribeStacks'],
        resources: [`arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:stack/labs-*/*`],
      }),
    );
    const expirerErrors = new Alarm(this, 'ExpirerErrors', {
      alarmName: `${FOUNDATION_STACK}-expirer-errors`,
      alarmDescription: 'An expired labs environment could not be deleted: see the expirer logs and run labs reap',
      metric: this.expirer.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    Validations.of(expirerErrors).acknowledge({
      id: 'NIST.800.53.R5-CloudWatchAlarmAction',
      reason: 'Who should hear of a failed expiry differs per account; the alarm is the signal, and labs status/labs doctor show it.',
    });
    new CfnScheduleGroup(this, 'ExpiryScheduleGroup', { name: AWS_FOUNDATION_NAMES.scheduleGroup });

    acknowledgePolicyWildcards(this.environmentPolicies, this.boundary, expirerRole);
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
  }
}
