//! The Data sheet: the trend window's complaints with their judgements and
//! source file/sheet/row, as an Excel table (filters, banded rows). Written
//! in constant-memory mode, rows in order. A window larger than
//! `--data-sheet-rows` keeps the reporting month's, the open and the newest
//! complaints here, says so above the header, and goes whole to a CSV.

use super::cells::{excel_text, Sheet};
use super::{data_csv_name, Book};
use crate::report::labels::{thousands, L};
use polars::prelude::{DataFrame, DataType, IdxCa, IdxSize};
use rust_xlsxwriter::{Format, FormatAlign, Table, TableColumn, TableStyle, Worksheet};

/// Data rows an Excel sheet holds (1,048,576 rows less the header).
pub const EXCEL_DATA_ROWS: usize = 1_048_575;

/// Cells up to which the Data sheet is an Excel table (10,000 rows × 30).
/// rust_xlsxwriter checks a table for overlaps by hashing every cell of it
/// (0.2 s per million cells here); bigger windows get a plain header row
/// with filters, which a manager uses the same way.
const TABLE_MAX_CELLS: u64 = 300_000;

/// Rows of the Data sheet measured for its column widths.
const WIDTH_SAMPLE_ROWS: usize = 2_000;

/// Excel's serial of 1970-01-01 (serials count days from 1899-12-30).
const EXCEL_EPOCH_OFFSET: f64 = 25_569.0;

/// The window's complaints with judgements and provenance, as an Excel
/// table (filters, banded rows). Written in constant-memory mode, rows in order.
pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (l, f) = (b.l(), &b.f);
    let df: &DataFrame = &b.r().window_table;
    let columns: Vec<(&str, &str)> = sheet_columns(b).iter().map(|(c, h)| (*c, l.get(*h))).collect();
    // A window larger than the sheet holds: its chosen rows, a note above the header.
    let chosen = match shown_rows(df, b.r().period.0, b.r().params.data_sheet_rows as usize)? {
        Some(rows) => Some(df.take(&IdxCa::from_vec("row".into(), rows))?),
        None => None,
    };
    let top: u32 = u32::from(chosen.is_some()); // the header row
    let df = chosen.as_ref().unwrap_or(df);
    // Widths must be set before rows are streamed in constant-memory mode,
    // so text widths are measured first, on the first rows.
    let first_rows = crate::metrics::with_strings(df.slice(0, WIDTH_SAMPLE_ROWS))?;
    let head = borrow_columns(&first_rows, &columns)?;
    let mut sh = Sheet::new(ws, f);
    for (c, (_, header)) in columns.iter().enumerate() {
        sh.fit(c as u16, header);
        sh.fit(c as u16, "2025-10-31");
        // widths from the first rows: enough to size a column, and cheap
        if let Col::Text(values) = &head[c] {
            for t in values.iter().flatten() {
                sh.fit(c as u16, t);
            }
        }
    }
    for (c, w) in sh.widths.iter().enumerate() {
        sh.ws.set_column_width(c as u16, w.min(DATA_MAX_WIDTH))?;
    }
    // Dates take their format from the column: a format per cell costs a
    // format lookup per cell.
    // Every column in the workbook's font, top-aligned as the other sheets
    // (a cell of the default font beside them would stand out of its row);
    // no border, which a column format would draw down to the last row.
    let plain = Format::new().set_font_name(super::FONT).set_font_size(10).set_align(FormatAlign::Top);
    let date = plain.clone().set_num_format("yyyy-mm-dd");
    for (c, col) in head.iter().enumerate() {
        sh.ws.set_column_format(c as u16, if let Col::Date(_) = col { &date } else { &plain })?;
    }
    // (--data-sheet-rows is below Excel's row limit; a window above it is
    // in the CSV written beside the workbook, see the Data quality sheet)
    let n = df.height().min(EXCEL_DATA_ROWS - top as usize) as u32;
    let last_col = columns.len() as u16 - 1;
    if top > 0 {
        let window = b.r().window_table.height() as f64;
        let note = l.fmt(L::DataSheetCapped, &[&thousands(window), &thousands(f64::from(n)), &data_csv_name(b.r())]);
        sh.ws.write_string_with_format(0, 0, note, &f.bold)?;
    }
    // The header row first: constant-memory sheets take rows in order. Up to
    // TABLE_MAX_CELLS an Excel table (filters, banded rows); beyond, a plain
    // header with filters, because rust_xlsxwriter registers every cell of a
    // table (seconds and hundreds of MB at a million rows).
    if u64::from(n) * columns.len() as u64 <= TABLE_MAX_CELLS {
        let table_columns: Vec<TableColumn> =
            columns.iter().map(|(_, h)| TableColumn::new().set_header(*h).set_header_format(&f.header)).collect();
        let table = Table::new().set_columns(&table_columns).set_style(TableStyle::Medium2).set_name("Complaints");
        sh.ws.add_table(top, 0, top + n.max(1), last_col, &table)?;
    } else {
        for (c, (_, header)) in columns.iter().enumerate() {
            sh.ws.write_string_with_format(top, c as u16, *header, &f.header)?;
        }
        sh.ws.autofilter(top, 0, top + n, last_col)?;
    }
    write_rows(&mut sh, df, &columns, n, top, (l.get(L::Yes), l.get(L::No)))?;
    sh.ws.set_freeze_panes(top + 1, 1)?;
    sh.ws.set_repeat_rows(top, top)?;
    print_first_page(&mut sh, b, top, n, last_col)
}

