import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@labs/config';
import { PROBS_COLUMN } from './sql/statements';
import { LABEL_COLUMN } from './sql/visitor-label';

/** Where the committed sample lives (`labs local bqml-classification --predictions <this>`). */
export const SAMPLE_PREDICTIONS_FILE = join(__dirname, '..', 'sample', 'predictions.jsonl');

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * A synthetic `ML.PREDICT` export in BigQuery's JSON-lines shape: each visitor has a latent intent; the
 * true label is drawn from it, and the "model" sees it with noise. Probabilities are rounded to three
 * decimals, so there are ties, as in real scores.
 */
export function samplePredictionsJsonl(count = 2000, seed = 20170701): string {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const intent = normal();
    const label = random() < sigmoid(-4.2 + 1.9 * intent) ? 1 : 0;
    const probability = Math.round(sigmoid(-4 + 1.7 * intent + 0.6 * normal()) * 1000) / 1000;
    lines.push(
      JSON.stringify({
        [LABEL_COLUMN]: String(label),
        [`predicted_${LABEL_COLUMN}`]: probability > 0.5 ? '1' : '0',
        [PROBS_COLUMN]: [
          { label: '1', prob: probability },
          { label: '0', prob: Math.round((1 - probability) * 1000) / 1000 },
        ],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  writeFileSync(SAMPLE_PREDICTIONS_FILE, samplePredictionsJsonl());
  process.stdout.write(`wrote ${SAMPLE_PREDICTIONS_FILE}\n`);
}
