//! `complaints check [INPUTS]... [--json]`: read the ledgers and show what
//! was understood — per file and sheet the header row, the column mapping,
//! the row counts by kind — then the rejects, warnings and id conflicts.

use super::proposal;
use crate::cli::CheckArgs;
use crate::ingest::layout::SheetReport;
use crate::ingest::Ingested;
use crate::text::one_line;
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

/// How many rejects, warnings and conflicts the text output lists.
const LIST_LIMIT: usize = 20;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let config = super::load_config(&args.input)?;
    let mut opts = super::ingest_options(&args.input, &config)?;
    opts.keep_unread = true; // a file not read is shown with what to map, then the run stops
    let ingested = super::read_with(&args.input, &opts, config.report.inputs.as_deref())?;
    if let Some(path) = &args.table {
        crate::report::write_file_atomic(path, |w| crate::report::table_csv::write_csv(&ingested.table, w))?;
    }
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let proposals = proposal::Proposals::of(&ingested.sheets);
    let unread = ingested.sheets.iter().find(|s| s.skipped.is_some() && s.proposal.is_some());
    let caveat = super::period_caveat(&ingested, &crate::metrics::Params::default())?;
    if args.json {
        let mut json = serde_json::to_value(CheckJson::from(&ingested))?;
        if !proposals.is_empty() {
            json["proposed_command"] = proposal::command(&argv, &proposals).into();
        }
        if let Some(line) = &caveat {
            json["period_caveat"] = line.clone().into();
        }
        crate::error::print(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
    } else {
        let mut text = render_text(&ingested);
        if let Some(line) = &caveat {
            text.push_str(&format!("\nCaveat: {line}\n"));
        }
        if !proposals.is_empty() {
            text.push_str(&proposal::render(&argv, &proposals, unread.is_some()));
        }
        crate::error::print(&crate::text::for_terminal(&text))?;
    }
    if let Some(path) = &args.write_config {
        let base = match &args.input.config {
            Some(c) => Some(crate::side_files::read_side_file(c, "--config")?),
            None => None,
        };
        let read_with = proposal::with_config(&argv, path);
        let text = proposal::config_toml(&proposals, &opts.explicit, base.as_deref(), &read_with)?;
        proposal::write_config(path, &text)?;
        eprintln!("wrote {}", crate::text::for_terminal(&path.display().to_string()));
    }
    if let Some(sheet) = unread {
        let file = std::path::Path::new(&sheet.file);
        eprintln!("error: {}", crate::text::for_terminal(&crate::ingest::unread_error(file, sheet).to_string()));
        return Ok(ExitCode::from(2));
    }
    if ingested.quality.complaints == 0 {
        let error = super::no_complaints_error(&ingested).to_string();
        crate::error::eprint(&format!("error: {}", crate::text::for_terminal(&error)));
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct CheckJson<'a> {
    data_quality: &'a crate::ingest::DataQuality,
    sheets: &'a [SheetReport],
    rejects: &'a [crate::ingest::Reject],
    warnings: &'a [crate::ingest::Warning],
    id_conflicts: &'a [crate::ingest::dedup::IdConflict],
    unused_mappings: &'a [String],
}

impl<'a> From<&'a Ingested> for CheckJson<'a> {
    fn from(i: &'a Ingested) -> Self {
        CheckJson {
            data_quality: &i.quality,
            sheets: &i.sheets,
            rejects: &i.rejects,
            warnings: &i.warnings,
            id_conflicts: &i.conflicts,
            unused_mappings: &i.unused_mappings,
        }
    }
}

fn sheet_label(s: &SheetReport) -> String {
    match (s.sheet.is_empty(), s.format) {
        (true, crate::ingest::source::Format::Parquet) => "Parquet".to_string(),
        (true, _) => "CSV".to_string(),
        (false, _) => format!("sheet '{}'", one_line(&s.sheet)),
    }
}

