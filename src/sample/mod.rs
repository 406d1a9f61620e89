//! Deterministic synthetic complaint ledgers.
//!
//! * [`write_legacy_samples`] writes the kind of messy ledgers a Korean
//!   manufacturer really keeps (a multi-sheet master workbook with title rows,
//!   two-row headers, merged cells, subtotals and mixed date forms; a CP949 CSV
//!   re-export from the sales system; a monthly workbook with month-day dates)
//!   and returns a [`SampleTruth`] that says exactly what was put into them.
//! * [`write_tidy`] writes a large one-header-row ledger with the canonical
//!   column names, for benchmarks.
//!
//! Everything is driven by a small seeded PRNG (splitmix64); the same seed
//! gives byte-identical files (no wall clock is read anywhere).

mod dates;
mod master;
mod october;
mod population;
mod rng;
mod sales;
mod tally;
mod tidy;
mod vocabulary;

use std::path::Path;

use anyhow::{Context, Result};

use master::write_master_file;
use october::write_october_file;
use population::generate_population;
use sales::write_sales_file;
use tally::Tally;
use tidy::{write_tidy_csv, write_tidy_parquet, write_tidy_xlsx};

/// What the generator put into the legacy sample, for tests to assert against.
///
/// All counts are taken from the loops that write the rows. The identity
/// `complaints == data_rows - rejected_missing_date - rejected_bad_date -
/// duplicates_merged` holds: rejected rows never share an id with another row,
/// and `complaints`/`duplicates_merged` are counted over accepted rows.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct SampleTruth {
    /// File names written, sorted.
    pub files: Vec<String>,
    /// Distinct complaints (distinct ids among rows with a usable received date).
    pub complaints: usize,
    /// Complaint rows written, including duplicate and rejected rows.
    pub data_rows: usize,
    /// Data rows whose received-date cell is blank.
    pub rejected_missing_date: usize,
    /// Data rows whose received-date cell is unparseable text such as `미상`.
    pub rejected_bad_date: usize,
    /// Rows whose complaint id already appeared in an earlier row or file.
    pub duplicates_merged: usize,
    /// Ids whose duplicate rows differ in customer, product, lot, defect type
    /// or received date (both values non-blank).
    pub id_conflicts: usize,
    /// Subtotal and total rows (`소계`, `합계`).
    pub subtotal_rows: usize,
    /// Note rows under a table (`※ ...`).
    pub note_rows: usize,
    /// Empty template rows carrying only a running number.
    pub template_rows: usize,
    /// First month with an accepted complaint, `YYYY-MM`.
    pub first_month: String,
    /// Last month with an accepted complaint, `YYYY-MM`.
    pub last_month: String,
}

/// Output format of [`write_tidy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TidyFormat {
    /// One worksheet `Data`, written in constant-memory mode.
    Xlsx,
    /// UTF-8, comma separated, LF line ends.
    Csv,
    /// Apache Parquet: dates as Date columns, cost as a number, the rest text.
    Parquet,
}

/// File name of the quality team's master ledger.
pub const MASTER_FILE: &str = "2023-2025_고객불만_접수대장.xlsx";
/// File name of the sales team's CP949 re-export.
pub const SALES_FILE: &str = "영업팀_불만접수_2025상반기.csv";
/// File name of the October 2025 monthly ledger.
pub const OCTOBER_FILE: &str = "2025년_10월_불만접수.xlsx";

/// The 17 canonical columns of the tidy ledger, in order.
pub const TIDY_COLUMNS: [&str; 17] = [
    "complaint_id",
    "received_date",
    "customer",
    "product",
    "lot",
    "defect_type",
    "description",
    "channel",
    "severity",
    "site",
    "department",
    "owner",
    "cause",
    "action",
    "closed_date",
    "status",
    "cost",
];

/// Writes the three legacy sample ledgers into `dir` and says what is in them.
///
/// Files (sorted by name): `2023-2025_고객불만_접수대장.xlsx` (year sheets
/// `2023년`, `2024년`, `2025년` plus the non-ledger sheets `코드표` and
/// `작성요령`), `2025년_10월_불만접수.xlsx` (sheet `2025년 10월`) and
/// `영업팀_불만접수_2025상반기.csv` (CP949). About 2,000 complaints received
/// 2023-07-01 ..= 2025-10-31. The same seed always gives the same bytes.
pub fn write_legacy_samples(dir: &Path, seed: u64) -> Result<SampleTruth> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let pop = generate_population(seed)?;
    let mut tally = Tally::default();
    write_master_file(&dir.join(MASTER_FILE), &pop, seed, &mut tally)?;
    tally.files.push(MASTER_FILE.to_string());
    write_october_file(&dir.join(OCTOBER_FILE), &pop, seed, &mut tally)?;
    tally.files.push(OCTOBER_FILE.to_string());
    write_sales_file(&dir.join(SALES_FILE), &pop, seed, &mut tally)?;
    tally.files.push(SALES_FILE.to_string());
    tally.finish()
}

