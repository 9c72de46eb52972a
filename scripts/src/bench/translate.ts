import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabsError } from '@labs/config';
import {
  GUIDE_EXAMPLES,
  type GuideExample,
  TeradataTranslator,
  roundTripWithoutRewrites,
  transpileWithPolyglotAlone,
} from '@labs/teradata';
import { ZetaSql } from '@labs/testing';
import type { Benchmark } from '.';
import { log } from '../output';
import { REPO_ROOT } from '../repo';

/** One line of `dev-cases.jsonl`. */
interface DevCase {
  readonly id: string;
  readonly teradata: string;
  readonly bigquery_expected: string | null;
  readonly alternatives?: readonly string[];
  readonly kind: 'translate' | 'parse';
}

/** The normalisers of the scorer beside the cases (`score.mjs`). */
interface Scorer {
  normExact(sql: string): string;
  normLoose(sql: string): string;
}

/** A translator under test: SQL in, BigQuery out (empty when dropped), or an exception. */
type Translate = (sql: string) => string;

/** The folder with the cases, beside the repository (as in CI). */
export const CASES_DIR = join(REPO_ROOT, '..', 'shared', 'teradata-sql');

/**
 * `labs bench translate [--seconds N] [--cases FILE]`: scores our translator and `@polyglot-sql/sdk`
 * alone on the Teradata dev cases with the scorer beside them (exact / loose), checks every output
 * with ZetaSQL (expressions as `SELECT <expr>`), and measures both throughputs interleaved (ours with
 * its default fast engine), with two references: our translator on polyglot's parser and generator
 * alone (`polyglot_engine_rps`), and polyglot's parse → JavaScript tree → generate with no rewrite at
 * all, the ceiling of any translator that goes through polyglot's tree API (`round_trip_rps`).
 */
export const benchTranslate: Benchmark = async (argv) => {
  const seconds = Number(flag(argv, '--seconds') ?? '3');
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new LabsError(`--seconds must be a positive number, got "${flag(argv, '--seconds')}"`);
  const casesFile = resolve(flag(argv, '--cases') ?? join(CASES_DIR, 'dev-cases.jsonl'));
  const scorerFile = join(CASES_DIR, 'score.mjs');
  for (const needed of [casesFile, scorerFile]) {
    if (!existsSync(needed)) {
      throw new LabsError(
        `translation cases not found: ${needed} is missing (the shared teradata-sql folder sits beside the repository, at ${CASES_DIR})`,
      );
    }
  }
  const cases = readFileSync(casesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as DevCase);
  const scorer = (await import(pathToFileURL(scorerFile).href)) as Scorer;
  const translator = await TeradataTranslator.create();
  const ours = translating(translator);
  const oursOnPolyglot = translating(await TeradataTranslator.create({ engine: 'polyglot' }));
  const polyglot: Translate = (sql) => transpileWithPolyglotAlone(sql).join(';\n');
  const roundTrip: Translate = (sql) => roundTripWithoutRewrites(sql).join(';\n');

  log(`scoring ${cases.length} cases from ${casesFile} …`);
  const oursScore = score(cases, ours, scorer);
  const guide = guideScore(GUIDE_EXAMPLES, translator, scorer);
  const polyglotScore = score(cases, polyglot, scorer);
  log('checking outputs with ZetaSQL …');
  const zeta = await ZetaSql.start();
  let parse: ParseFigures;
  let polyglotParse: ParseFigures;
  try {
    parse = await parseShare(oursScore.outputs, zeta);
    polyglotParse = await parseShare(polyglotScore.outputs, zeta);
  } finally {
    zeta.stop();
  }
  log(`measuring throughput (${seconds} s each, interleaved) …`);
  const [rps = 0, polyglotRps = 0, oursOnPolyglotRps = 0, roundTripRps = 0] = throughput(
    cases.map((c) => c.teradata),
    [ours, polyglot, oursOnPolyglot, roundTrip],
    seconds,
  );
  return {
    cases: cases.length,
    translate_cases: oursScore.translateCases,
    exact_pct: oursScore.exactPct,
    loose_pct: oursScore.loosePct,
    ok_pct: oursScore.okPct,
    parse_pct: parse.pct,
    parse_checked: parse.checked,
    parse_failures: parse.failures,
    dropped_statements: parse.dropped,
    rps: round(rps),
    polyglot: {
      exact_pct: polyglotScore.exactPct,
      loose_pct: polyglotScore.loosePct,
      ok_pct: polyglotScore.okPct,
      parse_pct: polyglotParse.pct,
      rps: round(polyglotRps),
    },
    rps_vs_polyglot: round(rps / polyglotRps, 2),
    polyglot_engine_rps: round(oursOnPolyglotRps),
    round_trip_rps: round(roundTripRps),
    round_trip_vs_polyglot: round(roundTripRps / polyglotRps, 2),
    not_exact: oursScore.notExact,
    guide_examples: GUIDE_EXAMPLES.length,
    guide_pct: guide.pct,
    guide_not_exact: guide.notExact,
    cases_file: casesFile,
  };
};

