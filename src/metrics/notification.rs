//! §8 Customer notification (불만 통보): was the customer told the result by
//! the date they asked for — per receipt month, and the list of complaints
//! whose reply is overdue.

use super::months::{add_business_days, business_days, epoch_days, from_epoch_days, Month};
use super::{rate, Params, Period};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The notification figures of one receipt month (`month.*` and each trend
/// row, when notification is recorded).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct NotifyMonth {
    pub notified: u64,
    pub notified_on_time: u64,
    pub notify_overdue: u64,
    pub notify_on_time_rate: Option<f64>,
    /// The denominator of the rate: notified with a valid date + overdue.
    pub notify_judged: u64,
    /// Nearest-rank median of `notify_days` over the notified complaints.
    pub notify_days_median: Option<f64>,
}

/// One complaint whose reply to the customer is overdue.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NotifyOverdueItem {
    pub complaint_id: String,
    pub received_date: NaiveDate,
    pub deadline: NaiveDate,
    pub customer: Option<String>,
    pub owner: Option<String>,
    pub days_past_deadline: i64,
    pub source_file: String,
    pub source_sheet: String,
    pub source_row: u32,
}

/// `notification` in summary.json when recorded.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Notification {
    /// Oldest deadline first, ties by id.
    pub overdue: Vec<NotifyOverdueItem>,
}

/// How one complaint stands for notification as of `as_of`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Judgement {
    /// Epoch day of the reply deadline.
    pub deadline: i32,
    /// Notified on or before `as_of` (a date before receipt included).
    pub notified: bool,
    /// Notified on a date before the complaint was received: never judged.
    pub negative: bool,
    pub on_time: bool,
    pub overdue: bool,
    /// Closed as of `as_of` without any notification date: the
    /// notification is not recorded (never notified, overdue or judged).
    pub not_recorded: bool,
    /// Days from receipt to notification (calendar or business days), for
    /// the notified complaints with a valid date.
    pub days: Option<i32>,
}

/// Judges one complaint: received `rd`, notified `nd`, reply due `due`
/// (epoch days), `closed` as of `as_of` (§3), as of `as_of`
/// (docs/metrics.md §8). Only an open complaint can be overdue: a closed
/// one without a notification date has it not recorded.
pub fn judge_one(
    rd: i32,
    nd: Option<i32>,
    due: Option<i32>,
    closed: bool,
    as_of: i32,
    params: &Params,
    holidays: &[i32],
) -> Judgement {
    let n = params.notify_target_days;
    let deadline =
        due.unwrap_or_else(|| if params.business_days { add_business_days(rd, n, holidays) } else { rd + n as i32 });
    let not_recorded = closed && nd.is_none();
    let nd = nd.filter(|&d| d <= as_of);
    let notified = nd.is_some();
    let negative = nd.is_some_and(|d| d < rd);
    let valid = nd.filter(|_| !negative);
    Judgement {
        deadline,
        notified,
        negative,
        on_time: valid.is_some_and(|d| d <= deadline),
        overdue: !closed && !notified && as_of > deadline,
        not_recorded,
        days: valid.map(|d| if params.business_days { business_days(rd, d, holidays) } else { d - rd }),
    }
}

/// The nearest-rank median: the smallest value with at least half of the
/// values at or below it (`sorted` ascending).
pub fn nearest_rank_median(sorted: &[i32]) -> Option<f64> {
    let rank = sorted.len().div_ceil(2); // ceil(0.5 n), 1-based
    rank.checked_sub(1).map(|i| f64::from(sorted[i]))
}

