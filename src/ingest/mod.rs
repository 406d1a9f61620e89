//! Ledger files → one clean polars table of complaints, with every skipped,
//! rejected and merged row accounted for.
//!
//! ```text
//! files ─ source (format by bytes) ─ excel / csv / parquet ─► sink   (one core)
//!       ═ stream (batches of rows) ═►
//!       layout (header, columns, row kinds) ─► Records + rejects + warnings   (other core)
//!       ─ dedup (by complaint_id) ─ table ─► DataFrame + DataQuality
//! ```
//!
//! Each module imports only from the stages before it, in the order of
//! [`STAGES`] (a test reads the `use super::…` lines to keep it so).

pub mod amounts;
pub mod cells;
pub mod csv;
pub mod dates;
pub mod dedup;
pub mod encoding;
pub mod excel;
pub mod fields;
pub mod grid;
pub mod header;
pub mod informative;
pub mod layout;
pub mod mapping;
pub mod parquet;
pub mod profile;
pub mod propose;
pub mod record;
mod row_kind;
pub mod sheet_report;
pub mod sink;
pub mod source;
pub mod stream;
mod table;
pub mod workbook_cells;
pub mod xlsx_parts;

use dedup::IdConflict;
use fields::{Field, SynonymTable};
use layout::{RowCounts, SheetReport};
use polars::prelude::DataFrame;
use record::Records;
use serde::Serialize;
use source::{Format, InputError};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use record::{IngestLog, Reject, Warning};
pub use source::ReadLimits;
pub use table::COLUMNS;

/// How to read ledgers: the header synonyms, the user's explicit column
/// mappings and value synonyms.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub synonyms: SynonymTable,
    /// field = header text, from `[columns]` in the config and `--map`.
    pub explicit: Vec<(Field, String)>,
    /// Per field: normalised key → canonical value (`이물질` → `이물`).
    pub value_synonyms: HashMap<Field, HashMap<String, String>>,
    /// `[read] year_last`; `None` leaves it to a source profile, then month-first.
    pub year_last: Option<dates::YearLastOrder>,
    pub limits: ReadLimits,
    /// Source profiles, tried in order (the user's before the built-in ones).
    pub profiles: Vec<profile::Profile>,
    /// `--source`: which profile reads every sheet, or `Auto`.
    pub source: profile::SourceChoice,
    /// Go on past a file that is not read because no column is recognised
    /// as the received date (`check` shows what it proposes, then stops).
    pub keep_unread: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        let synonyms = SynonymTable::new(&[]);
        IngestOptions {
            profiles: profile::Profile::built_in(&synonyms),
            synonyms,
            explicit: Vec::new(),
            value_synonyms: HashMap::new(),
            year_last: None,
            limits: ReadLimits::default(),
            source: profile::SourceChoice::Auto,
            keep_unread: false,
        }
    }
}

/// The reconciliation of docs/metrics.md §6 as far as reading goes (the as-of
/// dependent counts are added by the metrics).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataQuality {
    pub files: usize,
    pub sheets: usize,
    pub sheets_skipped: usize,
    #[serde(flatten)]
    pub rows: RowCounts,
    pub rejected_by_reason: BTreeMap<String, usize>,
    pub complaints: usize,
    pub duplicates_merged: usize,
    pub id_conflicts: usize,
    pub possible_duplicates: usize,
    /// Rows that are the history of a ticket (an event log; part of
    /// `duplicates_merged`), and how many tickets.
    #[serde(skip_serializing_if = "is_zero")]
    pub history_rows: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub history_tickets: usize,
    pub warnings: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything reading produced.
#[derive(Debug)]
pub struct Ingested {
    /// One row per complaint, columns [`COLUMNS`], in input order.
    pub table: DataFrame,
    pub quality: DataQuality,
    pub sheets: Vec<SheetReport>,
    pub rejects: Vec<Reject>,
    pub warnings: Vec<Warning>,
    pub conflicts: Vec<IdConflict>,
    /// Explicit mappings that matched no column in any sheet.
    pub unused_mappings: Vec<String>,
}

