//! The Trend sheet: the monthly table (counts with MoM, YoY, rolling mean and
//! the cohort figures), its charts, and the top-N breakdowns of the trend
//! window by defect type, product, customer, channel and site.

use super::cells::{text, Sheet, Value, CHART_ROWS};
use super::monthly::{on_time_chart, received_chart, MonthlyTable, TREND_COLUMNS, TREND_HEADER_ROW};
use super::Book;
use crate::ingest::fields::Field;
use crate::metrics::trend::BREAKDOWN_FIELDS;
use crate::metrics::BLANK;
use crate::report::labels::L;
use rust_xlsxwriter::Worksheet;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetTrend));
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.sheet_title(name), &b.subtitle)?;
    let table = MonthlyTable::write(&mut sh, b, name, TREND_HEADER_ROW, &TREND_COLUMNS)?;
    let mut row = table.last_row;
    sh.ws.autofilter(TREND_HEADER_ROW, 0, row, TREND_COLUMNS.len() as u16 - 1)?;
    // charts under the table, side by side, so the sheet prints one page wide
    sh.ws.insert_chart(row + 2, 0, &received_chart(b, &table)?)?;
    sh.ws.insert_chart(row + 2, 8, &on_time_chart(b, &table)?)?;
    row += 2 + CHART_ROWS;

    // breakdowns: top values per field, one column per month
    let months: Vec<String> = r.trend.iter().map(|t| t.month.to_string()).collect();
    // printed: the breakdowns start a page, three to a page, so that no
    // table runs on to the next page without its header
    let mut breaks: Vec<u32> = Vec::new();
    let mut written = 0;
    for field in BREAKDOWN_FIELDS {
        let Some(rows) = r.breakdowns.get(field) else { continue };
        if rows.iter().all(|b| b.value == BLANK) {
            continue; // the ledgers have no such column
        }
        let label = Field::from_name(field).map_or(field, |f| l.field(f));
        row += 3;
        if breaks.len() * BREAKDOWNS_PER_PAGE == written {
            breaks.push(row - 1);
        }
        written += 1;
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
    sh.ws.set_page_breaks(&breaks)?;
    sh.finish(TREND_HEADER_ROW + 1, name)
}

/// Breakdown tables on one printed page (each is at most `--top` + 2 rows).
const BREAKDOWNS_PER_PAGE: usize = 3;
