import { type AstNode, pruneTree } from './ast';
import { generateBigQuery, parseTeradata } from './polyglot';

/**
 * Teradata SQL parsed by polyglot and generated as BigQuery from the JavaScript tree with no
 * rewrite: the same parse → tree → generate path as the translator, minus the rules. The
 * benchmark measures it as the ceiling of any translator built on polyglot's tree API.
 */
export function roundTripWithoutRewrites(sql: string): string[] {
  const parsed = parseTeradata(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  return generateBigQuery(pruneTree(parsed.statements) as AstNode[]);
}