/// Per-complaint judgements of every row of `judged` (in row order).
pub fn judge_all(judged: &DataFrame, period: &Period, params: &Params) -> anyhow::Result<Vec<Judgement>> {
    let as_of = epoch_days(period.as_of);
    let holidays = super::months::sorted_holidays(&params.holidays);
    let rd = judged.column("rd")?.i32()?;
    let day = |name: &str| -> anyhow::Result<Vec<Option<i32>>> {
        Ok(judged.column(name)?.cast(&DataType::Int32)?.i32()?.iter().collect())
    };
    let (nd, due) = (day("notified_date")?, day("reply_due_date")?);
    let closed = judged.column("closed")?.bool()?;
    Ok(rd
        .iter()
        .zip(nd)
        .zip(due)
        .zip(closed.iter())
        .map(|(((r, n), d), c)| judge_one(r.unwrap_or(0), n, d, c.unwrap_or(false), as_of, params, &holidays))
        .collect())
}

/// The figures of each month of the trend window (zeros for months
/// without complaints).
pub fn monthly(
    judged: &DataFrame,
    judgements: &[Judgement],
    period: &Period,
) -> anyhow::Result<BTreeMap<Month, NotifyMonth>> {
    let months = judged.column("month")?.i32()?;
    let mut out: BTreeMap<Month, (NotifyMonth, u64, Vec<i32>)> =
        period.window().map(|m| (m, (NotifyMonth::default(), 0, Vec::new()))).collect();
    for (m, j) in months.iter().zip(judgements) {
        let Some(entry) = m.and_then(|m| out.get_mut(&Month(m))) else { continue };
        let (f, determinable, days) = entry;
        f.notified += u64::from(j.notified);
        f.notified_on_time += u64::from(j.on_time);
        f.notify_overdue += u64::from(j.overdue);
        *determinable += u64::from((j.notified && !j.negative) || j.overdue);
        days.extend(j.days);
    }
    Ok(out
        .into_iter()
        .map(|(m, (mut f, determinable, mut days))| {
            days.sort_unstable();
            f.notify_on_time_rate = rate(f.notified_on_time, determinable);
            f.notify_judged = determinable;
            f.notify_days_median = nearest_rank_median(&days);
            (m, f)
        })
        .collect())
}

