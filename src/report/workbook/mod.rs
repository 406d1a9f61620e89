//! The management-review workbook `complaint_report_<period>.xlsx`: the
//! sheets a manager can use as they are — KPI summary with native charts,
//! trend, Pareto, cost (when recorded), resolution with customer
//! notification (when recorded), overdue list, recurrence, corrective
//! action (when recorded), control chart, the window's complaints with
//! provenance, and the data-quality reconciliation.
//! One file per sheet; `cells.rs` holds the formats and the table writer
//! they share, `monthly.rs` the typed columns of the monthly tables.

mod capa;
mod cells;
mod changes;
mod chart_style;
mod control;
mod cost;
mod data;
mod monthly;
mod notification;
mod overdue;
mod pareto;
mod ppm;
mod print;
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
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet};

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
        std::thread::scope(|scope| {
            // A window larger than the Data sheet holds: the whole window as
            // CSV beside it, written while the workbook is.
            let csv = (ctx.report.window_table.height() > ctx.report.params.data_sheet_rows as usize)
                .then(|| crate::threads::spawn(scope, "data-csv", || write_data_csv(ctx, out)));
            let name = file_name(ctx.report);
            // through the report's own file: a full disk ends the run with one
            // message, not the zip writer's as well
            let mut file = out.create(&name)?;
            build(ctx, &mut file).context("cannot build the workbook")?;
            out.finish(&name, file)?;
            match csv.map(|h| h.join()) {
                Some(Err(_)) => Err(anyhow::anyhow!("internal error: the data CSV writer crashed")),
                Some(Ok(written)) => written,
                None => Ok(()),
            }
        })
    }
}

/// The trend window's every complaint, with judgements and source rows.
fn write_data_csv(ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
    let name = data_csv_name(ctx.report);
    let columns = crate::ingest::COLUMNS.iter().chain(&DATA_CSV_JUDGEMENTS).copied();
    let mut file = out.create(&name)?;
    super::table_csv::write_csv(&ctx.report.window_table.select(columns)?, &mut file)?;
    out.finish(&name, file)
}

/// Judgement columns of the window CSV (after the clean table's columns).
const DATA_CSV_JUDGEMENTS: [&str; 7] =
    ["ttr", "age", "on_time", "late", "overdue", "repeat", "recurrence_after_closure"];

/// The CSV of the trend window written when it does not fit the Data sheet
/// (`--data-sheet-rows`), UTF-8 with a BOM so that Excel opens it.
pub fn data_csv_name(report: &Report) -> String {
    format!("data_{}.csv", report.period)
}

/// Lists the workbook's sheets once, in workbook order, each with its name
/// and its writer: a sheet cannot be added without a writer.
macro_rules! sheets {
    ($($sheet:ident => $label:ident, $write:path;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Sheet {
            $($sheet),+
        }

        impl Sheet {
            const ALL: &'static [Sheet] = &[$(Sheet::$sheet),+];

            /// The sheet's name in the catalogue.
            fn label(self) -> L {
                match self {
                    $(Sheet::$sheet => L::$label),+
                }
            }

            fn write(self, ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
                match self {
                    $(Sheet::$sheet => $write(ws, b)),+
                }
            }
        }
    };
}

sheets! {
    Summary => SheetSummary, summary::write;
    Changes => SheetChanges, changes::write;
    Trend => SheetTrend, trend::write;
    Pareto => SheetPareto, pareto::write;
    Ppm => SheetPpm, ppm::write;
    Cost => SheetCost, cost::write;
    Resolution => SheetResolution, resolution::write;
    Overdue => SheetOverdue, overdue::write;
    Recurrence => SheetRecurrence, recurrence::write;
    Capa => SheetCapa, capa::write;
    Control => SheetControl, control::write;
    Data => SheetData, data::write;
    Quality => SheetQuality, quality::write;
}

impl Sheet {
    /// Whether `r`'s workbook has the sheet: Changes only with an earlier
    /// report to compare with (§15); PPM, Cost and Corrective action only
    /// when their sections are recorded (docs/metrics.md §9, §10, §12).
    fn shown(self, r: &Report) -> bool {
        match self {
            Sheet::Changes => r.changes.is_some(),
            Sheet::Ppm => r.ppm.get().is_some(),
            Sheet::Cost => r.cost.get().is_some(),
            Sheet::Capa => r.capa.get().is_some(),
            _ => true,
        }
    }

    /// Sheets that can be hundreds of thousands of rows (the Data sheet,
    /// the overdue list): written in row order in constant-memory mode.
    fn in_row_order(self) -> bool {
        matches!(self, Sheet::Data | Sheet::Overdue)
    }
}

/// The sheets of `r`, in workbook order.
fn sheets(r: &Report) -> Vec<Sheet> {
    Sheet::ALL.iter().copied().filter(|s| s.shown(r)).collect()
}

/// Sheet names of `r`'s workbook in the report's language.
pub fn sheet_names(r: &Report, l: &Labels) -> Vec<&'static str> {
    sheets(r).into_iter().map(|s| l.get(s.label())).collect()
}

