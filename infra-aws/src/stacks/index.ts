import type { Stack } from 'aws-cdk-lib';
import type { LabId } from '@labs/config';
import type { Construct } from 'constructs';
import { KinesisDataStack, type KinesisDataStackProps } from './kinesis-data-stack';
import { KinesisVideoStack } from './kinesis-video-stack';

/** What a lab stack is built from: the environment, and the sink when one is requested (only the lab with a stream has one). */
export type LabStackProps = KinesisDataStackProps;

/** Creates the stack of one AWS lab environment. */
export type LabStackFactory = (scope: Construct, id: string, props: LabStackProps) => Stack;

/** The AWS labs that have a stack, by lab id. */
export const LAB_STACKS: Partial<Record<LabId, LabStackFactory>> = {
  'kinesis-data': (scope, id, props) => new KinesisDataStack(scope, id, props),
  'kinesis-video': (scope, id, props) => new KinesisVideoStack(scope, id, props),
};
