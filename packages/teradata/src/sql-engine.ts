import { generateBigQueryFast } from './fast-generate';
import { parseTeradataFast } from './fast-parse';
import { type AstNode, type ParseOutcome, generateBigQuery, parseTeradata } from './polyglot';

/** Parses Teradata into polyglot syntax trees and generates BigQuery from them. */
export interface SqlEngine {
  parse(sql: string): ParseOutcome;
  generate(statements: readonly AstNode[]): string[];
}

/** Which engine a translator uses. */
export type SqlEngineName = 'fast' | 'polyglot';

/** Polyglot alone: every statement crosses into WebAssembly and back twice. */
const polyglotEngine: SqlEngine = { parse: parseTeradata, generate: generateBigQuery };

/**
 * The TypeScript fast path, which yields exactly polyglot's trees and SQL for what it implements and
 * bails out on anything else; polyglot then does that statement (and reports any parse error).
 */
const fastEngine: SqlEngine = {
  parse: (sql) => {
    const statements = parseTeradataFast(sql);
    return statements ? { ok: true, statements } : parseTeradata(sql);
  },
  generate: (statements) => generateBigQueryFast(statements) ?? generateBigQuery(statements),
};

/** The engine of the given name. */
export function sqlEngine(name: SqlEngineName): SqlEngine {
  return name === 'fast' ? fastEngine : polyglotEngine;
}
