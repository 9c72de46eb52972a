import { Stack, Validations } from 'aws-cdk-lib';
import {
  BlockDeviceVolume,
  EbsDeviceVolumeType,
  HttpTokens,
  Instance,
  InstanceClass,
  InstanceSize,
  InstanceType,
  SecurityGroup,
  UserData,
} from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundleEntry } from '../../bundle';
import type { SharedNetworkRef } from '../shared-network/shared-network';
import { CreationTimeImage } from './creation-time-image';
import { sha256OfFile, VERIFIED_FETCH_FUNCTION, verifiedFetchCommand } from './verified-download';

/**
 * Major version of Node.js on the instances: Amazon Linux 2023's `nodejs24` package (AL2023 ships 20, 22
 * and 24, namespaced as `node-<major>`; 20 is end of life upstream). The program is bundled for it.
 */
export const INSTANCE_NODE_MAJOR = 24;

/** A local file the instance downloads (an S3 asset) and checks against its SHA-256 before use. */
export interface LabInstanceDownload {
  /** Absolute path of the file on the machine that synthesizes the stack. */
  readonly path: string;
  /** Absolute path on the instance, e.g. `/opt/labs/ffmpeg/ffmpeg`. */
  readonly destination: string;
  /** Whether the file is a program (mode 0755 instead of 0644). @default false */
  readonly executable?: boolean;
}

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
  /** More files the service needs (e.g. a static ffmpeg), each verified like the program. @default none */
  readonly downloads?: readonly LabInstanceDownload[];
  /** Extra user-data shell lines run before the service starts. @default none */
  readonly extraSetup?: readonly string[];
  /** Root volume size in GiB. @default 8 */
  readonly volumeSizeGiB?: number;
}

/**
 * The Session Manager permissions of the instance's SSM Agent, and no more: it registers the instance
 * (`ssm:UpdateInstanceInformation`, on instances of this account and region) and opens the session
 * channels (`ssmmessages:*Channel`, which take no resource). This is AWS's documented minimum for Session
 * Manager (the managed policy `AWSCloud9SSMInstanceProfile` holds the same five actions). Left out of
 * `AmazonSSMManagedInstanceCore` on purpose: `ssm:GetParameter(s)` on `*` (every parameter of the shared
 * account, SecureStrings included, would be readable from a session shell), documents, associations,
 * inventory and `ec2messages:*` (Run Command, which no lab uses).
 */
function sessionManagerStatements(stack: Stack): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: [SESSION_MANAGER_REGISTRATION],
      resources: [stack.formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' })],
    }),
    new PolicyStatement({ actions: [...SESSION_MANAGER_CHANNELS], resources: ['*'] }),
  ];
}

/** How the Session Manager agent registers its instance. */
export const SESSION_MANAGER_REGISTRATION = 'ssm:UpdateInstanceInformation';

/** The session channels the agent opens (these actions take no resource). */
export const SESSION_MANAGER_CHANNELS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
] as const;

/** Everything the Session Manager agent on a lab instance calls. */
export const SESSION_MANAGER_AGENT_ACTIONS = [SESSION_MANAGER_REGISTRATION, ...SESSION_MANAGER_CHANNELS] as const;

/**
 * An Amazon Linux 2023 instance that runs one bundled Node.js program as a systemd service under an
 * unprivileged dynamic user: private subnet, IMDSv2 required with a hop limit of 1 (no container or
 * forwarded process reaches the credentials), encrypted gp3 root volume, Session Manager with only the
 * agent's own permissions, no key pair and a security group without inbound rules. The AMI is the one
 * current when the environment was created ({@link CreationTimeImage}), and every downloaded file (the
 * program, {@link LabInstanceProps.downloads}) must match the SHA-256 it had when the stack was built, or
 * the instance refuses to run it. Grant the service's permissions on {@link LabInstance.role}.
 */
export class LabInstance extends Construct {
  /** The instance role: the only credentials the service has. */
  readonly role: Role;
  /** The instance. */
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: LabInstanceProps) {
    super(scope, id);
    const serviceName = props.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const programFile = `/opt/labs/${serviceName}/index.js`;
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      description: `Instance role of ${props.name}`,
    });
    for (const statement of sessionManagerStatements(Stack.of(this))) this.role.addToPolicy(statement);

    const downloads: LabInstanceDownload[] = [
      { path: join(bundleEntry(props.entry, { nodeMajor: INSTANCE_NODE_MAJOR }), 'index.js'), destination: programFile },
      ...(props.downloads ?? []),
    ];
    const userData = UserData.forLinux();
    userData.addCommands('set -euo pipefail', `dnf install -y nodejs${INSTANCE_NODE_MAJOR}`, ...VERIFIED_FETCH_FUNCTION);
    downloads.forEach((download, index) => {
      const asset = new Asset(this, index === 0 ? 'Program' : `Download${index}`, { path: download.path });
      this.role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [asset.bucket.arnForObjects(asset.s3ObjectKey)] }));
      const url = `s3://${asset.s3BucketName}/${asset.s3ObjectKey}`;
      userData.addCommands(
        verifiedFetchCommand(url, download.destination, sha256OfFile(download.path), download.executable ? '0755' : '0644'),
      );
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
      machineImage: new CreationTimeImage(this, 'Image'),
      httpTokens: HttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
      httpEndpoint: true,
      detailedMonitoring: true,
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
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "Session Manager's ssmmessages channel actions support no resource type; they act only for the calling instance.",
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
      reason: 'ssm:UpdateInstanceInformation registers the calling instance; its id is not known before the role exists.',
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
    // A fresh unprivileged user per start: no login, no sudo, nothing it can write outside its state.
    'DynamicUser=yes',
    `ExecStart=/usr/bin/node-${INSTANCE_NODE_MAJOR} ${programFile}`,
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