/// A tidy one-header-row ledger of `rows` complaints for benchmarks (fast;
/// xlsx written in constant-memory mode).
///
/// Columns are [`TIDY_COLUMNS`]; received dates are spread evenly over
/// 2022-11-01 ..= 2025-10-31 in row order; dates are real date cells in xlsx
/// and `YYYY-MM-DD` in CSV (UTF-8, comma, LF); about 8 % of rows are open.
/// The same `rows` and `seed` always give the same bytes.
pub fn write_tidy(path: &Path, rows: usize, seed: u64, format: TidyFormat) -> Result<()> {
    match format {
        TidyFormat::Csv => write_tidy_csv(path, rows, seed),
        TidyFormat::Xlsx => write_tidy_xlsx(path, rows, seed),
        TidyFormat::Parquet => write_tidy_parquet(path, rows, seed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    const SEED: u64 = 20251031;

    /// A cell as text (blank when empty); shared with the other modules' tests.
    pub(super) fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
        match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    #[test]
    fn same_seed_same_bytes() -> Result<()> {
        let a = tempfile::tempdir()?;
        let b = tempfile::tempdir()?;
        let ta = write_legacy_samples(a.path(), SEED)?;
        let tb = write_legacy_samples(b.path(), SEED)?;
        assert_eq!(ta, tb);
        for f in &ta.files {
            assert_eq!(std::fs::read(a.path().join(f))?, std::fs::read(b.path().join(f))?, "{f}");
        }
        for (name, fmt) in [("t.csv", TidyFormat::Csv), ("t.xlsx", TidyFormat::Xlsx)] {
            write_tidy(&a.path().join(name), 500, 7, fmt)?;
            write_tidy(&b.path().join(name), 500, 7, fmt)?;
            assert_eq!(std::fs::read(a.path().join(name))?, std::fs::read(b.path().join(name))?);
        }
        let c = tempfile::tempdir()?;
        let tc = write_legacy_samples(c.path(), SEED + 1)?;
        assert_ne!(std::fs::read(a.path().join(SALES_FILE))?, std::fs::read(c.path().join(SALES_FILE))?);
        assert!((1900..=2200).contains(&tc.complaints));
        Ok(())
    }

    #[test]
    fn legacy_truth_is_consistent() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let mut names: Vec<String> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<_>>()?;
        names.sort();
        assert_eq!(names, t.files);
        assert_eq!(t.files.len(), 3);
        assert!((1900..=2200).contains(&t.complaints), "{}", t.complaints);
        assert_eq!(t.complaints, t.data_rows - t.rejected_missing_date - t.rejected_bad_date - t.duplicates_merged);
        assert_eq!(t.rejected_missing_date, 6);
        assert_eq!(t.rejected_bad_date, 4);
        assert_eq!(t.id_conflicts, 3);
        assert_eq!(t.duplicates_merged, 180 + 3 + 5);
        assert_eq!(t.note_rows, 4);
        assert_eq!(t.template_rows, 15);
        assert_eq!(t.subtotal_rows, 6 + 12 + 9 + 3 + 1);
        assert_eq!(t.first_month, "2023-07");
        assert_eq!(t.last_month, "2025-10");
        Ok(())
    }

    #[test]
    fn master_workbook_reads_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let mut wb: Xlsx<_> = open_workbook(dir.path().join(MASTER_FILE))?;
        assert_eq!(wb.sheet_names(), ["2023년", "2024년", "2025년", "코드표", "작성요령"]);
        let mut id_rows = 0;
        for sheet in ["2023년", "2024년", "2025년"] {
            let range = wb.worksheet_range(sheet)?;
            let year = &sheet[..4];
            assert_eq!(cell(&range, 0, 0), format!("{year}년 고객불만 접수대장"));
            assert_eq!(cell(&range, 0, 12), "담당");
            assert_eq!(cell(&range, 0, 14), "승인");
            assert_eq!(cell(&range, 1, 0), "작성: 품질경영팀");
            let row4: Vec<String> = (0..15).map(|c| cell(&range, 3, c)).collect();
            assert_eq!(
                row4,
                [
                    "No",
                    "접수번호",
                    "접수일",
                    "고객사",
                    "제품명",
                    "로트번호",
                    "불량유형",
                    "불만내용",
                    "접수경로",
                    "담당부서",
                    "담당자",
                    "처리결과",
                    "",
                    "상태",
                    "비용"
                ]
            );
            let row5: Vec<String> = (0..15).map(|c| cell(&range, 4, c)).collect();
            let mut expect = vec![String::new(); 15];
            expect[11] = "완료일".into();
            expect[12] = "조치내용".into();
            assert_eq!(row5, expect);
            assert_eq!(cell(&range, 5, 0), "1");
            let mut subtotals = 0;
            for r in 5..range.end().map_or(0, |e| e.0 + 1) {
                let id = cell(&range, r, 1);
                if id.starts_with(&format!("C-{year}-")) {
                    id_rows += 1;
                }
                if cell(&range, r, 0) == "소계" {
                    subtotals += 1;
                    assert!(id.ends_with('건'));
                }
            }
            assert!(subtotals >= 6);
            let merges = wb.merge_cells_by_sheet_name(sheet)?;
            assert!(merges.iter().any(|m| m.start.1 == 3 && m.end.0 > m.start.0 && m.start.0 >= 5));
        }
        let mut oct: Xlsx<_> = open_workbook(dir.path().join(OCTOBER_FILE))?;
        assert_eq!(oct.sheet_names(), ["2025년 10월"]);
        let range = oct.worksheet_range("2025년 10월")?;
        assert_eq!(cell(&range, 2, 0), "번호");
        assert_eq!(cell(&range, 2, 12), "진행상태");
        let oct_rows =
            (3..range.end().map_or(0, |e| e.0 + 1)).filter(|&r| cell(&range, r, 1).starts_with("C-")).count();
        let bytes = std::fs::read(dir.path().join(SALES_FILE))?;
        let (text, _, bad) = encoding_rs::EUC_KR.decode(&bytes);
        assert!(!bad);
        assert!(text.starts_with("관리번호,등록일,거래처명,모델명,LOT,"));
        let csv_rows = text.matches("\r\n").count() - 1;
        assert!((200..=240).contains(&csv_rows), "{csv_rows}");
        assert_eq!(id_rows + oct_rows + csv_rows, t.data_rows);
        Ok(())
    }
}
