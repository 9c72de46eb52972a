import { createInterface } from 'node:readline';
import { LabsError } from '@labs/config';
import { log } from '../output';

/** How the user answered. */
export type Consent = 'granted' | 'dry-run';

/**
 * Shows what will be created and what it costs, then asks for consent on stderr/stdin.
 * `--yes` skips the question, `--dry-run` stops after showing. A refusal or no answer throws.
 */
export async function askConsent(summary: readonly string[], options: { yes?: boolean; dryRun?: boolean }): Promise<Consent> {
  for (const line of summary) log(line);
  if (options.dryRun) {
    log('dry run: nothing was deployed');
    return 'dry-run';
  }
  if (options.yes) return 'granted';
  const answer = await question('Proceed and start billing? [y/N] ');
  if (/^y(es)?$/i.test(answer.trim())) return 'granted';
  throw new LabsError('not deployed: consent was not given (answer "y", or pass --yes)', 1);
}

function question(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
    let answered = false;
    process.stderr.write(prompt);
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}
