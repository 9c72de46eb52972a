import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabsError } from '@labs/config';
import { splitStatements, type ScriptStatement } from '../split-statements';

/** The lab's source schema: TPC-H's eight tables in Teradata DDL (database `tpch`). */
export const TPCH_DDL_FILE = join(__dirname, '..', '..', 'lab', 'tpch-ddl.sql');

/** The lab's queries in Teradata SQL, each named by a `-- name:` comment; `row_counts` is the verification query. */
export const TPCH_QUERIES_FILE = join(__dirname, '..', '..', 'lab', 'tpch-queries.sql');

/** TPC-H's eight tables, in the order the DDL declares them and the source VM loads them. */
export const TPCH_TABLES: readonly string[] = ['region', 'nation', 'part', 'supplier', 'partsupp', 'customer', 'orders', 'lineitem'];

/** Name of the query whose rows (`table_name`, `row_count`) are compared between Teradata and BigQuery. */
export const ROW_COUNTS_QUERY = 'row_counts';

/** One query of a queries script. */
export interface NamedQuery {
  /** From its `-- name: x` comment, else `query_<n>` (1-based among the queries). */
  readonly name: string;
  /** The statement as written (Teradata SQL), comments included. */
  readonly sql: string;
  readonly line: number;
}

/** Reads a lab input file, or throws a one-line error naming it. */
export function readLabFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new LabsError(`cannot read ${what} file "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * The statements of a script, each of which must end with `;`. An unclosed quote or comment runs to the
 * end of the file, so it shows as the last statement without its `;`: a clear error, not a silent loss.
 */
export function terminatedStatements(script: string, source: string): ScriptStatement[] {
  const statements = splitStatements(script);
  const last = statements.at(-1);
  if (last && !isTerminated(script, last)) {
    const excerpt = last.text.split('\n')[0]!.slice(0, 60);
    throw new LabsError(
      `${source}: the statement at line ${last.line}, column ${last.column} is not terminated ("${excerpt}"): end it with ";" and close every quote and comment`,
    );
  }
  return statements;
}

function isTerminated(script: string, statement: ScriptStatement): boolean {
  const lines = script.split('\n');
  const start = lines.slice(0, statement.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + statement.column - 1;
  return script
    .slice(start + statement.text.length)
    .trimStart()
    .startsWith(';');
}

const NAME_COMMENT = /^\s*--\s*name:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/m;
const DATABASE_STATEMENT = /^(\s*--[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*DATABASE\s+\w+\s*$/i;

/**
 * The queries of a script: every terminated statement except `DATABASE x` (the lab runs the queries with
 * a default dataset instead), named by its `-- name:` comment. Refuses a script with no query and
 * duplicate names.
 */
export function namedQueries(script: string, source: string): NamedQuery[] {
  const queries = terminatedStatements(script, source)
    .filter((statement) => !DATABASE_STATEMENT.test(statement.text))
    .map((statement, index) => ({
      name: NAME_COMMENT.exec(statement.text)?.[1] ?? `query_${index + 1}`,
      sql: statement.text,
      line: statement.line,
    }));
  if (queries.length === 0) throw new LabsError(`${source} holds no query; write Teradata SQL statements ending with ";"`);
  const seen = new Set<string>();
  for (const query of queries) {
    if (seen.has(query.name))
      throw new LabsError(`${source}: query name "${query.name}" is used twice (line ${query.line}); names must be unique`);
    seen.add(query.name);
  }
  return queries;
}

/** Row counts by table, from the rows of the `row_counts` query (`table_name`, `row_count`). */
export function rowCountsFrom(rows: readonly Record<string, unknown>[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [String(row.table_name).toLowerCase(), Number(row.row_count)]));
}
