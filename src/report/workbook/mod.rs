//! The management-review workbook `complaint_report_<period>.xlsx`: nine
//! sheets a manager can use as they are — KPI summary with native charts,
//! trend, Pareto, resolution, overdue list, recurrence, control chart, the
//! window's complaints with provenance, and the data-quality reconciliation.
//! One file per sheet; `cells.rs` holds the formats and the table writer
//! they share, `monthly.rs` the typed columns of the monthly tables.

mod cells;
mod control;
mod data;
mod monthly;
mod overdue;
mod pareto;
mod quality;
mod recurrence;
mod resolution;
mod summary;
mod trend;

use super::labels::{Labels, L};
use super::{Output, ReportContext, Writer};
use crate::metrics::Report;
use anyhow::Context as _;
use cells::Formats;
use rust_xlsxwriter::{DocProperties, Format, Workbook};

pub use data::EXCEL_DATA_ROWS;
pub use monthly::MonthColumn;

pub struct WorkbookWriter;

/// `complaint_report_2025-10.xlsx`
pub fn file_name(report: &Report) -> String {
    format!("complaint_report_{}.xlsx", report.period)
}

/// The font of every cell: what Korean Excel has (Malgun Gothic); the
/// bundled chart font NanumGothic is the fallback LibreOffice finds.
const FONT: &str = "맑은 고딕";

impl Writer for WorkbookWriter {
    fn name(&self) -> &'static str {
        "workbook"
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        let name = file_name(ctx.report);
        let path = out.path(&name)?;
        build(ctx, &path).context("cannot build the workbook")?;
        out.done(&name)?;
        // A window too big for one sheet: the whole window as CSV beside it.
        if ctx.report.window_table.height() > EXCEL_DATA_ROWS {
            let name = data_csv_name(ctx.report);
            let columns = crate::ingest::COLUMNS.iter().chain(&DATA_CSV_JUDGEMENTS).copied();
            let mut file = out.create(&name)?;
            super::table_csv::write_csv(&ctx.report.window_table.select(columns)?, &mut file)?;
            out.finish(&name, file)?;
        }
        Ok(())
    }
}

/// Judgement columns of the window CSV (after the clean table's columns).
const DATA_CSV_JUDGEMENTS: [&str; 7] =
    ["ttr", "age", "on_time", "late", "overdue", "repeat", "recurrence_after_closure"];

/// The CSV of the trend window written when it does not fit the Data sheet.
pub fn data_csv_name(report: &Report) -> String {
    format!("data_{}.csv", report.period)
}

/// The sheets, in workbook order.
const SHEETS: [L; 9] = [
    L::SheetSummary,
    L::SheetTrend,
    L::SheetPareto,
    L::SheetResolution,
    L::SheetOverdue,
    L::SheetRecurrence,
    L::SheetControl,
    L::SheetData,
    L::SheetQuality,
];

/// Sheet names in the report's language.
pub fn sheet_names(l: &Labels) -> [&'static str; 9] {
    SHEETS.map(|s| l.get(s))
}

/// What every sheet writer gets: the report, the formats, the sheet names
/// (charts refer to other sheets), the title and the subtitle line.
pub(super) struct Book<'a> {
    ctx: &'a ReportContext<'a>,
    f: Formats,
    names: [&'static str; 9],
    title: String,
    subtitle: String,
}

impl Book<'_> {
    fn r(&self) -> &Report {
        self.ctx.report
    }

    fn l(&self) -> &Labels {
        self.ctx.labels
    }

    /// `<sheet> — <period>`, the title of most sheets.
    fn sheet_title(&self, sheet: &str) -> String {
        self.l().fmt(L::SheetTitle, &[&sheet, &self.r().period])
    }
}

fn build(ctx: &ReportContext, path: &std::path::Path) -> anyhow::Result<()> {
    let mut clock = std::time::Instant::now();
    let (r, l) = (ctx.report, ctx.labels);
    let mut wb = Workbook::new();
    // Deflate dominates saving a large Data sheet; level 1 is several times
    // faster for a file a few percent larger.
    wb.set_zip_compression_level(1);
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(10).set_font_charset(129), 18, 64)?;
    let period = r.period.to_string();
    let title = l.fmt(L::WorkbookTitle, &[&period]);
    let created = r.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(format!("{period} (as of {})", r.as_of))
            .set_author("complaints")
            .set_keywords("complaints, management review, 경영검토")
            .set_creation_datetime(&created),
    );
    let q = &r.data_quality.read;
    let subtitle =
        l.fmt(L::Subtitle, &[&r.as_of, &r.params.target_days, &r.params.months, &q.complaints, &q.files, &q.sheets]);
    let b = Book { ctx, f: Formats::new(), names: sheet_names(l), title, subtitle };
    let names = b.names;
    summary::write(wb.add_worksheet().set_name(names[0])?, &b)?;
    trend::write(wb.add_worksheet().set_name(names[1])?, &b)?;
    pareto::write(wb.add_worksheet().set_name(names[2])?, &b)?;
    resolution::write(wb.add_worksheet().set_name(names[3])?, &b)?;
    overdue::write(wb.add_worksheet().set_name(names[4])?, &b)?;
    recurrence::write(wb.add_worksheet().set_name(names[5])?, &b)?;
    control::write(wb.add_worksheet().set_name(names[6])?, &b)?;
    crate::progress::lap(&mut clock, "  workbook sheets 1-7");
    data::write(wb.add_worksheet_with_constant_memory()?.set_name(names[7])?, &b)?;
    crate::progress::lap(&mut clock, "  workbook data sheet");
    quality::write(wb.add_worksheet().set_name(names[8])?, &b)?;
    wb.save(path)?;
    crate::progress::lap(&mut clock, "  workbook save");
    Ok(())
}
