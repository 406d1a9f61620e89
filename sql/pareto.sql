-- pareto.sql: summary.json `pareto_month` and `pareto_window` (docs/metrics.md §2).
--
-- One row per defect type and scope: scope ('month' = the reporting month's complaints,
-- 'window' = the trend window's), pos (1-based position in the table), defect_type
-- (a blank type is the category '(blank)'), count, cum_count, cum_share (cumulative
-- count / total, 4 decimals, half away from zero) and vital_few (the cumulative share
-- *before* the type is below 80 %, tested in whole numbers: 5 * before < 4 * total, so
-- exactly 80 % before is not vital). Order: count descending, then name ascending in
-- code-point order (the byte order of UTF-8), which is how DuckDB and Spark compare
-- strings without a collation; a database with a linguistic default collation needs
-- COLLATE "C" / a binary collation on the ORDER BY.
--
-- Reads the view `complaints` = the dataset of `complaints export`; every figure of both
-- tables is reproducible from it (received_month and defect_type only).
-- The cost Pareto of §10 (cost.pareto_*) is not computed here.
WITH params AS (
  SELECT
    '2025-10' AS period,        -- @param period: reporting month YYYY-MM
    '2024-11' AS window_start   -- @param window_start: first month of the trend window
),
scoped AS (
  SELECT 'month' AS scope, COALESCE(x.defect_type, '(blank)') AS defect_type
  FROM complaints x CROSS JOIN params p
  WHERE x.received_month = p.period
  UNION ALL
  SELECT 'window' AS scope, COALESCE(x.defect_type, '(blank)') AS defect_type
  FROM complaints x CROSS JOIN params p
  WHERE x.received_month >= p.window_start AND x.received_month <= p.period
),
counted AS (
  SELECT scope, defect_type, COUNT(*) AS cnt
  FROM scoped
  GROUP BY scope, defect_type
),
running AS (
  SELECT
    scope, defect_type, cnt,
    ROW_NUMBER() OVER (PARTITION BY scope ORDER BY cnt DESC, defect_type) AS pos,
    SUM(cnt) OVER (PARTITION BY scope ORDER BY cnt DESC, defect_type ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_count,
    SUM(cnt) OVER (PARTITION BY scope) AS total
  FROM counted
)
SELECT
  scope,
  pos,
  defect_type,
  cnt AS count,
  cum_count,
  ROUND(CAST(cum_count AS DOUBLE) / total, 4) AS cum_share,
  5 * (cum_count - cnt) < 4 * total AS vital_few
FROM running
ORDER BY scope, pos
