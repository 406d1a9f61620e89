//! The Changes sheet (변경 이력), when the history holds an earlier report
//! (docs/metrics.md §15): the months restated since, the complaints added
//! (late entries highlighted) and removed, the fields edited, then the last
//! report's to-do lists with each item's status now (still open
//! highlighted). One table under the other, each under its heading.

use super::cells::{text, Sheet, Value};
use super::Book;
use crate::ingest::fields::Field;
use crate::metrics::history::base::{CapaItemThen, KeyThen, NotifyThen, OverdueThen};
use crate::metrics::history::carried::{CapaNow, Carry, ComplaintNow, KeyNow, NotifyNow};
use crate::metrics::history::compare::{ComplaintItem, ThenNow};
use crate::metrics::history::matching::MatchedBy;
use crate::metrics::history::Changes;
use crate::report::labels::{thousands, Labels, L};
use rust_xlsxwriter::Worksheet;

/// Rows a list shows; the rest are in summary.json (a million-row ledger
/// can carry tens of thousands of overdue complaints).
const MAX_ROWS: usize = 10_000;

/// A row of cells, highlighted or not.
type Row = (Vec<Value>, bool);

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetChanges));
    let Some(c) = &r.changes else { anyhow::bail!("internal error: a Changes sheet without changes") };
    let mut sh = Sheet::new(ws, &b.f);
    let matched = c.matched.by_id + c.matched.by_content;
    let subtitle = l.fmt(
        L::ChangesSubtitle,
        &[&c.base.period, &c.base.as_of, &c.base.complaints, &matched, &c.matched.by_id, &c.matched.by_content],
    );
    sh.title(&b.sheet_title(name), &subtitle)?;
    if !c.base.params_changed.is_empty() {
        let note = l.fmt(L::ChangesParams, &[&c.base.period, &c.base.params_changed.join(", ")]);
        sh.ws.write_string_with_format(2, 0, note, &b.f.alert)?;
    }
    let mut row = 4;
    for (title, headers, rows) in sections(c, r, l) {
        row = section(&mut sh, b, row, &title, &headers, &rows)? + 2;
    }
    sh.finish(3, name)
}

/// Writes one section at `row`: its heading, its table (or "none"), a note
/// when cut; returns the last row written.
fn section(sh: &mut Sheet, b: &Book, row: u32, title: &str, headers: &[&str], rows: &[Row]) -> anyhow::Result<u32> {
    let l = b.l();
    sh.ws.write_string_with_format(row, 0, title, &b.f.bold)?;
    if rows.is_empty() {
        sh.ws.write_string_with_format(row + 1, 0, l.get(L::None), &b.f.text)?;
        return Ok(row + 1);
    }
    sh.header(row + 1, 0, headers)?;
    let shown = rows.len().min(MAX_ROWS);
    for (i, (cells, warn)) in rows[..shown].iter().enumerate() {
        for (j, v) in cells.iter().enumerate() {
            sh.put_with(row + 2 + i as u32, j as u16, v, *warn)?;
        }
    }
    let mut last = row + 1 + shown as u32;
    if rows.len() > shown {
        last += 1;
        sh.ws.write_string_with_format(last, 0, l.fmt(L::ChangesCapped, &[&rows.len(), &shown]), &b.f.subtitle)?;
    }
    Ok(last)
}

fn opt(x: &Option<String>) -> Value {
    text(x.clone().unwrap_or_default())
}

fn source(item: &ComplaintItem) -> String {
    if item.source_sheet.is_empty() {
        format!("{} · {}", item.source_file, item.source_row)
    } else {
        format!("{} · {}!{}", item.source_file, item.source_sheet, item.source_row)
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "–".to_string(), |d| d.to_string())
}

/// The sections of the sheet: (heading, headers, rows).
fn sections(c: &Changes, r: &crate::metrics::Report, l: &Labels) -> Vec<Section> {
    let h = |labels: &[L]| -> Vec<&'static str> { labels.iter().map(|x| l.get(*x)).collect() };
    let period = &c.base.period;
    let mut out = vec![(
        l.fmt(L::RestatedTitle, &[&c.restated.len()]),
        h(&[L::Month, L::Field, L::Then, L::Now, L::Change]),
        restated_rows(c, l),
    )];
    let late = c.added.iter().filter(|a| a.late_entry == Some(true)).count();
    let added = c
        .added
        .iter()
        .map(|a| {
            let late = a.late_entry == Some(true);
            let mut cells = complaint_cells(a);
            cells.insert(4, text(if late { l.get(L::LateEntry) } else { "" }));
            (cells, late)
        })
        .collect();
    let item_headers = [L::ComplaintId, L::ReceivedDate, L::Customer, L::DefectType];
    let mut added_headers = item_headers.to_vec();
    added_headers.extend([L::LateEntry, L::Source]);
    out.push((l.fmt(L::AddedTitle, &[&c.added.len(), &late]), h(&added_headers), added));
    let mut removed_headers = item_headers.to_vec();
    removed_headers.push(L::Source);
    let removed = c.removed.iter().map(|x| (complaint_cells(x), false)).collect();
    out.push((l.fmt(L::RemovedTitle, &[&c.removed.len()]), h(&removed_headers), removed));
    let mut complaints: Vec<&str> = c.edited.iter().map(|e| e.complaint_id.as_str()).collect();
    complaints.dedup();
    let edited = c
        .edited
        .iter()
        .map(|e| {
            let field = Field::from_name(e.field).map_or(e.field, |f| l.field(f));
            let by = match e.matched_by {
                MatchedBy::Id => L::MatchedById,
                MatchedBy::Content => L::MatchedByContent,
                MatchedBy::Similar => L::MatchedBySimilar,
            };
            let cells = vec![
                text(e.complaint_id.clone()),
                Value::Date(Some(e.received_date)),
                text(field),
                opt(&e.then),
                opt(&e.now),
                text(l.get(by)),
            ];
            (cells, false)
        })
        .collect();
    out.push((
        l.fmt(L::EditedTitle, &[&complaints.len(), &c.edited.len()]),
        h(&[L::ComplaintId, L::ReceivedDate, L::Field, L::Then, L::Now, L::MatchedBy]),
        edited,
    ));
    out.extend(carried_sections(c, r, l, period));
    out
}

