import { defineProgram } from './src/program';
import { readStackConfig } from './src/stack-config';

/** The Pulumi program: the GCP foundation or one lab environment, by stack config. */
const outputs = defineProgram(readStackConfig());

export const labels = outputs.labels;
export const expiresAt = outputs.expiresAt;
export const stateBucketName = outputs.stateBucketName;
