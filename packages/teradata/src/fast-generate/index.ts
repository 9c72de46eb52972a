import type { AstNode } from '../ast';
import { statement } from './statements';

/**
 * BigQuery SQL for pruned polyglot syntax trees — exactly what polyglot.generate(trees, 'bigquery')
 * returns — or undefined when a tree holds any node kind, field or field value this generator does
 * not implement (the caller then falls back to polyglot). Never throws.
 *
 * Covered: SELECT (DISTINCT, FROM tables and aliased subqueries, inner and cross joins, WHERE,
 * GROUP BY, HAVING, QUALIFY, ORDER BY, LIMIT/TOP), UNION/INTERSECT/EXCEPT DISTINCT, INSERT (VALUES
 * or query), UPDATE (with FROM), DELETE, CREATE TABLE (columns with BigQuery types and NOT NULL,
 * AS query, LIKE), CREATE [OR REPLACE] VIEW, ALTER TABLE RENAME, SET @@variable, BEGIN/COMMIT
 * TRANSACTION; expressions: columns, identifiers (quoted or reserved words in backticks), string
 * and number literals, booleans, NULL, arithmetic/comparison/logical/concatenation operators with
 * polyglot's parenthesisation, NOT, IS [NOT] NULL, LIKE, [NOT] IN, EXISTS, op ALL (subquery), CASE,
 * CAST/SAFE_CAST, INTERVAL, EXTRACT, window functions with ROWS frames, common aggregates and a
 * list of functions polyglot leaves unchanged. Anything else bails out.
 */
export function generateBigQueryFast(statements: readonly AstNode[]): string[] | undefined {
  try {
    const out: string[] = [];
    for (const tree of statements) out.push(statement(tree));
    return out;
  } catch {
    return undefined;
  }
}
