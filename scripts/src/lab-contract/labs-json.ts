import { LAB_IDS, LABS, STACK_PREFIX, type PriceTable } from '@labs/config';
import { LAB_CONTRACTS } from './labs';
import { labPieces } from './pieces';

/** The labs as `labs list --json` shows them (without `--envs`): id, cloud, title, stack, required config, pieces. */
export function labsJson(prices: PriceTable) {
  return LAB_IDS.map((id) => {
    const lab = LABS[id];
    return {
      id: lab.id,
      cloud: lab.cloud,
      title: lab.title,
      stack: `${STACK_PREFIX}${lab.id}-<env>`,
      requiredConfig: lab.requiredConfig,
      pieces: labPieces(LAB_CONTRACTS[id], prices),
    };
  });
}
