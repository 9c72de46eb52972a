import type { Stack } from 'aws-cdk-lib';
import type { LabId } from '@labs/config';
import type { Construct } from 'constructs';
import type { EnvironmentStackProps } from './environment-stack';
import { KinesisDataStack } from './kinesis-data-stack';
import { KinesisVideoStack } from './kinesis-video-stack';

/** Creates the stack of one AWS lab environment. */
export type LabStackFactory = (scope: Construct, id: string, props: EnvironmentStackProps) => Stack;

/** The AWS labs that have a stack, by lab id. */
export const LAB_STACKS: Partial<Record<LabId, LabStackFactory>> = {
  'kinesis-data': (scope, id, props) => new KinesisDataStack(scope, id, props),
  'kinesis-video': (scope, id, props) => new KinesisVideoStack(scope, id, props),
};
