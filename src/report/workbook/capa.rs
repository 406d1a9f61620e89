//! The Corrective action sheet (docs/metrics.md §9), only when CAPA is
//! recorded. Three tables side by side, read left to right, their headers
//! on one frozen row so that each scrolls under its own: the recurring
//! problems that have no corrective action (the review's to-do list), the
//! CAPA counts, and every CAPA with its status and dates — overdue ones and
//! those whose problem came back highlighted.

use super::cells::{text, Sheet, Value};
use super::Book;
use crate::metrics::capa::CapaReport;
use crate::report::labels::L;
use rust_xlsxwriter::Worksheet;
use unicode_width::UnicodeWidthStr;

/// The header row of the three tables.
const HEADER_ROW: u32 = 3;
/// The width of the empty column between two tables.
const GAP: f64 = 3.0;
/// The widest the list's status and problems columns grow before they wrap.
const WRAP_WIDTH: f64 = 18.0;
/// The most lines a CAPA's status takes (never cut: it is the point).
const STATUS_LINES: usize = 4;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetCapa));
    let Some(capa) = r.capa.get() else { return Ok(()) };
    let mut sh = Sheet::new(ws, &b.f);
    let key: Vec<&str> = r.params.recurrence_key.iter().map(|k| l.field(*k)).collect();
    let subtitle = l.fmt(L::CapaSubtitle, &[&b.subtitle, &key.join(" + "), &r.params.recurrence_window]);
    let title = b.sheet_title(name);
    sh.title(&title, &subtitle)?;

    // the to-do list: recurring problems without a CAPA
    let todo = &capa.recurring_without_capa;
    let todo_title =
        l.fmt(L::CapaWithoutTitle, &[&todo.len(), &r.params.recurrence_window, &r.params.capa_trigger, &r.as_of]);
    sh.ws.write_string_with_format(HEADER_ROW - 1, 0, &todo_title, &b.f.bold)?;
    let mut headers: Vec<&str> = key.clone();
    headers.extend([l.get(L::Count), l.get(L::First), l.get(L::Last), l.get(L::Customers)]);
    let rows: Vec<Vec<Value>> = todo
        .iter()
        .map(|k| {
            let mut v: Vec<Value> = k.key.iter().map(|x| text(l.category(x))).collect();
            v.extend([
                Value::Int(k.count as i64),
                Value::Date(Some(k.first)),
                Value::Date(Some(k.last)),
                Value::Int(k.customers as i64),
            ]);
            v
        })
        .collect();
    sh.table(HEADER_ROW, 0, &headers, &rows)?;
    if rows.is_empty() {
        sh.ws.write_string_with_format(HEADER_ROW + 1, 0, l.get(L::None), &b.f.text)?;
    }
    let counts_col = headers.len() as u16 + 1;
    room_for_title(&mut sh, 0, counts_col - 1, &todo_title);

    // the counts
    let counts_title = l.fmt(L::CapaCountsTitle, &[&r.as_of]);
    sh.ws.write_string_with_format(HEADER_ROW - 1, counts_col, &counts_title, &b.f.bold)?;
    counts(&mut sh, b, capa, counts_col)?;
    room_for_title(&mut sh, counts_col, counts_col + 2, &counts_title);

    // every CAPA
    let list_col = counts_col + 3;
    list(&mut sh, b, capa, list_col)?;
    for gap in [counts_col - 1, list_col - 1] {
        sh.widths.resize(sh.widths.len().max(gap as usize + 1), 8.0);
        sh.widths[gap as usize] = GAP;
    }
    // printed: each table on pages of its own, its header on every page
    sh.column_breaks = vec![counts_col, list_col];
    sh.finish_with(HEADER_ROW + 1, b.name(L::SheetCapa), true)
}

/// Widens the last of the columns `from..to` so that a bold title over
/// them is not cut by the next table's title.
fn room_for_title(sh: &mut Sheet, from: u16, to: u16, title: &str) {
    sh.widths.resize(sh.widths.len().max(to as usize), 8.0);
    let have: f64 = sh.widths[from as usize..to as usize].iter().sum();
    let need = title.width() as f64 * 1.15 + 1.0;
    if need > have {
        sh.widths[to as usize - 1] += need - have;
    }
}

