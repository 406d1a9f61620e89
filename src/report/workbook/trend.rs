//! The Trend sheet: the monthly table (counts with MoM, YoY, rolling mean and
//! the cohort figures), its charts, and the top-N breakdowns of the trend
//! window by defect type, product, customer, channel and site.

use super::cells::{text, Sheet, Value, CHART_ROWS, MIN_CHART_WIDTH_PX};
use super::chart_style::CHART_HEIGHT_PX;
use super::monthly::{on_time_chart, received_chart, MonthlyTable, TREND_COLUMNS, TREND_HEADER_ROW};
use super::{print, Book};
use crate::ingest::fields::Field;
use crate::metrics::trend::BREAKDOWN_FIELDS;
use crate::report::labels::L;
use rust_xlsxwriter::Worksheet;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetTrend));
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.sheet_title(name), &b.subtitle)?;
    let table = MonthlyTable::write(&mut sh, b, name, TREND_HEADER_ROW, &TREND_COLUMNS, &breakdown_widths(b))?;
    let mut row = table.last_row;
    let (filter_row, filter_col) = table.first_block_end();
    sh.ws.autofilter(TREND_HEADER_ROW, 0, filter_row, filter_col)?;
    // charts under the table, right of the month column (which a print
    // across pages repeats): side by side when both fit the first printed
    // page at 80 % — in LibreOffice too, whose columns are wider — else one
    // under the other (a wide column A of long category names)
    // (column A's width comes from the breakdowns' names below: measured first)
    for rows in BREAKDOWN_FIELDS.iter().filter_map(|f| r.breakdowns.get(*f)) {
        for x in rows {
            sh.fit(0, l.category(&x.value));
        }
    }
    // (a page across ends at a column's edge: the charts end before it, in
    // Excel's widths and in LibreOffice's, where the columns are wider and
    // a chart, anchored to the cells it spans, widens with them)
    // (each as wide as half the room, from MIN_CHART_WIDTH_PX to HALF_CHART_PX)
    let half_px = ((sh.page_room_right_of(1) / 2.0 / 0.75).floor().max(0.0) as u32).min(HALF_CHART_PX);
    let side_by_side = half_px >= MIN_CHART_WIDTH_PX;
    let width = if side_by_side { half_px } else { HALF_CHART_PX };
    for (i, mut chart) in
        [received_chart(b, &table, width, CHART_HEIGHT_PX)?, on_time_chart(b, &table, width)?].into_iter().enumerate()
    {
        chart.set_width(width);
        if side_by_side {
            sh.chart_with_offset(row + 2, 1, &chart, i as u32 * width, width)?;
        } else {
            sh.chart_with_offset(row + 2 + i as u32 * CHART_ROWS, 1, &chart, 0, width)?;
        }
    }
    // printed: the table's blocks, each chart and each breakdown start a
    // page unless they fit under what is before them
    let mut stack = print::Stack::new();
    table.place(&mut stack);
    stack.place(row + 1, CHART_ROWS + 1);
    if !side_by_side {
        stack.place(row + 1 + CHART_ROWS, CHART_ROWS);
    }
    row += 2 + CHART_ROWS * if side_by_side { 1 } else { 2 };

    // breakdowns: top values per field, one column per month
    let months: Vec<String> = r.trend.iter().map(|t| t.month.to_string()).collect();
    // printed: as many breakdowns to a page as fit at full scale (the most
    // rows a page can hold less), so that no table runs on to the next
    // page without its header
    for field in BREAKDOWN_FIELDS {
        let Some(rows) = r.breakdowns.get(field) else { continue };
        if !crate::report::recorded(r, field) {
            continue; // the ledgers have no such column
        }
        let label = Field::from_name(field).map_or(field, |f| l.field(f));
        row += 3;
        // the gap, title, header and rows
        stack.place(row - 1, rows.len() as u32 + 4);
        sh.ws.write_string_with_format(row, 0, l.fmt(L::BreakdownTitle, &[&label, &l.get(L::Total)]), &b.f.bold)?;
        row += 1;
        let mut headers: Vec<&str> = vec![label, l.get(L::Total)];
        headers.extend(months.iter().map(String::as_str));
        let body: Vec<Vec<Value>> = rows
            .iter()
            .map(|b| {
                let mut v = vec![text(l.category(&b.value)), Value::Int(b.total as i64)];
                v.extend(b.months.iter().map(|n| Value::Int(*n as i64)));
                v
            })
            .collect();
        row = sh.table(row, 0, &headers, &body)?;
    }
    sh.row_breaks.extend(stack.breaks);
    sh.finish(TREND_HEADER_ROW + 1, name)
}

/// The widths (characters) the breakdown tables below give the Trend
/// sheet's columns — the names, the totals, a column per month — which the
/// monthly table's blocks share.
pub(super) fn breakdown_widths(b: &Book) -> Vec<f64> {
    let (r, l) = (b.r(), b.l());
    let mut names = 0.0_f64;
    let mut totals = super::cells::text_width(l.get(L::Total));
    for field in BREAKDOWN_FIELDS {
        let Some(rows) = r.breakdowns.get(field) else { continue };
        if !crate::report::recorded(r, field) {
            continue;
        }
        let label = Field::from_name(field).map_or(field, |f| l.field(f));
        names = names.max(super::cells::text_width(label));
        for x in rows {
            names = names.max(super::cells::text_width(l.category(&x.value)));
            totals = totals.max(super::cells::text_width(&x.total.to_string()));
        }
    }
    let mut widths = vec![names, totals];
    widths.extend(r.trend.iter().map(|t| super::cells::text_width(&t.month.to_string())));
    widths
}

/// Two charts side by side in the printable width at full scale (2 × 470 px
/// = 705 pt of 741).
const HALF_CHART_PX: u32 = 470;
