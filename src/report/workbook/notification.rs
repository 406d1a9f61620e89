//! Customer notification on the Resolution sheet (docs/metrics.md §8), only
//! when it is recorded: the monthly columns of the cohort table, and the
//! list of complaints whose reply to the customer is overdue.

use super::cells::{excel_text, text, Sheet, Value};
use super::monthly::MonthColumn as C;
use super::Book;
use crate::report::labels::{thousands, L};
use unicode_width::UnicodeWidthStr;

/// The notification columns appended to the Resolution sheet's table.
pub(super) const COLUMNS: [C; 5] =
    [C::Notified, C::NotifiedOnTime, C::NotifyOverdue, C::NotifyOnTimeRate, C::NotifyDaysMedian];

/// The notification-overdue list with its title and the deadline rule from
/// row `top` (the title); returns the last row written, or `None` when
/// notification is not recorded.
pub(super) fn overdue_list(sh: &mut Sheet, b: &Book, top: u32) -> anyhow::Result<Option<u32>> {
    let (r, l) = (b.r(), b.l());
    let Some(n) = r.notification.get() else { return Ok(None) };
    let title = l.fmt(L::NotifyOverdueTitle, &[&thousands(n.overdue.len() as f64), &r.as_of]);
    // over the list's first eight columns (no border through it)
    sh.section_title(top, 0, 8, &title)?;
    let days = if r.params.business_days {
        l.fmt(L::ChartBusinessDays, &[&r.params.notify_target_days])
    } else {
        l.fmt(L::ChartDays, &[&r.params.notify_target_days])
    };
    sh.ws.write_string_with_format(top + 1, 0, l.fmt(L::NotifyMonthlyNote, &[&days]), &b.f.subtitle)?;
    let header_row = top + 2;
    // the file name last, merged over as many columns as it needs (those
    // of the table above, the last widened when they are too few), so that
    // it stays inside the border without widening one column of that table
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
    let file_col = headers.len() as u16 - 1;
    let last = sh.table(header_row, 0, &headers[..headers.len() - 1], &rows)?;
    let widest = n.overdue.iter().map(|o| o.source_file.width()).max().unwrap_or(0);
    let (span, width) = file_span(sh, file_col, widest.max(headers[file_col as usize].width()));
    // a name longer than the columns hold wraps, its row made tall enough
    let wrap = b.f.text.clone().set_text_wrap();
    let merged = |sh: &mut Sheet, row: u32, text: &str, format: &rust_xlsxwriter::Format| {
        if span > 1 {
            sh.ws.merge_range(row, file_col, row, file_col + span - 1, text, format).map(|_| ())
        } else {
            sh.ws.write_string_with_format(row, file_col, text, format).map(|_| ())
        }
    };
    merged(sh, header_row, headers[file_col as usize], &b.f.header)?;
    for (i, o) in n.overdue.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        let lines = super::cells::wrapped_lines(&o.source_file, width);
        if lines > 1 {
            sh.row_height(row, super::print::DEFAULT_ROW_PT * lines as f64)?;
        }
        merged(sh, row, &excel_text(&o.source_file), &wrap)?;
    }
    if rows.is_empty() {
        sh.ws.write_string_with_format(header_row + 1, 0, l.get(L::NoNotifyOverdue), &b.f.text)?;
        return Ok(Some(header_row + 1));
    }
    Ok(Some(last))
}

/// How many columns from `col` the file names (`widest` display columns)
/// are merged over, and their width in characters: the columns already
/// there until they hold the widest name (at most 60 columns), none past
/// the first printed page at the smallest scale (a merged cell split over
/// two pages would print half a name on each).
fn file_span(sh: &Sheet, col: u16, widest: usize) -> (u16, f64) {
    let need = (widest as f64 * 1.1 + 2.0).min(60.0);
    // the span stays on the first page in Excel and LibreOffice alike
    let page =
        super::print::PAGE_WIDTH_PT * 100.0 / f64::from(super::print::MIN_SCALE) / super::print::LIBREOFFICE_WIDER;
    let mut span = 1u16;
    let mut have = sh.widths.get(col as usize).copied().unwrap_or(8.0);
    while have < need && usize::from(col + span) < sh.widths.len() && sh.left_of(col + span + 1) <= page {
        have += sh.widths[usize::from(col + span)] + 0.7;
        span += 1;
    }
    (span, have)
}
