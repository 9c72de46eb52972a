/** What to do with a statement BigQuery has no use for, or spells differently, decided before parsing. */
export type SessionStatement = { readonly drop: string } | { readonly sql: string };

/**
 * Teradata session, plan and index statements of the guide's "Metadata and transaction SQL
 * statements" and "CREATE INDEX" sections, several of which polyglot's parser does not accept:
 *
 * - `SET SESSION DATEFORM …`, `SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL …` and
 *   other `SET SESSION` settings: dropped with a warning that says what BigQuery does instead;
 * - `EXPLAIN …`: dropped (BigQuery shows query plans in the console and INFORMATION_SCHEMA.JOBS);
 * - `CREATE [UNIQUE|JOIN|HASH] INDEX …`: dropped (BigQuery has no indexes);
 * - `END TRANSACTION` → `COMMIT TRANSACTION`.
 *
 * Returns undefined for every other statement (checked with one anchored regular expression).
 */
export function sessionStatement(sql: string): SessionStatement | undefined {
  const match = HEAD.exec(sql);
  if (!match) return undefined;
  const head = (match[1] ?? match[2]!).toUpperCase().replace(/\s+/g, ' ');
  if (head.startsWith('SET SESSION')) {
    const setting = /^SET SESSION\s+(\w+)/i.exec(sql.trim())?.[1]?.toUpperCase() ?? '';
    if (setting === 'DATEFORM') {
      return { drop: 'SET SESSION DATEFORM dropped: BigQuery always reads and prints dates as ISO 8601 (YYYY-MM-DD); convert Teradata date formats' };
    }
    if (setting === 'CHARACTERISTICS' || setting === 'TRANSACTION') {
      return { drop: `SET SESSION ${setting} dropped: BigQuery always uses snapshot isolation; use BEGIN TRANSACTION … COMMIT TRANSACTION` };
    }
    return { drop: `SET SESSION ${setting} dropped: BigQuery has no such session setting (see @@ system variables for the script)` };
  }
  if (head === 'EXPLAIN') {
    return { drop: 'EXPLAIN dropped: BigQuery shows the query plan in the console and in INFORMATION_SCHEMA.JOBS (job_stages)' };
  }
  if (head.endsWith('INDEX')) {
    return {
      drop:
        `${head} dropped: BigQuery has no indexes; cluster or partition the table for speed, and MERGE from a ` +
        'staging table to keep keys unique',
    };
  }
  return { sql: 'COMMIT TRANSACTION' };
}

const HEAD = /^\s*(?:(SET\s+SESSION|EXPLAIN|CREATE\s+(?:UNIQUE\s+|JOIN\s+|HASH\s+)?INDEX)\b|(END\s+TRANSACTION)\s*$)/i;
