import type { CloudDoctor } from './check';
import { nodeCheck } from './node-check';

/** What a real AWS account needs before a first deploy. */
export const awsDoctor: CloudDoctor = async () => [await nodeCheck()];