fn complaint_cells(a: &ComplaintItem) -> Vec<Value> {
    vec![
        text(a.complaint_id.clone()),
        Value::Date(Some(a.received_date)),
        opt(&a.customer),
        opt(&a.defect_type),
        text(source(a)),
    ]
}

/// A restated month: a row per figure that differs, the change beside it.
fn restated_rows(c: &Changes, l: &Labels) -> Vec<Row> {
    let count = |label: L, x: ThenNow<Option<u64>>, month: String| -> Row {
        let change = match (x.then, x.now) {
            (Some(a), Some(b)) => Value::Int(b as i64 - a as i64),
            _ => Value::Empty,
        };
        let int = |v: Option<u64>| v.map_or(Value::Empty, |v| Value::Int(v as i64));
        (vec![text(month), text(l.get(label)), int(x.then), int(x.now), change], false)
    };
    let mut rows = Vec::new();
    for m in &c.restated {
        let month = m.month.to_string();
        if let Some(x) = m.received {
            // a month's received count is the figure people remember
            let mut row = count(L::Received, ThenNow { then: Some(x.then), now: Some(x.now) }, month.clone());
            row.1 = true;
            rows.push(row);
        }
        if let Some(x) = m.closed {
            rows.push(count(L::Closed, x, month.clone()));
        }
        if let Some(x) = m.on_time_rate {
            let change = match (x.then, x.now) {
                (Some(a), Some(b)) => Value::Pct(Some(b - a)),
                _ => Value::Empty,
            };
            rows.push((
                vec![text(month.clone()), text(l.get(L::OnTimeRate)), Value::Pct(x.then), Value::Pct(x.now), change],
                false,
            ));
        }
        if let Some(x) = m.overdue {
            rows.push(count(L::Overdue, x, month.clone()));
        }
    }
    rows
}

/// A section of the sheet: (heading, headers, rows).
type Section = (String, Vec<&'static str>, Vec<Row>);

/// The last report's to-do lists with their status now (open ones
/// highlighted).
fn carried_sections(
    c: &Changes,
    r: &crate::metrics::Report,
    l: &Labels,
    period: &dyn std::fmt::Display,
) -> Vec<Section> {
    let t = &c.carried;
    let mut out = vec![carried_overdue(&t.overdue, l, period)];
    out.extend(t.notify_overdue.as_deref().map(|list| carried_notify(list, l, period)));
    out.extend(t.capa_open.as_deref().map(|list| carried_capa(list, l, period)));
    out.extend(t.recurring_without_capa.as_deref().map(|list| carried_keys(list, r, l, period)));
    out
}

fn headers(l: &Labels, labels: &[L]) -> Vec<&'static str> {
    labels.iter().map(|x| l.get(*x)).collect()
}

/// The last report's overdue complaints, each closed, removed or still open.
fn carried_overdue(list: &[Carry<OverdueThen, ComplaintNow>], l: &Labels, period: &dyn std::fmt::Display) -> Section {
    let rows = list
        .iter()
        .map(|o| {
            let (status, open) = match &o.now {
                ComplaintNow::Closed { closed_date: Some(d) } => (l.fmt(L::NowClosed, &[d]), false),
                ComplaintNow::Closed { closed_date: None } => (l.get(L::NowClosedNoDate).to_string(), false),
                ComplaintNow::Open { age_days, overdue: true } => (l.fmt(L::NowOpenOverdue, &[age_days]), true),
                ComplaintNow::Open { age_days, overdue: false } => (l.fmt(L::NowOpen, &[age_days]), true),
                ComplaintNow::Removed => (l.get(L::NowRemoved).to_string(), false),
            };
            let x = &o.then;
            let cells = vec![
                text(x.complaint_id.clone()),
                Value::Date(Some(x.received_date)),
                opt(&x.customer),
                opt(&x.defect_type),
                opt(&x.owner),
                Value::Int(x.age_days),
                text(status),
            ];
            (cells, open)
        })
        .collect();
    (
        l.fmt(L::CarriedOverdueTitle, &[period, &thousands(list.len() as f64)]),
        headers(l, &[L::ComplaintId, L::ReceivedDate, L::Customer, L::DefectType, L::Owner, L::AgeThen, L::StatusNow]),
        rows,
    )
}

