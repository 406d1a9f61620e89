-- data_quality.sql: the figures of summary.json `data_quality` that the dataset can give
-- (docs/metrics.md §6), one row per figure: figure, value.
--
-- Reproduces:
--   complaints_minus_after_as_of  = data_quality.complaints - data_quality.after_as_of
--                                   (the dataset holds only complaints received on or
--                                   before as_of: the rest are not exported)
--   negative_ttr                  closed before received (the engine's flag)
--   closed_without_date           closed by a word or status, no closed date (engine's flag)
--   closed_without_notify_date    closed as of as_of (the engine's `closed`, with or without
--                                 a closed date) and no notified date at all (§8: the
--                                 notification is not recorded). The engine reports 0 when
--                                 §8 is not recorded (no notified-date column: summary.json
--                                 has `"notification": {"status": "not_recorded"}`); the
--                                 dataset cannot tell, and this counts every closed
--                                 complaint then: ignore it, as run.py does
--   negative_notify               notified before received (§8; a date before receipt is
--                                 always on or before as_of; 0 when §8 is not recorded)
--   capa_conflicts                CAPAs (one per capa_id, case-folded with LOWER) whose
--                                 complaints carry different non-blank due, closed or
--                                 verified dates (§9; 0 when §9 is not recorded)
--
-- Cannot be reproduced, and why: files, sheets, sheets_skipped, rows_read, title_rows,
-- header_rows, blank_rows, subtotal_rows, note_rows, data_rows, rejected and
-- rejected_by_reason (rows that never became complaints are not in the dataset; a file or
-- sheet without an accepted row leaves no trace), accepted, duplicates_merged and
-- id_conflicts (the dataset has one row per merged complaint, the last record's values),
-- possible_duplicates (a fingerprint of the raw rows), warnings (cells that could not be
-- read are blank in the dataset), complaints and after_as_of separately (only their
-- difference), closure_recorded and ttr_recorded (which columns the ledgers had: month.sql
-- and trend.sql take them as parameters).
--
-- Note on LOWER: the engine case-folds CAPA ids with Unicode lower-casing after NFKC (the
-- dataset's text is already NFKC- and space-normalised); LOWER in DuckDB and Spark is
-- Unicode lower-casing too, so ids match except for exotic letters whose lower case
-- recomposes under NFKC.
WITH capa AS (
  SELECT LOWER(capa_id) AS capa
  FROM complaints
  WHERE capa_id IS NOT NULL AND TRIM(capa_id) <> ''
  GROUP BY LOWER(capa_id)
  HAVING COUNT(DISTINCT capa_due_date) > 1
      OR COUNT(DISTINCT capa_closed_date) > 1
      OR COUNT(DISTINCT capa_verified_date) > 1
)
SELECT 'complaints_minus_after_as_of' AS figure, COUNT(*) AS value, 1 AS pos FROM complaints
UNION ALL
SELECT 'negative_ttr', SUM(CASE WHEN negative_ttr THEN 1 ELSE 0 END), 2 FROM complaints
UNION ALL
SELECT 'closed_without_date', SUM(CASE WHEN closed_without_date THEN 1 ELSE 0 END), 3 FROM complaints
UNION ALL
SELECT 'closed_without_notify_date', SUM(CASE WHEN closed AND notified_date IS NULL THEN 1 ELSE 0 END), 4
FROM complaints
UNION ALL
SELECT 'negative_notify', SUM(CASE WHEN notified_date < received_date THEN 1 ELSE 0 END), 5 FROM complaints
UNION ALL
SELECT 'capa_conflicts', COUNT(*), 6 FROM capa
ORDER BY pos
