//! Deterministic synthetic complaint ledgers.
//!
//! * [`write_legacy_samples`] writes the kind of messy ledgers a Korean
//!   manufacturer really keeps (a multi-sheet master workbook with title rows,
//!   two-row headers, merged cells, subtotals and mixed date forms; a CP949 CSV
//!   re-export from the sales system; a monthly workbook with month-day dates)
//!   with the rest of the complaint procedure — customer notification, CAPAs,
//!   the nonconforming mark and costs (docs/metrics.md §8-§11) — and returns a
//!   [`SampleTruth`] that says exactly what was put into them. The
//!   complaints come from a plausible plant: over 200 part numbers with
//!   Zipf-like volumes sold to a handful of OEMs (`catalogue`), a few chronic
//!   problems on top, one CAPA that works and one that does not (`chronic`).
//! * [`write_tidy`] writes a large one-header-row ledger with the canonical
//!   column names, for benchmarks (its own small product list, unchanged).
//!
//! Everything is driven by a small seeded PRNG (splitmix64); the same seed
//! gives byte-identical files (no wall clock is read anywhere).
//!
//! How the parts fit: `population` draws who, what and when (`draw::Core`),
//! the roles and merged cells; `procedure` adds per complaint what the rest
//! of the procedure writes (`procedure::Extra`) and the CAPAs; the writers
//! (`master`, `october`, `sales`) put each into its columns; `merged_truth`
//! says what the engine keeps. A new per-complaint field goes into `Extra`,
//! drawn from a stream of its own (so no existing cell moves), is written
//! where a ledger has the column and is carried in [`ComplaintTruth`]; a
//! shipments file can be drawn from the catalogue's `units` per part and
//! month.

mod catalogue;
mod chronic;
mod claim;
mod dates;
mod draw;
mod master;
mod october;
mod population;
mod procedure;
mod rng;
mod sales;
mod tally;
mod tidy;
mod vocabulary;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;

pub use claim::{PPM_GOAL, RECEIVED_GOAL};
use master::write_master_file;
use october::write_october_file;
use population::generate_population;
use procedure::{generate_procedure, merged_truth, sample_as_of};
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
    /// The day the sample's figures are judged at: the last day of `last_month`.
    pub as_of: NaiveDate,
    /// Distinct CAPAs (normalised `capa_id`s) among `merged`.
    pub capas: usize,
    /// CAPAs whose complaints carry two different due dates (docs/metrics.md §9).
    pub capa_conflicts: usize,
    /// Complaints notified before they were received (docs/metrics.md §8).
    pub negative_notify: usize,
    /// `부적합` cells holding a word that is neither yes nor no (each one a
    /// warning, its row kept).
    pub nonconforming_unknown: usize,
    /// The side files beside the ledgers: the config (`complaints.toml`, the
    /// shipments file and `[report.goals]`) and the shipments file.
    pub side_files: Vec<String>,
    /// Every complaint as the engine should see it once duplicates are
    /// merged (the last input's row: master, then October, then sales),
    /// sorted by id; `complaints` long.
    pub merged: Vec<ComplaintTruth>,
}

/// Whether a complaint is closed, as its kept row says.
#[derive(Debug, Clone, Copy, serde::Serialize, PartialEq, Eq)]
pub enum ClosedTruth {
    Date(NaiveDate),
    /// Closed by a word (`완료`) or a status without a closed date.
    WithoutDate,
    Open,
}

