//! Customer notification on the Resolution sheet (docs/metrics.md §8), only
//! when it is recorded: the monthly columns of the cohort table, and the
//! list of complaints whose reply to the customer is overdue.

use super::cells::{excel_text, text, Sheet, Value};
use super::monthly::MonthColumn as C;
use super::Book;
use crate::report::labels::L;

/// The notification columns appended to the Resolution sheet's table.
pub(super) const COLUMNS: [C; 5] =
    [C::Notified, C::NotifiedOnTime, C::NotifyOverdue, C::NotifyOnTimeRate, C::NotifyDaysMedian];

/// The notification-overdue list with its title and the deadline rule from
/// row `top` (the title); returns the last row written, or `None` when
/// notification is not recorded.
pub(super) fn overdue_list(sh: &mut Sheet, b: &Book, top: u32) -> anyhow::Result<Option<u32>> {
    let (r, l) = (b.r(), b.l());
    let Some(n) = r.notification.get() else { return Ok(None) };
    let title = l.fmt(L::NotifyOverdueTitle, &[&n.overdue.len(), &r.as_of]);
    sh.ws.write_string_with_format(top, 0, &title, &b.f.bold)?;
    let days = if r.params.business_days {
        l.fmt(L::ChartBusinessDays, &[&r.params.notify_target_days])
    } else {
        l.fmt(L::ChartDays, &[&r.params.notify_target_days])
    };
    sh.ws.write_string_with_format(top + 1, 0, l.fmt(L::NotifyMonthlyNote, &[&days]), &b.f.subtitle)?;
    let header_row = top + 2;
    // the file name last, its width not fitted: it runs on into the empty
    // cells to its right instead of widening a column of the table above
    let headers: Vec<&str> = [
        L::ComplaintId,
        L::ReceivedDate,
        L::Deadline,
        L::DaysPastDeadline,
        L::Customer,
        L::Owner,
        L::Sheet,
        L::Row,
        L::File,
    ]
    .iter()
    .map(|h| l.get(*h))
    .collect();
    let opt = |x: &Option<String>| text(x.clone().unwrap_or_default());
    let rows: Vec<Vec<Value>> = n
        .overdue
        .iter()
        .map(|o| {
            vec![
                text(o.complaint_id.clone()),
                Value::Date(Some(o.received_date)),
                Value::Date(Some(o.deadline)),
                Value::Int(o.days_past_deadline),
                opt(&o.customer),
                opt(&o.owner),
                text(o.source_sheet.clone()),
                Value::Int(i64::from(o.source_row)),
            ]
        })
        .collect();
    let last = sh.table(header_row, 0, &headers, &rows)?;
    let file_col = headers.len() as u16 - 1;
    for (i, o) in n.overdue.iter().enumerate() {
        sh.ws.write_string_with_format(header_row + 1 + i as u32, file_col, excel_text(&o.source_file), &b.f.text)?;
    }
    if rows.is_empty() {
        sh.ws.write_string_with_format(header_row + 1, 0, l.get(L::NoNotifyOverdue), &b.f.text)?;
        return Ok(Some(header_row + 1));
    }
    Ok(Some(last))
}