/// Printing the workbook prints the report, not thousands of source rows:
/// the Data sheet prints one readable page — the header and the first rows
/// and columns that fit A4 at 80 % (in LibreOffice's wider columns too) —
/// and its page header says how much of the list that is (clear the print
/// area in Excel to print it all).
fn print_first_page(sh: &mut Sheet, b: &Book, top: u32, n: u32, last_col: u16) -> anyhow::Result<()> {
    use super::print;
    let widths: Vec<f64> = sh.widths.iter().map(|w| w.min(DATA_MAX_WIDTH)).collect();
    let cols = print::first_page_columns(&widths, print::LIBREOFFICE_WIDER).0.clamp(1, last_col + 1);
    // a header of up to three lines and the note above it
    let rows = n.min(print::rows_per_page(DATA_ROW_PT, f64::from(print::MIN_SCALE)).saturating_sub(3 + top).max(1));
    let name = b.name(L::SheetData);
    let title = if rows < n || cols <= last_col {
        let extent = [n, rows, u32::from(last_col) + 1, u32::from(cols)].map(|x| thousands(f64::from(x)));
        format!("{name} · {}", b.l().fmt(L::DataSheetPrinted, &[&extent[0], &extent[1], &extent[2], &extent[3]]))
    } else {
        name.to_string()
    };
    print::setup_reference(sh.ws, &title, &b.f.page_header);
    sh.ws.set_print_fit_to_pages(1, 1);
    sh.ws.set_print_area(0, 0, top + rows, cols - 1)?;
    Ok(())
}

/// The widest a Data column is set, in characters (a long description is
/// cut off at the cell's edge rather than pushing the other columns away).
const DATA_MAX_WIDTH: f64 = 40.0;

/// The height of a Data row in points (the workbook's default 18 px).
const DATA_ROW_PT: f64 = 13.5;

/// The Data sheet's columns with their labels: the clean table's, then the
/// judgements, then where each came from.
fn sheet_columns(b: &Book) -> Vec<(&'static str, L)> {
    let columns: [(&str, L); 30] = [
        ("complaint_id", L::ComplaintId),
        ("received_date", L::ReceivedDate),
        ("customer", L::Customer),
        ("product", L::Product),
        ("lot", L::Lot),
        ("defect_type", L::DefectType),
        ("description", L::Description),
        ("channel", L::Channel),
        ("severity", L::Severity),
        ("site", L::Site),
        ("department", L::Department),
        ("owner", L::Owner),
        ("cause", L::Cause),
        ("action", L::Action),
        ("notified_date", L::NotifiedDate),
        ("closed_date", L::ClosedDate),
        ("status", L::Status),
        ("capa_id", L::CapaId),
        ("nonconforming", L::Nonconforming),
        ("cost", L::Cost),
        ("closed", L::ClosedFlag),
        ("ttr", L::DaysToClose),
        ("age", L::AgeDays),
        ("on_time", L::OnTime),
        ("overdue", L::Overdue),
        ("repeat", L::Repeats),
        ("recurrence_after_closure", L::RecurrencesAfterClosure),
        ("source_file", L::File),
        ("source_sheet", L::Sheet),
        ("source_row", L::Row),
    ];
    let mut columns: Vec<(&str, L)> = columns.to_vec();
    // the fields of issue 26 when some ledger records them (no column of
    // blanks otherwise), after the cost
    let q = &b.r().data_quality;
    let at = columns.iter().position(|(c, _)| *c == "cost").map_or(columns.len(), |p| p + 1);
    let extra = [
        ("defect_qty", L::DefectQty, q.defect_qty_recorded),
        ("responsibility", L::Responsibility, q.responsibility_recorded),
    ];
    columns.splice(at..at, extra.iter().filter(|e| e.2).map(|e| (e.0, e.1)));
    columns
}