/// One complaint as the engine should see it after merging, taken from the
/// generator's own data. Fields a file does not have are `None` for the
/// complaints whose kept row comes from that file: the October ledger has no
/// reply-due, CAPA-date or cost column, the sales export only a notified date
/// (`회신일`) of these.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct ComplaintTruth {
    pub complaint_id: String,
    /// The file whose row the engine keeps.
    pub file: String,
    pub received: NaiveDate,
    pub closed: ClosedTruth,
    pub customer: String,
    pub product: String,
    pub defect_type: String,
    pub notified: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    /// Trimmed, inner spaces collapsed, lower case (docs/metrics.md §9).
    pub capa_id: Option<String>,
    /// The CAPA dates as written on this complaint's row.
    pub capa_due: Option<NaiveDate>,
    pub capa_closed: Option<NaiveDate>,
    pub capa_verified: Option<NaiveDate>,
    /// `Some(true)` yes, `Some(false)` no or blank (or no such column),
    /// `None` an unknown word (a warning; the engine counts it as no).
    pub nonconforming: Option<bool>,
    /// In won; `None` when blank.
    pub cost: Option<u64>,
    /// Defective parts (불량수량, docs/metrics.md §12); `None` when blank.
    pub defect_qty: Option<u32>,
    /// 귀책 (docs/metrics.md §13); `None` when blank.
    pub responsibility: Option<String>,
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
/// The sample's config (the shipments file, `[report.goals]`), beside the ledgers.
pub const SAMPLE_CONFIG: &str = claim::CONFIG_FILE;
/// The sample's shipments by month × customer × part, relative to its folder.
pub const SAMPLE_SHIPMENTS: &str = claim::SHIPMENTS_FILE;
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
    let mut proc = generate_procedure(&pop, seed)?;
    proc.claims = claim::generate_claims(&pop, seed)?;
    let mut tally = Tally::default();
    write_master_file(&dir.join(MASTER_FILE), &pop, &proc, seed, &mut tally)?;
    tally.files.push(MASTER_FILE.to_string());
    write_october_file(&dir.join(OCTOBER_FILE), &pop, &proc, seed, &mut tally)?;
    tally.files.push(OCTOBER_FILE.to_string());
    write_sales_file(&dir.join(SALES_FILE), &pop, &proc, seed, &mut tally)?;
    tally.files.push(SALES_FILE.to_string());
    let months: Vec<(i32, u32)> = (0..population::MONTHS).map(population::month_of).collect();
    claim::write_side_files(dir, &pop.catalogue, seed, &months)?;
    let mut truth = tally.finish(sample_as_of()?)?;
    truth.side_files = vec![SAMPLE_CONFIG.to_string(), SAMPLE_SHIPMENTS.to_string()];
    truth.merged = merged_truth(&pop, &proc);
    truth.capas = proc.capas.len();
    truth.capa_conflicts = proc.capas.iter().filter(|c| c.first_due.is_some()).count();
    truth.negative_notify = proc.negative_notify;
    truth.nonconforming_unknown = truth.merged.iter().filter(|c| c.nonconforming.is_none()).count();
    Ok(truth)
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
        let mut expect = t.files.clone();
        expect.push(SAMPLE_CONFIG.to_string());
        expect.extend(SAMPLE_SHIPMENTS.split('/').next().map(str::to_string));
        expect.sort();
        assert_eq!(names, expect, "the ledgers, the config and the shipments folder");
        assert_eq!(t.files.len(), 3);
        assert!(t.side_files.iter().all(|f| dir.path().join(f).is_file()));
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

    /// The procedure's truth (docs/metrics.md §8-§10) agrees with itself:
    /// CAPAs, their statuses as of the last day, the one that worked and the
    /// one that did not, a conflict, the short to-do list, computed over
    /// `merged` alone.
    #[test]
    fn procedure_truth_is_consistent() -> Result<()> {
        use std::collections::{BTreeMap, BTreeSet};
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let as_of = t.as_of;
        assert_eq!(as_of, NaiveDate::from_ymd_opt(2025, 10, 31).context("date")?);
        assert_eq!(t.merged.len(), t.complaints);
        assert!(t.merged.windows(2).all(|w| w[0].complaint_id < w[1].complaint_id), "sorted, distinct ids");

        // §8: reply due on ~60 % of the master ledger's complaints, nearly
        // every closed one notified, some late, a few notified before receipt.
        let master: Vec<&ComplaintTruth> = t.merged.iter().filter(|c| c.file == MASTER_FILE).collect();
        let due_share = master.iter().filter(|c| c.reply_due.is_some()).count() as f64 / master.len() as f64;
        assert!((0.5..0.7).contains(&due_share), "{due_share}");
        assert!(t.merged.iter().all(|c| c.file == MASTER_FILE || c.reply_due.is_none()));
        let closed: Vec<&ComplaintTruth> = t.merged.iter().filter(|c| c.closed != ClosedTruth::Open).collect();
        let not_recorded = closed.iter().filter(|c| c.notified.is_none()).count();
        assert!((1..=closed.len() / 100).contains(&not_recorded), "{not_recorded} of {}", closed.len());
        let open = t.merged.iter().filter(|c| c.closed == ClosedTruth::Open);
        assert!(open.clone().any(|c| c.notified.is_some()) && open.clone().any(|c| c.notified.is_none()));
        let deadline = |c: &ComplaintTruth| c.reply_due.unwrap_or(c.received + chrono::Days::new(10));
        let late = t.merged.iter().filter(|c| c.notified.is_some_and(|n| n > deadline(c))).count();
        assert!(late > 50, "{late}");
        let negative = t.merged.iter().filter(|c| c.notified.is_some_and(|n| n < c.received)).count();
        assert_eq!(negative, t.negative_notify);
        assert!((1..=3).contains(&negative));
        assert!(t.merged.iter().all(|c| c.notified.is_none_or(|n| n <= as_of)));

        // §9: CAPAs, each the latest of its rows' dates; a conflict is two
        // different non-blank values of one date.
        #[derive(Default)]
        struct Capa<'a> {
            rows: Vec<&'a ComplaintTruth>,
            dates: [BTreeSet<NaiveDate>; 3],
        }
        let mut capas: BTreeMap<&str, Capa> = BTreeMap::new();
        for c in &t.merged {
            let Some(id) = c.capa_id.as_deref() else { continue };
            assert_eq!(id, id.trim().to_lowercase(), "normalised");
            let capa = capas.entry(id).or_default();
            capa.rows.push(c);
            for (k, d) in [c.capa_due, c.capa_closed, c.capa_verified].into_iter().enumerate() {
                capa.dates[k].extend(d);
            }
        }
        assert_eq!(capas.len(), t.capas);
        assert!(capas.values().all(|c| (2..=6).contains(&c.rows.len())));
        let conflicts = capas.values().filter(|c| c.dates.iter().any(|d| d.len() > 1)).count();
        assert_eq!(conflicts, t.capa_conflicts);
        assert!(conflicts >= 1);
        let key = |c: &ComplaintTruth| (c.product.clone(), c.defect_type.clone());
        let (mut verified, mut closed_unverified, mut open, mut overdue) = (0, 0, 0, 0);
        let mut ineffective = Vec::new();
        for (id, capa) in &capas {
            let [due, done, checked] = capa.dates.clone().map(|d| d.last().copied());
            if checked.is_some_and(|d| d <= as_of) {
                verified += 1;
            } else if done.is_some_and(|d| d <= as_of) {
                closed_unverified += 1;
            } else {
                open += 1;
                overdue += usize::from(due.is_some_and(|d| as_of > d));
            }
            let keys: BTreeSet<_> = capa.rows.iter().map(|c| key(c)).collect();
            let recurs = done.is_some_and(|done| {
                t.merged.iter().any(|c| {
                    c.capa_id.as_deref() != Some(*id)
                        && keys.contains(&key(c))
                        && c.received > done
                        && (c.received - done).num_days() <= 90
                        && c.received <= as_of
                })
            });
            if recurs {
                ineffective.extend(keys);
            }
        }
        assert_eq!((verified, closed_unverified, open, overdue), (9, 3, 6, 3));
        // The crash-pad CAPA did not work; the door-trim one did: verified,
        // and no complaint of its problem after completion.
        let crash_pad = ("크래쉬패드 CP-400".to_string(), "치수불량".to_string());
        assert_eq!(ineffective, std::slice::from_ref(&crash_pad));
        let door_trim = ("도어트림 DT-100".to_string(), "외관불량".to_string());
        let worked =
            capas.values().find(|c| c.rows.len() >= 2 && key(c.rows[0]) == door_trim).context("DT-100 CAPA")?;
        let done = worked.dates[1].last().copied().context("completed")?;
        assert!(worked.dates[2].last().is_some_and(|&v| v <= as_of), "verified");
        assert!(t.merged.iter().all(|c| key(c) != door_trim || c.received <= done));
        // The to-do list (§9): a handful of active problems without CAPA —
        // 3+ complaints in the 90 days to as_of, none with a CAPA — among
        // them the crash pad that came back and the bumper cover.
        let mut recent: BTreeMap<(String, String), (usize, bool)> = BTreeMap::new();
        for c in t.merged.iter().filter(|c| c.received <= as_of && (as_of - c.received).num_days() < 90) {
            let e = recent.entry(key(c)).or_default();
            e.0 += 1;
            e.1 |= c.capa_id.is_some();
        }
        let todo: Vec<&(String, String)> =
            recent.iter().filter(|(k, &(n, capa))| n >= 3 && !capa && k.1 != "기타").map(|(k, _)| k).collect();
        assert!((3..=8).contains(&todo.len()), "{todo:?}");
        assert!(todo.contains(&&crash_pad) && todo.iter().any(|k| k.0 == "범퍼커버 BC-500" && k.1 == "변형"));

        // §10 and §11: costs only where the master ledger is kept, the large
        // claim, one or two unknown yes/no words.
        assert!(t.merged.iter().all(|c| c.file == MASTER_FILE || c.cost.is_none()));
        assert!(t.merged.iter().any(|c| c.cost == Some(120_000_000)));
        assert!(t.merged.iter().filter(|c| c.cost.is_some()).count() > 300);
        let unknown = t.merged.iter().filter(|c| c.nonconforming.is_none()).count();
        assert_eq!(unknown, t.nonconforming_unknown);
        assert!((1..=2).contains(&unknown));
        let yes = t.merged.iter().filter(|c| c.nonconforming == Some(true)).count();
        assert!(yes > t.complaints / 2, "{yes}");
        Ok(())
    }

    /// The sample looks like a plant: many part numbers with skewed
    /// volumes, a handful of OEM customers, a repeat rate (docs/metrics.md
    /// §4) that is neither "everything" nor constant, and the October spike
    /// of foreign matter, mostly on one console box.
    #[test]
    fn the_sample_is_a_plausible_plant() -> Result<()> {
        use chrono::Datelike;
        use std::collections::BTreeMap;
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let mut by_product: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_customer: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &t.merged {
            *by_product.entry(&c.product).or_default() += 1;
            *by_customer.entry(&c.customer).or_default() += 1;
        }
        assert!(by_product.len() >= 150, "{} products", by_product.len());
        let mut counts: Vec<usize> = by_product.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        assert!(counts[0] >= 40 && counts[counts.len() / 2] <= 10, "{counts:?}");
        let mut customers: Vec<usize> = by_customer.values().copied().collect();
        customers.sort_unstable_by(|a, b| b.cmp(a));
        assert!(
            customers.len() >= 10 && customers[..5].iter().sum::<usize>() * 10 >= t.complaints * 9,
            "{customers:?}"
        );

        // Repeats per month: a complaint whose product and type came in the
        // 90 days before it. Same-day ties repeat each other in any order,
        // so the count needs no input order.
        let mut sorted: Vec<&ComplaintTruth> = t.merged.iter().collect();
        sorted.sort_by_key(|c| c.received);
        let mut last: BTreeMap<(&str, &str), NaiveDate> = BTreeMap::new();
        let mut months: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for c in sorted {
            let key = (c.product.as_str(), c.defect_type.as_str());
            let repeat = last.get(&key).is_some_and(|&p| (c.received - p).num_days() <= 90);
            let m = months.entry(dates::month_key(c.received)).or_default();
            m.0 += usize::from(repeat);
            m.1 += 1;
            last.insert(key, c.received);
        }
        let rates: Vec<f64> = months.values().rev().take(12).map(|&(r, n)| r as f64 / n as f64).collect();
        let (lo, hi) = rates.iter().fold((1.0f64, 0.0f64), |(lo, hi), &r| (lo.min(r), hi.max(r)));
        assert!(lo >= 0.15 && hi <= 0.45 && hi - lo >= 0.08, "{rates:?}");

        let foreign: Vec<&ComplaintTruth> = t.merged.iter().filter(|c| c.defect_type == "이물").collect();
        let october: Vec<&&ComplaintTruth> =
            foreign.iter().filter(|c| c.received.month() == 10 && c.received.year() == 2025).collect();
        let before = foreign.len() - october.len();
        assert!(october.len() * 27 > 2 * before, "{} in October, {before} in 27 months", october.len());
        let console = october.iter().filter(|c| c.product == vocabulary::SPIKE_PART).count();
        assert!(console * 2 > october.len(), "{console} of {}", october.len());
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
            assert_eq!(cell(&range, 0, 20), "결재");
            assert_eq!(cell(&range, 0, 21), "담당");
            assert_eq!(cell(&range, 0, 23), "승인");
            assert_eq!(cell(&range, 1, 0), "작성: 품질경영팀");
            let row4: Vec<String> = (0..24).map(|c| cell(&range, 3, c)).collect();
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
                    "고객통보",
                    "",
                    "시정조치",
                    "",
                    "",
                    "",
                    "부적합",
                    "비용",
                    "불량수량",
                    "귀책"
                ]
            );
            let row5: Vec<String> = (0..24).map(|c| cell(&range, 4, c)).collect();
            let mut expect = vec![String::new(); 24];
            let labels = [
                (11, "완료일"),
                (12, "조치내용"),
                (14, "회신요청일"),
                (15, "통보일"),
                (16, "번호"),
                (17, "기한"),
                (18, "완료일"),
                (19, "효과확인일"),
            ];
            for (col, label) in labels {
                expect[col] = label.into();
            }
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