/// Reads the ledgers named by `inputs` (files or folders) into one table.
///
/// ```
/// use complaints::ingest::{ingest, IngestOptions};
///
/// let ingested = ingest(&["data/sample".into()], &IngestOptions::default(), |_| {})?;
/// let q = &ingested.quality;
/// // every data row is accepted or rejected; duplicates merge by id
/// assert_eq!(q.rows.data_rows, q.rows.accepted + q.rows.rejected);
/// assert_eq!((q.complaints, q.duplicates_merged), (2062, 188));
/// assert_eq!(ingested.table.height(), 2062);
/// # Ok::<(), anyhow::Error>(())
/// ```
pub fn ingest(inputs: &[PathBuf], opts: &IngestOptions, mut on_file: impl FnMut(&Path)) -> anyhow::Result<Ingested> {
    let files = source::expand_inputs(inputs)?;
    let mut clock = std::time::Instant::now();
    let mut out = Reading { records: Records::new(), log: IngestLog::default(), sheets: Vec::new() };
    for path in &files {
        on_file(path);
        let display_name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let before = out.sheets.len();
        read_file(path, &display_name, opts, &mut out)?;
        // A sheet whose header names fields and that holds dates, but whose
        // received date nobody named, is never left out quietly; a sheet of
        // dates without known names beside a ledger sheet is (a holiday list).
        let no_ledger = out.sheets[before..].iter().all(|s| s.skipped.is_some());
        for s in &mut out.sheets[before..] {
            if !no_ledger && s.header_rows.is_empty() && s.proposal.take().is_some() {
                s.skipped =
                    Some("a column of dates but no header naming a field, beside a ledger sheet (not read)".into());
            }
        }
        let sheets = &out.sheets[before..];
        if let Some(unread) = sheets.iter().find(|s| s.skipped.is_some() && s.proposal.is_some()) {
            if opts.keep_unread {
                continue; // `check` shows the proposal and stops afterwards
            }
            return Err(unread_error(path, unread).into());
        }
        if sheets.iter().all(|s| s.skipped.is_some()) {
            let named: Vec<String> =
                sheets.iter().filter(|s| !s.sheet.is_empty()).map(|s| format!("'{}'", s.sheet)).collect();
            return Err(InputError::new(
                path,
                format!(
                    "no ledger found{} — no row in the first 30 names the received date (접수일/received date …) above a column of dates, and no column holds dates",
                    if named.is_empty() { String::new() } else { format!(" in sheets {}", named.join(", ")) }
                ),
                "check that this is a complaint ledger, or map its date column with --map received_date=\"<header>\" (or --map received_date=column:C in a file without a header row)",
            )
            .into());
        }
    }
    let Reading { mut records, mut log, sheets } = out;
    crate::progress::lap(&mut clock, "  rows");
    warn_far_received_dates(&records, &sheets, &mut log);
    use_running_numbers_as_ids_when_unique(&mut records);
    records.finish_reading();

    let merged = dedup::merge(&records);
    crate::progress::lap(&mut clock, "  dedup");
    let mut quality = DataQuality { files: files.len(), ..Default::default() };
    for s in &sheets {
        if s.skipped.is_some() {
            quality.sheets_skipped += 1;
        } else {
            quality.sheets += 1;
            quality.rows.add(&s.counts);
        }
    }
    for r in &log.rejects {
        *quality.rejected_by_reason.entry(r.reason.code().to_string()).or_default() += 1;
    }
    quality.complaints = merged.rows.len();
    quality.duplicates_merged = merged.duplicates_merged;
    quality.id_conflicts = merged.id_conflicts;
    quality.possible_duplicates = merged.possible_duplicates;
    (quality.history_rows, quality.history_tickets) = (merged.history_rows, merged.history_tickets);
    quality.warnings = log.warnings.len();
    check_reconciliation(&quality)?;

    let table = table::build(&records, &merged.rows)?;
    crate::progress::lap(&mut clock, "  table");
    let unused_mappings = opts
        .explicit
        .iter()
        .filter(|(f, _)| !sheets.iter().any(|s| s.columns.iter().any(|c| c.field == Some(*f))))
        .map(|(f, h)| format!("{} = \"{}\"", f.name(), h))
        .collect();
    Ok(Ingested {
        table,
        quality,
        sheets,
        rejects: log.rejects,
        warnings: log.warnings,
        conflicts: merged.conflicts,
        unused_mappings,
    })
}

/// The error for a file not read because no column is recognised as the
/// received date: what was found and the mappings `check` proposes.
pub fn unread_error(path: &Path, sheet: &SheetReport) -> InputError {
    let place = if sheet.sheet.is_empty() { String::new() } else { format!("sheet '{}': ", sheet.sheet) };
    let fields = sheet.proposal.as_ref().map(|p| p.fields.as_slice()).unwrap_or_default();
    let received = fields.first().map_or(String::new(), |f| {
        let name = if f.header.is_empty() { String::new() } else { format!(" ('{}')", f.header) };
        format!("; column {}{name} holds dates and is the likeliest", f.column)
    });
    let maps: Vec<String> = fields.iter().map(|f| format!("--map {}=\"{}\"", f.field.name(), f.map_to)).collect();
    InputError::new(
        path,
        format!("{place}{}{received}", sheet.skipped.as_deref().unwrap_or("")),
        &format!(
            "if that is the date each complaint was received, run with {} (`complaints check` shows why, and writes them as a config with --write-config FILE)",
            maps.join(" ")
        ),
    )
}

