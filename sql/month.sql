-- month.sql: summary.json `month`, the reporting month's cohort figures, one row
-- (docs/metrics.md §3, §4, §8-§10): the complaints received in `period`, judged as of `as_of`.
--
-- Reproduces: received, closed, on_time, late, overdue, open_within_target, on_time_rate,
-- ttr_median, ttr_median_at_least, ttr_mean, ttr_p90, ttr_p90_at_least, ttr_max, repeats,
-- repeat_rate, recurrences_after_closure, recurrence_after_closure_rate, notified,
-- notified_on_time, notify_overdue, notify_on_time_rate, notify_judged,
-- notify_days_median, capa_coverage, cost_total, cost_count, cost_mean. (`month` is also
-- the period's row of trend.sql.)
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`;
-- `as_of` below must be that --as-of: closed, on_time, late, overdue,
-- open_within_target, ttr_days and age_days are the engine's judgements as of it, and are
-- read. closure_recorded and ttr_recorded must be the report's data_quality flags (which
-- columns the ledgers had is not in the dataset; run.py takes them from _summary.json;
-- for a union of exports, TRUE when any export has TRUE).
-- Recomputed from the raw columns: the Kaplan-Meier median and P90 (§3, from closed,
-- ttr_days and age_days), notification (§8), CAPA coverage, cost, and repeats and
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
-- Cannot be reproduced from the dataset alone:
-- * which columns the ledgers had: closure_recorded FALSE (no closed-date or status
--   column) makes every §3 figure null; ttr_recorded FALSE (a status but no closed-date
--   column) makes the timing figures null (on_time, late, on_time_rate, ttr_*), the
--   counts stay. Both are parameters here, since the dataset cannot tell.
-- * whether §8-§10 are recorded at all: the notified_date, capa_id and cost columns are
--   always in the dataset (all null when no ledger had them); the engine then omits the
--   notify_*, capa_coverage and cost_* keys, so ignore those columns.
-- * notification figures with --business-days: the reply deadline (received + N business
--   days) and notify_days need the holiday list, which is not in the dataset; computed
--   here in calendar days. §3 is fine: ttr_days/age_days were exported in the report's unit.
--
-- ttr_median and ttr_p90 are Kaplan-Meier estimates (docs/metrics.md §3): closed complaints
-- with a valid ttr_days are events at ttr_days, open ones are censored at age_days
-- (closed-without-date and negative TTR left out). S(t) = product over event times
-- t_i <= t of (1 - d_i / n_i); median = the first t_i with S <= 0.5 (the mean of t_i and
-- the next event time when S = 0.5 within 1e-9), P90 = the first t_i with S <= 0.1
-- (within 1e-9). The product is EXP(SUM(LN(1 - d/n))) in DOUBLE (exact to ~1e-15, well
-- inside the 1e-9 of the rule); a factor 0 (d = n, everyone left closes at t_i) is taken
-- apart, as LN(0) is not defined. Not reached: null, and ttr_*_at_least = the classic
-- median / nearest-rank P90 of the closed ttr_days and open age_days together (null when
-- reached). Without open complaints these are the classic median (mean of the two middle
-- values) and nearest-rank P90. notify_days_median = nearest rank (smallest value with at
-- least 50 % of the values at or below it). Rates are fractions with 4 decimals, rounded
-- half away from zero.
-- Day differences come from EXTRACT(YEAR/MONTH/DAY) day numbers, because DATE - DATE is an
-- integer in DuckDB and an interval in Spark.
WITH params AS (
  SELECT
    '2025-10'         AS period,              -- @param period: reporting month YYYY-MM
    DATE '2025-10-31' AS as_of,               -- @param as_of: the --as-of of the export
    10                AS notify_target_days,  -- @param notify_target_days: reply deadline without a reply_due_date
    90                AS recurrence_window,   -- @param recurrence_window: days (§4)
    TRUE              AS closure_recorded,    -- @param closure_recorded: some ledger had a closed-date or status column
    TRUE              AS ttr_recorded         -- @param ttr_recorded: some ledger had a closed-date column
),
p AS (
  SELECT
    period, as_of, notify_target_days, recurrence_window, closure_recorded,
    closure_recorded AND ttr_recorded AS timed,
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
ttr_stats AS (  -- over the valid TTRs: the dataset's ttr_days is null unless closed with a
                -- date not before receipt
  SELECT ROUND(AVG(CAST(ttr_days AS DOUBLE)), 2) AS ttr_mean, MAX(ttr_days) AS ttr_max
  FROM base
),
spells AS (  -- §3 estimates: closed with a valid ttr_days = an event at ttr_days; open =
             -- censored at age_days (the dataset's age_days is null unless open)
  SELECT CASE WHEN closed THEN ttr_days ELSE age_days END AS t, CASE WHEN closed THEN 1 ELSE 0 END AS event
  FROM base
  WHERE (closed AND ttr_days IS NOT NULL) OR (NOT closed AND age_days IS NOT NULL)
),
km_times AS (  -- per distinct time: d events, and n at risk = spells whose time is >= t
  SELECT t, d, SUM(m) OVER (ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
  FROM (SELECT t, SUM(event) AS d, COUNT(*) AS m FROM spells GROUP BY t) q
),
km_curve AS (  -- S after each event time, and the next event time
  SELECT t,
         LEAD(t) OVER (ORDER BY t) AS next_t,
         CASE WHEN MAX(CASE WHEN d = n THEN 1 ELSE 0 END) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) = 1
              THEN CAST(0 AS DOUBLE)
              ELSE EXP(SUM(CASE WHEN d < n THEN LN(CAST(n - d AS DOUBLE) / n) ELSE CAST(0 AS DOUBLE) END)
                       OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
         END AS s
  FROM km_times
  WHERE d > 0
),
km_first AS (  -- the first event times with S <= 0.5 and S <= 0.1 (within 1e-9)
  SELECT MIN(CASE WHEN s <= 0.500000001 THEN t END) AS median_t,
         MIN(CASE WHEN s <= 0.100000001 THEN t END) AS p90_t
  FROM km_curve
),
km AS (  -- the estimates; the median is the mean with the next event time when S = 0.5
  SELECT
    CASE WHEN ABS(c.s - 0.5) <= 0.000000001 AND c.next_t IS NOT NULL
         THEN CAST(c.t + c.next_t AS DOUBLE) / 2
         ELSE CAST(c.t AS DOUBLE)
    END AS ttr_median,
    CAST(f.p90_t AS DOUBLE) AS ttr_p90
  FROM km_first f
  LEFT JOIN km_curve c ON c.t = f.median_t
),
km_bound AS (  -- not reached: classic median and nearest-rank P90 of every spell's time
  SELECT
    AVG(CASE WHEN 2 * rn IN (n, n + 1, n + 2) THEN CAST(t AS DOUBLE) END) AS median,  -- middle value(s)
    CAST(MIN(CASE WHEN 10 * rn >= 9 * n THEN t END) AS DOUBLE) AS p90               -- rank ceil(0.9 n)
  FROM (
    SELECT t, ROW_NUMBER() OVER (ORDER BY t) AS rn, COUNT(*) OVER () AS n FROM spells
  ) q
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
  CASE WHEN p.closure_recorded THEN COALESCE(c.closed, 0) END AS closed,
  CASE WHEN p.timed THEN COALESCE(c.on_time, 0) END AS on_time,
  CASE WHEN p.timed THEN COALESCE(c.late, 0) END AS late,
  CASE WHEN p.closure_recorded THEN COALESCE(c.overdue, 0) END AS overdue,
  CASE WHEN p.closure_recorded THEN COALESCE(c.open_within_target, 0) END AS open_within_target,
  CASE WHEN p.timed THEN ROUND(CAST(c.on_time AS DOUBLE) / NULLIF(c.on_time + c.late + c.overdue, 0), 4) END AS on_time_rate,
  CASE WHEN p.timed THEN k.ttr_median END AS ttr_median,
  CASE WHEN p.timed AND k.ttr_median IS NULL THEN kb.median END AS ttr_median_at_least,
  CASE WHEN p.timed THEN t.ttr_mean END AS ttr_mean,
  CASE WHEN p.timed THEN k.ttr_p90 END AS ttr_p90,
  CASE WHEN p.timed AND k.ttr_p90 IS NULL THEN kb.p90 END AS ttr_p90_at_least,
  CASE WHEN p.timed THEN t.ttr_max END AS ttr_max,
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
FROM counts c CROSS JOIN p CROSS JOIN ttr_stats t CROSS JOIN km k CROSS JOIN km_bound kb
CROSS JOIN notify_stats ns CROSS JOIN repeats rp CROSS JOIN recurrences rc