/// Every notification-overdue complaint received on or before `as_of`,
/// oldest deadline first, ties by id.
pub fn overdue_list(
    judged: &DataFrame,
    judgements: &[Judgement],
    period: &Period,
    params: &Params,
) -> anyhow::Result<Vec<NotifyOverdueItem>> {
    let as_of = epoch_days(period.as_of);
    let holidays = super::months::sorted_holidays(&params.holidays);
    let refs = super::frame::complaint_refs(judged)?;
    let text = |name: &str| -> anyhow::Result<Vec<Option<String>>> {
        Ok(super::texts(judged.column(name)?)?.iter().map(|v| v.map(str::to_string)).collect())
    };
    let (customers, owners, files, sheets) =
        (text("customer")?, text("owner")?, text("source_file")?, text("source_sheet")?);
    let rows = judged.column("source_row")?.u32()?;
    let rd = judged.column("rd")?.i32()?;
    let mut list: Vec<NotifyOverdueItem> = judgements
        .iter()
        .enumerate()
        .filter(|(_, j)| j.overdue)
        .map(|(i, j)| NotifyOverdueItem {
            complaint_id: refs.get(i).unwrap_or_default().to_string(),
            received_date: from_epoch_days(rd.get(i).unwrap_or(0)),
            deadline: from_epoch_days(j.deadline),
            customer: customers[i].clone(),
            owner: owners[i].clone(),
            days_past_deadline: i64::from(if params.business_days {
                business_days(j.deadline, as_of, &holidays)
            } else {
                as_of - j.deadline
            }),
            source_file: files[i].clone().unwrap_or_default(),
            source_sheet: sheets[i].clone().unwrap_or_default(),
            source_row: rows.get(i).unwrap_or(0),
        })
        .collect();
    list.sort_by(|a, b| (a.deadline, &a.complaint_id).cmp(&(b.deadline, &b.complaint_id)));
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        epoch_days(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default())
    }

    #[test]
    fn deadline_notified_on_time_and_overdue() {
        let p = Params::default(); // notify target 10 calendar days
        let as_of = d("2024-05-31");
        // reply due date given: the customer's date decides
        let j = judge_one(d("2024-05-02"), Some(d("2024-05-08")), Some(d("2024-05-07")), false, as_of, &p, &[]);
        assert_eq!((j.notified, j.on_time, j.overdue, j.days), (true, false, false, Some(6)));
        // no due date: received + 10; notified on the deadline is on time
        let j = judge_one(d("2024-05-02"), Some(d("2024-05-12")), None, false, as_of, &p, &[]);
        assert_eq!((j.deadline, j.on_time, j.days), (d("2024-05-12"), true, Some(10)));
        // not notified, deadline passed: overdue; deadline not passed: neither
        let j = judge_one(d("2024-05-02"), None, None, false, as_of, &p, &[]);
        assert_eq!((j.notified, j.overdue), (false, true));
        let j = judge_one(d("2024-05-25"), None, None, false, as_of, &p, &[]);
        assert_eq!((j.notified, j.overdue, j.on_time), (false, false, false));
        // notified after as_of: not yet notified (and overdue if past the deadline)
        let j = judge_one(d("2024-05-02"), Some(d("2024-06-03")), None, false, as_of, &p, &[]);
        assert_eq!((j.notified, j.overdue, j.days), (false, true, None));
        // notified before receipt: notified, never judged, no days
        let j = judge_one(d("2024-05-10"), Some(d("2024-05-08")), None, false, as_of, &p, &[]);
        assert_eq!((j.notified, j.negative, j.on_time, j.overdue, j.days), (true, true, false, false, None));
    }

    #[test]
    fn a_closed_complaint_without_a_notification_date_is_not_recorded() {
        let p = Params::default();
        let as_of = d("2024-05-31");
        // closed, no notification date, deadline long past: not recorded, not overdue
        let j = judge_one(d("2024-03-02"), None, None, true, as_of, &p, &[]);
        assert_eq!((j.notified, j.overdue, j.not_recorded, j.on_time), (false, false, true, false));
        // closed, notified after as_of: not notified yet, not overdue, and recorded
        let j = judge_one(d("2024-05-02"), Some(d("2024-06-03")), None, true, as_of, &p, &[]);
        assert_eq!((j.notified, j.overdue, j.not_recorded), (false, false, false));
        // closed and notified: judged as before
        let j = judge_one(d("2024-05-02"), Some(d("2024-05-20")), None, true, as_of, &p, &[]);
        assert_eq!((j.notified, j.on_time, j.overdue, j.not_recorded), (true, false, false, false));
        // open, not notified, past the deadline: overdue
        let j = judge_one(d("2024-03-02"), None, None, false, as_of, &p, &[]);
        assert_eq!((j.overdue, j.not_recorded), (true, false));
    }

    #[test]
    fn business_days_deadline_and_day_counts() {
        let p = Params { business_days: true, notify_target_days: 3, ..Params::default() };
        // Friday 2024-05-03 + 3 business days, Monday 6th a holiday: Thu 9th
        let holidays = [d("2024-05-06")];
        assert_eq!(add_business_days(d("2024-05-03"), 3, &holidays), d("2024-05-09"));
        assert_eq!(add_business_days(d("2024-05-03"), 0, &holidays), d("2024-05-03"));
        let j = judge_one(d("2024-05-03"), Some(d("2024-05-09")), None, false, d("2024-05-31"), &p, &holidays);
        assert_eq!((j.deadline, j.on_time, j.days), (d("2024-05-09"), true, Some(3)));
    }

    #[test]
    fn nearest_rank_median_is_a_value_of_the_list() {
        assert_eq!(nearest_rank_median(&[]), None);
        assert_eq!(nearest_rank_median(&[4]), Some(4.0));
        assert_eq!(nearest_rank_median(&[1, 2, 3, 4]), Some(2.0)); // not 2.5
        assert_eq!(nearest_rank_median(&[1, 2, 3, 4, 9]), Some(3.0));
    }
}
