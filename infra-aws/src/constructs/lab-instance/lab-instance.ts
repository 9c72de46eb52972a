import { Validations } from 'aws-cdk-lib';
import {
  BlockDeviceVolume,
  EbsDeviceVolumeType,
  Instance,
  InstanceClass,
  InstanceSize,
  InstanceType,
  MachineImage,
  SecurityGroup,
  UserData,
} from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundleEntry } from '../../bundle';
import type { SharedNetworkRef } from '../shared-network/shared-network';

/** Props of {@link LabInstance}. */
export interface LabInstanceProps {
  /** The foundation's shared network; the instance goes into its private subnets. */
  readonly network: SharedNetworkRef;
  /** Instance Name tag and systemd service name, e.g. `AnalyticsEngine-alice`. */
  readonly name: string;
  /** Absolute path of the TypeScript entry point (in `packages/`) that the service runs. */
  readonly entry: string;
  /** Environment variables of the service. @default none */
  readonly serviceEnvironment?: Record<string, string>;
  /** Instance type. @default t3.micro */
  readonly instanceType?: InstanceType;
  /** Extra user-data shell lines run before the service starts (e.g. installing ffmpeg). @default none */
  readonly extraSetup?: readonly string[];
  /** Root volume size in GiB. @default 8 */
  readonly volumeSizeGiB?: number;
}

/**
 * An Amazon Linux 2023 instance that runs one bundled Node.js program as a systemd service: private
 * subnet, IMDSv2 required, encrypted gp3 root volume, SSM Session Manager, no key pair and a security
 * group without inbound rules. Grant the service's permissions on {@link LabInstance.role}.
 */
export class LabInstance extends Construct {
  /** The instance role: the only credentials the service has. */
  readonly role: Role;
  /** The instance. */
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: LabInstanceProps) {
    super(scope, id);
    const serviceName = props.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const program = new Asset(this, 'Program', { path: join(bundleEntry(props.entry), 'index.js') });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      description: `Instance role of ${props.name}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [program.bucket.arnForObjects(program.s3ObjectKey)] }),
    );

    const userData = UserData.forLinux();
    userData.addCommands('set -euo pipefail', 'dnf install -y nodejs20', `install -d -m 0755 /opt/labs/${serviceName}`);
    const programFile = userData.addS3DownloadCommand({
      bucket: program.bucket,
      bucketKey: program.s3ObjectKey,
      localFile: `/opt/labs/${serviceName}/index.js`,
    });
    userData.addCommands(...(props.extraSetup ?? []), ...systemdUnit(serviceName, programFile, props.serviceEnvironment ?? {}));

    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      description: `${props.name}: no inbound rules, HTTPS out to AWS APIs`,
      allowAllOutbound: true,
    });
    this.instance = new Instance(this, 'Instance', {
      instanceName: props.name,
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      instanceType: props.instanceType ?? InstanceType.of(InstanceClass.T3, InstanceSize.MICRO),
      machineImage: MachineImage.latestAmazonLinux2023(),
      requireImdsv2: true,
      detailedMonitoring: true,
      ssmSessionPermissions: true,
      role: this.role,
      securityGroup,
      userData,
      userDataCausesReplacement: true,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: BlockDeviceVolume.ebs(props.volumeSizeGiB ?? 8, { encrypted: true, volumeType: EbsDeviceVolumeType.GP3 }),
        },
      ],
    });
    this.instance.instance.ebsOptimized = true;

    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]`,
      reason: 'AWS-managed minimum for SSM Session Manager, the only way into the instance (no SSH, no key pair).',
    });
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-EC29',
      reason: 'Ephemeral lab instance: it is meant to be deleted with its environment, so no termination protection or ASG.',
    });
  }
}

function systemdUnit(serviceName: string, programFile: string, environment: Record<string, string>): string[] {
  const envLines = Object.entries(environment).map(([key, value]) => `Environment=${key}=${value}`);
  return [
    `cat > /etc/systemd/system/${serviceName}.service <<'UNIT'`,
    '[Unit]',
    `Description=labs ${serviceName}`,
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    'DynamicUser=yes',
    `ExecStart=/usr/bin/env node-20 ${programFile}`,
    ...envLines,
    'Restart=on-failure',
    'RestartSec=5',
    'TimeoutStopSec=30',
    'KillSignal=SIGTERM',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${serviceName}.service`,
  ];
}
