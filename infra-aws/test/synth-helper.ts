import { Template } from 'aws-cdk-lib/assertions';
import { environment, stackName, type LabId } from '@labs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';

/** The owner and expiry every test environment uses. */
export const TEST_TARGET = { owner: 'alice@example.com', expiresAt: new Date('2026-11-29T03:00:00Z') } as const;

/**
 * Synthesizes one lab environment stack with the cdk-nag packs applied (an unacknowledged finding
 * throws) and returns its template.
 */
export function synthLabStack(lab: LabId, envName = 'alice'): Template {
  const labEnvironment = environment(lab, envName);
  const app = buildApp({
    outdir: mkdtempSync(join(tmpdir(), 'labs-cdk-')),
    environments: [{ labEnvironment, ...TEST_TARGET }],
  });
  const assembly = app.synth();
  return Template.fromJSON(assembly.getStackByName(stackName(labEnvironment)).template as Record<string, unknown>);
}
