import * as polyglot from '@polyglot-sql/sdk';

/** A polyglot syntax-tree node: an externally tagged object such as `{ "select": { … } }`. */
export type AstNode = Record<string, unknown>;

/** Outcome of parsing one statement: the statements' trees, or the parser's message and position. */
export type ParseOutcome =
  | { readonly ok: true; readonly statements: AstNode[] }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

let ready: Promise<void> | undefined;

/** Loads polyglot's WebAssembly module once; every other function here needs it loaded. */
export function loadPolyglot(): Promise<void> {
  ready ??= polyglot.init();
  return ready;
}

/** Parses Teradata SQL into polyglot syntax trees. */
export function parseTeradata(sql: string): ParseOutcome {
  return parseIn(sql, 'teradata');
}

/** Parses SQL written in BigQuery's dialect (used for rewrite templates). */
export function parseBigQuery(sql: string): ParseOutcome {
  return parseIn(sql, 'bigquery');
}

function parseIn(sql: string, dialect: string): ParseOutcome {
  const result = polyglot.parse(sql, dialect as polyglot.Dialect);
  if (result.success && result.ast) return { ok: true, statements: result.ast as AstNode[] };
  return {
    ok: false,
    message: String(result.error ?? 'parse failed').replace(/^(Parse|Tokenization) error at line \d+, column \d+: /, ''),
    line: result.errorLine ?? 1,
    column: result.errorColumn ?? 1,
  };
}

/**
 * Generates BigQuery SQL from syntax trees. The trees go over as JSON text (polyglot's
 * structured-value path is several times slower for the same result).
 */
export function generateBigQuery(statements: readonly AstNode[]): string[] {
  const asJson = { toJSON: () => statements };
  const result = polyglot.generate(asJson, 'bigquery' as polyglot.Dialect);
  if (!result.success || !result.sql) throw new Error(String(result.error ?? 'generation failed'));
  return result.sql;
}

/** Polyglot's own Teradata → BigQuery transpilation, the baseline the benchmark compares with. */
export function transpileWithPolyglotAlone(sql: string): string[] {
  const result = polyglot.transpile(sql, 'teradata' as polyglot.Dialect, 'bigquery' as polyglot.Dialect);
  if (!result.success || !result.sql) throw new Error(String(result.error ?? 'transpile failed'));
  return result.sql;
}
