import type { PriceTable } from '@labs/config';
import { grantJson, type GrantJson } from './access';
import { isMissing, type LabContract, type Missing } from './contract';

/** A lab's pieces as `labs list --json` shows them: what each is, or `{ missing: reason }`. */
export interface LabPieces {
  readonly infrastructure: { readonly tool: 'cdk' | 'pulumi'; readonly name: string } | Missing;
  readonly runtime_entries: readonly { readonly role: string; readonly file: string; readonly export?: string }[] | Missing;
  readonly run: { readonly command: string } | Missing;
  readonly local: { readonly command: string } | Missing;
  readonly bench: { readonly command: string; readonly aliases: readonly string[] } | Missing;
  readonly cost: readonly { readonly item: string; readonly usd_per_hour: number }[];
  readonly teardown: { readonly hooks: readonly string[] } | Missing;
  /** Who will be able to do what in one environment (a runtime's exact permissions; `only_with`: a `labs up` option). */
  readonly access: readonly GrantJson[];
}

/** Describes a lab's pieces (plain data, nothing loaded). */
export function labPieces(contract: LabContract, prices: PriceTable): LabPieces {
  const { infrastructure, runtimeEntries, run, local, bench, teardown } = contract;
  const id = contract.id;
  return {
    infrastructure: isMissing(infrastructure) ? infrastructure : { tool: infrastructure.tool, name: infrastructure.name },
    runtime_entries: isMissing(runtimeEntries) ? runtimeEntries : runtimeEntries.map((entry) => ({ ...entry })),
    run: isMissing(run) ? run : { command: `labs run ${id}` },
    local: isMissing(local) ? local : { command: `labs local ${id}` },
    bench: isMissing(bench) ? bench : { command: `labs bench ${id}`, aliases: Object.keys(bench) },
    cost: contract.cost(prices).map((line) => ({ item: line.item, usd_per_hour: line.usdPerHour })),
    teardown: isMissing(teardown) ? teardown : { hooks: teardown.map((hook) => hook.description) },
    access: contract.access.map(grantJson),
  };
}
