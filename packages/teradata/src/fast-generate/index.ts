import type { AstNode } from '../ast';
import { POLYGLOT_MAX_JSON_DEPTH, fitsJsonDepth } from './json-depth';
import { statement } from './statements';

/**
 * BigQuery SQL for pruned polyglot syntax trees — exactly what polyglot.generate(trees, 'bigquery')
 * returns — or undefined when a tree holds any node kind, field or field value this generator does
 * not implement (the caller then falls back to polyglot). Never throws.
 *
 * Covered: SELECT (DISTINCT, WITH, FROM tables and aliased subqueries, inner/left/right/full/cross
 * joins, WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY with ASC/DESC/NULLS, LIMIT/TOP),
 * UNION [ALL|DISTINCT], INTERSECT/EXCEPT DISTINCT, INSERT (VALUES or query), UPDATE (with FROM),
 * DELETE, CREATE TABLE (columns with NOT NULL/DEFAULT, AS query, LIKE), CREATE [OR REPLACE] VIEW,
 * ALTER TABLE RENAME, DROP TABLE/VIEW, SET @@variable, BEGIN/COMMIT/ROLLBACK; expressions: columns,
 * identifiers (backticks where polyglot puts them), string and number literals, booleans, NULL,
 * arithmetic/comparison/logical/concatenation operators with polyglot's parenthesisation,
 * negation, NOT, IS [NOT] NULL, [NOT] LIKE, [NOT] BETWEEN, [NOT] IN, EXISTS, op ALL/ANY (subquery),
 * CASE, CAST/SAFE_CAST, INTERVAL, EXTRACT, generic and common typed functions, aggregates
 * (DISTINCT), window functions with ROWS/RANGE frames. Anything else — another node kind, an
 * unknown field, a flag value or enum variant not listed, a comment, a tree nested deeper than
 * polyglot reads — bails out.
 */
export function generateBigQueryFast(statements: readonly AstNode[]): string[] | undefined {
  try {
    if (!fitsJsonDepth(statements, POLYGLOT_MAX_JSON_DEPTH)) return undefined;
    const out: string[] = [];
    for (const tree of statements) out.push(statement(tree));
    return out;
  } catch {
    return undefined;
  }
}
