//! The Recurrence sheet: the monthly repeat and recurrence-after-closure
//! rates with their chart, and the recurring problems of the trend window.

use super::cells::{line_format, new_chart, text, Sheet, Value, CHART_ROWS};
use super::monthly::{MonthColumn as C, MonthlyTable};
use super::Book;
use crate::report::labels::L;
use rust_xlsxwriter::{ChartType, Worksheet};

const COLUMNS: [C; 6] =
    [C::Month, C::Received, C::Repeats, C::RepeatRate, C::RecurrencesAfterClosure, C::RecurrenceAfterClosureRate];

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetRecurrence));
    let mut sh = Sheet::new(ws, &b.f);
    let key: Vec<&str> = r.params.recurrence_key.iter().map(|k| l.field(*k)).collect();
    let subtitle = l.fmt(L::RecurrenceSubtitle, &[&b.subtitle, &key.join(" + "), &r.params.recurrence_window]);
    sh.title(&b.sheet_title(name), &subtitle)?;
    let table = MonthlyTable::write(&mut sh, b, name, 3, &COLUMNS, &[])?;
    let mut chart = new_chart(ChartType::Line, l.get(L::ChartRecurrenceRates));
    for (column, color) in [(C::RepeatRate, "#4472C4"), (C::RecurrenceAfterClosureRate, "#C00000")] {
        let (series_name, categories, values) = table.series(column)?;
        chart
            .add_series()
            .set_name(series_name)
            .set_categories(categories)
            .set_values(values)
            .set_format(&mut line_format(color, false));
    }
    chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
    // right of both tables: the recurring problems below run wider than the
    // monthly table, and a chart must not cover their last columns
    let right = (key.len() + 6).max(COLUMNS.len()) as u16 + 1;
    sh.chart(3, right, &mut chart)?;

    // below the chart too: a page break there must not cut it
    let top = (table.last_row + 3).max(3 + CHART_ROWS + 1);
    sh.ws.write_string_with_format(top - 1, 0, l.fmt(L::RecurringProblems, &[]), &b.f.bold)?;
    let mut headers: Vec<&str> = key.clone();
    headers.extend([L::Count, L::First, L::Last, L::Customers, L::RepeatsShort, L::AfterClosure].map(|h| l.get(h)));
    let rows: Vec<Vec<Value>> = r
        .recurring_keys
        .iter()
        .map(|k| {
            let mut v: Vec<Value> = k.key.iter().map(|x| text(x.clone())).collect();
            v.extend([
                Value::Int(k.count as i64),
                Value::Date(Some(k.first)),
                Value::Date(Some(k.last)),
                Value::Int(k.customers as i64),
                Value::Int(k.repeats as i64),
                Value::Int(k.recurrences_after_closure as i64),
            ]);
            v
        })
        .collect();
    let last = sh.table(top, 0, &headers, &rows)?;
    if !rows.is_empty() {
        sh.ws.autofilter(top, 0, last, headers.len() as u16 - 1)?;
    }
    // the list starts a printed page, and its header repeats on the pages
    // it runs on to (the monthly table and chart fill the first page)
    sh.ws.set_page_breaks(&[top - 1])?;
    sh.finish(4, name)?;
    ws.set_repeat_rows(top, top)?;
    Ok(())
}