/// What every sheet writer gets: the report, the formats, the title and
/// the subtitle line.
pub(super) struct Book<'a> {
    ctx: &'a ReportContext<'a>,
    f: Formats,
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

    /// The name of a sheet (charts and notes refer to other sheets).
    fn name(&self, sheet: L) -> &'static str {
        self.l().get(sheet)
    }

    /// `<sheet> — <period>`, the title of most sheets.
    fn sheet_title(&self, sheet: &str) -> String {
        self.l().fmt(L::SheetTitle, &[&sheet, &self.r().period])
    }
}

fn build(ctx: &ReportContext, file: &mut (impl std::io::Write + Send)) -> anyhow::Result<()> {
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
    let subtitle = super::subtitle(r, l);
    let mut f = Formats::new();
    f.page_header = match &r.params.company {
        Some(company) => format!("{company} · {title} · {}", r.as_of),
        None => format!("{title} · {}", r.as_of),
    };
    f.none = l.get(crate::report::labels::L::None).to_string();
    let b = Book { ctx, f, title, subtitle };
    // Every sheet is added first. The sheets written in row order (the bulk
    // of the cells) are then written on their own thread while this one
    // writes the others. Those sheets number their cell formats in the
    // workbook's one table as they write, so one thread writes them all, in
    // workbook order (the same file on every run); the others number theirs
    // when the file is saved. The row-order sheets keep their text in the
    // workbook's shared-string table ("low memory" mode: one row in memory,
    // each distinct text once), not inline in every cell: a 100,000-row
    // ledger's workbook is 7.2 MB instead of 8.4 MB. That thread adds their strings to the table in row order, the
    // other sheets' strings follow at saving: the same file on every run.
    let order = sheets(r);
    for &sheet in &order {
        let ws = if sheet.in_row_order() { wb.add_worksheet_with_low_memory()? } else { wb.add_worksheet() };
        ws.set_name(l.get(sheet.label()))?;
    }
    let (row_order, others): (Vec<_>, Vec<_>) =
        order.iter().copied().zip(wb.worksheets_mut().iter_mut()).partition(|(sheet, _)| sheet.in_row_order());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let bulk = crate::threads::spawn(scope, "long-sheets", || -> anyhow::Result<()> {
            let start = std::time::Instant::now();
            for (sheet, ws) in row_order {
                sheet.write(ws, &b)?;
            }
            crate::progress::lap(&mut { start }, "  workbook row-order sheets");
            Ok(())
        });
        for (sheet, ws) in others {
            sheet.write(ws, &b)?;
        }
        crate::progress::lap(&mut clock, "  workbook sheets");
        bulk.join().unwrap_or_else(|_| Err(anyhow::anyhow!("internal error: a sheet writer crashed")))
    })?;
    crate::progress::lap(&mut clock, "  workbook row-order sheets done");
    wb.save_to_writer(file)?;
    crate::progress::lap(&mut clock, "  workbook save");
    Ok(())
}
