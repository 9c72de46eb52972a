import { defineProgram } from './src/program';
import { readStackConfig } from './src/stack-config';

/** The Pulumi program: the GCP foundation or one lab environment, by stack config; its exports are the stack outputs. */
export = defineProgram(readStackConfig());
