-- month.sql: summary.json `month`, the reporting month's cohort figures, one row
-- (docs/metrics.md §3, §4, §8-§10): the complaints received in `period`, judged as of `as_of`.
--
-- Reproduces: received, closed, on_time, late, overdue, open_within_target, on_time_rate,
-- ttr_median, ttr_mean, ttr_p90, ttr_max, repeats, repeat_rate, recurrences_after_closure,
-- recurrence_after_closure_rate, notified, notified_on_time, notify_overdue,
-- notify_on_time_rate, notify_judged, notify_days_median, capa_coverage, cost_total,
-- cost_count, cost_mean. (`month` is also the period's row of trend.sql.)
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`;
-- `as_of` below must be that --as-of: closed, on_time, late, overdue,
-- open_within_target and ttr_days are the engine's judgements as of it, and are read.
-- Recomputed from the raw columns: notification (§8), CAPA coverage, cost, and repeats and
-- recurrences after closure (§4, from recurrence_key, received_date and closed_date, over
-- every complaint of the dataset: so a union of several sites' exports counts a repeat
-- across sites, as one report over all their ledgers would, while the dataset's own
-- `repeat` / `recurrence_after_closure` flags were judged within each export).
-- §4 needs (received date, input order); the input order is not in the dataset, but of
-- several same-day complaints of one key all but one are repeats whatever their order,
-- so the month's counts are exact. One case is not: a complaint closed *before* its own
-- receipt (negative TTR) makes a same-day complaint of its key a recurrence after closure
-- only when it was read first; here it never does. recurrence_window must be the report's.
--
-- Cannot be reproduced from the dataset:
-- * "closure not recorded" (no input had a closed-date or status column): the engine
--   prints every §3 figure as null; the dataset does not say which columns the ledgers
--   had, so this query prints counts (0 closed).
-- * whether §8-§10 are recorded at all: the notified_date, capa_id and cost columns are
--   always in the dataset (all null when no ledger had them); the engine then omits the
--   notify_*, capa_coverage and cost_* keys, so ignore those columns.
-- * notification figures with --business-days: the reply deadline (received + N business
--   days) and notify_days need the holiday list, which is not in the dataset; computed
--   here in calendar days. §3 is fine: ttr_days/age_days were exported in the report's unit.
--
-- ttr_median = middle value (mean of the two middle ones for an even count); ttr_p90 and
-- notify_days_median = nearest rank (smallest value with at least 90 % / 50 % of the values
-- at or below it). Rates are fractions with 4 decimals, rounded half away from zero.
-- Day differences come from EXTRACT(YEAR/MONTH/DAY) day numbers, because DATE - DATE is an
-- integer in DuckDB and an interval in Spark.
WITH params AS (
  SELECT
    '2025-10'         AS period,              -- @param period: reporting month YYYY-MM
    DATE '2025-10-31' AS as_of,               -- @param as_of: the --as-of of the export
    10                AS notify_target_days,  -- @param notify_target_days: reply deadline without a reply_due_date
    90                AS recurrence_window    -- @param recurrence_window: days (§4)
),
p AS (
  SELECT
    period, as_of, notify_target_days, recurrence_window,
    CAST(365 * a_y + FLOOR(a_y / 4) - FLOOR(a_y / 100) + FLOOR(a_y / 400) + FLOOR((153 * a_m + 2) / 5) + a_d AS INTEGER) AS as_of_n
  FROM (
    SELECT params.*,
      EXTRACT(YEAR FROM as_of) - CASE WHEN EXTRACT(MONTH FROM as_of) <= 2 THEN 1 ELSE 0 END AS a_y,
      MOD(EXTRACT(MONTH FROM as_of) + 9, 12) AS a_m,
      EXTRACT(DAY FROM as_of) AS a_d
    FROM params
  ) q
),
parts AS (  -- the month's complaints with date parts for day numbers (March-based year)
  SELECT
    x.*,
    EXTRACT(YEAR FROM x.received_date) - CASE WHEN EXTRACT(MONTH FROM x.received_date) <= 2 THEN 1 ELSE 0 END AS r_y,
    MOD(EXTRACT(MONTH FROM x.received_date) + 9, 12) AS r_m,
    EXTRACT(DAY FROM x.received_date) AS r_d,
    EXTRACT(YEAR FROM x.notified_date) - CASE WHEN EXTRACT(MONTH FROM x.notified_date) <= 2 THEN 1 ELSE 0 END AS n_y,
    MOD(EXTRACT(MONTH FROM x.notified_date) + 9, 12) AS n_m,
    EXTRACT(DAY FROM x.notified_date) AS n_d
  FROM complaints x CROSS JOIN params
  WHERE x.received_month = params.period
),
base AS (  -- with the notification judgement of §8: a closed complaint is never overdue (a
           -- closed one without any notified date has it "not recorded")
  SELECT
    r.*,
    (r.notified_date IS NOT NULL AND r.notified_date <= p.as_of) AS notified,
    (r.notified_date IS NOT NULL AND r.notified_date <= p.as_of AND r.notified_date < r.received_date) AS notify_negative,
    CASE
      WHEN r.notified_date IS NULL OR r.notified_date > p.as_of OR r.notified_date < r.received_date THEN FALSE
      WHEN r.reply_due_date IS NOT NULL THEN r.notified_date <= r.reply_due_date
      ELSE r.nd_n - r.rd_n <= p.notify_target_days
    END AS notify_on_time,
    CASE
      WHEN r.closed OR (r.notified_date IS NOT NULL AND r.notified_date <= p.as_of) THEN FALSE
      WHEN r.reply_due_date IS NOT NULL THEN p.as_of > r.reply_due_date
      ELSE p.as_of_n - r.rd_n > p.notify_target_days
    END AS notify_overdue,
    CASE
      WHEN r.notified_date IS NOT NULL AND r.notified_date <= p.as_of AND r.notified_date >= r.received_date
      THEN r.nd_n - r.rd_n
    END AS notify_days
  FROM (
    SELECT parts.*,
      CAST(365 * r_y + FLOOR(r_y / 4) - FLOOR(r_y / 100) + FLOOR(r_y / 400) + FLOOR((153 * r_m + 2) / 5) + r_d AS INTEGER) AS rd_n,
      CAST(365 * n_y + FLOOR(n_y / 4) - FLOOR(n_y / 100) + FLOOR(n_y / 400) + FLOOR((153 * n_m + 2) / 5) + n_d AS INTEGER) AS nd_n
    FROM parts
  ) r CROSS JOIN p
),
hist AS (  -- §4 over every complaint (earlier ones, before the month too, count as p)
  SELECT
    h.recurrence_key AS k,
    h.in_month,
    CAST(365 * r_y + FLOOR(r_y / 4) - FLOOR(r_y / 100) + FLOOR(r_y / 400) + FLOOR((153 * r_m + 2) / 5) + r_d AS INTEGER) AS rd_n,
    CAST(365 * c_y + FLOOR(c_y / 4) - FLOOR(c_y / 100) + FLOOR(c_y / 400) + FLOOR((153 * c_m + 2) / 5) + c_d AS INTEGER) AS cd_n
  FROM (
    SELECT
      x.recurrence_key,
      CASE WHEN x.received_month = params.period THEN 1 ELSE 0 END AS in_month,
      EXTRACT(YEAR FROM x.received_date) - CASE WHEN EXTRACT(MONTH FROM x.received_date) <= 2 THEN 1 ELSE 0 END AS r_y,
      MOD(EXTRACT(MONTH FROM x.received_date) + 9, 12) AS r_m,
      EXTRACT(DAY FROM x.received_date) AS r_d,
      EXTRACT(YEAR FROM x.closed_date) - CASE WHEN EXTRACT(MONTH FROM x.closed_date) <= 2 THEN 1 ELSE 0 END AS c_y,
      MOD(EXTRACT(MONTH FROM x.closed_date) + 9, 12) AS c_m,
      EXTRACT(DAY FROM x.closed_date) AS c_d
    FROM complaints x CROSS JOIN params
    WHERE x.recurrence_key IS NOT NULL AND x.received_month <= params.period
  ) h
),
repeats AS (  -- repeat: the previous complaint of the key (by received date) is at most
              -- recurrence_window days older; of same-day complaints of one key all but
              -- one are repeats, whatever their input order
  SELECT SUM(CASE WHEN q.in_month = 1 AND q.rd_n - q.prev_n <= p.recurrence_window THEN 1 ELSE 0 END) AS n
  FROM (
    SELECT in_month, rd_n, LAG(rd_n) OVER (PARTITION BY k ORDER BY rd_n) AS prev_n
    FROM hist
  ) q CROSS JOIN p
),
closure_line AS (  -- receipts (kind 0) and closures (kind 1) of each key on one time line: a
                   -- closure is visible after its day (after its own receipt day when dated
                   -- before receipt), never on that day
  SELECT k, in_month, 0 AS kind, rd_n AS pos, rd_n, CAST(NULL AS INTEGER) AS closed_n FROM hist
  UNION ALL
  SELECT k, 0 AS in_month, 1 AS kind, CASE WHEN cd_n > rd_n THEN cd_n ELSE rd_n END AS pos,
         CAST(NULL AS INTEGER) AS rd_n, cd_n AS closed_n
  FROM hist WHERE cd_n IS NOT NULL
),
recurrences AS (  -- recurrence after closure: the latest earlier closure of the key is before
                  -- receipt and at most recurrence_window days before it
  SELECT SUM(CASE WHEN q.kind = 0 AND q.in_month = 1 AND q.rd_n - q.last_closed <= p.recurrence_window
                  THEN 1 ELSE 0 END) AS n
  FROM (
    SELECT in_month, kind, rd_n,
           MAX(closed_n) OVER (PARTITION BY k ORDER BY pos, kind ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_closed
    FROM closure_line
  ) q CROSS JOIN p
),
counts AS (
  SELECT
    COUNT(*) AS received,
    SUM(CASE WHEN closed THEN 1 ELSE 0 END) AS closed,
    SUM(CASE WHEN on_time THEN 1 ELSE 0 END) AS on_time,
    SUM(CASE WHEN late THEN 1 ELSE 0 END) AS late,
    SUM(CASE WHEN overdue THEN 1 ELSE 0 END) AS overdue,
    SUM(CASE WHEN open_within_target THEN 1 ELSE 0 END) AS open_within_target,
    SUM(CASE WHEN notified THEN 1 ELSE 0 END) AS notified,
    SUM(CASE WHEN notify_on_time THEN 1 ELSE 0 END) AS notified_on_time,
    SUM(CASE WHEN notify_overdue THEN 1 ELSE 0 END) AS notify_overdue,
    SUM(CASE WHEN (notified AND NOT notify_negative) OR notify_overdue THEN 1 ELSE 0 END) AS notify_judged,
    SUM(CASE WHEN capa_id IS NOT NULL AND TRIM(capa_id) <> '' THEN 1 ELSE 0 END) AS with_capa,
    ROUND(SUM(cost), 2) AS cost_total,
    COUNT(cost) AS cost_count
  FROM base
),
ttr AS (  -- valid TTRs: the dataset's ttr_days is null unless closed with a date not before receipt
  SELECT ttr_days AS v,
         ROW_NUMBER() OVER (ORDER BY ttr_days) AS rn,
         COUNT(*) OVER () AS n
  FROM base
  WHERE ttr_days IS NOT NULL
),
ttr_stats AS (
  SELECT
    AVG(CASE WHEN 2 * rn IN (n, n + 1, n + 2) THEN CAST(v AS DOUBLE) END) AS ttr_median,  -- middle value(s)
    ROUND(AVG(CAST(v AS DOUBLE)), 2) AS ttr_mean,
    MIN(CASE WHEN 10 * rn >= 9 * n THEN v END) AS ttr_p90,                                -- rank ceil(0.9 n)
    MAX(v) AS ttr_max
  FROM ttr
),
notify_stats AS (
  SELECT MIN(CASE WHEN 2 * rn >= n THEN v END) AS notify_days_median                     -- rank ceil(0.5 n)
  FROM (
    SELECT notify_days AS v,
           ROW_NUMBER() OVER (ORDER BY notify_days) AS rn,
           COUNT(*) OVER () AS n
    FROM base
    WHERE notify_days IS NOT NULL
  ) q
)
SELECT
  c.received,
  COALESCE(c.closed, 0) AS closed,
  COALESCE(c.on_time, 0) AS on_time,
  COALESCE(c.late, 0) AS late,
  COALESCE(c.overdue, 0) AS overdue,
  COALESCE(c.open_within_target, 0) AS open_within_target,
  ROUND(CAST(c.on_time AS DOUBLE) / NULLIF(c.on_time + c.late + c.overdue, 0), 4) AS on_time_rate,
  t.ttr_median,
  t.ttr_mean,
  t.ttr_p90,
  t.ttr_max,
  COALESCE(rp.n, 0) AS repeats,
  ROUND(CAST(COALESCE(rp.n, 0) AS DOUBLE) / NULLIF(c.received, 0), 4) AS repeat_rate,
  COALESCE(rc.n, 0) AS recurrences_after_closure,
  ROUND(CAST(COALESCE(rc.n, 0) AS DOUBLE) / NULLIF(c.received, 0), 4) AS recurrence_after_closure_rate,
  COALESCE(c.notified, 0) AS notified,
  COALESCE(c.notified_on_time, 0) AS notified_on_time,
  COALESCE(c.notify_overdue, 0) AS notify_overdue,
  ROUND(CAST(c.notified_on_time AS DOUBLE) / NULLIF(c.notify_judged, 0), 4) AS notify_on_time_rate,
  COALESCE(c.notify_judged, 0) AS notify_judged,
  ns.notify_days_median,
  ROUND(CAST(c.with_capa AS DOUBLE) / NULLIF(c.received, 0), 4) AS capa_coverage,
  c.cost_total,                                                       -- null: no cost recorded
  c.cost_count,
  ROUND(c.cost_total / NULLIF(c.cost_count, 0), 2) AS cost_mean
FROM counts c CROSS JOIN ttr_stats t CROSS JOIN notify_stats ns CROSS JOIN repeats rp CROSS JOIN recurrences rc
