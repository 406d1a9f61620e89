-- recurring_keys.sql: summary.json `recurring_keys` (docs/metrics.md §4).
--
-- Keys with 2 or more complaints in the trend window, by count descending, then the
-- normalised key ascending (code-point order). Columns: pos, key_1, key_2 (the key's
-- field values as written by its first complaint in the window), recurrence_key (the
-- normalised key as the dataset stores it: fields case-folded, joined by U+001F), count,
-- first, last (received dates), customers (distinct non-blank customers, lower-cased),
-- repeats, recurrences_after_closure (of the window's complaints of the key; an earlier
-- complaint before the window still counts as p). All over the trend window.
--
-- The key columns are for the default --recurrence-key product,defect_type: for another
-- key, list its fields as key_1, key_2, ... in `display` below (recurrence_key, the
-- dataset's normalised key, was built with the report's fields whatever they are).
-- repeats and recurrences_after_closure are recomputed as in trend.sql (so a union of
-- several exports counts repeats across them); same limits: exact except a same-day
-- negative-TTR closure, which the engine counts when it was read first.
--
-- Cannot be reproduced exactly: the spelling shown for a key is its first complaint's
-- "by received date, then input order"; the dataset has no input order, so among
-- complaints received on the key's first day the one with the smallest (source_file,
-- source_sheet, source_row) is taken. Spellings differ only in case or synonyms, and only
-- then can this pick another one.
WITH params AS (
  SELECT
    '2025-10' AS period,              -- @param period: reporting month YYYY-MM
    '2024-11' AS window_start,        -- @param window_start: first month of the trend window
    90        AS recurrence_window    -- @param recurrence_window: days (§4)
),
hist AS (  -- every complaint with a key up to the period, with day numbers (see trend.sql)
  SELECT
    h.*,
    CAST(365 * r_y + FLOOR(r_y / 4) - FLOOR(r_y / 100) + FLOOR(r_y / 400) + FLOOR((153 * r_m + 2) / 5) + r_d AS INTEGER) AS rd_n,
    CAST(365 * c_y + FLOOR(c_y / 4) - FLOOR(c_y / 100) + FLOOR(c_y / 400) + FLOOR((153 * c_m + 2) / 5) + c_d AS INTEGER) AS cd_n
  FROM (
    SELECT
      x.recurrence_key AS k,
      x.received_date,
      x.customer,
      x.product AS key_1,           -- display: the --recurrence-key fields, in order
      x.defect_type AS key_2,
      x.source_file, x.source_sheet, x.source_row,
      CASE WHEN x.received_month >= p.window_start THEN 1 ELSE 0 END AS in_window,
      EXTRACT(YEAR FROM x.received_date) - CASE WHEN EXTRACT(MONTH FROM x.received_date) <= 2 THEN 1 ELSE 0 END AS r_y,
      MOD(EXTRACT(MONTH FROM x.received_date) + 9, 12) AS r_m,
      EXTRACT(DAY FROM x.received_date) AS r_d,
      EXTRACT(YEAR FROM x.closed_date) - CASE WHEN EXTRACT(MONTH FROM x.closed_date) <= 2 THEN 1 ELSE 0 END AS c_y,
      MOD(EXTRACT(MONTH FROM x.closed_date) + 9, 12) AS c_m,
      EXTRACT(DAY FROM x.closed_date) AS c_d
    FROM complaints x CROSS JOIN params p
    WHERE x.recurrence_key IS NOT NULL AND x.received_month <= p.period
  ) h
),
repeats AS (
  SELECT q.k, SUM(CASE WHEN q.in_window = 1 AND q.rd_n - q.prev_n <= p.recurrence_window THEN 1 ELSE 0 END) AS n
  FROM (
    SELECT k, in_window, rd_n, LAG(rd_n) OVER (PARTITION BY k ORDER BY rd_n) AS prev_n
    FROM hist
  ) q CROSS JOIN params p
  GROUP BY q.k
),
closure_line AS (
  SELECT k, in_window, 0 AS kind, rd_n AS pos, rd_n, CAST(NULL AS INTEGER) AS closed_n FROM hist
  UNION ALL
  SELECT k, 0 AS in_window, 1 AS kind, CASE WHEN cd_n > rd_n THEN cd_n ELSE rd_n END AS pos,
         CAST(NULL AS INTEGER) AS rd_n, cd_n AS closed_n
  FROM hist WHERE cd_n IS NOT NULL
),
recurrences AS (
  SELECT q.k, SUM(CASE WHEN q.kind = 0 AND q.in_window = 1 AND q.rd_n - q.last_closed <= p.recurrence_window
                       THEN 1 ELSE 0 END) AS n
  FROM (
    SELECT k, in_window, kind, rd_n,
           MAX(closed_n) OVER (PARTITION BY k ORDER BY pos, kind ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_closed
    FROM closure_line
  ) q CROSS JOIN params p
  GROUP BY q.k
),
keys AS (
  SELECT k, COUNT(*) AS cnt, MIN(received_date) AS first_date, MAX(received_date) AS last_date,
         COUNT(DISTINCT LOWER(customer)) AS customers
  FROM hist
  WHERE in_window = 1
  GROUP BY k
  HAVING COUNT(*) >= 2
),
display AS (  -- the spelling of each key's first window complaint
  SELECT k, key_1, key_2
  FROM (
    SELECT k, key_1, key_2,
           ROW_NUMBER() OVER (PARTITION BY k ORDER BY received_date, source_file, source_sheet, source_row) AS rn
    FROM hist
    WHERE in_window = 1
  ) q
  WHERE rn = 1
)
SELECT
  ROW_NUMBER() OVER (ORDER BY g.cnt DESC, g.k) AS pos,
  d.key_1,
  d.key_2,
  g.k AS recurrence_key,
  g.cnt AS count,
  g.first_date AS first,
  g.last_date AS last,
  g.customers,
  COALESCE(r.n, 0) AS repeats,
  COALESCE(c.n, 0) AS recurrences_after_closure
FROM keys g
JOIN display d ON d.k = g.k
LEFT JOIN repeats r ON r.k = g.k
LEFT JOIN recurrences c ON c.k = g.k
ORDER BY g.cnt DESC, g.k
