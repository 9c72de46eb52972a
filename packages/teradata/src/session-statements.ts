/**
 * What to do with a statement BigQuery has no use for, or spells differently, decided before
 * parsing: drop it with a warning, parse other SQL in its place, or fail it with an error that
 * says what to write instead.
 */
export type SessionStatement = { readonly drop: string } | { readonly sql: string; readonly warning?: string } | { readonly error: string };

/**
 * Teradata session, plan and index statements of the guide's "Metadata and transaction SQL
 * statements" and "CREATE INDEX" sections, several of which polyglot's parser does not accept:
 *
 * - `SET SESSION DATEFORM …`, `SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL …` and
 *   other `SET SESSION` settings: dropped with a warning that says what BigQuery does instead;
 * - `EXPLAIN …`: dropped (BigQuery shows query plans in the console and INFORMATION_SCHEMA.JOBS);
 * - `CREATE [UNIQUE|JOIN|HASH] INDEX …`: dropped (BigQuery has no indexes);
 * - `END TRANSACTION` → `COMMIT TRANSACTION`;
 * - `EXECUTE stmt USING v` → `EXECUTE IMMEDIATE stmt USING v`;
 * - `LOCKING TABLE t FOR EXCLUSIVE DELETE …` (a lock before DML) → `DELETE …`, with a warning for
 *   write locks (BigQuery uses snapshot isolation);
 * - stored-procedure statements BigQuery scripting does not have (cursors, prepared statements,
 *   condition handlers, SIGNAL) and procedure definitions: an error with the guide's advice.
 *
 * Returns undefined for every other statement (checked with three anchored regular expressions).
 */
export function sessionStatement(sql: string): SessionStatement | undefined {
  const match = HEAD.exec(sql);
  if (!match) {
    if (PROCEDURAL.test(sql)) return procedural(sql);
    const lock = LOCK_BEFORE_DML.exec(sql);
    if (!lock) return undefined;
    const mode = lock[1]!.toUpperCase();
    const rest = sql.slice(lock[0].length);
    if (mode === 'ACCESS' || mode === 'READ' || mode === 'SHARE') return { sql: rest };
    return { sql: rest, warning: `LOCKING … FOR ${mode} dropped: BigQuery uses snapshot isolation and has no explicit locks` };
  }
  const head = (match[1] ?? match[2]!).toUpperCase().replace(/\s+/g, ' ');
  if (head.startsWith('SET SESSION')) {
    const setting = /^SET SESSION\s+(\w+)/i.exec(sql.trim())?.[1]?.toUpperCase() ?? '';
    if (setting === 'DATEFORM') {
      return {
        drop: 'SET SESSION DATEFORM dropped: BigQuery always reads and prints dates as ISO 8601 (YYYY-MM-DD); convert Teradata date formats',
      };
    }
    if (setting === 'CHARACTERISTICS' || setting === 'TRANSACTION') {
      return {
        drop: `SET SESSION ${setting} dropped: BigQuery always uses snapshot isolation; use BEGIN TRANSACTION … COMMIT TRANSACTION`,
      };
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
  if (head === 'EXECUTE') return { sql: sql.replace(/^\s*EXECUTE\b/i, 'EXECUTE IMMEDIATE') };
  return { sql: 'COMMIT TRANSACTION' };
}

const LOCK_BEFORE_DML =
  /^\s*LOCK(?:ING)?\s+(?:(?:TABLE|DATABASE|VIEW|ROW)\s+)?(?:(?!FOR\b)[\w$#]+(?:\.[\w$#]+)?\s+)?FOR\s+(\w+)(?:\s+MODE)?\s+(?=(?:DELETE|DEL|INSERT|INS|UPDATE|UPD|MERGE)\b)/i;

const PROCEDURAL =
  /^\s*(?:(?:CREATE|REPLACE)\s+PROCEDURE|DECLARE\s+\w+\s+CURSOR|DECLARE\s+(?:EXIT|CONTINUE)\s+HANDLER|OPEN|FETCH|CLOSE|PREPARE|SIGNAL|RESIGNAL|LEAVE|ITERATE)\b/i;

/** The error for a stored-procedure statement, with what BigQuery scripting uses instead. */
function procedural(sql: string): SessionStatement {
  const written = sql.trim().split(/\s+/);
  const [first, second = '', third = ''] = written.map((word) => word.toUpperCase());
  const name = written[1] ?? '';
  if (second === 'PROCEDURE') {
    return {
      error:
        `${first} PROCEDURE is not translated: write a BigQuery CREATE OR REPLACE PROCEDURE … BEGIN … END ` +
        '(DECLARE EXIT HANDLER → BEGIN … EXCEPTION WHEN ERROR THEN, SIGNAL → RAISE, REPEAT … UNTIL → LOOP … END LOOP)',
    };
  }
  if (third === 'CURSOR' || first === 'OPEN' || first === 'FETCH' || first === 'CLOSE') {
    return {
      error: `${first} ${name} (a cursor statement) is not translated: BigQuery has no cursors; loop with FOR row IN (SELECT …) DO … END FOR`,
    };
  }
  if (first === 'LEAVE' || first === 'ITERATE') {
    return {
      error: `${first} ${name} outside a loop is not translated: translate the enclosing procedure (BigQuery has ${first} inside LOOP and WHILE)`,
    };
  }
  if (first === 'PREPARE') return { error: 'PREPARE is not used in BigQuery: run the string with EXECUTE IMMEDIATE sql_str USING …' };
  if (second === 'EXIT')
    return { error: 'DECLARE EXIT HANDLER is not translated: wrap the block in BEGIN … EXCEPTION WHEN ERROR THEN … END' };
  if (second === 'CONTINUE') {
    return { error: 'DECLARE CONTINUE HANDLER is not translated: BigQuery has no condition handlers; check preconditions with ASSERT' };
  }
  return { error: `${first} is not translated: raise errors with RAISE USING MESSAGE = '…' (read @@error.message in the handler)` };
}

const HEAD =
  /^\s*(?:(SET\s+SESSION|EXPLAIN|CREATE\s+(?:UNIQUE\s+|JOIN\s+|HASH\s+)?INDEX|EXECUTE(?=\s+\w+\s+USING\b))\b|(END\s+TRANSACTION)\s*$)/i;