/** A translator's statement translation as a benchmark subject (a failed statement throws). */
function translating(translator: TeradataTranslator): Translate {
  return (sql) => {
    const result = translator.translateStatement(sql);
    if (result.error !== null) throw new Error(result.error);
    return result.output ?? '';
  };
}

interface Score {
  readonly translateCases: number;
  readonly exactPct: number;
  readonly loosePct: number;
  readonly okPct: number;
  readonly notExact: string[];
  readonly outputs: { id: string; output: string }[];
}

function score(cases: readonly DevCase[], translate: Translate, scorer: Scorer): Score {
  let ok = 0;
  let exact = 0;
  let loose = 0;
  let translateCases = 0;
  const notExact: string[] = [];
  const outputs: { id: string; output: string }[] = [];
  for (const c of cases) {
    let output: string | undefined;
    try {
      output = translate(c.teradata);
    } catch {
      output = undefined;
    }
    if (output !== undefined) {
      ok++;
      outputs.push({ id: c.id, output });
    }
    if (c.kind !== 'translate' || c.bigquery_expected === null) continue;
    translateCases++;
    const expected = [c.bigquery_expected, ...(c.alternatives ?? [])];
    const isExact = output !== undefined && expected.some((e) => scorer.normExact(e) === scorer.normExact(output!));
    const isLoose = isExact || (output !== undefined && expected.some((e) => scorer.normLoose(e) === scorer.normLoose(output!)));
    if (isExact) exact++;
    else notExact.push(c.id);
    if (isLoose) loose++;
  }
  return {
    translateCases,
    exactPct: pct(exact, translateCases),
    loosePct: pct(loose, translateCases),
    okPct: pct(ok, cases.length),
    notExact,
    outputs,
  };
}

/**
 * Share of the guide's examples translated exactly: the expected output (same normaliser as the
 * cases; `""` for a dropped statement), or, for statements BigQuery has no counterpart for, an
 * error that says what to write instead.
 */
function guideScore(
  examples: readonly GuideExample[],
  translator: TeradataTranslator,
  scorer: Scorer,
): { pct: number; notExact: string[] } {
  const notExact: string[] = [];
  for (const example of examples) {
    const result = translator.translateStatement(example.teradata);
    const exact =
      example.error !== undefined
        ? (result.error ?? '').includes(example.error)
        : result.output !== null &&
          (result.output.trim() === '' || example.bigquery!.trim() === ''
            ? result.output.trim() === example.bigquery!.trim()
            : scorer.normExact(result.output) === scorer.normExact(example.bigquery!));
    if (!exact) notExact.push(example.section);
  }
  return { pct: pct(examples.length - notExact.length, examples.length), notExact };
}

interface ParseFigures {
  readonly pct: number;
  readonly checked: number;
  readonly dropped: number;
  readonly failures: string[];
}

const STATEMENT_START =
  /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SET|TRUNCATE|DECLARE|CALL|EXECUTE|\((?=\s*(SELECT|WITH)\b))/i;

/** Share of outputs ZetaSQL parses; an expression-only output is checked as `SELECT <expr>`. */
async function parseShare(outputs: readonly { id: string; output: string }[], zeta: ZetaSql): Promise<ParseFigures> {
  let parsed = 0;
  let checked = 0;
  let dropped = 0;
  const failures: string[] = [];
  for (const { id, output } of outputs) {
    if (!output.trim()) {
      dropped++;
      continue;
    }
    for (const statement of output.split(';\n')) {
      checked++;
      const sql = STATEMENT_START.test(statement) ? statement : `SELECT ${statement}`;
      if ((await zeta.check(sql)).ok) parsed++;
      else failures.push(id);
    }
  }
  return { pct: pct(parsed, checked), checked, dropped, failures };
}

/** Statements per second of each translator, measured in alternating passes over the cases (after one warm-up pass each). */
function throughput(sqls: readonly string[], translators: readonly Translate[], seconds: number): number[] {
  for (const translate of translators) runPass(sqls, translate);
  const nanos = translators.map(() => 0);
  let passes = 0;
  while (Math.min(...nanos) < seconds * 1e9) {
    translators.forEach((translate, i) => {
      nanos[i]! += timedPass(sqls, translate);
    });
    passes++;
  }
  const statements = passes * sqls.length;
  return nanos.map((n) => statements / (n / 1e9));
}

function timedPass(sqls: readonly string[], translate: Translate): number {
  const started = process.hrtime.bigint();
  runPass(sqls, translate);
  return Number(process.hrtime.bigint() - started);
}

function runPass(sqls: readonly string[], translate: Translate): void {
  for (const sql of sqls) {
    try {
      translate(sql);
    } catch {
      /* failures count in the score, not in the throughput */
    }
  }
}

function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

function pct(part: number, whole: number): number {
  return whole ? round((100 * part) / whole, 1) : 0;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
