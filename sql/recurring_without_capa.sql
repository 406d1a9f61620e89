-- recurring_without_capa.sql: summary.json `capa.recurring_without_capa`, the review's
-- to-do list (docs/metrics.md §9): the recurring problems that are active now and have
-- no corrective action.
--
-- The recurrence keys with at least capa_trigger complaints received in the
-- recurrence_window days up to as_of (as_of - recurrence_window < received <= as_of),
-- none of which carries a capa_id (non-blank), a key whose defect type is a catch-all
-- word left out; by count descending, then last received descending, then the normalised
-- key ascending (code-point order). Columns: pos, key_1, key_2 (the key's field values as
-- written by its first complaint of those days), recurrence_key (the normalised key of
-- the dataset: fields case-folded, joined by U+001F), count, first, last (received
-- dates), customers (distinct non-blank customers, lower-cased). All over the complaints
-- of those days, whatever their month (the window can reach back before the trend window).
--
-- Catch-all words: `catch_all` below, one word a row (the report's `catch_all` config,
-- default 기타, 기타불량, 미분류, other, others, misc, unknown, n/a; run.py writes the
-- report's list from _summary.json). They match the key's defect type after
-- normalisation: the dataset's text is already NFKC- and space-normalised, and both sides
-- are lower-cased here (LOWER is Unicode lower-casing in DuckDB and Spark, like the
-- engine's case-folding except for exotic letters that NFKC recomposes after it).
-- key_has_type says whether defect_type is a field of --recurrence-key (when it is not,
-- no key is a catch-all). The key columns are for the default key product,defect_type:
-- for another key, list its fields as key_1, key_2, ... in `recent` below, as in
-- recurring_keys.sql.
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`; `as_of`
-- must be that --as-of (the dataset holds no complaint received after it).
-- Cannot be reproduced exactly: the spelling shown for a key is its first complaint's by
-- (received date, input order); the dataset has no input order, so among complaints of
-- the key's first day the one with the smallest (source_file, source_sheet, source_row)
-- is taken, as in recurring_keys.sql. When §9 is not recorded (no capa_id column: the
-- engine writes `"capa": {"status": "not_recorded"}`) the dataset's capa_id is null
-- everywhere and this lists every active key: ignore it then, as run.py does.
WITH params AS (
  SELECT
    DATE '2025-10-31' AS as_of,              -- @param as_of: the --as-of of the export
    90                AS recurrence_window,  -- @param recurrence_window: days (§4)
    3                 AS capa_trigger,       -- @param capa_trigger: complaints in the window that make a key active
    1                 AS key_has_type        -- @param key_has_type: 1 when defect_type is a field of --recurrence-key
),
catch_all AS (
  SELECT LOWER(TRIM(w)) AS w FROM (VALUES ('기타'), ('기타불량'), ('미분류'), ('other'), ('others'), ('misc'), ('unknown'), ('n/a')) AS t(w)  -- @list catch_all
),
p AS (  -- as_of as a day number (see trend.sql)
  SELECT
    as_of, recurrence_window, capa_trigger, key_has_type,
    CAST(365 * a_y + FLOOR(a_y / 4) - FLOOR(a_y / 100) + FLOOR(a_y / 400) + FLOOR((153 * a_m + 2) / 5) + a_d AS INTEGER) AS as_of_n
  FROM (
    SELECT params.*,
      EXTRACT(YEAR FROM as_of) - CASE WHEN EXTRACT(MONTH FROM as_of) <= 2 THEN 1 ELSE 0 END AS a_y,
      MOD(EXTRACT(MONTH FROM as_of) + 9, 12) AS a_m,
      EXTRACT(DAY FROM as_of) AS a_d
    FROM params
  ) q
),
dated AS (  -- every complaint with a key, with its received day number
  SELECT
    h.*,
    CAST(365 * r_y + FLOOR(r_y / 4) - FLOOR(r_y / 100) + FLOOR(r_y / 400) + FLOOR((153 * r_m + 2) / 5) + r_d AS INTEGER) AS rd_n
  FROM (
    SELECT
      x.recurrence_key AS k,
      x.received_date,
      x.customer,
      x.capa_id,
      x.defect_type,
      x.product AS key_1,           -- display: the --recurrence-key fields, in order
      x.defect_type AS key_2,
      x.source_file, x.source_sheet, x.source_row,
      EXTRACT(YEAR FROM x.received_date) - CASE WHEN EXTRACT(MONTH FROM x.received_date) <= 2 THEN 1 ELSE 0 END AS r_y,
      MOD(EXTRACT(MONTH FROM x.received_date) + 9, 12) AS r_m,
      EXTRACT(DAY FROM x.received_date) AS r_d
    FROM complaints x
    WHERE x.recurrence_key IS NOT NULL
  ) h
),
recent AS (  -- the complaints received in (as_of - recurrence_window, as_of]
  SELECT d.*
  FROM dated d CROSS JOIN p
  WHERE d.rd_n > p.as_of_n - p.recurrence_window AND d.rd_n <= p.as_of_n
),
keys AS (
  SELECT k, COUNT(*) AS cnt, MIN(received_date) AS first_date, MAX(received_date) AS last_date,
         COUNT(DISTINCT LOWER(customer)) AS customers,
         SUM(CASE WHEN capa_id IS NOT NULL AND TRIM(capa_id) <> '' THEN 1 ELSE 0 END) AS with_capa,
         MIN(LOWER(defect_type)) AS type_key  -- one value per key when defect_type is a key field
  FROM recent
  GROUP BY k
),
active AS (
  SELECT g.*
  FROM keys g CROSS JOIN p
  WHERE g.cnt >= p.capa_trigger
    AND g.with_capa = 0
    AND NOT (p.key_has_type = 1 AND EXISTS (SELECT 1 FROM catch_all c WHERE c.w = g.type_key))
),
display AS (  -- the spelling of each key's first complaint of those days
  SELECT k, key_1, key_2
  FROM (
    SELECT k, key_1, key_2,
           ROW_NUMBER() OVER (PARTITION BY k ORDER BY received_date, source_file, source_sheet, source_row) AS rn
    FROM recent
  ) q
  WHERE rn = 1
)
SELECT
  ROW_NUMBER() OVER (ORDER BY a.cnt DESC, a.last_date DESC, a.k) AS pos,
  d.key_1,
  d.key_2,
  a.k AS recurrence_key,
  a.cnt AS count,
  a.first_date AS first,
  a.last_date AS last,
  a.customers
FROM active a
JOIN display d ON d.k = a.k
ORDER BY a.cnt DESC, a.last_date DESC, a.k
