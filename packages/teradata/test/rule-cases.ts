/** One rewrite rule exercised on its own or combined: Teradata in, BigQuery out, warnings expected. */
export interface RuleCase {
  readonly rule: string;
  readonly teradata: string;
  readonly bigquery: string;
  /** DDL the rules test runs in the same script before `teradata` (other tests translate `teradata` alone). */
  readonly ddl?: string;
  /** Substrings that must appear among the statement's warnings (none when absent). */
  readonly warns?: readonly string[];
}

/** The rewrite rules, each alone, then nested and combined. */
export const RULE_CASES: readonly RuleCase[] = [
  { rule: 'DEL db.t ALL', teradata: 'DEL db.t ALL', bigquery: 'DELETE FROM db.t WHERE TRUE' },
  { rule: 'SYSUDTLIB-qualified built-in type', teradata: 'CREATE TABLE z (a SYSUDTLIB.INT)', bigquery: 'CREATE TABLE z (a INT64)' },
  {
    rule: 'an alias naming its own column is no alias reference',
    teradata: 'SELECT a AS a, ROW_NUMBER() OVER (PARTITION BY a ORDER BY c) AS rn FROM x',
    bigquery: 'SELECT a AS a, ROW_NUMBER() OVER (PARTITION BY a ORDER BY c) AS rn FROM x',
  },
  {
    rule: 'WHERE on a select-list alias warns',
    teradata: 'SELECT a + 1 AS x FROM t WHERE x > 5',
    bigquery: 'SELECT a + 1 AS x FROM t WHERE x > 5',
    warns: ['x refers to a select-list alias'],
  },
  {
    rule: 'CAST to a number drops a numeric FORMAT',
    teradata: "SELECT CAST('1,234.50' AS DECIMAL(10,2) FORMAT 'Z,ZZ9.99')",
    bigquery: "SELECT CAST('1,234.50' AS NUMERIC(10, 2))",
    warns: ["FORMAT 'Z,ZZ9.99' dropped from a cast to a number"],
  },
  {
    rule: 'CAST to CHAR with a numeric FORMAT',
    teradata: "SELECT CAST(amt AS CHAR(10) FORMAT '$ZZ9.99') FROM t",
    bigquery: "SELECT CAST(amt AS STRING FORMAT '$990.00') FROM t",
    warns: ["became GoogleSQL's '$990.00'"],
  },
  {
    rule: 'comma join with ON, aliased',
    teradata: 'SELECT * FROM db.a x, db.b AS y ON x.id = y.id',
    bigquery: 'SELECT * FROM db.a AS x JOIN db.b AS y ON x.id = y.id',
  },
  {
    rule: 'QUANTILE with a descending key',
    teradata: 'SELECT QUANTILE(4, x DESC, y) FROM t',
    bigquery: 'SELECT NTILE(4) OVER (ORDER BY x DESC, y) - 1 FROM t',
    warns: ['NTILE'],
  },
  {
    rule: 'NEXT_DAY with an abbreviated day, nested',
    teradata: "SELECT NEXT_DAY(ADD_MONTHS(d, 1), 'fri') FROM t",
    bigquery: 'SELECT DATE_ADD(DATE_TRUNC(DATE_ADD(d, INTERVAL 1 MONTH), WEEK(FRIDAY)), INTERVAL 1 WEEK) FROM t',
  },
  {
    rule: 'BITAND inside arithmetic keeps its parentheses',
    teradata: 'SELECT BITAND(a, b) + 1 FROM t',
    bigquery: 'SELECT (a & b) + 1 FROM t',
  },
  {
    rule: 'calendar number inside arithmetic is parenthesised',
    teradata: 'SELECT 2 * TD_MONTH_OF_QUARTER(d) FROM t',
    bigquery: 'SELECT 2 * (EXTRACT(MONTH FROM d) - ((EXTRACT(QUARTER FROM d) - 1) * 3)) FROM t',
  },
  {
    rule: "REGEXP_SIMILAR with 'i'",
    teradata: "SELECT a FROM t WHERE REGEXP_SIMILAR(s, 'ab+', 'i') = 1",
    bigquery: "SELECT a FROM t WHERE IF(REGEXP_CONTAINS(s, '(?i)^(?:ab+)$'), 1, 0) = 1",
  },
  {
    rule: 'ROUND of one argument',
    teradata: 'SELECT ROUND(x) FROM t',
    bigquery: "SELECT ROUND(CAST(x AS NUMERIC), 0, 'ROUND_HALF_EVEN') FROM t",
  },
  { rule: 'CAST of a string literal to CHAR(n)', teradata: "SELECT CAST('abc' AS CHAR(5))", bigquery: "SELECT RPAD('abc', 5)" },
  { rule: 'CAST of a number to CHAR(n) stays a cast', teradata: 'SELECT CAST(1 + 2 AS CHAR(5))', bigquery: 'SELECT CAST(1 + 2 AS STRING)' },
  {
    rule: 'LOCKING ROW FOR ACCESS before INSERT',
    teradata: 'LOCKING ROW FOR ACCESS INSERT INTO t SELECT * FROM u',
    bigquery: 'INSERT INTO t SELECT * FROM u',
  },
  {
    rule: 'HELP TABLE without a database',
    teradata: 'HELP TABLE t',
    bigquery:
      "SELECT * EXCEPT (is_generated, generation_expression, is_stored, is_updatable) FROM INFORMATION_SCHEMA.COLUMNS WHERE table_name = 't'",
  },
  {
    rule: 'INTERVAL DAY TO SECOND column stays an INTERVAL',
    teradata: 'CREATE TABLE t (a INTERVAL DAY TO SECOND)',
    bigquery: 'CREATE TABLE t (a INTERVAL)',
  },
  { rule: 'SEL abbreviation', teradata: 'SEL a FROM t', bigquery: 'SELECT a FROM t' },
  { rule: 'INS abbreviation', teradata: 'INS INTO t (a) VALUES (1)', bigquery: 'INSERT INTO t (a) VALUES (1)' },
  { rule: 'UPD adds WHERE TRUE', teradata: 'UPD t SET a = 1', bigquery: 'UPDATE t SET a = 1 WHERE TRUE' },
  { rule: 'DEL adds WHERE TRUE', teradata: 'DEL FROM t', bigquery: 'DELETE FROM t WHERE TRUE' },
  { rule: 'DEL … ALL', teradata: 'DEL t ALL', bigquery: 'DELETE FROM t WHERE TRUE' },
  { rule: 'TOP n', teradata: 'SELECT TOP 10 a FROM t', bigquery: 'SELECT a FROM t LIMIT 10' },
  {
    rule: 'TOP WITH TIES warns',
    teradata: 'SELECT TOP 3 WITH TIES a FROM t ORDER BY a',
    bigquery: 'SELECT a FROM t ORDER BY a LIMIT 3',
    warns: ['WITH TIES became LIMIT'],
  },
  {
    rule: 'QUALIFY keeps its WHERE',
    teradata: 'SELECT a FROM t WHERE b > 0 QUALIFY RANK() OVER (ORDER BY a) = 1',
    bigquery: 'SELECT a FROM t WHERE b > 0 QUALIFY RANK() OVER (ORDER BY a) = 1',
  },
  {
    rule: 'QUALIFY without WHERE gets WHERE TRUE',
    teradata: 'SELECT a FROM t QUALIFY ROW_NUMBER() OVER (PARTITION BY b ORDER BY c DESC) = 1',
    bigquery: 'SELECT a FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY b ORDER BY c DESC) = 1',
  },
  { rule: 'MOD operator', teradata: 'SELECT a MOD 7 FROM t', bigquery: 'SELECT MOD(a, 7) FROM t' },
  { rule: '** operator', teradata: 'SELECT a ** 2 FROM t', bigquery: 'SELECT POWER(a, 2) FROM t' },
  {
    rule: 'comparison abbreviations',
    teradata: 'SELECT a FROM t WHERE a EQ 1 AND b NE 2 AND c GE 3',
    bigquery: 'SELECT a FROM t WHERE a = 1 AND b <> 2 AND c >= 3',
  },
  { rule: 'ZEROIFNULL', teradata: 'SELECT ZEROIFNULL(a) FROM t', bigquery: 'SELECT IFNULL(a, 0) FROM t' },
  { rule: 'NULLIFZERO', teradata: 'SELECT NULLIFZERO(a) FROM t', bigquery: 'SELECT NULLIF(a, 0) FROM t' },
  { rule: 'INDEX', teradata: "SELECT INDEX(name, 'x') FROM t", bigquery: "SELECT STRPOS(name, 'x') FROM t" },
  { rule: 'OREPLACE', teradata: "SELECT OREPLACE(name, 'a', 'b') FROM t", bigquery: "SELECT REPLACE(name, 'a', 'b') FROM t" },
  { rule: 'OTRANSLATE', teradata: "SELECT OTRANSLATE(name, 'ab', 'xy') FROM t", bigquery: "SELECT TRANSLATE(name, 'ab', 'xy') FROM t" },
  { rule: 'CHARACTERS', teradata: 'SELECT CHARACTERS(name) FROM t', bigquery: 'SELECT CHAR_LENGTH(name) FROM t' },
  { rule: 'ADD_MONTHS', teradata: 'SELECT ADD_MONTHS(d, 3) FROM t', bigquery: 'SELECT DATE_ADD(d, INTERVAL 3 MONTH) FROM t' },
  { rule: 'DATE + integer', teradata: "SELECT DATE '2024-01-01' + 30", bigquery: "SELECT DATE_ADD(DATE '2024-01-01', INTERVAL 30 DAY)" },
  { rule: 'DATE - integer', teradata: 'SELECT CURRENT_DATE - 7', bigquery: 'SELECT DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)' },
  {
    rule: 'DATE - DATE',
    teradata: "SELECT CURRENT_DATE - DATE '2024-01-01'",
    bigquery: "SELECT DATE_DIFF(CURRENT_DATE(), DATE '2024-01-01', DAY)",
  },
  {
    rule: 'DATE + INTERVAL',
    teradata: "SELECT CURRENT_DATE + INTERVAL '1' MONTH",
    bigquery: 'SELECT DATE_ADD(CURRENT_DATE(), INTERVAL 1 MONTH)',
  },
  {
    rule: 'TIMESTAMP + INTERVAL',
    teradata: "SELECT CURRENT_TIMESTAMP + INTERVAL '2' HOUR",
    bigquery: 'SELECT TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 2 HOUR)',
  },
  {
    rule: 'DATE column from earlier DDL',
    ddl: 'CREATE TABLE emp (id INTEGER, hired DATE);\n',
    teradata: 'SELECT hired - 1 FROM emp',
    bigquery: 'SELECT DATE_SUB(hired, INTERVAL 1 DAY) FROM emp',
  },
  { rule: 'bare DATE, TIME, USER', teradata: 'SELECT DATE, TIME, USER', bigquery: 'SELECT CURRENT_DATE(), CURRENT_TIME(), SESSION_USER()' },
  {
    rule: 'CAST … FORMAT to DATE',
    teradata: "SELECT CAST('31/01/2024' AS DATE FORMAT 'DD/MM/YYYY')",
    bigquery: "SELECT PARSE_DATE('%d/%m/%Y', '31/01/2024')",
  },
  {
    rule: 'CAST … FORMAT to CHAR',
    teradata: "SELECT CAST(d AS CHAR(10) FORMAT 'YYYY/MM/DD') FROM t",
    bigquery: "SELECT FORMAT_DATE('%Y/%m/%d', d) FROM t",
  },
  {
    rule: 'CAST … FORMAT with time to VARCHAR',
    teradata: "SELECT CAST(ts AS VARCHAR(19) FORMAT 'YYYY-MM-DDBHH:MI:SS') FROM t",
    bigquery: "SELECT FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', ts) FROM t",
  },
  {
    rule: 'TO_CHAR date',
    teradata: "SELECT TO_CHAR(d, 'YYYY-MM-DD') FROM t",
    bigquery: "SELECT FORMAT_DATE('%Y-%m-%d', d) FROM t",
    warns: ['read as a DATE'],
  },
  {
    rule: 'TO_CHAR quarter as integer',
    teradata: "SELECT CAST(TO_CHAR(d, 'Q') AS INTEGER) FROM t",
    bigquery: 'SELECT EXTRACT(QUARTER FROM d) FROM t',
  },
  { rule: 'TO_DATE', teradata: "SELECT TO_DATE('2024-01-31', 'YYYY-MM-DD')", bigquery: "SELECT PARSE_DATE('%Y-%m-%d', '2024-01-31')" },
  { rule: 'TRYCAST', teradata: 'SELECT TRYCAST(a AS INTEGER) FROM t', bigquery: 'SELECT SAFE_CAST(a AS INT64) FROM t' },
  {
    rule: 'LIKE ANY',
    teradata: "SELECT a FROM t WHERE n LIKE ANY ('a%', 'b%')",
    bigquery: "SELECT a FROM t WHERE (n LIKE 'a%' OR n LIKE 'b%')",
  },
  {
    rule: 'LIKE ALL',
    teradata: "SELECT a FROM t WHERE n LIKE ALL ('%a%', '%b%')",
    bigquery: "SELECT a FROM t WHERE (n LIKE '%a%' AND n LIKE '%b%')",
  },
  {
    rule: 'NOT LIKE ALL',
    teradata: "SELECT a FROM t WHERE n NOT LIKE ALL ('a%', 'b%')",
    bigquery: "SELECT a FROM t WHERE (n NOT LIKE 'a%' AND n NOT LIKE 'b%')",
  },
  { rule: '|| on a number', teradata: "SELECT 1 || 'x'", bigquery: "SELECT CAST(1 AS STRING) || 'x'" },
  {
    rule: '|| on a date',
    teradata: "SELECT CURRENT_DATE || ''",
    bigquery: "SELECT CAST(CURRENT_DATE() AS STRING) || ''",
    warns: ['not the column'],
  },
  {
    rule: 'comma join',
    teradata: 'SELECT a FROM t1, t2 WHERE t1.id = t2.id',
    bigquery: 'SELECT a FROM t1 CROSS JOIN t2 WHERE t1.id = t2.id',
  },
  { rule: 'SAMPLE n rows', teradata: 'SELECT a FROM t SAMPLE 10', bigquery: 'SELECT a FROM t ORDER BY RAND() LIMIT 10' },
  {
    rule: 'SAMPLE fraction',
    teradata: 'SELECT a FROM t WHERE b > 0 SAMPLE 0.25',
    bigquery: 'SELECT a FROM t WHERE b > 0 AND RAND() < 0.25',
    warns: ['row count varies'],
  },
  { rule: 'LOCKING … FOR ACCESS', teradata: 'LOCKING ROW FOR ACCESS SELECT a FROM t', bigquery: 'SELECT a FROM t' },
  {
    rule: 'LOCKING … FOR WRITE warns',
    teradata: 'LOCKING TABLE t FOR WRITE SELECT a FROM t',
    bigquery: 'SELECT a FROM t',
    warns: ['snapshot isolation'],
  },
  {
    rule: 'set operations are DISTINCT',
    teradata: 'SELECT a FROM t1 UNION SELECT a FROM t2 MINUS SELECT a FROM t3',
    bigquery: 'SELECT a FROM t1 UNION DISTINCT SELECT a FROM t2 EXCEPT DISTINCT SELECT a FROM t3',
  },
  {
    rule: '= ANY (subquery)',
    teradata: 'SELECT a FROM t WHERE a = ANY (SELECT b FROM u)',
    bigquery: 'SELECT a FROM t WHERE a IN (SELECT b FROM u)',
  },
  {
    rule: '> ALL (subquery) warns',
    teradata: 'SELECT a FROM t WHERE a > ALL (SELECT b FROM u)',
    bigquery: 'SELECT a FROM t WHERE a > ALL (SELECT b FROM u)',
    warns: ['not supported by BigQuery'],
  },
  { rule: 'TD_DAY_OF_WEEK', teradata: 'SELECT TD_DAY_OF_WEEK(d) FROM t', bigquery: 'SELECT EXTRACT(DAYOFWEEK FROM d) FROM t' },
  {
    rule: 'TD_MONTH_BEGIN / TD_MONTH_END',
    teradata: 'SELECT TD_MONTH_BEGIN(d), TD_MONTH_END(d) FROM t',
    bigquery: 'SELECT DATE_TRUNC(d, MONTH), LAST_DAY(d, MONTH) FROM t',
  },
  {
    rule: 'TD_YEAR_BEGIN / TD_QUARTER_OF_YEAR',
    teradata: 'SELECT TD_YEAR_BEGIN(d), TD_QUARTER_OF_YEAR(d) FROM t',
    bigquery: 'SELECT DATE_TRUNC(d, YEAR), EXTRACT(QUARTER FROM d) FROM t',
  },
  { rule: 'TRUNC(date, MM)', teradata: "SELECT TRUNC(d, 'MM') FROM t", bigquery: 'SELECT DATE_TRUNC(d, MONTH) FROM t' },
  { rule: 'legacy RANK', teradata: 'SELECT a, RANK(c DESC) FROM t', bigquery: 'SELECT a, RANK() OVER (ORDER BY c DESC) FROM t' },
  { rule: 'CSUM', teradata: 'SELECT CSUM(x, d) FROM t', bigquery: 'SELECT SUM(x) OVER (ORDER BY d ROWS UNBOUNDED PRECEDING) FROM t' },
  {
    rule: 'MSUM / MAVG / MDIFF',
    teradata: 'SELECT MSUM(x, 3, d), MAVG(x, 7, d DESC), MDIFF(x, 1, d) FROM t',
    bigquery:
      'SELECT SUM(x) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), AVG(x) OVER (ORDER BY d DESC ROWS BETWEEN 6 PRECEDING AND CURRENT ROW), x - LAG(x, 1) OVER (ORDER BY d) FROM t',
  },
  { rule: 'LOG is base 10', teradata: 'SELECT LOG(x) FROM t', bigquery: 'SELECT LOG10(x) FROM t' },
  { rule: 'NVL2', teradata: 'SELECT NVL2(a, b, c) FROM t', bigquery: 'SELECT IF(a IS NOT NULL, b, c) FROM t' },
  { rule: 'hex literal', teradata: "SELECT X'1D'", bigquery: "SELECT FROM_HEX('1D')" },
  { rule: 'TRIM LEADING', teradata: "SELECT TRIM(LEADING '0' FROM c) FROM t", bigquery: "SELECT LTRIM(c, '0') FROM t" },
  { rule: 'REGR_SXY', teradata: 'SELECT REGR_SXY(y, x) FROM t', bigquery: 'SELECT SUM(x * y) - COUNT(x) * AVG(x) * AVG(y) FROM t' },
  { rule: 'quoted identifiers', teradata: 'SELECT "Order Id" FROM "My Table"', bigquery: 'SELECT `Order Id` FROM `My Table`' },
  {
    rule: 'UPDATE … FROM … SET',
    teradata: "UPDATE a FROM db.t AS a, u AS b SET c = '' WHERE a.id = b.id",
    bigquery: "UPDATE db.t AS a SET c = '' FROM u AS b WHERE a.id = b.id",
  },
  {
    rule: 'REPLACE VIEW with LOCKING',
    teradata: 'REPLACE VIEW v AS LOCKING ROW FOR ACCESS SELECT a FROM t',
    bigquery: 'CREATE OR REPLACE VIEW v AS SELECT a FROM t',
  },
  {
    rule: 'VOLATILE table',
    teradata: 'CREATE MULTISET VOLATILE TABLE v (a INTEGER) PRIMARY INDEX (a) ON COMMIT PRESERVE ROWS',
    bigquery: 'CREATE TEMPORARY TABLE v (a INT64)',
  },
  { rule: 'SET table warns', teradata: 'CREATE SET TABLE s (a BYTEINT)', bigquery: 'CREATE TABLE s (a INT64)', warns: ['duplicate rows'] },
  {
    rule: 'AS … WITH NO DATA',
    teradata: 'CREATE TABLE t2 AS (SELECT * FROM t1) WITH NO DATA',
    bigquery: 'CREATE TABLE t2 AS SELECT * FROM t1 LIMIT 0',
  },
  { rule: 'AS table WITH NO DATA', teradata: 'CREATE TABLE t2 AS t1 WITH NO DATA', bigquery: 'CREATE TABLE t2 LIKE t1' },
  {
    rule: 'type mapping',
    teradata:
      'CREATE TABLE t (a BYTEINT, b SMALLINT, c BIGINT, d DECIMAL(9,2), e DECIMAL(38,12), f CHAR(3), g VARCHAR(10), h CLOB, i BYTE(4), j VARBYTE(8), k BLOB, l FLOAT, m TIMESTAMP(6), n TIME(0))',
    bigquery:
      'CREATE TABLE t (a INT64, b INT64, c INT64, d NUMERIC(9, 2), e BIGNUMERIC(38, 12), f STRING, g STRING, h STRING, i BYTES, j BYTES, k BYTES, l FLOAT64, m TIMESTAMP, n TIME)',
  },
  {
    rule: 'DECIMAL scale ≤ 9 but too many digits',
    teradata: 'SELECT CAST(a AS DECIMAL(38, 2)) FROM t',
    bigquery: 'SELECT CAST(a AS BIGNUMERIC(38, 2)) FROM t',
  },
  {
    rule: 'PERIOD → two columns',
    teradata: 'CREATE TABLE t (p PERIOD(DATE))',
    bigquery: 'CREATE TABLE t (p_begin DATE, p_end DATE)',
    warns: ['split into p_begin and p_end'],
  },
  {
    rule: 'column attributes dropped, TITLE kept as the description',
    teradata: "CREATE TABLE t (c VARCHAR(10) CHARACTER SET LATIN NOT CASESPECIFIC TITLE 'C' FORMAT 'X(10)' COMPRESS ('a'))",
    bigquery: "CREATE TABLE t (c STRING OPTIONS (description='C'))",
    warns: ['NOT CASESPECIFIC'],
  },
  {
    rule: 'constraints dropped',
    teradata: 'CREATE TABLE t (a INTEGER CHECK (a > 0), b INTEGER GENERATED ALWAYS AS IDENTITY, UNIQUE (b))',
    bigquery: 'CREATE TABLE t (a INT64, b INT64)',
    warns: ['Check on a dropped', 'GeneratedAsIdentity on b dropped', 'table constraints dropped (Unique)'],
  },
  { rule: 'BT / ET', teradata: 'BT', bigquery: 'BEGIN TRANSACTION' },
  { rule: 'RENAME TABLE', teradata: 'RENAME TABLE a TO b', bigquery: 'ALTER TABLE a RENAME TO b' },
  { rule: 'DATABASE', teradata: 'DATABASE sales', bigquery: "SET @@dataset_id = 'sales'" },
  {
    rule: 'COLLECT STATISTICS is dropped',
    teradata: 'COLLECT STATISTICS ON t COLUMN (a)',
    bigquery: '',
    warns: ['BigQuery keeps statistics'],
  },
  { rule: 'SUBSTRING … FROM … FOR', teradata: 'SELECT SUBSTRING(x FROM 2 FOR 3) FROM t', bigquery: 'SELECT SUBSTR(x, 2, 3) FROM t' },
  { rule: 'NVL', teradata: 'SELECT NVL(a, 0) FROM t', bigquery: 'SELECT IFNULL(a, 0) FROM t' },
  {
    rule: 'DECODE',
    teradata: "SELECT DECODE(a, 1, 'x', 2, 'y', 'z') FROM t",
    bigquery: "SELECT CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END FROM t",
  },
  { rule: 'attribute cast x (INTEGER)', teradata: 'SELECT x (INTEGER) FROM t', bigquery: 'SELECT CAST(x AS INT64) FROM t' },
  {
    rule: '(NOT CASESPECIFIC) warns',
    teradata: "SELECT a FROM t WHERE a (NOT CASESPECIFIC) = 'X'",
    bigquery: "SELECT a FROM t WHERE a = 'X'",
    warns: ['compares case-sensitively'],
  },
  {
    rule: '(NAMED) and (TITLE)',
    teradata: "SELECT a (NAMED b), COUNT(*) (TITLE 'n') FROM t",
    bigquery: 'SELECT a AS b, COUNT(*) FROM t',
    warns: ["(TITLE 'n') dropped"],
  },
  {
    rule: 'WITH DATA AND STATS',
    teradata: 'CREATE TABLE t2 AS (SELECT a FROM t1) WITH DATA AND STATS',
    bigquery: 'CREATE TABLE t2 AS SELECT a FROM t1',
  },
  {
    rule: 'integer division',
    teradata: 'SELECT 7 / 2, CAST(a AS INTEGER) / 3, a / 2, 7.0 / 2 FROM t',
    bigquery: 'SELECT DIV(7, 2), DIV(CAST(a AS INT64), 3), a / 2, 7.0 / 2 FROM t',
  },
  {
    rule: 'UPDATE t FROM s SET',
    teradata: 'UPDATE t1 FROM t2 SET c = t2.c WHERE t1.id = t2.id',
    bigquery: 'UPDATE t1 SET c = t2.c FROM t2 WHERE t1.id = t2.id',
  },
  {
    rule: 'nested: rules inside rules',
    teradata: 'SEL ZEROIFNULL(a MOD 3) ** 2, ADD_MONTHS(CURRENT_DATE - 1, 2) FROM t',
    bigquery: 'SELECT POWER(IFNULL(MOD(a, 3), 0), 2), DATE_ADD(DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY), INTERVAL 2 MONTH) FROM t',
  },
  {
    rule: 'combined: query with many rules',
    teradata:
      "LOCKING ROW FOR ACCESS SEL TOP 5 c.id, OREPLACE(c.name, 'x', '') AS n FROM customers c, orders o WHERE c.id EQ o.cid AND c.name LIKE ANY ('A%', 'B%') QUALIFY RANK() OVER (ORDER BY o.amt DESC) <= 3",
    bigquery:
      "SELECT c.id, REPLACE(c.name, 'x', '') AS n FROM customers AS c CROSS JOIN orders AS o WHERE c.id = o.cid AND (c.name LIKE 'A%' OR c.name LIKE 'B%') QUALIFY RANK() OVER (ORDER BY o.amt DESC) <= 3 LIMIT 5",
  },
  {
    rule: 'combined: DML with subquery rules',
    teradata: 'UPD t SET d = ADD_MONTHS(d, 1) WHERE id IN (SEL id FROM u SAMPLE 10)',
    bigquery: 'UPDATE t SET d = DATE_ADD(d, INTERVAL 1 MONTH) WHERE id IN (SELECT id FROM u ORDER BY RAND() LIMIT 10)',
  },
];
