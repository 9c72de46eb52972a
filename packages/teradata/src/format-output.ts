import type { StatementTranslation } from './translate';

/**
 * The translated script as text: each statement ends with `;`, its warnings precede it as
 * `-- warning:` comments, a failed statement appears as `-- error:` plus its input commented out.
 */
export function formatScript(results: readonly StatementTranslation[]): string {
  const blocks = results.map((result) => {
    const lines = result.warnings.map((warning) => `-- warning: ${warning}`);
    if (result.error !== null) {
      lines.push(`-- error: ${result.error}`, ...result.input.split('\n').map((line) => `-- ${line}`));
    } else if (result.output) {
      lines.push(`${result.output};`);
    }
    return lines.join('\n');
  });
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

/** The `--json` shape: one object per input statement, in order. */
export function toJsonRecords(
  results: readonly StatementTranslation[],
): { input: string; output: string | null; warnings: string[]; error: string | null }[] {
  return results.map(({ input, output, warnings, error }) => ({ input, output, warnings, error }));
}
