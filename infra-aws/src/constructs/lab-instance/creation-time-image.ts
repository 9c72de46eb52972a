import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { OperatingSystemType, UserData, type IMachineImage, type MachineImageConfig } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** The public SSM parameter that names the current Amazon Linux 2023 AMI for x86-64. */
export const AL2023_X86_64_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** Props of {@link CreationTimeImage}. */
export interface CreationTimeImageProps {
  /** The public SSM parameter holding the AMI id. @default {@link AL2023_X86_64_PARAMETER} */
  readonly parameterName?: string;
}

/**
 * An AMI resolved once, when the environment is created, and kept for the environment's life.
 *
 * `MachineImage.latestAmazonLinux2023()` becomes a template parameter of type
 * `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`, which CloudFormation resolves again on every stack
 * update: once AWS publishes a new AMI, any update (an `extend` is one) changes the instance's `ImageId`,
 * and that replaces the instance. Resolving at launch (`resolve:ssm:`) keeps the template constant but
 * takes whatever is current whenever the instance is replaced for another reason; a context lookup pins
 * the AMI per checkout, not per environment, and needs credentials at synth.
 *
 * Here a custom resource reads the parameter (`ssm:GetParameter` on that one parameter) and the instance
 * takes the AMI id from its attribute. CloudFormation calls a custom resource again only when its own
 * properties change, and they hold nothing but the parameter's name (no tag, no expiry): `extend` and
 * every redeploy of the same code keep the AMI the environment started with.
 */
export class CreationTimeImage extends Construct implements IMachineImage {
  /** The AMI id (a token: the resolver's attribute). */
  readonly imageId: string;

  constructor(scope: Construct, id: string, props: CreationTimeImageProps = {}) {
    super(scope, id);
    const parameterName = props.parameterName ?? AL2023_X86_64_PARAMETER;
    const stack = Stack.of(this);
    const parameterArn = stack.formatArn({ service: 'ssm', account: '', resource: 'parameter', resourceName: parameterName.slice(1) });
    const call = {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: parameterName },
      physicalResourceId: PhysicalResourceId.of(parameterName),
    };
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const resolver = new AwsCustomResource(this, 'Resolver', {
      resourceType: 'Custom::CreationTimeImage',
      onCreate: call,
      // Sent only if the parameter name itself changes: extend and redeploys send no update at all.
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] })]),
      installLatestAwsSdk: false,
      logGroup,
    });
    this.imageId = resolver.getResponseField('Parameter.Value');

    Validations.of(logGroup).acknowledge({
      id: 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      reason: 'The resolver logs only the public AMI id it read.',
    });
    acknowledgeProvider(stack);
  }

  /** The resolved AMI, for `ec2.Instance`'s `machineImage`. */
  getImage(): MachineImageConfig {
    return { imageId: this.imageId, osType: OperatingSystemType.LINUX, userData: UserData.forLinux() };
  }
}

/** The findings on CDK's shared `AwsCustomResource` provider function, each with its reason. */
function acknowledgeProvider(stack: Stack): void {
  const provider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (!provider) return;
  const acknowledgements: [string, string][] = [
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "AWS-managed minimum for writing the resolver's logs.",
    ],
    ['NIST.800.53.R5-LambdaConcurrency', 'Runs once when an environment is created, invoked by CloudFormation only.'],
    ['NIST.800.53.R5-LambdaDLQ', 'Invoked synchronously by CloudFormation, which records a failure in the stack events.'],
    ['NIST.800.53.R5-LambdaInsideVPC', 'Calls only the public SSM API to read one public AMI parameter; it needs nothing in the VPC.'],
  ];
  for (const [id, reason] of acknowledgements) Validations.of(provider).acknowledge({ id, reason });
}
