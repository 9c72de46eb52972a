import { sourceDate, type DateWindow } from '../date-window';
import { quoted, type TableRef } from '../identifiers';
import type { SqlValues } from '../sql-values';
import { LABEL_COLUMN, visitorLabelQuery } from './visitor-label';

/** Filter on the source's `date` string for a window, with the values bound under `<prefix>_start/_end`. */
function dateFilter(window: DateWindow, prefix: string, values: SqlValues): string {
  const start = values.day(`${prefix}_start`, sourceDate(`${prefix} window start`, window.start));
  const end = values.day(`${prefix}_end`, sourceDate(`${prefix} window end`, window.end));
  return `date BETWEEN ${start} AND ${end}`;
}

/**
 * Model 1 rows: each first visit's `bounces` and `time_on_site` with the visitor's label.
 * Without a window it covers the whole table (the lab's exploration query).
 */
export function model1Rows(source: TableRef, values: SqlValues, window?: { readonly range: DateWindow; readonly prefix: string }): string {
  const filters = ['totals.newVisits = 1', ...(window ? [dateFilter(window.range, window.prefix, values)] : [])];
  return `SELECT * EXCEPT (fullVisitorId)
FROM (
  SELECT
    fullVisitorId,
    IFNULL(totals.bounces, 0) AS bounces,
    IFNULL(totals.timeOnSite, 0) AS time_on_site
  FROM ${quoted(source)}
  WHERE ${filters.join('\n    AND ')}
)
JOIN (
  ${visitorLabelQuery(source)}
)
USING (fullVisitorId)`;
}

/**
 * Model 2 rows: model 1's inputs plus the furthest checkout step reached, pageviews, traffic source and
 * medium, channel grouping, device category and country, one row per first-visit session in the window.
 */
export function model2Rows(source: TableRef, values: SqlValues, window: { readonly range: DateWindow; readonly prefix: string }): string {
  return `WITH all_visitor_stats AS (
  ${visitorLabelQuery(source)}
)
SELECT * EXCEPT (unique_session_id)
FROM (
  SELECT
    CONCAT(fullVisitorId, '-', CAST(visitId AS STRING)) AS unique_session_id,
    ${LABEL_COLUMN},
    MAX(CAST(h.eCommerceAction.action_type AS INT64)) AS latest_ecommerce_progress,
    IFNULL(totals.bounces, 0) AS bounces,
    IFNULL(totals.timeOnSite, 0) AS time_on_site,
    IFNULL(totals.pageviews, 0) AS pageviews,
    trafficSource.source,
    trafficSource.medium,
    channelGrouping,
    device.deviceCategory,
    IFNULL(geoNetwork.country, '') AS country
  FROM ${quoted(source)}, UNNEST(hits) AS h
  JOIN all_visitor_stats USING (fullVisitorId)
  WHERE totals.newVisits = 1
    AND ${dateFilter(window.range, window.prefix, values)}
  GROUP BY
    unique_session_id,
    ${LABEL_COLUMN},
    bounces,
    time_on_site,
    pageviews,
    trafficSource.source,
    trafficSource.medium,
    channelGrouping,
    device.deviceCategory,
    country
)`;
}
