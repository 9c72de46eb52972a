import { LAB_IDS, LABS, totalPerHour, type LabId, type PriceTable } from '@labs/config';
import { isMissing, LAB_CONTRACTS, labsJson } from '../lab-contract';
import { withConventionNames } from '../output';

/** The labs, exactly as `labs list --json` prints them (without `--envs`). */
export function labsListJson(prices: PriceTable) {
  return withConventionNames(labsJson(prices));
}

/** Per lab: what one environment creates, its hourly cost (item by item) and the commands that run it. */
export function labDetails(prices: PriceTable) {
  return LAB_IDS.map((id) => {
    const contract = LAB_CONTRACTS[id];
    const costLines = contract.cost(prices);
    return {
      id,
      creates: LABS[id].creates,
      usdPerHour: totalPerHour(costLines),
      costLines,
      commands: [
        ...(isMissing(contract.local)
          ? []
          : [`pnpm --silent labs local ${[id, ...LOCAL_EXAMPLE_ARGS[id]].join(' ')}   # offline, no cloud`]),
        `pnpm labs up ${id} --env <name> --ttl 4h`,
        ...(isMissing(contract.run) ? [] : [`pnpm labs run ${id} --env <name>`]),
        `pnpm labs down ${id} --env <name>`,
      ],
    };
  });
}

/** Example arguments of each lab's offline command. */
const LOCAL_EXAMPLE_ARGS: Record<LabId, readonly string[]> = {
  'kinesis-data': ['--duration', '90s'],
  'kinesis-video': ['--out', 'run.mkv'],
  'bqml-classification': ['--predictions', 'packages/bigquery-ml/sample/predictions.jsonl'],
  'teradata-migration': [],
  'automl-vision': ['--images', './clouds'],
};
