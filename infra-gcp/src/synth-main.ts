import { writeFileSync } from 'node:fs';
import { DEFAULT_MAX_TTL, environment } from '@labs/config';
import { checkExpiry } from './expiry-check';
import { inventoryOf } from './inventory';
import { POLICY_ACKNOWLEDGEMENTS } from './labs';
import { checkInventory } from './policy';
import type { ProgramTarget } from './program';

/** Serialized form of a target, as `labs synth` passes it to this process (the foundation's args are plain JSON already). */
export interface SynthRequest {
  readonly target:
    | Extract<ProgramTarget, { kind: 'foundation' }>
    | { kind: 'environment'; project: string; region: string; zone: string; lab: string; env: string; owner: string; expiresAt: string };
  /** Where to write the inventory JSON. */
  readonly outFile: string;
}

/**
 * Child-process entry of `labs synth` for one GCP target (Pulumi's runtime is process-global): runs the
 * program under mocks, writes the inventory, checks the policy, and prints `{ resources, findings }`.
 */
async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as SynthRequest;
  const t = request.target;
  const target: ProgramTarget =
    t.kind === 'foundation'
      ? t
      : {
          kind: 'environment',
          project: t.project,
          region: t.region,
          zone: t.zone,
          environment: environment(t.lab, t.env),
          owner: t.owner,
          expiresAt: checkExpiry(t.expiresAt, DEFAULT_MAX_TTL, new Date()),
        };
  const inventory = await inventoryOf(target);
  writeFileSync(request.outFile, `${JSON.stringify(inventory, null, 2)}\n`);
  const acknowledgements = target.kind === 'environment' ? (POLICY_ACKNOWLEDGEMENTS[target.environment.lab.id] ?? []) : [];
  const findings = checkInventory(inventory, acknowledgements, { expiring: target.kind === 'environment' });
  process.stdout.write(JSON.stringify({ resources: inventory.length, findings }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
