import { environment, LabsError, parseExpiry } from '@labs/config';
import { buildApp } from '../src/app';

/**
 * CDK entry point, run by `cdk` (see cdk.json). Context is read here only, validated, and passed down:
 * `-c foundation=true` for the foundation stack, or `-c lab=<id> -c env=<name> -c owner=<who>
 * -c expiresAt=<ISO UTC>` for one environment stack.
 */
function main(): void {
  const probe = buildApp({ nag: false });
  const context = (key: string): string | undefined => probe.node.tryGetContext(key) as string | undefined;
  if (context('foundation') === 'true') {
    buildApp({ foundation: true }).synth();
    return;
  }
  const lab = context('lab');
  const env = context('env');
  const owner = context('owner');
  const expiresAt = parseExpiry(context('expiresAt'));
  if (!lab || !env || !owner || !expiresAt) {
    throw new LabsError('the CDK app needs -c foundation=true, or -c lab=<id> -c env=<name> -c owner=<who> -c expiresAt=<ISO-8601 UTC>');
  }
  buildApp({ environments: [{ labEnvironment: environment(lab, env), owner, expiresAt }] }).synth();
}

main();
