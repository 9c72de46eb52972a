import type { CloudDoctor } from './check';
import { nodeCheck } from './node-check';

/** What a real GCP project needs before a first deploy. */
export const gcpDoctor: CloudDoctor = async () => [await nodeCheck()];