/// The engine checks its own books on every run (docs/metrics.md §6).
fn check_reconciliation(q: &DataQuality) -> anyhow::Result<()> {
    let r = &q.rows;
    let parts = r.title_rows + r.header_rows + r.blank_rows + r.subtotal_rows + r.note_rows + r.data_rows;
    anyhow::ensure!(
        r.data_rows == r.accepted + r.rejected
            && r.accepted == q.complaints + q.duplicates_merged
            && r.rows_read == parts
            && r.rejected == q.rejected_by_reason.values().sum::<usize>(),
        "internal error: the row reconciliation does not add up ({q:?}); please report this with the input files"
    );
    Ok(())
}

/// Reads one file: its reader (chosen by the file's bytes) runs on its own
/// thread and streams rows to the layout on this one. Reports of read
/// sheets come first, then those of sheets that are not worksheets.
fn read_file(path: &Path, display_name: &str, opts: &IngestOptions, out: &mut Reading) -> Result<(), InputError> {
    let (format, opened) = source::open(path)?;
    if let source::Opened::Mapped(map) = &opened {
        // one allocation for the file's rows instead of doubling (a doubling
        // holds the old and the new block at once)
        out.records.rows.reserve(csv::estimate_rows(map));
    }
    let limits = opts.limits;
    let (tx, rx) = std::sync::mpsc::sync_channel(32);
    let skip = sink::SkipSignal::default();
    std::thread::scope(|scope| {
        let reader_skip = skip.clone();
        let reader = crate::threads::spawn(scope, "reader", move || {
            let mut sink = sink::RowSink::new(tx, reader_skip);
            match (format, opened) {
                (Format::Text, source::Opened::Mapped(map)) => {
                    let read = csv::stream_mapped(path, &map, &limits, &mut sink);
                    if map.changed() {
                        Err(source::changed_error(path)) // what was read is not the file
                    } else {
                        read
                    }
                }
                (Format::Text, source::Opened::Bytes(bytes)) => csv::stream_csv(path, &bytes, &limits, &mut sink),
                // A reader bug on a malformed file must not crash the run:
                // it becomes an input error naming the file.
                (Format::Parquet, source::Opened::File(file)) => {
                    quietly(std::panic::AssertUnwindSafe(|| parquet::stream_parquet(path, file, &limits, &mut sink)))
                        .unwrap_or_else(|_| {
                            Err(InputError::new(
                                path,
                                "the Parquet file is malformed (the Parquet reader failed on it)",
                                "write the file again, or export the ledger as .csv or .xlsx",
                            ))
                        })
                }
                (format, opened) => quietly(std::panic::AssertUnwindSafe(|| {
                    excel::stream_workbook(path, opened, format, &limits, &mut sink)
                }))
                .unwrap_or_else(|_| {
                    Err(InputError::new(
                        path,
                        "the workbook is malformed (the spreadsheet reader failed on it)",
                        "open it in Excel or LibreOffice, save it again as .xlsx, and run again",
                    ))
                }),
            }
        });
        let laid_out = lay_out(&rx, &skip, path, display_name, format, opts, out);
        drop(rx); // a reader still sending stops
        let read = reader.join().unwrap_or_else(|_| {
            Err(InputError::new(path, "the reader failed on this file", "save the file again and run again"))
        });
        // The reader's error explains a broken stream better than what the layout made of it.
        read.and(laid_out)
    })
}

