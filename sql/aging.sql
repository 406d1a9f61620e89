-- aging.sql: summary.json `aging` (docs/metrics.md §3 "Open aging").
--
-- Open complaints as of as_of by age_days bucket 0-5, 6-10, 11-20, 21-30, 31-60, >60;
-- one row per bucket (bucket, pos, count), zero buckets included. Every complaint of the
-- dataset counts, whatever its month (aging is not limited to the trend window).
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`. `closed`
-- and `age_days` are the engine's judgement as of that as_of (age_days is in business
-- days when the report counted business days), so the buckets are reproduced exactly.
-- When closure is not recorded (no closed-date or status column in any ledger) the engine
-- prints `aging: null`; the dataset cannot tell (every complaint is open in it then), so
-- the parameter closure_recorded says it (the report's data_quality.closure_recorded;
-- run.py takes it from _summary.json): FALSE gives null counts. The overdue list
-- (`overdue`) is in overdue.sql.
--
-- Portable ANSI SQL: a VALUES table of buckets, LEFT JOIN and CASE.
WITH params AS (
  SELECT
    TRUE AS closure_recorded  -- @param closure_recorded: some ledger had a closed-date or status column
),
buckets AS (
  SELECT * FROM (VALUES
    ('0-5',   1, -2147483647, 5),
    ('6-10',  2, 6, 10),
    ('11-20', 3, 11, 20),
    ('21-30', 4, 21, 30),
    ('31-60', 5, 31, 60),
    ('>60',   6, 61, 2147483647)
  ) AS t(bucket, pos, lo, hi)
),
open_complaints AS (
  SELECT age_days
  FROM complaints
  WHERE NOT closed AND age_days IS NOT NULL
)
SELECT b.bucket, b.pos, CASE WHEN p.closure_recorded THEN COUNT(o.age_days) END AS count
FROM buckets b
CROSS JOIN params p
LEFT JOIN open_complaints o ON o.age_days BETWEEN b.lo AND b.hi
GROUP BY b.bucket, b.pos, p.closure_recorded
ORDER BY b.pos
