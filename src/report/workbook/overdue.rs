//! The Overdue sheet: every open complaint past its target, oldest first,
//! with its due date, customer, product, description, current action,
//! department, owner (a missing one flagged) and source row; days past the
//! target highlighted; the count per department below it. Written in row
//! order in constant-memory mode: the list can be hundreds of thousands long.
//! Printed, a list longer than [`PRINTED_PAGES`] pages shows its oldest
//! complaints.

use super::cells::{fitted_width, text, wrapped_lines, Sheet, Value};
use super::{print, Book};
use crate::metrics::resolution::OverdueItem;
use crate::report::labels::{thousands, L};
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar, FormatAlign, Worksheet,
};

/// The list's header row; columns the code refers to.
const HEADER_ROW: u32 = 3;
const COL_PAST: u16 = 4;
const COL_DESCRIPTION: u16 = 8;
const COL_OWNER: u16 = 11;
const COL_CUSTOMER: u16 = 5;
const COL_STATUS: u16 = 12;
/// The list's columns.
const HEADERS: [L; 14] = [
    L::ComplaintId,
    L::ReceivedDate,
    L::DueDate,
    L::AgeDays,
    L::DaysPastTarget,
    L::Customer,
    L::Product,
    L::DefectType,
    L::Description,
    L::Action,
    L::Department,
    L::Owner,
    L::Status,
    L::Source,
];
/// The pages down the list prints at most, its oldest complaints first: a
/// list of thousands is worked on screen, with its filters; the printed
/// report shows the oldest and its page header says how many of all.
const PRINTED_PAGES: u32 = 3;
/// Characters a description or action column may take before it wraps.
const WRAP_WIDTH: f64 = 32.0;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l) = (b.r(), b.l());
    let mut sh = Sheet::new(ws, &b.f);
    let title = l.fmt(L::OverdueTitle, &[&thousands(r.overdue.len() as f64), &r.as_of, &l.target_days(&r.params)]);
    if !r.data_quality.closure_recorded {
        let title = b.sheet_title(b.name(L::SheetOverdue));
        sh.title(&title, &b.subtitle)?;
        sh.ws.write_string_with_format(3, 0, l.get(L::ClosureNotRecorded), &b.f.alert)?;
        sh.ws.write_string_with_format(4, 0, l.get(L::ClosureNotRecordedFix), &b.f.subtitle)?;
        return sh.finish_with(HEADER_ROW + 1, b.name(L::SheetOverdue), true);
    }
    sh.title(&title, &b.subtitle)?;
    let mut headers: Vec<&str> = HEADERS.iter().map(|h| l.get(*h)).collect();
    let no_owner_text = l.get(L::NoOwner);
    // The sheet is written in row order (constant memory: the list can hold
    // hundreds of thousands of complaints), so the columns are measured
    // first; the long texts wrap in a column of bounded width.
    // (and which columns some complaint fills)
    let mut filled = [false; 14];
    let mut measure = |sh: &mut Sheet, one_file: bool| {
        for o in &r.overdue {
            for (c, (v, _)) in cells_of(o, no_owner_text, one_file).iter().enumerate() {
                sh.measure(c as u16, v);
                filled[c] |= !matches!(v, Value::Text(t) if t.trim().is_empty());
            }
        }
    };
    // one source file: named once above the list, each row its sheet!row
    // (a long export's name in every row made rows three lines tall)
    let first = r.overdue.first().map(|o| &o.source_file);
    let mut one_file = first.is_some_and(|f| r.overdue.iter().all(|o| &o.source_file == f));
    measure(&mut sh, one_file);
    // (from column B, which a print across pages does not repeat, and
    // only where the first page has room for it: else in every row)
    if let Some(file) = first.filter(|_| one_file) {
        let note = l.fmt(L::SourceFileOfAll, &[file]);
        if print::column_points(fitted_width(&note)) * print::LIBREOFFICE_WIDER <= sh.page_room_right_of(1) {
            sh.ws.write_string_with_format(HEADER_ROW - 1, 1, &note, &b.f.subtitle)?;
            headers[COL_OWNER as usize + 2] = l.get(L::SourceRow);
        } else {
            one_file = false;
            measure(&mut sh, one_file);
        }
    }
    let cells_of = |o: &OverdueItem| cells_of(o, no_owner_text, one_file);
    sh.header(HEADER_ROW, 0, &headers)?;
    let col_source = COL_OWNER + 2;
    for col in [COL_DESCRIPTION, COL_DESCRIPTION + 1, col_source] {
        let width = sh.widths.get(col as usize).copied().unwrap_or(10.0).min(WRAP_WIDTH);
        sh.widths[col as usize] = width;
    }
    // a column no complaint of the list fills (the ledgers have no such
    // field, or leave it blank) is hidden: it would only widen the print
    for c in COL_CUSTOMER..=COL_STATUS {
        if c != COL_OWNER && !filled[c as usize] {
            sh.widths[c as usize] = 0.0;
            sh.ws.set_column_hidden(c)?;
        }
    }
    sh.fit_header_heights()?;
    let wrap = b.f.text.clone().set_text_wrap().set_align(FormatAlign::Top);
    for (i, o) in r.overdue.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        // rows as tall as their wrapped texts need (set before the row's cells)
        let cells = cells_of(o);
        let lines = [COL_DESCRIPTION, COL_DESCRIPTION + 1, col_source]
            .iter()
            .map(|&c| match &cells[c as usize].0 {
                Value::Text(t) => wrapped_lines(t, sh.widths[c as usize]),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            // (recorded: a cell too wide for any column, written next,
            // makes its row taller only when it needs more)
            sh.row_height(row, 13.5 * lines as f64 + 3.0)?;
        }
        for (c, (v, warn)) in cells.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(t) if [COL_DESCRIPTION, COL_DESCRIPTION + 1, col_source].contains(&c) => {
                    sh.ws.write_string_with_format(row, c, &*super::cells::excel_text(t), &wrap)?;
                }
                _ => sh.put_with(row, c, v, *warn)?,
            }
        }
    }
    let last = HEADER_ROW + r.overdue.len() as u32;
    if r.overdue.is_empty() {
        sh.ws.write_string_with_format(HEADER_ROW + 1, 0, l.get(L::NoOverdue), &b.f.text)?;
        return sh.finish_with(HEADER_ROW + 1, b.name(L::SheetOverdue), true);
    }
    sh.ws.autofilter(HEADER_ROW, 0, last, headers.len() as u16 - 1)?;
    below_the_list(&mut sh, b, last)?;
    // a long list prints its oldest complaints, and its page header says so
    let heights: Vec<f64> = (HEADER_ROW + 1..=last).map(|row| sh.height_of(row)).collect();
    let fits = print::rows_on_pages(&heights, PRINTED_PAGES);
    let mut name = b.name(L::SheetOverdue).to_string();
    if fits < r.overdue.len() {
        let note = l.fmt(L::OverduePrinted, &[&thousands(fits as f64), &thousands(r.overdue.len() as f64)]);
        sh.print_last_row = Some(HEADER_ROW + fits as u32);
        sh.note_in_print_heading(&note);
        name = format!("{name} · {note}");
    }
    sh.finish_with(HEADER_ROW + 1, &name, true)
}

