import { AWS_FOUNDATION_NAMES } from '@labs/config';
import { Fn, Stack, Validations } from 'aws-cdk-lib';
import { Vpc, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** The foundation's VPC and private subnets, as seen from an environment stack. */
export interface SharedNetworkRef {
  readonly vpc: IVpc;
  /** The private subnets (egress through the foundation's NAT gateway). */
  readonly subnets: SubnetSelection;
}

/**
 * Imports the foundation's shared VPC offline through its SSM parameters (resolved by CloudFormation at
 * deploy time), so environments never create a VPC of their own.
 */
export class SharedNetwork extends Construct implements SharedNetworkRef {
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const [subnetA, subnetB] = AWS_FOUNDATION_NAMES.privateSubnetParameters.map((name) =>
      StringParameter.valueForStringParameter(this, name),
    );
    this.vpc = Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: StringParameter.valueForStringParameter(this, AWS_FOUNDATION_NAMES.vpcIdParameter),
      availabilityZones: [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())],
      privateSubnetIds: [subnetA as string, subnetB as string],
    });
    this.subnets = { subnets: this.vpc.privateSubnets };
    Validations.of(Stack.of(this)).acknowledge({
      id: 'CloudFormation-Validate::W2001',
      reason: 'Both private subnets are imported so constructs may spread over two AZs; a single instance references one of them.',
    });
  }
}
