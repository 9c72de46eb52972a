import { CfnOutput, Duration } from 'aws-cdk-lib';
import { InstanceClass, InstanceSize, InstanceType } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { staticFfmpegPath, VIDEO_STREAM_BASE_NAME } from '@labs/video-producer';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { LabInstance } from '../constructs/lab-instance/lab-instance';
import { ENVIRONMENT_KEY } from '../defaults';
import { EnvironmentStack, type EnvironmentStackProps } from './environment-stack';

/** Where the instance keeps the static ffmpeg build. */
const FFMPEG_ON_INSTANCE = '/opt/labs/ffmpeg/ffmpeg';

/** How long the stream keeps video: playback (HLS) needs a retention above zero. */
export const VIDEO_RETENTION = Duration.hours(1);

/**
 * The Kinesis Video Streams lab: a KMS-encrypted `video/h264` stream with one hour of retention, and an
 * Amazon Linux 2023 producer instance that runs the TypeScript PutMedia producer (test pattern by
 * default) with ffmpeg shipped as an asset. The instance role may only describe the stream, get its
 * data endpoint, put media and generate data keys with the stream's key. The HLS playback URL is a
 * short-lived secret, so it is not an output: `labs run kinesis-video --env <env> --playback-url` prints it.
 */
export class KinesisVideoStack extends EnvironmentStack {
  /** The video stream. */
  readonly stream: CfnStream;
  /** The customer-managed key the stream is encrypted with. */
  readonly key: Key;
  /** The producer instance. */
  readonly producer: LabInstance;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const streamName = this.nameFor(VIDEO_STREAM_BASE_NAME);

    this.key = new Key(this, 'StreamKey', {
      ...ENVIRONMENT_KEY,
      description: `Encrypts Kinesis video stream ${streamName}`,
    });
    this.stream = new CfnStream(this, 'VideoStream', {
      name: streamName,
      mediaType: 'video/h264',
      dataRetentionInHours: VIDEO_RETENTION.toHours(),
      kmsKeyId: this.key.keyArn,
    });

    this.producer = new LabInstance(this, 'Producer', {
      network: this.network,
      name: this.nameFor('VideoProducer'),
      entry: join(require.resolve('@labs/video-producer'), '..', 'ec2-main.ts'),
      instanceType: InstanceType.of(InstanceClass.T3, InstanceSize.SMALL),
      downloads: [{ path: staticFfmpegPath(), destination: FFMPEG_ON_INSTANCE, executable: true }],
      serviceEnvironment: {
        STREAM_NAME: streamName,
        AWS_REGION: this.region,
        FFMPEG_PATH: FFMPEG_ON_INSTANCE,
        VIDEO_SOURCE: 'testsrc',
      },
    });
    const role = this.producer.role;
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia'],
        resources: [this.stream.attrArn],
      }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }));

    new CfnOutput(this, 'StreamName', { value: streamName, description: 'The Kinesis video stream' });
    new CfnOutput(this, 'PlaybackUrlCommand', {
      value: `labs run kinesis-video --env ${this.labEnvironment.name} --playback-url`,
      description: 'Prints a LIVE HLS playback URL (a short-lived secret, so not an output itself)',
    });
  }
}