/// Below the overdue list: days past target highlighted, the count per
/// department, and how many have no owner.
fn below_the_list(sh: &mut Sheet, b: &Book, last: u32) -> anyhow::Result<()> {
    let (r, l) = (b.r(), b.l());
    // days past target: red when more than the target again, data bar for the size
    sh.ws.add_conditional_format(
        HEADER_ROW + 1,
        COL_PAST,
        last,
        COL_PAST,
        &ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::GreaterThan(r.params.target_days))
            .set_format(b.f.warn.clone()),
    )?;
    sh.ws.add_conditional_format(
        HEADER_ROW + 1,
        COL_PAST,
        last,
        COL_PAST,
        &ConditionalFormatDataBar::new().set_fill_color("#F4B183"),
    )?;
    // how many each department has, beside the list
    let by_department = crate::report::per_department(r.overdue.iter().map(|o| o.department.as_deref()));
    // below the list (a table beside it would make the printed page
    // wider), from column B: the list prints on pages across with its
    // column A repeated, which would show this table's first column alone
    let (top, col) = (last + 3, 1);
    sh.ws.write_string_with_format(top - 1, col, l.get(L::OverdueByDepartment), &b.f.bold)?;
    let rows: Vec<Vec<Value>> =
        by_department.iter().map(|(d, n)| vec![text(l.category(d)), Value::Int(*n as i64)]).collect();
    let below = sh.table(top, col, &[l.get(L::Department), l.get(L::Count)], &rows)?;
    let no_owner = r.overdue.iter().filter(|o| o.owner.as_deref().is_none_or(|x| x.trim().is_empty())).count();
    if no_owner > 0 {
        let note = l.fmt(L::OverdueNoOwner, &[&thousands(no_owner as f64)]);
        sh.ws.write_string_with_format(below + 2, col, &note, &b.f.alert)?;
    }
    Ok(())
}

/// The list's cells of one complaint: (value, highlighted). No owner:
/// nobody is on it — said and highlighted. The source is the file over
/// sheet!row (two lines: a row reference never wraps inside itself), or
/// sheet!row alone when every row is of `one_file`.
fn cells_of(o: &OverdueItem, no_owner_text: &str, one_file: bool) -> [(Value, bool); 14] {
    let opt = |x: &Option<String>| text(x.clone().unwrap_or_default());
    let place = if o.source_sheet.is_empty() {
        o.source_row.to_string()
    } else {
        format!("{}!{}", o.source_sheet, o.source_row)
    };
    let source = if one_file { place } else { format!("{}\n{place}", o.source_file) };
    let owner = match o.owner.as_deref().filter(|x| !x.trim().is_empty()) {
        Some(owner) => (text(owner), false),
        None => (text(no_owner_text), true),
    };
    [
        (text(o.complaint_id.clone()), false),
        (Value::Date(Some(o.received_date)), false),
        (Value::Date(Some(o.due_date)), false),
        (Value::Int(o.age_days), false),
        (Value::Int(o.days_past_target), false),
        (opt(&o.customer), false),
        (opt(&o.product), false),
        (opt(&o.defect_type), false),
        (opt(&o.description), false),
        (opt(&o.action), false),
        (opt(&o.department), false),
        owner,
        (opt(&o.status), false),
        (text(source), false),
    ]
}
