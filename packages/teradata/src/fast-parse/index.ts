import type { AstNode } from '../ast';
import { BAIL, TeradataParser } from './parser';
import { scanTeradata } from './scanner';

/**
 * Teradata SQL → polyglot's pruned syntax trees, exactly `pruneTree(polyglot.parse(sql, 'teradata').ast)`,
 * without crossing into WebAssembly; undefined when the input uses anything this parser does not
 * implement or is malformed (the caller then falls back to polyglot, which also reports errors).
 * Never throws.
 *
 * Covered, mirroring polyglot's Teradata dialect node for node: one statement per input (no `;`,
 * no comments); SELECT/SEL with DISTINCT, TOP n [PERCENT] [WITH TIES], FROM lists, subqueries and
 * INNER/LEFT/RIGHT/FULL/CROSS joins, WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY, SAMPLE, set
 * operations (UNION/INTERSECT/EXCEPT/MINUS); LOCKING … FOR|IN …; INSERT/INS (VALUES or query),
 * UPDATE/UPD (with Teradata's FROM), DELETE/DEL FROM; CREATE [SET|MULTISET] [VOLATILE|GLOBAL
 * TEMPORARY] TABLE with post-name options, column attributes (NOT NULL, FORMAT, COMPRESS,
 * CHARACTER SET, [NOT] CASESPECIFIC), [UNIQUE] PRIMARY INDEX, INDEX, PARTITION BY (RANGE_N), ON
 * COMMIT, AS … WITH [NO] DATA; CREATE/REPLACE VIEW; DATABASE; SET QUERY_BAND; bare expressions.
 * Expressions: Teradata comparison words (EQ, NE, NOT=, ^=…), MOD, `**`, `||`, IS [NOT] NULL,
 * [NOT] IN / BETWEEN / LIKE [ANY|ALL], ANY/ALL subqueries, EXISTS, CASE, CAST/TRYCAST with FORMAT,
 * `(FORMAT '…')` phrases, typed literals, INTERVAL, EXTRACT, POSITION, TRIM, SUBSTRING,
 * TRANSLATE … USING, window functions (PARTITION BY / ORDER BY, no frames), and the function names
 * listed in `functions.ts`. Everything else bails out.
 */
export function parseTeradataFast(sql: string): AstNode[] | undefined {
  const tokens = scanTeradata(sql);
  if (!tokens) return undefined;
  try {
    return [new TeradataParser(tokens).statement()];
  } catch (error) {
    if (error === BAIL) return undefined;
    return undefined;
  }
}
