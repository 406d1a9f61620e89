-- ytd.sql: summary.json `month.ytd_received`, `ytd_received_last_year`, `ytd_change_pct` and
-- `ytd_goal` (docs/metrics.md §14), one row.
--
-- * ytd_received: complaints received from 1 January of the period's year to the end of
--   the period, or to as_of when that is earlier. The dataset holds only complaints received
--   on or before as_of, so the span is "year of the period, month <= period".
-- * ytd_received_last_year: the same span one year earlier — to the end of the same month
--   when the span ends at the period's end (as_of on or after its last day), else to the
--   same day (29 February maps to 28 February); NULL when that span ends before the first
--   month with data (the dataset's first received_month).
-- * ytd_change_pct: 100 * (this - last) / last, 2 decimals; NULL when last is NULL or 0.
-- * ytd_goal: received_goal * (the period's month number) / 12, 1 decimal; NULL without a goal.
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`.
WITH params AS (
  SELECT
    '2025-10'                AS period,         -- @param period: reporting month YYYY-MM
    DATE '2025-10-31'        AS as_of,          -- @param as_of: the --as-of of the export
    CAST(780 AS DOUBLE)      AS received_goal   -- @param received_goal: [report.goals] received_per_year (NULL: none)
),
p AS (
  SELECT
    CAST(SUBSTRING(period FROM 1 FOR 4) AS INTEGER) AS y,
    CAST(SUBSTRING(period FROM 6 FOR 2) AS INTEGER) AS m,
    EXTRACT(YEAR FROM as_of) * 12 + EXTRACT(MONTH FROM as_of) - 1 AS a_idx,
    EXTRACT(DAY FROM as_of) AS a_d,
    received_goal
  FROM params
),
e AS (  -- the span's end: (whole month, its last day when not whole)
  SELECT
    y, m, received_goal,
    CASE WHEN a_idx > y * 12 + m - 1 THEN TRUE
         WHEN a_idx < y * 12 + m - 1 THEN FALSE
         ELSE a_d = CASE WHEN m = 2 THEN CASE WHEN MOD(y, 4) = 0 AND (MOD(y, 100) <> 0 OR MOD(y, 400) = 0)
                                             THEN 29 ELSE 28 END
                         WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END
    END AS whole,
    -- last year's last day when not whole: the same day, 29 February -> 28
    CASE WHEN m = 2 AND a_d = 29 THEN 28 ELSE a_d END AS ly_d
  FROM p
),
x AS (
  SELECT
    EXTRACT(YEAR FROM received_date) AS ry, EXTRACT(MONTH FROM received_date) AS rm,
    EXTRACT(DAY FROM received_date) AS rd, received_month
  FROM complaints
),
counted AS (
  SELECT
    SUM(CASE WHEN x.ry = e.y AND x.rm <= e.m THEN 1 ELSE 0 END) AS ytd,
    SUM(CASE WHEN x.ry = e.y - 1
              AND (x.rm < e.m OR (x.rm = e.m AND (e.whole OR x.rd <= e.ly_d))) THEN 1 ELSE 0 END) AS ly,
    MIN(x.received_month) AS first_month
  FROM x CROSS JOIN e
)
SELECT
  CAST(COALESCE(c.ytd, 0) AS BIGINT) AS ytd_received,
  CASE WHEN c.first_month <= CAST(e.y - 1 AS VARCHAR(4)) || '-' || SUBSTRING(CAST(100 + e.m AS VARCHAR(3)) FROM 2 FOR 2)
       THEN CAST(c.ly AS BIGINT) END AS ytd_received_last_year,
  CASE WHEN c.first_month <= CAST(e.y - 1 AS VARCHAR(4)) || '-' || SUBSTRING(CAST(100 + e.m AS VARCHAR(3)) FROM 2 FOR 2)
            AND c.ly > 0
       THEN ROUND(CAST(100 * (c.ytd - c.ly) AS DOUBLE) / c.ly, 2) END AS ytd_change_pct,
  ROUND(e.received_goal * e.m / 12, 1) AS ytd_goal
FROM counted c CROSS JOIN e
