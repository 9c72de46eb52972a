import { quoted, type TableRef } from '../identifiers';

/** The label column: the visitor has a transaction on a visit that was not their first. */
export const LABEL_COLUMN = 'will_buy_on_return_visit';

/** Per-visitor label subquery: 1 when any non-first visit of the visitor has a transaction, else 0. */
export function visitorLabelQuery(source: TableRef): string {
  return `SELECT
    fullVisitorId,
    IF(COUNTIF(totals.transactions > 0 AND totals.newVisits IS NULL) > 0, 1, 0) AS ${LABEL_COLUMN}
  FROM ${quoted(source)}
  GROUP BY fullVisitorId`;
}