/// The layout side of [`read_file`]: reads each sheet as its rows arrive.
fn lay_out(
    rx: &std::sync::mpsc::Receiver<sink::Msg>,
    skip: &sink::SkipSignal,
    path: &Path,
    display_name: &str,
    format: Format,
    opts: &IngestOptions,
    out: &mut Reading,
) -> Result<(), InputError> {
    let mut merges = None;
    let mut skipped = Vec::new();
    let mut sheet_no = 0;
    while let Ok(msg) = rx.recv() {
        match msg {
            sink::Msg::Sheet(meta) => {
                sheet_no += 1;
                let mut rows = stream::SheetRows::new(rx, &mut merges, path, &meta.sheet, opts.limits.max_cells);
                let report = layout::read_rows(&meta, &mut rows, display_name, opts, &mut out.records, &mut out.log)?;
                if report.skipped.is_some() {
                    skip.skip(sheet_no); // not a ledger: the reader stops reading it
                }
                rows.finish();
                out.sheets.push(report);
            }
            sink::Msg::Merges(any) => merges = Some(any),
            sink::Msg::Skipped(sheet, why) => skipped.push(SheetReport {
                skipped: Some(why),
                notes: Vec::new(),
                ..SheetReport::new(display_name, &sink::SheetMeta { sheet, format, ..Default::default() })
            }),
            sink::Msg::Rows(_) | sink::Msg::End(_) => {}
        }
    }
    out.sheets.extend(skipped);
    Ok(())
}

/// The ingest modules in stage order: each imports only from those before it.
pub const STAGES: [&str; 25] = [
    "cells",
    "grid",
    "mapping",
    "encoding",
    "source",
    "sink",
    "workbook_cells",
    "xlsx_parts",
    "csv",
    "excel",
    "parquet",
    "stream",
    "dates",
    "amounts",
    "fields",
    "profile",
    "header",
    "row_kind",
    "record",
    "propose",
    "informative",
    "sheet_report",
    "layout",
    "dedup",
    "table",
];

/// What reading the files has produced so far.
struct Reading {
    records: Records,
    log: IngestLog,
    sheets: Vec<SheetReport>,
}

/// Runs `f`, turning a panic inside it into `Err` without printing the
/// panic message (the caller reports the input error instead).
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(f);
    std::panic::set_hook(previous);
    result
}

/// A received date more than a year after every other date of its file is
/// likelier a typo (`2075` for `2015`) than a complaint: a warning names
/// its row (the row is kept; the default period leaves its month out).
fn warn_far_received_dates(records: &Records, sheets: &[SheetReport], log: &mut IngestLog) {
    let mut by_file: BTreeMap<&str, Vec<(chrono::NaiveDate, usize)>> = BTreeMap::new();
    for (i, r) in records.rows.iter().enumerate() {
        if let Some(d) = r.received_date() {
            by_file.entry(records.source_file(i)).or_default().push((d, i));
        }
    }
    for (file, mut dates) in by_file {
        dates.sort_unstable();
        // the tail after the last gap of more than a year, when it is small
        let Some(cut) = (1..dates.len()).rev().find(|&k| (dates[k].0 - dates[k - 1].0).num_days() > 365) else {
            continue;
        };
        if (dates.len() - cut) * 4 >= dates.len() {
            continue;
        }
        let before = dates[cut - 1].0;
        for &(date, i) in &dates[cut..] {
            let sheet = records.source_sheet(i);
            let column = sheets
                .iter()
                .find(|s| s.file == file && s.sheet == sheet)
                .and_then(|s| s.columns.iter().find(|c| c.field == Some(Field::ReceivedDate)))
                .map_or(String::new(), |c| c.column.clone());
            log.warnings.push(Warning {
                file: file.to_string(),
                sheet: sheet.to_string(),
                row: records.rows[i].source_row,
                column,
                field: Field::ReceivedDate,
                text: date.to_string(),
                message: format!(
                    "received more than a year after every other date of the file (the latest before it: {before}); kept — check the year"
                ),
            });
        }
    }
}

/// Running numbers (`No.`) restart on each sheet, so they are ids only when
/// no sheet has an id column and every number is unique across all inputs.
fn use_running_numbers_as_ids_when_unique(records: &mut Records) {
    if records.is_empty() || records.rows.iter().any(|r| r.text(Field::ComplaintId) != 0) {
        return;
    }
    // equal texts have equal value numbers
    let mut seen = std::collections::HashSet::new();
    if records.rows.iter().all(|r| r.text(Field::RowNo) != 0 && seen.insert(r.text(Field::RowNo))) {
        records.use_row_numbers_as_ids();
    }
}

#[cfg(test)]
mod stage_tests {
    #[test]
    fn every_ingest_module_imports_only_from_earlier_stages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ingest");
        for (at, module) in super::STAGES.iter().enumerate() {
            let text = std::fs::read_to_string(dir.join(format!("{module}.rs"))).expect("module file");
            for used in text.split("super::").skip(1) {
                let name: String = used.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                let Some(stage) = super::STAGES.iter().position(|s| *s == name) else { continue };
                assert!(stage < at, "ingest/{module}.rs imports {name}, a later stage");
            }
        }
    }
}
