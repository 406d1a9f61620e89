-- overdue.sql: summary.json `overdue`, the overdue list (docs/metrics.md §3).
--
-- Every overdue complaint (open as of as_of and age_days > its target), whatever its
-- month, oldest first: by received date, ties by complaint id compared as text
-- (code-point order). Columns: pos, complaint_id (the ledger's id, or
-- `file#sheet!row` when the ledger has none), received_date, age_days,
-- days_past_target (= age_days - target_days, the complaint's own target), customer,
-- product, defect_type, department, owner, status, source_file, source_sheet, source_row.
--
-- Reads the view `complaints` = the dataset of `complaints export --as-of AS_OF`; the
-- `overdue` flag, age_days and target_days are the engine's as of that date, so the list
-- is reproduced exactly (also with business days, class targets and target_scope).
-- When closure is not recorded (no closed-date or status column in any ledger) the engine's
-- list is empty; the dataset cannot tell (every old complaint is overdue in it then), so
-- the parameter closure_recorded says it (data_quality.closure_recorded of the report;
-- run.py takes it from _summary.json).
-- Not reproducible: with --redact the report masks customer names in the list; the
-- dataset holds them unmasked.
WITH params AS (
  SELECT
    TRUE AS closure_recorded  -- @param closure_recorded: some ledger had a closed-date or status column
)
SELECT
  ROW_NUMBER() OVER (ORDER BY received_date, ref) AS pos,
  ref AS complaint_id,
  received_date,
  age_days,
  age_days - target_days AS days_past_target,
  customer, product, defect_type, department, owner, status,
  source_file, source_sheet, source_row
FROM (
  SELECT x.*,
         COALESCE(x.complaint_id,
                  x.source_file || '#' || x.source_sheet || '!' || CAST(x.source_row AS VARCHAR(10))) AS ref
  FROM complaints x CROSS JOIN params p
  WHERE x.overdue AND p.closure_recorded
) o
ORDER BY received_date, ref
