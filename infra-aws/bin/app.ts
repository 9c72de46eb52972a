import { loadProjectConfig, loadProjectConfigFile, LabsError } from '@labs/config';
import { join } from 'node:path';
import { appFromContext } from '../src/app';

/**
 * CDK entry point, run by `cdk` (see cdk.json). The project config is read here, the CLI's context by the
 * one `App` that gets the stacks (a second `App` would synthesize itself on exit and overwrite the CLI's
 * cloud assembly with an empty one): `-c foundation=true` for the foundation stack, or `-c lab=<id>
 * -c env=<name> -c owner=<who> -c expiresAt=<ISO UTC>` for one environment stack.
 */
function main(): void {
  const configFile = process.env.LABS_CONFIG_FILE;
  const config = configFile ? loadProjectConfigFile(configFile) : loadProjectConfig(join(__dirname, '..', '..'));
  appFromContext({ maxTtl: config.maxTtl }).synth();
}

try {
  main();
} catch (error) {
  if (!(error instanceof LabsError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
