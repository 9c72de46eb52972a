import { LabsError } from '@labs/config';
import { check, type DoctorCheck } from './check';

/** The oldest Node.js the CLI and the AWS SDK releases it pins run on. */
export const MIN_NODE = [20, 19] as const;

/** Whether this Node.js is recent enough for the CLI. */
export function nodeCheck(version = process.versions.node): Promise<DoctorCheck> {
  return check('node version', () => {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]))
      throw new LabsError(`Node.js ${version} is too old: install Node.js ${MIN_NODE.join('.')} or newer`);
    return `Node.js ${version}`;
  });
}
