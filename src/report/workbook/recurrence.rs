//! The Recurrence sheet: the monthly repeat and recurrence-after-closure
//! rates with their chart, and the recurring problems of the trend window.

use super::cells::{
    line_format, longest_word, new_chart, text, Sheet, Value, CHART_ROWS, CHART_WIDTH_PX, MIN_CHART_WIDTH_PX,
};
use super::monthly::{MonthColumn as C, MonthlyTable};
use super::{print, Book};
use crate::ingest::fields::Field;
use crate::report::labels::L;
use rust_xlsxwriter::{ChartType, Worksheet};

/// The characters the recurring problems' key columns share on a printed
/// page (the rest hold the counts and dates).
const LIST_CHARS: f64 = 64.0;

const COLUMNS: [C; 6] =
    [C::Month, C::Received, C::Repeats, C::RepeatRate, C::RecurrencesAfterClosure, C::RecurrenceAfterClosureRate];

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetRecurrence));
    let mut sh = Sheet::new(ws, &b.f);
    let key: Vec<&str> = r.params.recurrence_key.iter().map(|k| l.field(*k)).collect();
    let subtitle = l.fmt(L::RecurrenceSubtitle, &[&b.subtitle, &key.join(" + "), &r.params.recurrence_window]);
    sh.title(&b.sheet_title(name), &subtitle)?;
    // figures the ledgers cannot give (their 0s are no measurement) said
    // above the table
    let not_judged = crate::report::repeats_not_recorded(r, l);
    let unknown = match &not_judged {
        Some(text) => Some(text.clone()),
        None => (!r.data_quality.ttr_recorded).then(|| l.get(L::AfterClosureNotRecorded).to_string()),
    };
    if let Some(text) = &unknown {
        sh.ws.write_string_with_format(2, 0, text, &b.f.alert)?;
    }
    // (columns of figures not judged left out, not shown as 0)
    let after_closure = [C::RecurrencesAfterClosure, C::RecurrenceAfterClosureRate];
    let columns: Vec<C> = COLUMNS
        .into_iter()
        .filter(|c| not_judged.is_none() || matches!(c, C::Month | C::Received))
        .filter(|c| unknown.is_none() || !after_closure.contains(c))
        .collect();
    let table = MonthlyTable::write(&mut sh, b, name, 3, &columns, &[])?;
    let mut chart = new_chart(ChartType::Line, l.get(L::ChartRecurrenceRates));
    super::monthly::month_labels(&mut chart, r.trend.len(), MIN_CHART_WIDTH_PX);
    // (a rate the ledgers cannot give drawn not as a line at 0)
    let lines = [
        (C::RepeatRate, "#4472C4", not_judged.is_none()),
        (C::RecurrenceAfterClosureRate, "#C00000", unknown.is_none()),
    ];
    for (column, color, _) in lines.into_iter().filter(|x| x.2) {
        let (series_name, categories, values) = table.series(column)?;
        chart
            .add_series()
            .set_name(series_name)
            .set_categories(categories)
            .set_values(values)
            .set_format(&mut line_format(color, false));
    }
    chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
    // the recurring problems' table (below) is measured first: its columns
    // decide where the chart fits
    let (headers, rows) = recurring_list(b, &key, unknown.is_some());
    for (c, h) in headers.iter().enumerate() {
        sh.fit(c as u16, longest_word(h));
    }
    // the key's names wrap in columns of a bounded width, so that the list
    // prints on the page's width with every column beside its names
    let keys = key.len();
    let cap = (LIST_CHARS / keys.max(1) as f64).clamp(14.0, 30.0);
    for row in &rows {
        for (c, v) in row.iter().enumerate() {
            match v {
                Value::Text(t) if c < keys => sh.fit_at_most(c as u16, t, cap),
                _ => sh.measure(c as u16, v),
            }
        }
    }
    // the chart right of the monthly table when it fits the printed page
    // there (in LibreOffice's wider columns too), else under it
    let col = columns.len() as u16 + 1;
    let room_px = (sh.page_room_right_of(col) / 0.75).max(0.0) as u32;
    let top = if not_judged.is_some() {
        // no rate to draw (the note above says why)
        table.last_row + 3
    } else if room_px >= MIN_CHART_WIDTH_PX {
        let width = room_px.min(CHART_WIDTH_PX);
        chart.set_width(width);
        sh.chart_with_offset(3, col, &chart, 0, width)?;
        // below the chart too: a page break there must not cut it
        (table.last_row + 3).max(3 + CHART_ROWS + 1)
    } else {
        // printed: on the table's page if it fits under it, else on the next
        let chart_row = table.last_row + 2;
        let mut stack = print::Stack::new();
        table.place(&mut stack);
        stack.place(chart_row - 1, CHART_ROWS + 1);
        sh.row_breaks.extend(stack.breaks);
        sh.chart(chart_row, 0, &mut chart)?;
        chart_row + CHART_ROWS + 2
    };
    sh.ws.write_string_with_format(top - 1, 0, l.fmt(L::RecurringProblems, &[]), &b.f.bold)?;
    let last = sh.table_wrapped(top, 0, &headers, &rows, cap, 0)?;
    if !rows.is_empty() {
        sh.ws.autofilter(top, 0, last, headers.len() as u16 - 1)?;
    }
    // the list starts a printed page, and its header repeats on the pages
    // it runs on to (the monthly table and chart fill the first page)
    sh.row_breaks.push(top - 1);
    sh.finish(4, name)?;
    ws.set_repeat_rows(top, top)?;
    Ok(())
}

/// The recurring problems' list: the key's fields, count, first and last,
/// customers, repeats and recurrences after closure — a column the ledgers
/// cannot give left out (no customer recorded; `after_closure_unknown`).
fn recurring_list<'a>(b: &'a Book, key: &[&'a str], after_closure_unknown: bool) -> (Vec<&'a str>, Vec<Vec<Value>>) {
    let (r, l) = (b.r(), b.l());
    let mut headers: Vec<&str> = key.to_vec();
    headers.extend([L::Count, L::First, L::Last, L::Customers, L::RepeatsShort, L::AfterClosure].map(|h| l.get(h)));
    let mut rows: Vec<Vec<Value>> = r
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
    if after_closure_unknown {
        // (recurrences after closure not judged: the column left out)
        headers.pop();
        rows.iter_mut().for_each(|r| drop(r.pop()));
    }
    if !crate::report::recorded(r, Field::Customer.name()) {
        // (no customer recorded: their count is unknown, not 0)
        let at = key.len() + 3;
        headers.remove(at);
        rows.iter_mut().for_each(|r| drop(r.remove(at)));
    }
    (headers, rows)
}
