-- responsibility.sql: summary.json `breakdowns.responsibility` and `cost.by_responsibility`
-- (docs/metrics.md §13, with the breakdown rules of §1 and the cost of §10).
--
-- scope 'breakdown': one row per kept value and window month: pos, value (a blank value is
--   the category '(blank)'; the rest beyond `top` values is 'Other', last), month, count
--   (that month's complaints, 0 included), total (the window's). Values sorted by window
--   total descending, then name in code-point order; `Other` only when there are more than
--   `top` values. run.py assembles the months into the `months` list.
-- scope 'cost': pos, value, cost (sum over the window's complaints that have a cost), count
--   (those complaints, a no-charge 0 included); sorted by cost descending, then name.
--
-- Reads the view `complaints` = the dataset of `complaints export`. Not reproducible from it:
-- whether a ledger had the responsibility / cost column at all (the engine then omits the
-- breakdown / the by_responsibility key; the dataset's column is then all NULL), so run.py
-- compares only what summary.json has.
WITH params AS (
  SELECT
    '2025-10' AS period,        -- @param period: reporting month YYYY-MM
    '2024-11' AS window_start,  -- @param window_start: first month of the trend window
    10        AS top            -- @param top: values kept in a breakdown (§1)
),
p AS (
  SELECT
    CAST(SUBSTRING(period FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(period FROM 6 FOR 2) AS INTEGER) - 1 AS p_idx,
    CAST(SUBSTRING(window_start FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(window_start FROM 6 FOR 2) AS INTEGER) - 1 AS ws_idx
  FROM params
),
digits AS (
  SELECT i FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(i)
),
win AS (  -- every month of the window as 'YYYY-MM'
  SELECT
    CAST(CAST(FLOOR(idx / 12) AS INTEGER) AS VARCHAR(4)) || '-'
      || SUBSTRING(CAST(101 + MOD(idx, 12) AS VARCHAR(3)) FROM 2 FOR 2) AS month
  FROM (
    SELECT p.ws_idx + a.i + 10 * b.i + 100 * c.i AS idx
    FROM p CROSS JOIN digits a CROSS JOIN digits b CROSS JOIN digits c
    WHERE p.ws_idx + a.i + 10 * b.i + 100 * c.i <= p.p_idx
  ) w
),
c AS (  -- the window's complaints
  SELECT x.received_month AS month, COALESCE(NULLIF(x.responsibility, ''), '(blank)') AS value, x.cost
  FROM complaints x CROSS JOIN params q
  WHERE x.received_month >= q.window_start AND x.received_month <= q.period
),
ranked AS (
  SELECT value, total, ROW_NUMBER() OVER (ORDER BY total DESC, value) AS rn, COUNT(*) OVER () AS n
  FROM (SELECT value, COUNT(*) AS total FROM c GROUP BY value) t
),
kept AS (  -- the first `top` values, the rest as Other (only when there are more)
  SELECT
    r.value AS original,
    CASE WHEN r.n > q.top AND r.rn > q.top THEN 'Other' ELSE r.value END AS value,
    CASE WHEN r.n > q.top AND r.rn > q.top THEN q.top + 1 ELSE r.rn END AS pos
  FROM ranked r CROSS JOIN params q
),
per_month AS (
  SELECT k.pos, k.value, c.month, COUNT(*) AS cnt
  FROM c JOIN kept k ON k.original = c.value
  GROUP BY k.pos, k.value, c.month
),
rows_kept AS (
  SELECT DISTINCT pos, value FROM kept
),
totals AS (
  SELECT pos, SUM(cnt) AS total FROM per_month GROUP BY pos
),
costs AS (
  SELECT value, SUM(cost) AS cost, COUNT(*) AS cnt
  FROM c WHERE cost IS NOT NULL
  GROUP BY value
)
SELECT
  'breakdown' AS scope, r.pos, r.value, w.month,
  COALESCE(pm.cnt, 0) AS cnt, t.total, CAST(NULL AS DOUBLE) AS cost
FROM rows_kept r
CROSS JOIN win w
JOIN totals t ON t.pos = r.pos
LEFT JOIN per_month pm ON pm.pos = r.pos AND pm.month = w.month
UNION ALL
SELECT
  'cost', CAST(ROW_NUMBER() OVER (ORDER BY cost DESC, value) AS INTEGER), value, CAST(NULL AS VARCHAR(7)),
  cnt, CAST(NULL AS BIGINT), CAST(cost AS DOUBLE)
FROM costs
ORDER BY scope, pos, month
