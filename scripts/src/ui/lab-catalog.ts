import { hourlyCost, LAB_IDS, LABS, totalPerHour, type LabId, type PriceTable } from '@labs/config';
import { isMissing, LAB_CONTRACTS, labsJson } from '../lab-contract';
import { withConventionNames } from '../output';

/** The labs, exactly as `labs list --json` prints them (without `--envs`). */
export function labsListJson(prices: PriceTable) {
  return withConventionNames(labsJson(prices));
}

/** Per lab: what one environment creates, its hourly cost (item by item) and the commands that run it. */
export function labDetails(prices: PriceTable) {
  return LAB_IDS.map((id) => {
    const costLines = hourlyCost(id, prices);
    return {
      id,
      creates: LABS[id].creates,
      usdPerHour: totalPerHour(costLines),
      costLines,
      commands: [
        ...(OFFLINE[id] ? [`pnpm --silent labs ${OFFLINE[id]}   # offline, no cloud`] : []),
        `pnpm labs up ${id} --env <name> --ttl 4h`,
        ...(isMissing(LAB_CONTRACTS[id].run) ? [] : [`pnpm labs run ${id} --env <name>`]),
        `pnpm labs down ${id} --env <name>`,
      ],
    };
  });
}

/** The labs' offline commands. */
const OFFLINE: Partial<Record<LabId, string>> = {
  'kinesis-data': 'local kinesis-data --duration 90s',
  'kinesis-video': 'local kinesis-video --out run.mkv',
  'bqml-classification': 'local bqml-classification --predictions packages/bigquery-ml/sample/predictions.jsonl',
  'teradata-migration': 'local teradata-migration',
  'automl-vision': 'local automl-vision --images ./clouds',
};
