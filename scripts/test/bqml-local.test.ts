import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysePredictions, parsePredictions, SAMPLE_PREDICTIONS_FILE } from '@labs/bigquery-ml';
import { runCli } from '@labs/testing';

jest.setTimeout(90_000);

const dir = mkdtempSync(join(tmpdir(), 'bqml-local-'));

describe('labs local bqml-classification', () => {
  it('--json prints one object with the contract fields, the same figures as the library', async () => {
    const result = await runCli(['local', 'bqml-classification', '--predictions', SAMPLE_PREDICTIONS_FILE, '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['rows', 'base_rate', 'roc_auc', 'lift', 'roi_top_k']);
    expect(printed).toEqual(analysePredictions(parsePredictions(readFileSync(SAMPLE_PREDICTIONS_FILE, 'utf8'), 'x')));
    expect((printed.roi_top_k as { k: number }[]).map((r) => r.k)).toEqual([1, 5, 6, 10, 20]);
    expect(Object.keys((printed.lift as object[])[0]!)).toEqual(['top_pct', 'visitors', 'conversion_rate', 'share_of_buyers', 'lift']);
  });

  it('prints the summary, lift and ROI tables, and writes the ROC chart', async () => {
    const chart = join(dir, 'roc.svg');
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, 'will_buy_on_return_visit,probability\n1,0.9\n0,0.8\ntrue,0.7\n0,0.1\n');
    const result = await runCli(['local', 'bqml-classification', '--predictions', csv, '--chart', chart]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rows  base_rate  roc_auc  quality\n4     50.00%     0.7500   decent');
    expect(result.stdout).toContain('top_pct  visitors  conversion_rate  share_of_buyers  lift');
    expect(result.stdout).toContain('6%          2.00x            9.00x');
    expect(result.stderr).toContain(`ROC chart written to ${chart}`);
    expect(readFileSync(chart, 'utf8')).toContain('predictions (AUC 0.7500)');
  });

  it('names the missing label column', async () => {
    const file = join(dir, 'nolabel.jsonl');
    writeFileSync(file, '{"visitor":"a","probability":0.2}\n');
    const result = await runCli(['local', 'bqml-classification', '--predictions', file, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: row 1 of ${file} has no label column "will_buy_on_return_visit" (columns: visitor, probability); export ML.PREDICT output with the label\n`,
    );
  });

  it('says when the file cannot be read', async () => {
    const result = await runCli(['local', 'bqml-classification', '--predictions', join(dir, 'missing.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: cannot read predictions file "${join(dir, 'missing.jsonl')}": ENOENT\n`);
  });
});
