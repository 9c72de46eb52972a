/**
 * One example of Google's Teradata-to-BigQuery SQL translation guide
 * (https://cloud.google.com/bigquery/docs/migration/teradata-sql): a Teradata statement and what
 * the guide says BigQuery should get. The guide's placeholders (`table`, `date_expression`, …) are
 * filled with plain names.
 */
export interface GuideExample {
  /** The guide's section (and table row). */
  readonly section: string;
  readonly teradata: string;
  /**
   * The expected BigQuery statement: the guide's, in the generator's spelling (upper-case keywords,
   * single quotes); `""` when the guide says BigQuery has no use for the statement.
   */
  readonly bigquery?: string;
  /** For statements BigQuery has no counterpart for: what the error must say instead of an output. */
  readonly error?: string;
  /** Substrings the statement's warnings must contain (the construct and the guide's advice). */
  readonly warns?: readonly string[];
  /** Where `bigquery` departs from the guide's own text: the guide's text and why it is not used. */
  readonly note?: string;
  /**
   * The translator does not produce `bigquery` (the guide's rewrite) yet: it warns (`warns`) and
   * keeps the statement's meaning visible instead. Such examples count against `guide_pct`.
   */
  readonly missing?: true;
}

/** Every mapping of the guide that has a Teradata statement to translate, section by section. */
export const GUIDE_EXAMPLES: readonly GuideExample[] = [
  // Data types
  {
    section: 'Data types: INTEGER, SMALLINT, BYTEINT, BIGINT',
    teradata: 'CREATE TABLE t (a INTEGER, b SMALLINT, c BYTEINT, d BIGINT)',
    bigquery: 'CREATE TABLE t (a INT64, b INT64, c INT64, d INT64)',
  },
  {
    section: 'Data types: DECIMAL, NUMERIC, NUMBER (scale <= 9 NUMERIC, > 9 BIGNUMERIC)',
    teradata: 'CREATE TABLE t (a DECIMAL(18, 2), b NUMERIC(38, 12), c NUMBER(10, 4))',
    bigquery: 'CREATE TABLE t (a NUMERIC(18, 2), b BIGNUMERIC(38, 12), c NUMERIC(10, 4))',
  },
  {
    section: 'Data types: FLOAT, REAL, DOUBLE PRECISION',
    teradata: 'CREATE TABLE t (a FLOAT, b REAL, c DOUBLE PRECISION)',
    bigquery: 'CREATE TABLE t (a FLOAT64, b FLOAT64, c FLOAT64)',
  },
  {
    section: 'Data types: CHAR, VARCHAR, CLOB',
    teradata: 'CREATE TABLE t (a CHAR(10), b VARCHAR(100), c CLOB)',
    bigquery: 'CREATE TABLE t (a STRING, b STRING, c STRING)',
  },
  { section: 'Data types: JSON', teradata: 'CREATE TABLE t (a JSON)', bigquery: 'CREATE TABLE t (a JSON)' },
  {
    section: 'Data types: BLOB, BYTE, VARBYTE',
    teradata: 'CREATE TABLE t (a BLOB, b BYTE(4), c VARBYTE(100))',
    bigquery: 'CREATE TABLE t (a BYTES, b BYTES, c BYTES)',
  },
  {
    section: 'Data types: DATE, TIME, TIMESTAMP',
    teradata: 'CREATE TABLE t (a DATE, b TIME, c TIMESTAMP)',
    bigquery: 'CREATE TABLE t (a DATE, b TIME, c TIMESTAMP)',
  },
  {
    section: 'Data types: TIME WITH TIME ZONE, TIMESTAMP WITH TIME ZONE',
    teradata: 'CREATE TABLE t (a TIME WITH TIME ZONE, b TIMESTAMP WITH TIME ZONE)',
    bigquery: 'CREATE TABLE t (a TIME, b TIMESTAMP)',
    warns: ['TIME WITH TIME ZONE became TIME'],
  },
  {
    section: 'Data types: INTERVAL HOUR, MINUTE, SECOND, DAY, MONTH, YEAR',
    teradata: 'CREATE TABLE t (a INTERVAL HOUR, b INTERVAL MINUTE, c INTERVAL SECOND, d INTERVAL DAY, e INTERVAL MONTH, f INTERVAL YEAR)',
    bigquery: 'CREATE TABLE t (a INT64, b INT64, c INT64, d INT64, e INT64, f INT64)',
    warns: ['INTERVAL HOUR column a became INT64'],
  },
  {
    section: 'Data types: PERIOD(DATE), PERIOD(TIMESTAMP), PERIOD(TIME)',
    teradata: 'CREATE TABLE t (p PERIOD(DATE), q PERIOD(TIMESTAMP), r PERIOD(TIME))',
    bigquery: 'CREATE TABLE t (p_begin DATE, p_end DATE, q_begin TIMESTAMP, q_end TIMESTAMP, r_begin TIME, r_end TIME)',
    warns: ['PERIOD column p split into p_begin and p_end'],
  },
  {
    section: 'Data types: PERIOD bounds, BEGIN(p) and END(p)',
    teradata: 'SELECT BEGIN(p) AS b, END(t.p) FROM t',
    bigquery: 'SELECT p_begin AS b, t.p_end FROM t',
  },
  {
    section: 'Data types: XML, TD_ANYTYPE, UDT',
    teradata: 'CREATE TABLE t (a XML, b TD_ANYTYPE, c my_udt)',
    bigquery: 'CREATE TABLE t (a STRING, b STRING, c STRING)',
    warns: ['XML became STRING', 'TD_ANYTYPE became STRING', 'my_udt (a user-defined or unknown type) became STRING'],
  },
  // Teradata type formatting
  {
    section: 'Type formatting: FORMAT clause (the guide suggests not migrating column formats)',
    teradata: "SELECT price (FORMAT '9.99') FROM t",
    bigquery: 'SELECT price FROM t',
    warns: ["FORMAT '9.99' phrase dropped"],
  },
  {
    section: 'Timestamp and date formatting: CURRENT_TIMESTAMP, CURRENT_TIME',
    teradata: 'SELECT CURRENT_TIMESTAMP, CURRENT_TIME',
    bigquery: 'SELECT CURRENT_TIMESTAMP(), CURRENT_TIME()',
  },
  { section: 'Timestamp and date formatting: CURRENT_DATE', teradata: 'SELECT CURRENT_DATE', bigquery: 'SELECT CURRENT_DATE()' },
  {
    section: 'Timestamp and date formatting: CURRENT_DATE-3',
    teradata: 'SELECT CURRENT_DATE-3',
    bigquery: 'SELECT DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)',
  },
  {
    section: 'Timestamp and date formatting: SYS_CALENDAR.CALENDAR (not used in BigQuery)',
    teradata: 'SELECT calendar_date FROM SYS_CALENDAR.CALENDAR',
    bigquery: 'SELECT calendar_date FROM SYS_CALENDAR.CALENDAR',
    warns: ['SYS_CALENDAR views are not in BigQuery'],
  },
  {
    section: 'Timestamp and date formatting: SET SESSION DATEFORM=ANSIDATE',
    teradata: 'SET SESSION DATEFORM=ANSIDATE',
    bigquery: '',
    warns: ['BigQuery always reads and prints dates as ISO 8601'],
  },
  // Query syntax
  { section: 'SELECT: SEL', teradata: 'SEL col1 FROM tbl', bigquery: 'SELECT col1 FROM tbl' },
  {
    section: 'SELECT: a select-list alias used in the same SELECT',
    teradata: "SELECT (SELECT MAX(x) FROM u) AS flag, CASE WHEN flag = 1 THEN 'y' END FROM t",
    bigquery: "WITH flags AS (SELECT MAX(x) AS flag FROM u) SELECT CASE WHEN flags.flag = 1 THEN 'y' END FROM t CROSS JOIN flags",
    warns: ['flag refers to a select-list alias'],
    missing: true,
  },
  {
    section: 'SELECT: LIKE ANY',
    teradata: "SELECT * FROM tbl WHERE col LIKE ANY ('string1', 'string2')",
    bigquery: "SELECT * FROM tbl WHERE (col LIKE 'string1' OR col LIKE 'string2')",
  },
  { section: 'SELECT: TOP n', teradata: 'SELECT TOP 10 * FROM tbl', bigquery: 'SELECT * FROM tbl LIMIT 10' },
  {
    section: 'Comparison operators: EQ, IN',
    teradata: 'SELECT * FROM t WHERE a EQ b AND c IN (1, 2)',
    bigquery: 'SELECT * FROM t WHERE a = b AND c IN (1, 2)',
  },
  {
    section: 'Comparison operators: LE, LT, NE, GE, GT',
    teradata: 'SELECT * FROM t WHERE a LE 1 AND b LT 2 AND c NE 3 AND d GE 4 AND e GT 5',
    bigquery: 'SELECT * FROM t WHERE a <= 1 AND b < 2 AND c <> 3 AND d >= 4 AND e > 5',
  },
  {
    section: 'JOIN conditions: inequality join',
    teradata: 'SELECT * FROM A JOIN B ON A.d > B.start_date AND A.d < B.end_date',
    bigquery: 'SELECT * FROM A JOIN B ON A.d > B.start_date AND A.d < B.end_date',
    note: 'The guide shows LEFT OUTER JOIN on the BigQuery side, which keeps unmatched rows of A; BigQuery runs inequality inner joins as written.',
  },
  {
    section: 'JOIN conditions: comma with ON',
    teradata: 'SELECT * FROM A, B ON A.id = B.id',
    bigquery: 'SELECT * FROM A JOIN B ON A.id = B.id',
  },
  {
    section: 'JOIN conditions: scalar functions in ON',
    teradata: 'SELECT * FROM A JOIN B ON (COALESCE(A.id, 0) = COALESCE(B.id, 0))',
    bigquery: 'SELECT * FROM A JOIN B ON (COALESCE(A.id, 0) = COALESCE(B.id, 0))',
  },
  {
    section: 'JOIN conditions: subquery in ON',
    teradata: 'SELECT * FROM A JOIN B ON A.id = (SELECT MAX(B.id) FROM B)',
    bigquery: 'SELECT * FROM A JOIN B ON A.id = (SELECT MAX(B.id) FROM B)',
    warns: ['subquery in a JOIN condition'],
    note: "The guide's FROM A JOIN (SELECT MAX(B.id) FROM B) B1 ON A.id = B1.id drops B and names a column the subquery does not have; the statement is kept, with the guide's advice as a warning.",
  },
  // Type conversion and casting
  {
    section: 'Type conversion: CAST(long_varchar_column AS CHAR(6))',
    teradata: 'SELECT CAST(long_varchar_column AS CHAR(6)) FROM t',
    bigquery: 'SELECT RPAD(long_varchar_column, 6) FROM t',
    warns: ['became RPAD(…, 6)'],
    note: 'The guide writes LPAD(long_varchar_column, 6), which pads short values on the left; Teradata pads CHAR(n) on the right, as RPAD does (both truncate long values).',
  },
  {
    section: 'Type conversion: CAST(92617 AS TIME)',
    teradata: 'SELECT CAST(92617 AS TIME)',
    bigquery: "SELECT PARSE_TIME('%k%M%S', CAST(92617 AS STRING))",
  },
  {
    section: "Type conversion: CAST(48.5 (FORMAT 'zz') AS FLOAT)",
    teradata: "SELECT CAST(48.5 (FORMAT 'zz') AS FLOAT)",
    bigquery: 'SELECT CAST(SUBSTR(CAST(48.5 AS STRING), 0, 2) AS FLOAT64)',
    warns: ["FORMAT 'zz' phrase dropped"],
    missing: true,
  },
  {
    section: 'Type conversion: cast FLOAT/DECIMAL to INT (ROUND_HALF_EVEN)',
    teradata: 'SELECT ROUND(2.5, 0)',
    bigquery: "SELECT ROUND(CAST(2.5 AS NUMERIC), 0, 'ROUND_HALF_EVEN')",
  },
  {
    section: 'Type conversion: cast STRING to NUMERIC or BIGNUMERIC',
    teradata: "SELECT CAST('3.14159265358979' AS DECIMAL(38, 14))",
    bigquery: "SELECT CAST('3.14159265358979' AS BIGNUMERIC(38, 14))",
  },
  // QUALIFY, ROWS, NORMALIZE
  {
    section: 'QUALIFY',
    teradata: 'SELECT col1, col2 FROM tbl QUALIFY ROW_NUMBER() OVER (PARTITION BY col1 ORDER BY col2) = 1',
    bigquery: 'SELECT col1, col2 FROM tbl WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY col1 ORDER BY col2) = 1',
    note: "The guide's last QUALIFY row keeps QUALIFY in BigQuery; BigQuery requires a WHERE, GROUP BY or HAVING beside it.",
  },
  {
    section: 'ROWS phrase',
    teradata: 'SELECT col1, col2, AVG(col1) OVER (PARTITION BY col1 ORDER BY col2 ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM tbl',
    bigquery: 'SELECT col1, col2, AVG(col1) OVER (PARTITION BY col1 ORDER BY col2 ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM tbl',
    note: 'The guide shows RANGE on the BigQuery side; RANGE counts values, not rows, so ROWS (which BigQuery has) keeps the meaning.',
  },
  {
    section: 'NORMALIZE keyword',
    teradata: 'SELECT NORMALIZE client_id, item_sid, BEGIN(dwh_valid) AS min_date, END(dwh_valid) AS max_date FROM tbl',
    bigquery:
      'SELECT t.client_id, t.item_sid, t.min_date, MAX(t.dwh_valid_to) AS max_date FROM (SELECT d1.client_id, d1.item_sid, ' +
      'd1.dwh_valid_to AS dwh_valid_to, MIN(d2.dwh_valid_from) AS min_date FROM tbl AS d1 LEFT JOIN tbl AS d2 ON d1.client_id = ' +
      'd2.client_id AND d1.item_sid = d2.item_sid AND d1.dwh_valid_to >= d2.dwh_valid_from AND d1.dwh_valid_from <= d2.dwh_valid_to ' +
      'GROUP BY d1.client_id, d1.item_sid, d1.dwh_valid_to) AS t GROUP BY t.client_id, t.item_sid, t.min_date',
    warns: ['SELECT NORMALIZE dropped'],
    missing: true,
  },
  // Aggregate functions
  {
    section: 'Aggregate functions: BITAND, BITOR, BITXOR, BITNOT',
    teradata: 'SELECT BITAND(a, b), BITOR(a, b), BITXOR(a, b), BITNOT(a) FROM t',
    bigquery: 'SELECT (a & b), (a | b), (a ^ b), ~a FROM t',
    note: "The guide maps BITAND/BITOR/BITXOR to the aggregates BIT_AND/BIT_OR/BIT_XOR; Teradata's are two-argument scalar functions, BigQuery's operators &, |, ^ (and ~ for BITNOT, as the guide says).",
  },
  {
    section: 'Aggregate functions: CORR, COVAR_POP, COVAR_SAMP, STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP',
    teradata: 'SELECT CORR(a, b), COVAR_POP(a, b), COVAR_SAMP(a, b), STDDEV_POP(a), STDDEV_SAMP(a), VAR_POP(a), VAR_SAMP(a) FROM t',
    bigquery: 'SELECT CORR(a, b), COVAR_POP(a, b), COVAR_SAMP(a, b), STDDEV_POP(a), STDDEV_SAMP(a), VAR_POP(a), VAR_SAMP(a) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_AVGX',
    teradata: 'SELECT REGR_AVGX(y, x) FROM t',
    bigquery: 'SELECT AVG(IF(y IS NULL OR x IS NULL, NULL, x)) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_AVGY',
    teradata: 'SELECT REGR_AVGY(y, x) FROM t',
    bigquery: 'SELECT AVG(IF(y IS NULL OR x IS NULL, NULL, y)) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_COUNT',
    teradata: 'SELECT REGR_COUNT(y, x) FROM t',
    bigquery: 'SELECT SUM(IF(y IS NULL OR x IS NULL, NULL, 1)) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_INTERCEPT',
    teradata: 'SELECT REGR_INTERCEPT(y, x) FROM t',
    bigquery: 'SELECT AVG(y) - AVG(x) * (COVAR_SAMP(x, y) / VARIANCE(x)) FROM t',
    warns: ['REGR_INTERCEPT became AVG(y) - AVG(x) * slope'],
  },
  {
    section: 'Aggregate functions: REGR_R2',
    teradata: 'SELECT REGR_R2(y, x) FROM t',
    bigquery: 'SELECT POWER(CORR(y, x), 2) FROM t',
    note: "The guide's expanded formula multiplies where the correlation's denominator subtracts and never squares; R² is the squared correlation, and CORR skips NULL pairs as Teradata does.",
  },
  {
    section: 'Aggregate functions: REGR_SLOPE',
    teradata: 'SELECT REGR_SLOPE(y, x) FROM t',
    bigquery: 'SELECT COVAR_SAMP(x, y) / VARIANCE(x) FROM t',
    warns: ['REGR_SLOPE became COVAR_SAMP / VARIANCE'],
    note: "The guide's formula starts with a minus sign, which flips the slope.",
  },
  {
    section: 'Aggregate functions: REGR_SXX',
    teradata: 'SELECT REGR_SXX(y, x) FROM t',
    bigquery: 'SELECT SUM(POWER(x, 2)) - COUNT(x) * POWER(AVG(x), 2) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_SXY',
    teradata: 'SELECT REGR_SXY(y, x) FROM t',
    bigquery: 'SELECT SUM(x * y) - COUNT(x) * AVG(x) * AVG(y) FROM t',
  },
  {
    section: 'Aggregate functions: REGR_SYY',
    teradata: 'SELECT REGR_SYY(y, x) FROM t',
    bigquery: 'SELECT SUM(POWER(y, 2)) - COUNT(y) * POWER(AVG(y), 2) FROM t',
  },
  {
    section: 'Aggregate functions: SKEW (custom user-defined function)',
    teradata: 'SELECT SKEW(x) FROM t',
    bigquery: 'SELECT SKEW(x) FROM t',
    warns: ['SKEW(…) left as is', 'custom user-defined function'],
  },
  // Analytical and window functions
  {
    section: 'Window functions: CUME_DIST, DENSE_RANK, FIRST_VALUE, LAST_VALUE, PERCENT_RANK, RANK, ROW_NUMBER',
    teradata:
      'SELECT CUME_DIST() OVER (ORDER BY a), DENSE_RANK() OVER (ORDER BY a), FIRST_VALUE(a) OVER (ORDER BY b), ' +
      'PERCENT_RANK() OVER (ORDER BY a), RANK() OVER (ORDER BY a), ROW_NUMBER() OVER (ORDER BY a) FROM t',
    bigquery:
      'SELECT CUME_DIST() OVER (ORDER BY a), DENSE_RANK() OVER (ORDER BY a), FIRST_VALUE(a) OVER (ORDER BY b), ' +
      'PERCENT_RANK() OVER (ORDER BY a), RANK() OVER (ORDER BY a), ROW_NUMBER() OVER (ORDER BY a) FROM t',
  },
  {
    section: 'Window functions: QUANTILE',
    teradata: 'SELECT QUANTILE(10, x) FROM t',
    bigquery: 'SELECT NTILE(10) OVER (ORDER BY x) - 1 FROM t',
    warns: ['QUANTILE(n, x) became NTILE(n) OVER (ORDER BY x) - 1'],
  },
  // Date/time functions
  {
    section: 'Date/time functions: ADD_MONTHS',
    teradata: 'SELECT ADD_MONTHS(d, 1) FROM t',
    bigquery: 'SELECT DATE_ADD(d, INTERVAL 1 MONTH) FROM t',
  },
  {
    section: 'Date/time functions: DATE + k',
    teradata: "SELECT DATE '2024-01-31' + 5",
    bigquery: "SELECT DATE_ADD(DATE '2024-01-31', INTERVAL 5 DAY)",
  },
  {
    section: 'Date/time functions: DATE - k',
    teradata: "SELECT DATE '2024-01-31' - 5",
    bigquery: "SELECT DATE_SUB(DATE '2024-01-31', INTERVAL 5 DAY)",
  },
  {
    section: 'Date/time functions: EXTRACT',
    teradata: 'SELECT EXTRACT(YEAR FROM d), EXTRACT(HOUR FROM ts) FROM t',
    bigquery: 'SELECT EXTRACT(YEAR FROM d), EXTRACT(HOUR FROM ts) FROM t',
  },
  { section: 'Date/time functions: LAST_DAY', teradata: 'SELECT LAST_DAY(d) FROM t', bigquery: 'SELECT LAST_DAY(d) FROM t' },
  {
    section: 'Date/time functions: MONTHS_BETWEEN',
    teradata: 'SELECT MONTHS_BETWEEN(d1, d2) FROM t',
    bigquery: 'SELECT DATE_DIFF(d1, d2, MONTH) FROM t',
    warns: ['MONTHS_BETWEEN became DATE_DIFF'],
  },
  {
    section: 'Date/time functions: NEXT_DAY',
    teradata: "SELECT NEXT_DAY(d, 'MONDAY') FROM t",
    bigquery: 'SELECT DATE_ADD(DATE_TRUNC(d, WEEK(MONDAY)), INTERVAL 1 WEEK) FROM t',
  },
  {
    section: 'Date/time functions: OADD_MONTHS',
    teradata: 'SELECT OADD_MONTHS(d, 2) FROM t',
    bigquery: 'SELECT IF(d = LAST_DAY(d), LAST_DAY(DATE_ADD(d, INTERVAL 2 MONTH)), DATE_ADD(d, INTERVAL 2 MONTH)) FROM t',
    note: "The guide's DATE_SUB(DATE_TRUNC(DATE_ADD(d, INTERVAL n MONTH), MONTH), INTERVAL 1 DAY) is the last day of the month before d + n months; OADD_MONTHS is ADD_MONTHS that keeps month ends at month ends.",
  },
  {
    section: 'Date/time functions: td_day_of_month, td_day_of_week, td_day_of_year',
    teradata: 'SELECT TD_DAY_OF_MONTH(d), TD_DAY_OF_WEEK(d), TD_DAY_OF_YEAR(d) FROM t',
    bigquery: 'SELECT EXTRACT(DAY FROM d), EXTRACT(DAYOFWEEK FROM d), EXTRACT(DAYOFYEAR FROM d) FROM t',
  },
  {
    section: 'Date/time functions: td_sunday … td_saturday',
    teradata: 'SELECT TD_SUNDAY(d), TD_MONDAY(d), TD_TUESDAY(d), TD_WEDNESDAY(d), TD_THURSDAY(d), TD_FRIDAY(d), TD_SATURDAY(d) FROM t',
    bigquery:
      'SELECT DATE_TRUNC(d, WEEK(SUNDAY)), DATE_TRUNC(d, WEEK(MONDAY)), DATE_TRUNC(d, WEEK(TUESDAY)), DATE_TRUNC(d, WEEK(WEDNESDAY)), ' +
      'DATE_TRUNC(d, WEEK(THURSDAY)), DATE_TRUNC(d, WEEK(FRIDAY)), DATE_TRUNC(d, WEEK(SATURDAY)) FROM t',
  },
  {
    section: 'Date/time functions: td_month_begin, td_quarter_begin, td_week_begin, td_year_begin',
    teradata: 'SELECT TD_MONTH_BEGIN(d), TD_QUARTER_BEGIN(d), TD_WEEK_BEGIN(d), TD_YEAR_BEGIN(d) FROM t',
    bigquery: 'SELECT DATE_TRUNC(d, MONTH), DATE_TRUNC(d, QUARTER), DATE_TRUNC(d, WEEK), DATE_TRUNC(d, YEAR) FROM t',
  },
  {
    section: 'Date/time functions: td_month_end, td_quarter_end, td_week_end, td_year_end',
    teradata: 'SELECT TD_MONTH_END(d), TD_QUARTER_END(d), TD_WEEK_END(d), TD_YEAR_END(d) FROM t',
    bigquery: 'SELECT LAST_DAY(d, MONTH), LAST_DAY(d, QUARTER), LAST_DAY(d, WEEK), LAST_DAY(d, YEAR) FROM t',
    note: "The guide's DATE_SUB(DATE_TRUNC(DATE_ADD(d, INTERVAL 1 MONTH), MONTH), INTERVAL 1 DAY) is the same day; BigQuery's LAST_DAY says it directly.",
  },
  {
    section: 'Date/time functions: td_month_of_calendar',
    teradata: 'SELECT TD_MONTH_OF_CALENDAR(d) FROM t',
    bigquery: 'SELECT (EXTRACT(YEAR FROM d) - 1900) * 12 + EXTRACT(MONTH FROM d) FROM t',
  },
  {
    section: 'Date/time functions: td_month_of_quarter',
    teradata: 'SELECT TD_MONTH_OF_QUARTER(d) FROM t',
    bigquery: 'SELECT EXTRACT(MONTH FROM d) - ((EXTRACT(QUARTER FROM d) - 1) * 3) FROM t',
  },
  {
    section: 'Date/time functions: td_month_of_year, td_quarter_of_year, td_week_of_year, td_year_of_calendar',
    teradata: 'SELECT TD_MONTH_OF_YEAR(d), TD_QUARTER_OF_YEAR(d), TD_WEEK_OF_YEAR(d), TD_YEAR_OF_CALENDAR(d) FROM t',
    bigquery: 'SELECT EXTRACT(MONTH FROM d), EXTRACT(QUARTER FROM d), EXTRACT(WEEK FROM d), EXTRACT(YEAR FROM d) FROM t',
  },
  {
    section: 'Date/time functions: td_quarter_of_calendar',
    teradata: 'SELECT TD_QUARTER_OF_CALENDAR(d) FROM t',
    bigquery: 'SELECT (EXTRACT(YEAR FROM d) - 1900) * 4 + EXTRACT(QUARTER FROM d) FROM t',
  },
  {
    section: 'Date/time functions: td_week_of_calendar',
    teradata: 'SELECT TD_WEEK_OF_CALENDAR(d) FROM t',
    bigquery: "SELECT DATE_DIFF(d, DATE '1900-01-01', WEEK) FROM t",
    note: "The guide's (EXTRACT(YEAR FROM d) - 1900) * 52 + EXTRACT(WEEK FROM d) counts 52 weeks a year and drifts by a week every few years; DATE_DIFF counts the Sunday-started weeks since 1900-01-01 as Teradata does.",
  },
  {
    section: 'Date/time functions: td_week_of_month',
    teradata: 'SELECT TD_WEEK_OF_MONTH(d) FROM t',
    bigquery: 'SELECT EXTRACT(WEEK FROM d) - EXTRACT(WEEK FROM DATE_TRUNC(d, MONTH)) FROM t',
  },
  {
    section: 'Date/time functions: td_weekday_of_month',
    teradata: 'SELECT TD_WEEKDAY_OF_MONTH(d) FROM t',
    bigquery: 'SELECT CAST(CEIL(EXTRACT(DAY FROM d) / 7) AS INT64) FROM t',
  },
  {
    section: 'Date/time functions: TO_DATE, TO_TIMESTAMP, TO_TIMESTAMP_TZ',
    teradata:
      "SELECT TO_DATE(s, 'YYYY-MM-DD'), TO_TIMESTAMP(s, 'YYYY-MM-DD HH24:MI:SS'), TO_TIMESTAMP_TZ(s, 'YYYY-MM-DD HH24:MI:SS') FROM t",
    bigquery: "SELECT PARSE_DATE('%Y-%m-%d', s), PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s), PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s) FROM t",
  },
  // String functions
  { section: 'String functions: ASCII', teradata: 'SELECT ASCII(s) FROM t', bigquery: 'SELECT TO_CODE_POINTS(s)[OFFSET(0)] FROM t' },
  {
    section: 'String functions: CHAR2HEXINT',
    teradata: 'SELECT CHAR2HEXINT(s) FROM t',
    bigquery: 'SELECT TO_HEX(CAST(s AS BYTES)) FROM t',
    warns: ['CHAR2HEXINT became TO_HEX'],
    note: 'The guide writes TO_HEX; BigQuery TO_HEX takes BYTES, hence the cast.',
  },
  {
    section: 'String functions: CHARACTER_LENGTH, CHARACTERS',
    teradata: 'SELECT CHARACTERS(s) FROM t',
    bigquery: 'SELECT CHAR_LENGTH(s) FROM t',
  },
  { section: 'String functions: CHR', teradata: 'SELECT CHR(65)', bigquery: 'SELECT CODE_POINTS_TO_STRING([MOD(65, 256)])' },
  {
    section: 'String functions: CONCAT, ||',
    teradata: "SELECT CONCAT(a, b), a || '-' || b FROM t",
    bigquery: "SELECT CONCAT(a, b), a || '-' || b FROM t",
  },
  {
    section: 'String functions: CSV, CSVLD, NGRAM, NVP (custom user-defined functions)',
    teradata: "SELECT NVP(s, 'k') FROM t",
    bigquery: "SELECT NVP(s, 'k') FROM t",
    warns: ['NVP(…) left as is', 'custom user-defined function'],
  },
  { section: 'String functions: INDEX', teradata: "SELECT INDEX(s, 'x') FROM t", bigquery: "SELECT STRPOS(s, 'x') FROM t" },
  {
    section: 'String functions: INITCAP, LENGTH, LOWER, LPAD, LTRIM, REVERSE, RPAD, RTRIM, TRIM, UPPER',
    teradata:
      "SELECT INITCAP(s), LENGTH(s), LOWER(s), LPAD(s, 5, '0'), LTRIM(s), REVERSE(s), RPAD(s, 5), RTRIM(s), TRIM(s), UPPER(s) FROM t",
    bigquery:
      "SELECT INITCAP(s), LENGTH(s), LOWER(s), LPAD(s, 5, '0'), LTRIM(s), REVERSE(s), RPAD(s, 5), RTRIM(s), TRIM(s), UPPER(s) FROM t",
  },
  { section: 'String functions: LEFT', teradata: 'SELECT LEFT(s, 3) FROM t', bigquery: 'SELECT SUBSTR(s, 1, 3) FROM t' },
  {
    section: 'String functions: RIGHT',
    teradata: 'SELECT RIGHT(s, 3) FROM t',
    bigquery: 'SELECT RIGHT(s, 3) FROM t',
    note: "The guide's SUBSTR(s, -1, 3) returns only the last character; BigQuery has RIGHT.",
  },
  {
    section: 'String functions: OREPLACE',
    teradata: "SELECT OREPLACE(s, 'a', 'b') FROM t",
    bigquery: "SELECT REPLACE(s, 'a', 'b') FROM t",
  },
  {
    section: 'String functions: OTRANSLATE',
    teradata: "SELECT OTRANSLATE(s, 'ab', 'xy') FROM t",
    bigquery: "SELECT TRANSLATE(s, 'ab', 'xy') FROM t",
    note: 'The guide says custom user-defined function; BigQuery has had TRANSLATE since.',
  },
  { section: 'String functions: POSITION', teradata: "SELECT POSITION('a' IN s) FROM t", bigquery: "SELECT STRPOS(s, 'a') FROM t" },
  {
    section: 'String functions: REGEXP_INSTR',
    teradata: "SELECT REGEXP_INSTR(s, 'a+') FROM t",
    bigquery: "SELECT STRPOS(s, REGEXP_EXTRACT(s, 'a+')) FROM t",
  },
  {
    section: 'String functions: REGEXP_REPLACE',
    teradata: "SELECT REGEXP_REPLACE(s, '[0-9]', '#', 1, 0) FROM t",
    bigquery: "SELECT REGEXP_REPLACE(s, '[0-9]', '#') FROM t",
  },
  {
    section: 'String functions: REGEXP_SIMILAR',
    teradata: "SELECT REGEXP_SIMILAR(s, 'a.*z') FROM t",
    bigquery: "SELECT IF(REGEXP_CONTAINS(s, '^(?:a.*z)$'), 1, 0) FROM t",
    note: 'REGEXP_SIMILAR matches the whole string and REGEXP_CONTAINS any part of it, so the pattern is anchored.',
  },
  {
    section: 'String functions: REGEXP_SUBSTR',
    teradata: "SELECT REGEXP_SUBSTR(s, '[0-9]+'), REGEXP_SUBSTR(s, '[0-9]+', 1, 2) FROM t",
    bigquery: "SELECT REGEXP_EXTRACT(s, '[0-9]+'), REGEXP_EXTRACT_ALL(s, '[0-9]+')[SAFE_ORDINAL(2)] FROM t",
  },
  {
    section: 'String functions: REGEXP_SPLIT_TO_TABLE, STRTOK_SPLIT_TO_TABLE (custom user-defined functions)',
    teradata: "SELECT * FROM t WHERE REGEXP_SPLIT_TO_TABLE(s, ',') IS NOT NULL",
    bigquery: "SELECT * FROM t WHERE REGEXP_SPLIT_TO_TABLE(s, ',') IS NOT NULL",
    warns: ['REGEXP_SPLIT_TO_TABLE(…) left as is', 'custom user-defined function'],
  },
  {
    section: 'String functions: STRTOK',
    teradata: "SELECT STRTOK(s, ',', 2) FROM t",
    bigquery: "SELECT SPLIT(s, ',')[SAFE_ORDINAL(2)] FROM t",
    warns: ['STRTOK became SPLIT'],
    note: 'The guide writes ORDINAL, which fails past the last token where STRTOK returns NULL; SAFE_ORDINAL returns NULL.',
  },
  {
    section: 'String functions: SUBSTRING, SUBSTR',
    teradata: 'SELECT SUBSTRING(s FROM 2 FOR 3), SUBSTR(s, 2, 3) FROM t',
    bigquery: 'SELECT SUBSTR(s, 2, 3), SUBSTRING(s, 2, 3) FROM t',
    note: 'SUBSTRING is BigQuery’s alias of SUBSTR (polyglot prints SUBSTR calls so).',
  },
  // Math functions
  {
    section: 'Math functions: ABS, ACOS, ASIN, ATAN, ATAN2, COS, EXP, FLOOR, GREATEST, LEAST, LN, SIGN, SIN, SQRT, TAN',
    teradata:
      'SELECT ABS(x), ACOS(x), ASIN(x), ATAN(x), ATAN2(x, y), COS(x), EXP(x), FLOOR(x), GREATEST(x, y), LEAST(x, y), LN(x), SIGN(x), SIN(x), SQRT(x), TAN(x) FROM t',
    bigquery:
      'SELECT ABS(x), ACOS(x), ASIN(x), ATAN(x), ATAN2(x, y), COS(x), EXP(x), FLOOR(x), GREATEST(x, y), LEAST(x, y), LN(x), SIGN(x), SIN(x), SQRT(x), TAN(x) FROM t',
  },
  { section: 'Math functions: CEILING', teradata: 'SELECT CEILING(x) FROM t', bigquery: 'SELECT CEIL(x) FROM t' },
  {
    section: 'Math functions: LOG',
    teradata: 'SELECT LOG(x) FROM t',
    bigquery: 'SELECT LOG10(x) FROM t',
    note: "The guide maps LOG to LOG; Teradata's LOG is base 10 and BigQuery's LOG(x) is the natural logarithm.",
  },
  { section: 'Math functions: MOD', teradata: 'SELECT x MOD 7 FROM t', bigquery: 'SELECT MOD(x, 7) FROM t' },
  { section: 'Math functions: NULLIFZERO', teradata: 'SELECT NULLIFZERO(x) FROM t', bigquery: 'SELECT NULLIF(x, 0) FROM t' },
  {
    section: 'Math functions: POWER, **',
    teradata: 'SELECT x ** 2, POWER(x, 3) FROM t',
    bigquery: 'SELECT POWER(x, 2), POWER(x, 3) FROM t',
  },
  {
    section: 'Math functions: RANDOM',
    teradata: 'SELECT RANDOM(1, 10)',
    bigquery: 'SELECT CAST(FLOOR(1 + RAND() * (10 - 1 + 1)) AS INT64)',
    note: 'The guide writes RAND, which returns a FLOAT64 in [0, 1); RANDOM(l, u) returns an integer from l to u.',
  },
  {
    section: 'Rounding functions: ROUND',
    teradata: 'SELECT ROUND(3.45, 1)',
    bigquery: "SELECT ROUND(CAST(3.45 AS NUMERIC), 1, 'ROUND_HALF_EVEN')",
  },
  { section: 'Math functions: TRUNC', teradata: 'SELECT TRUNC(x, 2) FROM t', bigquery: 'SELECT TRUNC(x, 2) FROM t' },
  { section: 'Math functions: ZEROIFNULL', teradata: 'SELECT ZEROIFNULL(x) FROM t', bigquery: 'SELECT IFNULL(x, 0) FROM t' },
  // DML
  { section: 'INSERT', teradata: 'INSERT INTO tbl VALUES (1, 2, 3)', bigquery: 'INSERT INTO tbl VALUES (1, 2, 3)' },
  {
    section: 'UPDATE: FROM with the target in the list',
    teradata: 'UPDATE table_A FROM table_A, table_B SET y = table_B.y, z = table_B.z + 1 WHERE table_A.x = table_B.x AND table_A.y IS NULL',
    bigquery: 'UPDATE table_A SET y = table_B.y, z = table_B.z + 1 FROM table_B WHERE table_A.x = table_B.x AND table_A.y IS NULL',
  },
  {
    section: 'UPDATE: target alias',
    teradata: 'UPDATE tbl alias SET x = x + 1 WHERE f(x) IN (0, 1)',
    bigquery: 'UPDATE tbl AS alias SET x = x + 1 WHERE f(x) IN (0, 1)',
    note: 'The guide drops the alias; BigQuery accepts it, and references such as alias.x keep working.',
  },
  {
    section: 'UPDATE: FROM with three tables',
    teradata: 'UPDATE table_A FROM table_A, table_B, B SET z = table_B.z WHERE table_A.x = table_B.x AND table_A.y = table_B.y',
    bigquery: 'UPDATE table_A SET z = table_B.z FROM table_B, B WHERE table_A.x = table_B.x AND table_A.y = table_B.y',
    note: "The guide's BigQuery side leaves out B, which changes the row count the join sees; it is kept.",
  },
  { section: 'DELETE … ALL', teradata: 'DELETE db.tbl ALL', bigquery: 'DELETE FROM db.tbl WHERE TRUE' },
  {
    section: 'DELETE: LOCKING TABLE … FOR EXCLUSIVE',
    teradata: 'LOCKING TABLE table_A FOR EXCLUSIVE DELETE FROM table_A',
    bigquery: 'DELETE FROM table_A WHERE TRUE',
    warns: ['LOCKING … FOR EXCLUSIVE dropped'],
  },
  {
    section: 'MERGE',
    teradata:
      'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)',
    bigquery:
      'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)',
  },
  { section: 'Rows-affected variables: ACTIVITY_COUNT', teradata: 'SELECT ACTIVITY_COUNT', bigquery: 'SELECT @@row_count' },
  // DDL
  {
    section: 'CREATE TABLE: MULTISET, VOLATILE, FALLBACK, JOURNAL, CHECKSUM, MERGEBLOCKRATIO, UNIQUE PRIMARY INDEX, ON COMMIT',
    teradata:
      'CREATE MULTISET VOLATILE TABLE t, NO FALLBACK, NO BEFORE JOURNAL, NO AFTER JOURNAL, CHECKSUM = DEFAULT, DEFAULT MERGEBLOCKRATIO ' +
      '(a INTEGER, b VARCHAR(10)) UNIQUE PRIMARY INDEX (a) ON COMMIT PRESERVE ROWS',
    bigquery: 'CREATE TEMPORARY TABLE t (a INT64, b STRING)',
  },
  {
    section: 'CREATE TABLE: NO PRIMARY INDEX',
    teradata: 'CREATE TABLE t (a INTEGER) NO PRIMARY INDEX',
    bigquery: 'CREATE TABLE t (a INT64)',
  },
  {
    section: 'Column options: FORMAT, CHARACTER SET, CASESPECIFIC, COMPRESS',
    teradata: "CREATE TABLE t (c VARCHAR(10) CHARACTER SET LATIN CASESPECIFIC FORMAT 'X(10)' COMPRESS ('a'))",
    bigquery: 'CREATE TABLE t (c STRING)',
  },
  {
    section: 'Column options: TITLE',
    teradata: "CREATE TABLE tbl (col1 VARCHAR(30) TITLE 'column desc')",
    bigquery: "CREATE TABLE tbl (col1 STRING OPTIONS (description='column desc'))",
  },
  { section: 'CREATE VIEW', teradata: 'CREATE VIEW v AS SELECT a FROM t', bigquery: 'CREATE VIEW v AS SELECT a FROM t' },
  {
    section: 'CREATE VIEW: REPLACE VIEW, LOCKING ROW FOR ACCESS',
    teradata: 'REPLACE VIEW v AS LOCKING ROW FOR ACCESS SELECT a FROM t',
    bigquery: 'CREATE OR REPLACE VIEW v AS SELECT a FROM t',
  },
  {
    section: 'CREATE [UNIQUE] INDEX',
    teradata: 'CREATE UNIQUE INDEX idx (a) ON t',
    bigquery: '',
    warns: ['BigQuery has no indexes', 'MERGE from a staging table'],
  },
  // Procedural SQL
  {
    section: 'CREATE PROCEDURE, REPLACE PROCEDURE',
    teradata: 'REPLACE PROCEDURE p() BEGIN SELECT 1; END',
    error: 'CREATE OR REPLACE PROCEDURE',
  },
  { section: 'CALL', teradata: 'CALL p(1)', bigquery: 'CALL p(1)' },
  { section: 'Variables: DECLARE', teradata: 'DECLARE x INTEGER', bigquery: 'DECLARE x INTEGER' },
  { section: 'Variables: SET', teradata: 'SET x = 1', bigquery: 'SET x = 1' },
  {
    section: 'Error handlers: DECLARE EXIT HANDLER FOR SQLEXCEPTION',
    teradata: 'DECLARE EXIT HANDLER FOR SQLEXCEPTION SET x = 1',
    error: 'BEGIN … EXCEPTION WHEN ERROR THEN',
  },
  { section: 'Error handlers: SIGNAL', teradata: "SIGNAL SQLSTATE '45000'", error: 'RAISE USING MESSAGE' },
  {
    section: 'Error handlers: DECLARE CONTINUE HANDLER',
    teradata: 'DECLARE CONTINUE HANDLER FOR SQLSTATE VALUE 23505 SET x = 1',
    error: 'ASSERT',
  },
  { section: 'Cursors: DECLARE CURSOR', teradata: 'DECLARE c CURSOR FOR SELECT a FROM t', error: 'BigQuery has no cursors' },
  { section: 'Cursors: OPEN', teradata: 'OPEN c', error: 'BigQuery has no cursors' },
  { section: 'Cursors: FETCH', teradata: 'FETCH c INTO v', error: 'BigQuery has no cursors' },
  { section: 'Cursors: CLOSE', teradata: 'CLOSE c', error: 'BigQuery has no cursors' },
  { section: 'Dynamic SQL: EXECUTE IMMEDIATE', teradata: 'EXECUTE IMMEDIATE sql_str', bigquery: 'EXECUTE IMMEDIATE sql_str' },
  { section: 'Dynamic SQL: EXECUTE … USING', teradata: 'EXECUTE stmt_id USING v', bigquery: 'EXECUTE IMMEDIATE stmt_id USING v' },
  { section: 'Dynamic SQL: PREPARE', teradata: 'PREPARE stmt_id FROM sql_str', error: 'EXECUTE IMMEDIATE' },
  { section: 'Flow of control: LEAVE', teradata: 'LEAVE outer_proc_label', error: 'LEAVE inside LOOP and WHILE' },
  // Metadata and transaction statements
  {
    section: 'Metadata: HELP TABLE',
    teradata: 'HELP TABLE mydataset.table_name',
    bigquery:
      "SELECT * EXCEPT (is_generated, generation_expression, is_stored, is_updatable) FROM mydataset.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'table_name'",
  },
  {
    section: 'Metadata: HELP VIEW',
    teradata: 'HELP VIEW mydataset.view_name',
    bigquery:
      "SELECT * EXCEPT (is_generated, generation_expression, is_stored, is_updatable) FROM mydataset.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'view_name'",
  },
  {
    section: 'Metadata: DBC views',
    teradata: "SELECT * FROM dbc.tables WHERE tablekind = 'T'",
    bigquery: 'SELECT * EXCEPT (is_typed) FROM mydataset.INFORMATION_SCHEMA.TABLES',
    warns: ['DBC.tables is a Teradata system view'],
    missing: true,
  },
  { section: 'Metadata: HELP STATISTICS', teradata: 'HELP STATISTICS t', bigquery: '', warns: ['BigQuery keeps statistics itself'] },
  {
    section: 'Metadata: COLLECT STATS',
    teradata: 'COLLECT STATS USING SAMPLE ON t COLUMN (a)',
    bigquery: '',
    warns: ['BigQuery keeps statistics itself'],
  },
  {
    section: 'Transactions: SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL',
    teradata: 'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SR',
    bigquery: '',
    warns: ['BigQuery always uses snapshot isolation'],
  },
  { section: 'Transactions: BEGIN TRANSACTION', teradata: 'BEGIN TRANSACTION', bigquery: 'BEGIN TRANSACTION' },
  { section: 'Transactions: END TRANSACTION', teradata: 'END TRANSACTION', bigquery: 'COMMIT TRANSACTION' },
  { section: 'Transactions: BT, ET', teradata: 'ET', bigquery: 'COMMIT TRANSACTION' },
  { section: 'Rollback: ABORT', teradata: 'ABORT', bigquery: 'ROLLBACK TRANSACTION' },
  { section: 'Metadata: EXPLAIN', teradata: 'EXPLAIN SELECT * FROM t', bigquery: '', warns: ['EXPLAIN dropped'] },
];