/// The human-readable check output.
pub fn render_text(i: &Ingested) -> String {
    let mut out = String::new();
    let mut current_file = "";
    for s in &i.sheets {
        if s.file != current_file {
            current_file = &s.file;
            let _ = writeln!(out, "{}", one_line(&s.file));
        }
        if let Some(why) = &s.skipped {
            let _ = writeln!(out, "  {}: skipped — {why}", sheet_label(s));
            continue;
        }
        let rows: Vec<String> = s.header_rows.iter().map(u32::to_string).collect();
        let header = match rows.len() {
            0 => "no header row (columns by position: --map FIELD=column:Q)".to_string(),
            1 => format!("header row {}", rows[0]),
            _ => format!("header rows {}", rows.join("-")),
        };
        let _ = writeln!(
            out,
            "  {}: {header}{}",
            sheet_label(s),
            if s.notes.is_empty() { String::new() } else { format!("  ({})", s.notes.join("; ")) }
        );
        if let Some(source) = &s.source {
            let how = if source.forced { "read as" } else { "looks like" };
            let _ = writeln!(out, "    {how} a {} (--source {})", source.title, source.name);
        }
        for c in &s.columns {
            let target = match (&c.field, &c.note) {
                (Some(f), _) => match &c.why {
                    Some(why) => format!("→ {} ({why})", f.name()),
                    None => format!("→ {}", f.name()),
                },
                (None, Some(note)) => format!("(not used: {note})"),
                (None, None) => "(not used)".to_string(),
            };
            let _ = writeln!(out, "    {:<4}{} {}", c.column, pad(&crate::text::fit_width(&c.header, 26), 28), target);
        }
        for d in &s.date_orders {
            let _ = writeln!(out, "    dates in {} ({}): read {} — {}", d.column, d.field.name(), d.order, d.reason);
        }
        let k = &s.counts;
        let _ = writeln!(
            out,
            "    rows: {} read = {} title + {} header + {} blank + {} subtotal + {} note + {} data ({} accepted, {} rejected)",
            k.rows_read, k.title_rows, k.header_rows, k.blank_rows, k.subtotal_rows, k.note_rows, k.data_rows, k.accepted, k.rejected
        );
    }
    let q = &i.quality;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Total: {} file(s), {} ledger sheet(s) ({} skipped), {} rows read, {} data rows = {} accepted + {} rejected",
        q.files, q.sheets, q.sheets_skipped, q.rows.rows_read, q.rows.data_rows, q.rows.accepted, q.rows.rejected
    );
    let _ = writeln!(
        out,
        "Complaints: {} (accepted {} − duplicates merged {}; id conflicts {}, possible duplicates without id {})",
        q.complaints, q.rows.accepted, q.duplicates_merged, q.id_conflicts, q.possible_duplicates
    );
    if q.history_tickets > 0 {
        let _ = writeln!(
            out,
            "History: {} rows are the history of {} tickets (ids repeated in one sheet with changing states): the latest row of each is the complaint",
            q.history_rows, q.history_tickets
        );
    }
    for m in &i.unused_mappings {
        let _ = writeln!(out, "Note: mapping {m} matched no column in any sheet");
    }
    list(
        &mut out,
        "Rejected rows",
        i.rejects.len(),
        i.rejects.iter().map(|r| {
            let cells: Vec<String> =
                r.cells.iter().take(6).map(|(h, v)| format!("{h}={}", crate::text::fit_width(v, 30))).collect();
            format!("{}: {}  [{}]", place(&r.file, &r.sheet, r.row), r.reason.describe(), cells.join(", "))
        }),
    );
    list(
        &mut out,
        "Warnings (row kept, field left blank)",
        i.warnings.len(),
        i.warnings.iter().map(|w| {
            format!(
                "{} column {} ({}): \"{}\" — {}",
                place(&w.file, &w.sheet, w.row),
                w.column,
                w.field.name(),
                crate::text::fit_width(&w.text, 40),
                w.message
            )
        }),
    );
    list(
        &mut out,
        "ID conflicts (last input wins)",
        i.conflicts.len(),
        i.conflicts.iter().map(|c| {
            let values: Vec<String> = c.values.iter().map(|(v, at)| format!("\"{v}\" at {at}")).collect();
            format!("{} {}: {}", c.complaint_id, c.field.name(), values.join(" vs "))
        }),
    );
    out
}

fn list(out: &mut String, title: &str, total: usize, lines: impl Iterator<Item = String>) {
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "\n{title}: {total}");
    for line in lines.take(LIST_LIMIT) {
        let _ = writeln!(out, "  {line}");
    }
    if total > LIST_LIMIT {
        let _ = writeln!(out, "  … and {} more (all of them with --json)", total - LIST_LIMIT);
    }
}

/// `file / sheet / row N`, or `file row N` for a CSV.
pub fn place(file: &str, sheet: &str, row: u32) -> String {
    if sheet.is_empty() {
        format!("{} row {row}", one_line(file))
    } else {
        format!("{} / {} / row {row}", one_line(file), one_line(sheet))
    }
}

/// Pads to a terminal width (Hangul is two columns wide).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
