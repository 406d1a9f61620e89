-- trend.sql: summary.json `trend`, one row per month of the trend window, oldest first
-- (docs/metrics.md §1, §3, §4, §8-§10).
--
-- Reproduces, per month: month, received, mom_change, mom_pct, yoy_count, yoy_pct,
-- rolling3, closed_in_month, closed, on_time, late, overdue, open_within_target,
-- on_time_rate, ttr_median, ttr_median_at_least, ttr_mean, ttr_p90, ttr_p90_at_least,
-- ttr_max, repeats, repeat_rate,
-- recurrences_after_closure, recurrence_after_closure_rate, notified,
-- notified_on_time, notify_overdue, notify_on_time_rate, notify_judged,
-- notify_days_median, capa_coverage, cost_total, cost_count, cost_mean.
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`
-- (hive-partitioned by received_month); `as_of` below must be that --as-of, because
-- the §3 judgement columns (closed, on_time, late, overdue, open_within_target,
-- ttr_days, age_days) were made on it; they are read. closure_recorded and ttr_recorded
-- must be the report's data_quality flags (run.py takes them from _summary.json; for a
-- union of exports, TRUE when any export has TRUE): the dataset cannot tell which
-- columns the ledgers had. The dataset holds only complaints received on or before
-- as_of, so the "first month with data" of MoM/YoY/rolling3 is the dataset's first month,
-- as in the engine.
-- Recomputed from the raw columns: §1, closed_in_month, the Kaplan-Meier median and P90
-- (§3, from closed, ttr_days and age_days: see month.sql), notification (§8), CAPA coverage,
-- cost, and repeats and recurrences after closure (§4, from recurrence_key,
-- received_date and closed_date over every complaint of the dataset, so that a union of
-- several sites' exports counts a repeat across sites like one report over all the
-- ledgers; the dataset's `repeat` flags were judged within each export). §4 orders by
-- (received date, input order); the input order is not in the dataset, but of several
-- same-day complaints of one key all but one are repeats whatever their order, so the
-- monthly counts are exact, except in one case: a complaint closed *before* its own
-- receipt (negative TTR) makes a same-day complaint of its key a recurrence after
-- closure only when it was read first; here it never does.
--
-- Cannot be reproduced from the dataset alone:
-- * which columns the ledgers had: with closure_recorded FALSE (no closed-date or status
--   column) every §3 figure and closed_in_month are null; with ttr_recorded FALSE (a status
--   but no closed-date column) on_time, late, on_time_rate and the ttr_* figures are null.
--   Both are parameters here.
-- * whether §8-§10 are recorded (the notified_date / capa_id / cost columns are always in
--   the dataset, all null when the ledgers lacked them): the engine omits those keys
--   then; ignore the notify_*, capa_coverage and cost_* columns in that case.
-- * notification figures with --business-days: the reply deadline (received + N business
--   days) and notify_days need the holiday list, which is not in the dataset. They are
--   computed here in calendar days. (§3 figures are fine: ttr_days and age_days were
--   exported in the unit the report used.)
--
-- Percentiles: ttr_median and ttr_p90 are Kaplan-Meier estimates per receipt month with
-- the open complaints censored at their age, null when not reached with the bound in
-- ttr_*_at_least (the rule and the arithmetic are in month.sql's header);
-- notify_days_median is nearest-rank (the smallest value with at least 50 % of the values
-- at or below it), as in docs/metrics.md. No interpolating percentile_cont. Rates: fractions, 4 decimals; *_pct: percent, 2 decimals;
-- rounding half away from zero (ROUND on a DOUBLE does that in DuckDB and Spark).
--
-- Portability: ANSI SQL (CTEs, window functions, CASE, EXTRACT, SUBSTRING, VALUES) with
-- MOD and FLOOR; runs unchanged on DuckDB and Spark SQL. Date differences are computed
-- from EXTRACT(YEAR/MONTH/DAY) as day numbers, because DATE - DATE is an integer in some
-- engines and an interval in others.
WITH params AS (
  SELECT
    '2025-10'         AS period,              -- @param period: reporting month YYYY-MM
    '2024-11'         AS window_start,        -- @param window_start: first month of the trend window
    DATE '2025-10-31' AS as_of,               -- @param as_of: the --as-of of the export
    10                AS notify_target_days,  -- @param notify_target_days: reply deadline without a reply_due_date
    90                AS recurrence_window,   -- @param recurrence_window: days (§4)
    TRUE              AS closure_recorded,    -- @param closure_recorded: some ledger had a closed-date or status column
    TRUE              AS ttr_recorded         -- @param ttr_recorded: some ledger had a closed-date column
),
p AS (  -- months as indexes 12 * year + month - 1; as_of as a day number (see base)
  SELECT
    CAST(SUBSTRING(period FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(period FROM 6 FOR 2) AS INTEGER) - 1 AS p_idx,
    CAST(SUBSTRING(window_start FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(window_start FROM 6 FOR 2) AS INTEGER) - 1 AS ws_idx,
    as_of,
    notify_target_days,
    recurrence_window,
    closure_recorded,
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
digits AS (
  SELECT i FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(i)
),
win AS (  -- every month of the window, also those without complaints
  SELECT p.ws_idx + a.i + 10 * b.i + 100 * c.i AS idx
  FROM p CROSS JOIN digits a CROSS JOIN digits b CROSS JOIN digits c
  WHERE p.ws_idx + a.i + 10 * b.i + 100 * c.i <= p.p_idx
),
parts AS (  -- date parts for day numbers (March-based year, so leap days come last)
  SELECT
    x.*,
    CAST(SUBSTRING(x.received_month FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(x.received_month FROM 6 FOR 2) AS INTEGER) - 1 AS idx,
    EXTRACT(YEAR FROM x.closed_date) * 12 + EXTRACT(MONTH FROM x.closed_date) - 1 AS closed_idx,
    EXTRACT(YEAR FROM x.received_date) - CASE WHEN EXTRACT(MONTH FROM x.received_date) <= 2 THEN 1 ELSE 0 END AS r_y,
    MOD(EXTRACT(MONTH FROM x.received_date) + 9, 12) AS r_m,
    EXTRACT(DAY FROM x.received_date) AS r_d,
    EXTRACT(YEAR FROM x.notified_date) - CASE WHEN EXTRACT(MONTH FROM x.notified_date) <= 2 THEN 1 ELSE 0 END AS n_y,
    MOD(EXTRACT(MONTH FROM x.notified_date) + 9, 12) AS n_m,
    EXTRACT(DAY FROM x.notified_date) AS n_d,
    EXTRACT(YEAR FROM x.closed_date) - CASE WHEN EXTRACT(MONTH FROM x.closed_date) <= 2 THEN 1 ELSE 0 END AS c_y,
    MOD(EXTRACT(MONTH FROM x.closed_date) + 9, 12) AS c_m,
    EXTRACT(DAY FROM x.closed_date) AS c_d
  FROM complaints x
),
base AS (  -- every complaint with its day numbers and its notification judgement (§8: a closed
           -- complaint is never overdue; one without any notified date has it "not recorded")
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
      CAST(365 * n_y + FLOOR(n_y / 4) - FLOOR(n_y / 100) + FLOOR(n_y / 400) + FLOOR((153 * n_m + 2) / 5) + n_d AS INTEGER) AS nd_n,
      CAST(365 * c_y + FLOOR(c_y / 4) - FLOOR(c_y / 100) + FLOOR(c_y / 400) + FLOOR((153 * c_m + 2) / 5) + c_d AS INTEGER) AS cd_n
    FROM parts
  ) r CROSS JOIN p
),
counts AS (  -- count[m] over every month with data (MoM, YoY and rolling3 look back)
  SELECT idx, COUNT(*) AS n FROM base GROUP BY idx
),
first_month AS (
  SELECT MIN(idx) AS f FROM base
),
closures AS (  -- closed_in_month: closed dates on or before as_of, by their month
  SELECT b.closed_idx AS idx, COUNT(*) AS n
  FROM base b CROSS JOIN p
  WHERE b.closed_date IS NOT NULL AND b.closed_date <= p.as_of
  GROUP BY b.closed_idx
),
repeats AS (  -- §4 repeat, recomputed from recurrence_key and received_date (see the header)
  SELECT idx, SUM(is_repeat) AS n
  FROM (
    SELECT b.idx,
           CASE WHEN b.rd_n - LAG(b.rd_n) OVER (PARTITION BY b.recurrence_key ORDER BY b.rd_n) <= p.recurrence_window
                THEN 1 ELSE 0 END AS is_repeat
    FROM base b CROSS JOIN p
    WHERE b.recurrence_key IS NOT NULL
  ) q
  GROUP BY idx
),
closure_line AS (  -- per key, receipts (kind 0) and closures (kind 1) on one time line: a
                   -- closure becomes visible after its day, or after its own receipt day when
                   -- it is dated before receipt (negative TTR), and never on its own day
  SELECT recurrence_key AS k, idx, 0 AS kind, rd_n AS pos, rd_n, CAST(NULL AS INTEGER) AS closed_n
  FROM base WHERE recurrence_key IS NOT NULL
  UNION ALL
  SELECT recurrence_key AS k, CAST(NULL AS INTEGER) AS idx, 1 AS kind,
         CASE WHEN cd_n > rd_n THEN cd_n ELSE rd_n END AS pos, CAST(NULL AS INTEGER) AS rd_n, cd_n AS closed_n
  FROM base WHERE recurrence_key IS NOT NULL AND cd_n IS NOT NULL
),
recurrences AS (  -- §4 recurrence after closure: the latest earlier closure of the key is
                  -- before receipt and at most recurrence_window days before it
  SELECT q.idx, SUM(CASE WHEN q.rd_n - q.last_closed <= p.recurrence_window THEN 1 ELSE 0 END) AS n
  FROM (
    SELECT idx, kind, rd_n,
           MAX(closed_n) OVER (PARTITION BY k ORDER BY pos, kind ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_closed
    FROM closure_line
  ) q CROSS JOIN p
  WHERE q.kind = 0
  GROUP BY q.idx
),
cohort AS (  -- §3, §4, §8-§10 per receipt month of the window
  SELECT
    b.idx,
    COUNT(*) AS received,
    SUM(CASE WHEN b.closed THEN 1 ELSE 0 END) AS closed,
    SUM(CASE WHEN b.on_time THEN 1 ELSE 0 END) AS on_time,
    SUM(CASE WHEN b.late THEN 1 ELSE 0 END) AS late,
    SUM(CASE WHEN b.overdue THEN 1 ELSE 0 END) AS overdue,
    SUM(CASE WHEN b.open_within_target THEN 1 ELSE 0 END) AS open_within_target,
    SUM(CASE WHEN b.notified THEN 1 ELSE 0 END) AS notified,
    SUM(CASE WHEN b.notify_on_time THEN 1 ELSE 0 END) AS notified_on_time,
    SUM(CASE WHEN b.notify_overdue THEN 1 ELSE 0 END) AS notify_overdue,
    SUM(CASE WHEN (b.notified AND NOT b.notify_negative) OR b.notify_overdue THEN 1 ELSE 0 END) AS notify_judged,
    SUM(CASE WHEN b.capa_id IS NOT NULL AND TRIM(b.capa_id) <> '' THEN 1 ELSE 0 END) AS with_capa,
    ROUND(SUM(b.cost), 2) AS cost_total,
    COUNT(b.cost) AS cost_count
  FROM base b CROSS JOIN p
  WHERE b.idx BETWEEN p.ws_idx AND p.p_idx
  GROUP BY b.idx
),
ttr_stats AS (  -- mean and max over the valid TTRs (the dataset's ttr_days is null unless
                -- closed with a valid date)
  SELECT b.idx, ROUND(AVG(CAST(b.ttr_days AS DOUBLE)), 2) AS ttr_mean, MAX(b.ttr_days) AS ttr_max
  FROM base b CROSS JOIN p
  WHERE b.ttr_days IS NOT NULL AND b.idx BETWEEN p.ws_idx AND p.p_idx
  GROUP BY b.idx
),
spells AS (  -- §3 estimates: closed with a valid ttr_days = an event at ttr_days; open =
             -- censored at age_days (the dataset's age_days is null unless open)
  SELECT b.idx, CASE WHEN b.closed THEN b.ttr_days ELSE b.age_days END AS t,
         CASE WHEN b.closed THEN 1 ELSE 0 END AS event
  FROM base b CROSS JOIN p
  WHERE b.idx BETWEEN p.ws_idx AND p.p_idx
    AND ((b.closed AND b.ttr_days IS NOT NULL) OR (NOT b.closed AND b.age_days IS NOT NULL))
),
km_times AS (  -- per month and distinct time: d events, n at risk = spells whose time is >= t
  SELECT idx, t, d,
         SUM(m) OVER (PARTITION BY idx ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
  FROM (SELECT idx, t, SUM(event) AS d, COUNT(*) AS m FROM spells GROUP BY idx, t) q
),
km_curve AS (  -- S after each event time (EXP of a sum of LN; a factor 0, d = n, taken
               -- apart), and the next event time
  SELECT idx, t,
         LEAD(t) OVER (PARTITION BY idx ORDER BY t) AS next_t,
         CASE WHEN MAX(CASE WHEN d = n THEN 1 ELSE 0 END)
                     OVER (PARTITION BY idx ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) = 1
              THEN CAST(0 AS DOUBLE)
              ELSE EXP(SUM(CASE WHEN d < n THEN LN(CAST(n - d AS DOUBLE) / n) ELSE CAST(0 AS DOUBLE) END)
                       OVER (PARTITION BY idx ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
         END AS s
  FROM km_times
  WHERE d > 0
),
km_first AS (  -- the first event times with S <= 0.5 and S <= 0.1 (within 1e-9)
  SELECT idx,
         MIN(CASE WHEN s <= 0.500000001 THEN t END) AS median_t,
         MIN(CASE WHEN s <= 0.100000001 THEN t END) AS p90_t
  FROM km_curve
  GROUP BY idx
),
km AS (  -- the estimates; the median is the mean with the next event time when S = 0.5
  SELECT f.idx,
    CASE WHEN ABS(c.s - 0.5) <= 0.000000001 AND c.next_t IS NOT NULL
         THEN CAST(c.t + c.next_t AS DOUBLE) / 2
         ELSE CAST(c.t AS DOUBLE)
    END AS ttr_median,
    CAST(f.p90_t AS DOUBLE) AS ttr_p90
  FROM km_first f
  LEFT JOIN km_curve c ON c.idx = f.idx AND c.t = f.median_t
),
km_bound AS (  -- not reached: classic median and nearest-rank P90 of every spell's time
  SELECT idx,
    AVG(CASE WHEN 2 * rn IN (n, n + 1, n + 2) THEN CAST(t AS DOUBLE) END) AS median,  -- middle value(s)
    CAST(MIN(CASE WHEN 10 * rn >= 9 * n THEN t END) AS DOUBLE) AS p90               -- rank ceil(0.9 n)
  FROM (
    SELECT idx, t,
           ROW_NUMBER() OVER (PARTITION BY idx ORDER BY t) AS rn,
           COUNT(*) OVER (PARTITION BY idx) AS n
    FROM spells
  ) q
  GROUP BY idx
),
notify_ranked AS (
  SELECT b.idx, b.notify_days AS v,
         ROW_NUMBER() OVER (PARTITION BY b.idx ORDER BY b.notify_days) AS rn,
         COUNT(*) OVER (PARTITION BY b.idx) AS n
  FROM base b CROSS JOIN p
  WHERE b.notify_days IS NOT NULL AND b.idx BETWEEN p.ws_idx AND p.p_idx
),
notify_stats AS (
  SELECT idx, MIN(CASE WHEN 2 * rn >= n THEN v END) AS notify_days_median  -- rank ceil(0.5 n)
  FROM notify_ranked
  GROUP BY idx
),
series AS (  -- §1 per window month; a month before the first month with data is "out of range"
  SELECT
    w.idx,
    COALESCE(c0.n, 0) AS cnt,
    CASE WHEN w.idx >= f.f THEN 1 ELSE 0 END AS in0,
    CASE WHEN w.idx - 1 >= f.f THEN 1 ELSE 0 END AS in1,
    CASE WHEN w.idx - 2 >= f.f THEN 1 ELSE 0 END AS in2,
    CASE WHEN w.idx - 12 >= f.f THEN 1 ELSE 0 END AS in12,
    COALESCE(c1.n, 0) AS cnt1,
    COALESCE(c2.n, 0) AS cnt2,
    COALESCE(c12.n, 0) AS cnt12
  FROM win w
  CROSS JOIN first_month f
  LEFT JOIN counts c0 ON c0.idx = w.idx
  LEFT JOIN counts c1 ON c1.idx = w.idx - 1
  LEFT JOIN counts c2 ON c2.idx = w.idx - 2
  LEFT JOIN counts c12 ON c12.idx = w.idx - 12
)
SELECT
  CAST(CAST(FLOOR(s.idx / 12) AS INTEGER) AS VARCHAR(4)) || '-'
    || SUBSTRING(CAST(101 + MOD(s.idx, 12) AS VARCHAR(3)) FROM 2 FOR 2) AS month,
  s.cnt AS received,
  CASE WHEN s.in0 = 1 AND s.in1 = 1 THEN s.cnt - s.cnt1 END AS mom_change,
  CASE WHEN s.in0 = 1 AND s.in1 = 1 AND s.cnt1 > 0
       THEN ROUND(CAST(100 * (s.cnt - s.cnt1) AS DOUBLE) / s.cnt1, 2) END AS mom_pct,
  CASE WHEN s.in12 = 1 THEN s.cnt12 END AS yoy_count,
  CASE WHEN s.in12 = 1 AND s.cnt12 > 0
       THEN ROUND(CAST(100 * (s.cnt - s.cnt12) AS DOUBLE) / s.cnt12, 2) END AS yoy_pct,
  CASE WHEN s.in0 + s.in1 + s.in2 > 0
       THEN ROUND(CAST(s.in0 * s.cnt + s.in1 * s.cnt1 + s.in2 * s.cnt2 AS DOUBLE) / (s.in0 + s.in1 + s.in2), 4)
  END AS rolling3,
  CASE WHEN p.closure_recorded THEN COALESCE(cl.n, 0) END AS closed_in_month,
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
  ROUND(CAST(rp.n AS DOUBLE) / NULLIF(c.received, 0), 4) AS repeat_rate,
  COALESCE(rc.n, 0) AS recurrences_after_closure,
  ROUND(CAST(rc.n AS DOUBLE) / NULLIF(c.received, 0), 4) AS recurrence_after_closure_rate,
  COALESCE(c.notified, 0) AS notified,
  COALESCE(c.notified_on_time, 0) AS notified_on_time,
  COALESCE(c.notify_overdue, 0) AS notify_overdue,
  ROUND(CAST(c.notified_on_time AS DOUBLE) / NULLIF(c.notify_judged, 0), 4) AS notify_on_time_rate,
  COALESCE(c.notify_judged, 0) AS notify_judged,
  ns.notify_days_median,
  ROUND(CAST(c.with_capa AS DOUBLE) / NULLIF(c.received, 0), 4) AS capa_coverage,
  c.cost_total,                                                       -- null: no cost recorded
  COALESCE(c.cost_count, 0) AS cost_count,
  ROUND(c.cost_total / NULLIF(c.cost_count, 0), 2) AS cost_mean
FROM series s
CROSS JOIN p
LEFT JOIN cohort c ON c.idx = s.idx
LEFT JOIN ttr_stats t ON t.idx = s.idx
LEFT JOIN km k ON k.idx = s.idx
LEFT JOIN km_bound kb ON kb.idx = s.idx
LEFT JOIN notify_stats ns ON ns.idx = s.idx
LEFT JOIN closures cl ON cl.idx = s.idx
LEFT JOIN repeats rp ON rp.idx = s.idx
LEFT JOIN recurrences rc ON rc.idx = s.idx
ORDER BY s.idx