/// The CAPA counts as an item/count table at column `col`.
fn counts(sh: &mut Sheet, b: &Book, capa: &CapaReport, col: u16) -> anyhow::Result<()> {
    let l = b.l();
    let n = |x: u64| Value::Int(x as i64);
    let rows: [(L, Value, bool); 7] = [
        (L::CapaOpenedInWindow, n(capa.opened_in_window), false),
        (L::CapaOpen, n(capa.open), false),
        (L::CapaOverdue, n(capa.overdue), capa.overdue > 0),
        (L::CapaClosedUnverified, n(capa.closed_unverified), false),
        (L::CapaVerified, n(capa.verified), false),
        (L::CapaIneffective, n(capa.ineffective), capa.ineffective > 0),
        (L::CapaCoverage, Value::Pct(capa.coverage), false),
    ];
    sh.header(HEADER_ROW, col, &[l.get(L::Item), l.get(L::Count)])?;
    for (i, (label, value, warn)) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sh.put(row, col, &text(l.fmt(*label, &[])))?;
        sh.put_with(row, col + 1, value, *warn)?;
    }
    Ok(())
}

/// The list of every CAPA from column `col`, with filters; the status and
/// due date of an overdue one, and the complaint that shows a CAPA
/// ineffective, highlighted.
fn list(sh: &mut Sheet, b: &Book, capa: &CapaReport, col: u16) -> anyhow::Result<()> {
    let l = b.l();
    let title = l.fmt(L::CapaListTitle, &[&capa.list.len()]);
    sh.ws.write_string_with_format(HEADER_ROW - 1, col, &title, &b.f.bold)?;
    let headers: Vec<&str> = [
        L::CapaId,
        L::Status,
        L::CapaOpened,
        L::CapaDue,
        L::CapaClosed,
        L::CapaVerifiedOn,
        L::Complaints,
        L::CapaProblems,
        L::CapaIneffectiveBy,
    ]
    .iter()
    .map(|h| l.get(*h))
    .collect();
    sh.header(HEADER_ROW, col, &headers)?;
    // the four dates' headers on one line: the dates look alike
    for (j, h) in headers.iter().enumerate().skip(2).take(4) {
        sh.fit(col + j as u16, h);
    }
    let sep = l.get(L::ChartKeySeparator);
    for (i, c) in capa.list.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let problems: Vec<String> =
            c.keys.iter().map(|k| k.iter().map(|x| l.category(x)).collect::<Vec<_>>().join(sep)).collect();
        let cells = [
            (text(crate::report::capa_id(&c.capa_id)), false),
            (text(l.capa_status(c)), c.overdue || c.ineffective_by.is_some()),
            (Value::Date(Some(c.opened)), false),
            (Value::Date(c.due), c.overdue),
            (Value::Date(c.closed), false),
            (Value::Date(c.verified), false),
            (Value::Int(c.complaints as i64), false),
            (text(problems.join(" / ")), false),
            (text(c.ineffective_by.clone().unwrap_or_default()), c.ineffective_by.is_some()),
        ];
        for (j, (v, warn)) in cells.iter().enumerate() {
            match v {
                // the status and the problems wrap: the list prints on one
                // page width, its CAPA number beside every column
                // (a status whole: "closed, not verified, but recurred
                // (ineffective)" takes four lines in LibreOffice's glyphs)
                Value::Text(t) if j == 1 => sh.put_wrapped_in(row, col + 1, t, *warn, WRAP_WIDTH, STATUS_LINES)?,
                Value::Text(t) if j == 7 => sh.put_wrapped(row, col + j as u16, t, *warn, WRAP_WIDTH)?,
                _ => sh.put_with(row, col + j as u16, v, *warn)?,
            }
        }
    }
    if capa.list.is_empty() {
        sh.ws.write_string_with_format(HEADER_ROW + 1, col, l.get(L::None), &b.f.text)?;
    } else {
        let last = HEADER_ROW + capa.list.len() as u32;
        sh.ws.autofilter(HEADER_ROW, col, last, col + headers.len() as u16 - 1)?;
    }
    Ok(())
}
