import { Command } from 'commander';
import { analysePredictions, labSettings, labSteps, parsePredictions, samplePredictionsJsonl } from '@labs/bigquery-ml';
import { ZetaSql } from '@labs/testing';
import { parseWholeNumber } from '../labs/kinesis-data/run-duration';
import { log } from '../output';
import type { Benchmark } from './index';

/** Predictions analysed per run by default: about a month of the lab's predict window at full scale. */
const DEFAULT_ROWS = 200_000;
/** Timed runs of each stage; the median is reported. */
const RUNS = 5;

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Median wall time (ms) of `runs` calls of `work`, after one warm-up call. */
function medianMs(work: () => unknown, runs = RUNS): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * `labs bench bqml-classification [--rows N]` (alias `bqml`): (1) throughput of the lab's offline analysis
 * over a synthetic `ML.PREDICT` export of N rows in BigQuery's JSON-lines shape — parsing, then lift, ROI
 * and ROC with its AUC — as rows per second, medians of several runs; (2) every statement of the lab
 * (explore, train, evaluate, ROC, predict) checked with ZetaSQL, Google's GoogleSQL parser, with the time
 * per statement.
 */
export const benchBqml: Benchmark = async (argv) => {
  const command = new Command('labs bench bqml-classification')
    .description('analysis throughput over synthetic predictions, and the lab SQL checked with ZetaSQL')
    .option('--rows <n>', 'predictions to analyse', String(DEFAULT_ROWS))
    .exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  const rows = parseWholeNumber('--rows', command.opts<{ rows: string }>().rows);

  log(`generating ${rows} predictions …`);
  const text = samplePredictionsJsonl(rows);
  const parseMs = medianMs(() => parsePredictions(text, 'bench'));
  const predictions = parsePredictions(text, 'bench');
  const analyseMs = medianMs(() => analysePredictions(predictions));
  const analysis = analysePredictions(predictions);

  log('checking the lab SQL with ZetaSQL …');
  const steps = labSteps(labSettings({ project: 'labs-bench-project', dataset: 'ecommerce_bench' }));
  const zeta = await ZetaSql.start();
  const failures: { step: string; error: string }[] = [];
  const started = process.hrtime.bigint();
  try {
    for (const step of steps) {
      const check = await zeta.check(step.statement.sql);
      if (!check.ok) failures.push({ step: step.id, error: check.error });
    }
  } finally {
    zeta.stop();
  }
  const zetaMs = Number(process.hrtime.bigint() - started) / 1e6;

  return {
    analysis: {
      rows,
      runs: RUNS,
      parse_ms: round(parseMs),
      parse_rows_per_s: Math.round(rows / (parseMs / 1000)),
      analyse_ms: round(analyseMs),
      analyse_rows_per_s: Math.round(rows / (analyseMs / 1000)),
      base_rate: analysis.base_rate,
      roc_auc: analysis.roc_auc,
      roi_top_6_pct: analysis.roi_top_k.find((row) => row.k === 6) ?? null,
    },
    sql: {
      statements: steps.length,
      zetasql_ok: steps.length - failures.length,
      failures,
      zetasql_ms_per_statement: round(zetaMs / steps.length),
    },
  };
};
