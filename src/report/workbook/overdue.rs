//! The Overdue sheet: every open complaint past its target, oldest first,
//! with its customer, product, owner and source row; days past the target
//! highlighted.

use super::cells::{text, Sheet, Value};
use super::Book;
use crate::report::labels::L;
use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar, Worksheet};

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l) = (b.r(), b.l());
    let mut sh = Sheet::new(ws, &b.f);
    let title = l.fmt(L::OverdueTitle, &[&r.overdue.len(), &r.as_of, &l.target_days(&r.params)]);
    if !r.data_quality.closure_recorded {
        let title = b.sheet_title(b.name(L::SheetOverdue));
        sh.title(&title, &b.subtitle)?;
        sh.ws.write_string_with_format(3, 0, l.get(L::ClosureNotRecorded), &b.f.warn)?;
        sh.ws.write_string_with_format(4, 0, l.get(L::ClosureNotRecordedFix), &b.f.text)?;
        return sh.finish_with(4, &title, true);
    }
    sh.title(&title, &b.subtitle)?;
    let headers: Vec<&str> = [
        L::ComplaintId,
        L::ReceivedDate,
        L::AgeDays,
        L::DaysPastTarget,
        L::Customer,
        L::Product,
        L::DefectType,
        L::Department,
        L::Owner,
        L::Status,
        L::File,
        L::Sheet,
        L::Row,
    ]
    .iter()
    .map(|h| l.get(*h))
    .collect();
    let opt = |x: &Option<String>| text(x.clone().unwrap_or_default());
    let rows: Vec<Vec<Value>> = r
        .overdue
        .iter()
        .map(|o| {
            vec![
                text(o.complaint_id.clone()),
                Value::Date(Some(o.received_date)),
                Value::Int(o.age_days),
                Value::Int(o.days_past_target),
                opt(&o.customer),
                opt(&o.product),
                opt(&o.defect_type),
                opt(&o.department),
                opt(&o.owner),
                opt(&o.status),
                text(o.source_file.clone()),
                text(o.source_sheet.clone()),
                Value::Int(i64::from(o.source_row)),
            ]
        })
        .collect();
    let last = sh.table(3, 0, &headers, &rows)?;
    if !rows.is_empty() {
        sh.ws.autofilter(3, 0, last, headers.len() as u16 - 1)?;
        // days past target: red when more than the target again, data bar for the size
        sh.ws.add_conditional_format(
            4,
            3,
            last,
            3,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::GreaterThan(r.params.target_days))
                .set_format(b.f.warn.clone()),
        )?;
        sh.ws.add_conditional_format(4, 3, last, 3, &ConditionalFormatDataBar::new().set_fill_color("#F4B183"))?;
    } else {
        sh.ws.write_string_with_format(4, 0, l.get(L::NoOverdue), &b.f.text)?;
    }
    sh.finish_with(4, &title, true)
}
