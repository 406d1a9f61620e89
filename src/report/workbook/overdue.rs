//! The Overdue sheet: every open complaint past its target, oldest first,
//! with its due date, customer, product, description, current action,
//! department, owner (a missing one flagged) and source row; days past the
//! target highlighted; the count per department beside it.

use super::cells::{text, wrapped_lines, Sheet, Value};
use super::Book;
use crate::report::labels::L;
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar, FormatAlign, Worksheet,
};

/// The list's header row; columns the code refers to.
const HEADER_ROW: u32 = 3;
const COL_PAST: u16 = 4;
const COL_DESCRIPTION: u16 = 8;
const COL_OWNER: u16 = 11;
/// Characters a description or action column may take before it wraps.
const WRAP_WIDTH: f64 = 32.0;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l) = (b.r(), b.l());
    let mut sh = Sheet::new(ws, &b.f);
    let title = l.fmt(L::OverdueTitle, &[&r.overdue.len(), &r.as_of, &l.target_days(&r.params)]);
    if !r.data_quality.closure_recorded {
        let title = b.sheet_title(b.name(L::SheetOverdue));
        sh.title(&title, &b.subtitle)?;
        sh.ws.write_string_with_format(3, 0, l.get(L::ClosureNotRecorded), &b.f.warn)?;
        sh.ws.write_string_with_format(4, 0, l.get(L::ClosureNotRecordedFix), &b.f.text)?;
        return sh.finish_with(HEADER_ROW + 1, b.name(L::SheetOverdue), true);
    }
    sh.title(&title, &b.subtitle)?;
    let headers: Vec<&str> = [
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
    ]
    .iter()
    .map(|h| l.get(*h))
    .collect();
    let opt = |x: &Option<String>| text(x.clone().unwrap_or_default());
    sh.header(HEADER_ROW, 0, &headers)?;
    // where each came from: file · sheet!row
    let sources: Vec<String> = r
        .overdue
        .iter()
        .map(|o| {
            if o.source_sheet.is_empty() {
                format!("{} · {}", o.source_file, o.source_row)
            } else {
                format!("{} · {}!{}", o.source_file, o.source_sheet, o.source_row)
            }
        })
        .collect();
    for (i, o) in r.overdue.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let source = &sources[i];
        let cells = [
            text(o.complaint_id.clone()),
            Value::Date(Some(o.received_date)),
            Value::Date(Some(o.due_date)),
            Value::Int(o.age_days),
            Value::Int(o.days_past_target),
            opt(&o.customer),
            opt(&o.product),
            opt(&o.defect_type),
            opt(&o.description),
            opt(&o.action),
            opt(&o.department),
        ];
        for (c, v) in cells.iter().enumerate() {
            sh.put(row, c as u16, v)?;
        }
        // no owner: nobody is on it — said and highlighted
        match o.owner.as_deref().filter(|x| !x.trim().is_empty()) {
            Some(owner) => sh.put(row, COL_OWNER, &text(owner))?,
            None => sh.put_with(row, COL_OWNER, &text(l.get(L::NoOwner)), true)?,
        }
        sh.put(row, COL_OWNER + 1, &opt(&o.status))?;
        sh.put(row, COL_OWNER + 2, &text(source.clone()))?;
    }
    let last = HEADER_ROW + r.overdue.len() as u32;
    if r.overdue.is_empty() {
        sh.ws.write_string_with_format(HEADER_ROW + 1, 0, l.get(L::NoOverdue), &b.f.text)?;
        return sh.finish_with(HEADER_ROW + 1, b.name(L::SheetOverdue), true);
    }
    sh.ws.autofilter(HEADER_ROW, 0, last, headers.len() as u16 - 1)?;
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
    // the long texts wrap in a column of bounded width, rows as tall as they need
    let wrap = b.f.text.clone().set_text_wrap().set_align(FormatAlign::Top);
    let col_source = COL_OWNER + 2;
    for col in [COL_DESCRIPTION, COL_DESCRIPTION + 1, col_source] {
        let width = sh.widths.get(col as usize).copied().unwrap_or(10.0).min(WRAP_WIDTH);
        sh.widths[col as usize] = width;
    }
    for (i, o) in r.overdue.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let mut lines = 1;
        let source = sources[i].clone();
        for (col, t) in
            [(COL_DESCRIPTION, &o.description), (COL_DESCRIPTION + 1, &o.action), (col_source, &Some(source))]
        {
            let t = t.as_deref().unwrap_or_default();
            sh.ws.write_string_with_format(row, col, &*super::cells::excel_text(t), &wrap)?;
            lines = lines.max(wrapped_lines(t, sh.widths[col as usize]));
        }
        if lines > 1 {
            sh.ws.set_row_height(row, 13.5 * lines as f64 + 3.0)?;
        }
    }
    // how many each department has, beside the list
    let mut by_department: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for o in &r.overdue {
        let d = o.department.as_deref().filter(|d| !d.trim().is_empty()).unwrap_or(crate::metrics::trend::BLANK);
        *by_department.entry(d).or_default() += 1;
    }
    let mut by_department: Vec<(&str, u64)> = by_department.into_iter().collect();
    by_department.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // below the list: a table beside it would make the printed page wider
    let top = last + 3;
    sh.ws.write_string_with_format(top - 1, 0, l.get(L::OverdueByDepartment), &b.f.bold)?;
    let rows: Vec<Vec<Value>> =
        by_department.iter().map(|(d, n)| vec![text(l.category(d)), Value::Int(*n as i64)]).collect();
    let below = sh.table(top, 0, &[l.get(L::Department), l.get(L::Count)], &rows)?;
    let no_owner = r.overdue.iter().filter(|o| o.owner.as_deref().is_none_or(|x| x.trim().is_empty())).count();
    if no_owner > 0 {
        let note = l.fmt(L::OverdueNoOwner, &[&no_owner]);
        sh.ws.write_string_with_format(below + 2, 0, &note, &b.f.warn)?;
    }
    sh.finish_with(HEADER_ROW + 1, b.name(L::SheetOverdue), true)
}
