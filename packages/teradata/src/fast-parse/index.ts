import type { AstNode } from '../ast';
import { TeradataParser } from './parser';
import { scanTeradata } from './scanner';

/**
 * Teradata SQL → polyglot's pruned syntax trees, exactly `pruneTree(polyglot.parse(sql, 'teradata').ast)`,
 * without crossing into WebAssembly; undefined when the input uses anything this parser does not
 * implement or is malformed (the caller then falls back to polyglot, which also reports errors).
 * Never throws.
 *
 * Covered, mirroring polyglot's Teradata dialect node for node (one statement per input, comments
 * only ahead of a SELECT): SELECT/SEL with DISTINCT, TOP n [PERCENT] [WITH TIES], FROM lists,
 * subqueries, INNER/LEFT/RIGHT/FULL/CROSS joins with ON or USING, WHERE, GROUP BY, HAVING,
 * QUALIFY, ORDER BY, SAMPLE, set operations (UNION/INTERSECT/EXCEPT/MINUS), WITH; LOCKING … FOR|IN
 * …; INSERT/INS (VALUES or query), UPDATE/UPD (with Teradata's FROM), DELETE/DEL FROM; CREATE
 * [SET|MULTISET] [VOLATILE|GLOBAL TEMPORARY] TABLE with the usual post-name options, column
 * attributes (NOT NULL, NULL, DEFAULT literal, FORMAT, COMPRESS, CHARACTER SET, [NOT]
 * CASESPECIFIC), [UNIQUE] PRIMARY INDEX, INDEX, PARTITION BY (RANGE_N), ON COMMIT, AS … WITH [NO]
 * DATA; CREATE/REPLACE VIEW; DROP TABLE/VIEW; DATABASE; SET QUERY_BAND; COLLECT/HELP/RENAME (kept
 * as command text); bare expressions. Expressions: Teradata comparison words (EQ, NE, NOT=, ^=…),
 * MOD, `**`, `||`, IS [NOT] NULL, [NOT] IN / BETWEEN / LIKE [ANY|ALL], ANY/ALL subqueries, EXISTS,
 * CASE, CAST/TRYCAST with FORMAT, `(FORMAT '…')` phrases, typed literals, INTERVAL, EXTRACT,
 * POSITION, TRIM, SUBSTRING, TRANSLATE … USING, window functions with ROWS/RANGE frames, and the
 * function names listed in `functions.ts`. Everything else bails out, including the quirks where
 * polyglot's output is irregular (see the comments at each bail-out).
 */
export function parseTeradataFast(sql: string): AstNode[] | undefined {
  const tokens = scanTeradata(sql);
  if (!tokens) return undefined;
  try {
    return [new TeradataParser(tokens).statement()];
  } catch {
    // the parser's bail-out, or a stack overflow on absurd nesting: either way polyglot takes over
    return undefined;
  }
}