/// Streams rows `0..n` of `df` below the header row `top`. A judgement is
/// `yes`/`no` (예/아니오); blank where it does not apply (an open
/// complaint has no on-time judgement).
fn write_rows(
    sh: &mut Sheet,
    df: &DataFrame,
    columns: &[(&str, &str)],
    n: u32,
    top: u32,
    (yes, no): (&str, &str),
) -> anyhow::Result<()> {
    // No cell carries a format of its own (the table style draws the grid,
    // dates take the column's), which keeps the writer from hashing a
    // format per cell.
    // Rows in blocks: the values of one block are borrowed (its text
    // columns cast to strings) at a time, not a copy of every column of the
    // window (GBs at millions of rows).
    for start in (0..n as usize).step_by(BLOCK_ROWS) {
        let block = crate::metrics::with_strings(df.slice(start as i64, BLOCK_ROWS.min(n as usize - start)))?;
        let cols = borrow_columns(&block, columns)?;
        for row in 0..block.height() {
            let r = (start + row) as u32 + top + 1;
            for (c, col) in cols.iter().enumerate() {
                let c = c as u16;
                match col {
                    Col::Text(v) => {
                        if let Some(t) = v[row] {
                            sh.ws.write_string(r, c, excel_text(t))?;
                        }
                    }
                    Col::Date(v) => {
                        if let Some(d) = v[row] {
                            sh.ws.write_number(r, c, f64::from(d) + EXCEL_EPOCH_OFFSET)?;
                        }
                    }
                    Col::Flag(v) => {
                        if let Some(flag) = v[row] {
                            sh.ws.write_string(r, c, if flag { yes } else { no })?;
                        }
                    }
                    Col::Number(v) => {
                        if let Some(x) = v[row] {
                            sh.ws.write_number(r, c, x)?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The rows of `window` the Data sheet shows when it has more than `cap`
/// (`None`: all of them fit): the reporting month's complaints, then every
/// open one, then the rest, each newest first (on the same day the later
/// row first), up to `cap` — as positions in the window, in its order.
pub fn shown_rows(window: &DataFrame, month: i32, cap: usize) -> anyhow::Result<Option<Vec<IdxSize>>> {
    if window.height() <= cap {
        return Ok(None);
    }
    let months = window.column("month")?.as_materialized_series().i32()?.clone();
    let closed = window.column("closed")?.as_materialized_series().bool()?.clone();
    let received = window.column("received_date")?.as_materialized_series().date()?.physical().clone();
    // (class, received, position): class 0 the month, 1 open, 2 the rest
    let mut order: Vec<(u8, i32, IdxSize)> = months
        .iter()
        .zip(closed.iter())
        .zip(received.iter())
        .enumerate()
        .map(|(i, ((m, c), d))| {
            let class = if m == Some(month) {
                0
            } else if c != Some(true) {
                1
            } else {
                2
            };
            (class, d.unwrap_or(i32::MIN), i as IdxSize)
        })
        .collect();
    let first = |a: &(u8, i32, IdxSize), b: &(u8, i32, IdxSize)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2));
    if cap > 0 {
        order.select_nth_unstable_by(cap - 1, first);
    }
    let mut rows: Vec<IdxSize> = order[..cap].iter().map(|o| o.2).collect();
    rows.sort_unstable();
    Ok(Some(rows))
}

/// Rows of the window borrowed and written at a time.
const BLOCK_ROWS: usize = 65_536;

/// The values of one Data column, borrowed from the table.
enum Col<'a> {
    Text(Vec<Option<&'a str>>),
    Date(Vec<Option<i32>>),
    Flag(Vec<Option<bool>>),
    Number(Vec<Option<f64>>),
}

/// The Data sheet's columns of `df`, in the order of `columns`.
fn borrow_columns<'a>(df: &'a DataFrame, columns: &[(&str, &str)]) -> anyhow::Result<Vec<Col<'a>>> {
    let mut cols: Vec<Col> = Vec::with_capacity(columns.len());
    for (name, _) in columns {
        let series = df.column(name)?.as_materialized_series();
        cols.push(match series.dtype() {
            DataType::String => Col::Text(series.str()?.iter().collect()),
            DataType::Date => Col::Date(series.date()?.physical().iter().collect()),
            DataType::Boolean => Col::Flag(series.bool()?.iter().collect()),
            DataType::Float64 => Col::Number(series.f64()?.iter().collect()),
            DataType::Int32 => Col::Number(series.i32()?.iter().map(|v| v.map(f64::from)).collect()),
            DataType::UInt32 => Col::Number(series.u32()?.iter().map(|v| v.map(f64::from)).collect()),
            other => anyhow::bail!("internal error: Data column {name} has type {other}"),
        });
    }
    Ok(cols)
}