/// The last report's overdue replies, each sent, closed, removed or still due.
fn carried_notify(list: &[Carry<NotifyThen, NotifyNow>], l: &Labels, period: &dyn std::fmt::Display) -> Section {
    let rows = list
        .iter()
        .map(|o| {
            let (status, open) = match &o.now {
                NotifyNow::Notified { notified_date } => (l.fmt(L::NowNotified, &[notified_date]), false),
                NotifyNow::Overdue { days_past_deadline } => (l.fmt(L::NowNotifyOverdue, &[days_past_deadline]), true),
                NotifyNow::Closed { closed_date: Some(d) } => (l.fmt(L::NowClosed, &[d]), false),
                NotifyNow::Closed { closed_date: None } => (l.get(L::NowClosedNoDate).to_string(), false),
                NotifyNow::Open { age_days } => (l.fmt(L::NowOpen, &[age_days]), true),
                NotifyNow::Removed => (l.get(L::NowRemoved).to_string(), false),
            };
            let x = &o.then;
            let cells = vec![
                text(x.complaint_id.clone()),
                Value::Date(Some(x.received_date)),
                Value::Date(Some(x.deadline)),
                opt(&x.customer),
                opt(&x.owner),
                Value::Int(x.days_past_deadline),
                text(status),
            ];
            (cells, open)
        })
        .collect();
    (
        l.fmt(L::CarriedNotifyTitle, &[period, &thousands(list.len() as f64)]),
        headers(
            l,
            &[L::ComplaintId, L::ReceivedDate, L::Deadline, L::Customer, L::Owner, L::DaysPastDeadline, L::StatusNow],
        ),
        rows,
    )
}

/// The last report's open CAPAs, each verified, closed, removed or still open.
fn carried_capa(list: &[Carry<CapaItemThen, CapaNow>], l: &Labels, period: &dyn std::fmt::Display) -> Section {
    let rows = list
        .iter()
        .map(|o| {
            let (status, open) = match &o.now {
                CapaNow::Verified { verified } => {
                    (format!("{} {}", l.get(L::CapaStatusVerified), date(*verified)), false)
                }
                CapaNow::Closed { closed } => (l.fmt(L::NowClosed, &[&date(*closed)]), false),
                CapaNow::Open { days_open, overdue: true } => (l.fmt(L::NowOpenOverdue, &[days_open]), true),
                CapaNow::Open { days_open, overdue: false } => (l.fmt(L::NowOpen, &[days_open]), true),
                CapaNow::Removed => (l.get(L::NowRemoved).to_string(), false),
            };
            let x = &o.then;
            let cells = vec![text(x.capa_id.clone()), Value::Date(Some(x.opened)), Value::Date(x.due), text(status)];
            (cells, open)
        })
        .collect();
    (
        l.fmt(L::CarriedCapaTitle, &[period, &thousands(list.len() as f64)]),
        headers(l, &[L::CapaId, L::CapaOpened, L::DueDate, L::StatusNow]),
        rows,
    )
}

/// The last report's recurring problems without CAPA, each with a CAPA
/// now, inactive, or still without one.
fn carried_keys(
    list: &[Carry<KeyThen, KeyNow>],
    r: &crate::metrics::Report,
    l: &Labels,
    period: &dyn std::fmt::Display,
) -> Section {
    let rows = list
        .iter()
        .map(|o| {
            let (status, open) = match &o.now {
                KeyNow::WithoutCapa { count, last } => (l.fmt(L::NowWithoutCapa, &[count, last]), true),
                KeyNow::Capa { capa_id, capa_status } => {
                    let s = match capa_status {
                        crate::metrics::capa::CapaStatus::Open => L::CapaStatusOpen,
                        crate::metrics::capa::CapaStatus::Closed => L::CapaStatusClosed,
                        crate::metrics::capa::CapaStatus::Verified => L::CapaStatusVerified,
                    };
                    (l.fmt(L::NowGotCapa, &[capa_id, &l.get(s)]), false)
                }
                KeyNow::Inactive => (l.get(L::NowInactive).to_string(), false),
            };
            let mut cells: Vec<Value> = o.then.key.iter().map(|v| text(v.clone())).collect();
            cells.extend([Value::Int(o.then.count as i64), Value::Date(Some(o.then.last)), text(status)]);
            (cells, open)
        })
        .collect();
    let mut headers: Vec<&'static str> = r.params.recurrence_key.iter().map(|f| l.field(*f)).collect();
    headers.extend([L::Count, L::Last, L::StatusNow].map(|x| l.get(x)));
    (l.fmt(L::CarriedKeysTitle, &[period, &thousands(list.len() as f64)]), headers, rows)
}
