//! `changes.carried`: the last report's to-do list — its overdue
//! complaints, notification-overdue complaints, open CAPAs and recurring
//! problems without CAPA — each item with its status as of this report's
//! as-of date (ISO 9001 9.3.2 a: the status of actions from previous
//! management reviews).

use super::base::{CapaItemThen, Figures, KeyThen, NotifyThen, OverdueThen};
use super::matching::{column, Matches, Rows};
use crate::ingest::cells::normalize_key;
use crate::metrics::capa::CapaStatus;
use crate::metrics::months::{business_days, epoch_days, from_epoch_days};
use crate::metrics::Report;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The last report's to-do lists with each item's status now; a list is
/// absent when the last report did not record its section (§8, §9).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Carried {
    pub overdue: Vec<Carry<OverdueThen, ComplaintNow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_overdue: Option<Vec<Carry<NotifyThen, NotifyNow>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capa_open: Option<Vec<Carry<CapaItemThen, CapaNow>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_without_capa: Option<Vec<Carry<KeyThen, KeyNow>>>,
}

/// An item as the last report listed it, and its status now.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Carry<T, N> {
    #[serde(flatten)]
    pub then: T,
    pub now: N,
}

/// An overdue complaint now.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ComplaintNow {
    /// Closed (`closed_date` null: closed by a word or status without a date).
    Closed { closed_date: Option<NaiveDate> },
    /// Still open, `age_days` old (business days with --business-days),
    /// on this report's overdue list or not.
    Open { age_days: i64, overdue: bool },
    /// No longer in the ledgers.
    Removed,
}

/// A notification-overdue complaint now.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum NotifyNow {
    Notified {
        notified_date: NaiveDate,
    },
    /// Still overdue, on this report's notification-overdue list.
    Overdue {
        days_past_deadline: i64,
    },
    /// Closed without a notified date: not recorded (§8).
    Closed {
        closed_date: Option<NaiveDate>,
    },
    /// Open, not notified, not overdue (its deadline moved).
    Open {
        age_days: i64,
    },
    Removed,
}

/// An open CAPA now.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CapaNow {
    Verified {
        verified: Option<NaiveDate>,
    },
    Closed {
        closed: Option<NaiveDate>,
    },
    /// Still open `days_open` days after it was opened.
    Open {
        days_open: i64,
        overdue: bool,
    },
    /// No complaint carries its id any more.
    Removed,
}

/// A recurring problem without CAPA now.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum KeyNow {
    /// Still on the to-do list.
    WithoutCapa { count: u64, last: NaiveDate },
    /// A CAPA now covers the problem (the first opened).
    Capa { capa_id: String, capa_status: CapaStatus },
    /// Off the list without a CAPA: fewer complaints in the window now.
    Inactive,
}

/// The last report's to-do lists with their status in `report`.
pub fn carried(then: &Figures, then_rows: &Rows, now_rows: &Rows, matches: &Matches, report: &Report) -> Carried {
    let notify_then = then.notification.as_ref().and_then(|n| n.get());
    let capa_then = then.capa.as_ref().and_then(|c| c.get());
    let mut wanted: HashSet<&str> = then.overdue.iter().map(|o| o.complaint_id.as_str()).collect();
    wanted.extend(notify_then.iter().flat_map(|n| &n.overdue).map(|o| o.complaint_id.as_str()));
    let then_of = references(then_rows, &wanted);
    let mut now_of_then: Vec<Option<usize>> = vec![None; then_rows.height];
    for &(i, j, _) in &matches.pairs {
        now_of_then[i] = Some(j);
    }
    let now_row = |reference: &str| then_of.get(reference).and_then(|&i| now_of_then[i]);
    let state = State::new(report, now_rows);
    Carried {
        overdue: then
            .overdue
            .iter()
            .map(|o| Carry {
                then: o.clone(),
                now: now_row(&o.complaint_id).map_or(ComplaintNow::Removed, |j| state.complaint(j)),
            })
            .collect(),
        notify_overdue: notify_then.map(|n| {
            n.overdue
                .iter()
                .map(|o| Carry {
                    then: o.clone(),
                    now: now_row(&o.complaint_id).map_or(NotifyNow::Removed, |j| state.notify(j)),
                })
                .collect()
        }),
        capa_open: capa_then.map(|c| {
            c.list
                .iter()
                .filter(|x| x.status == "open")
                .map(|x| Carry { then: x.clone(), now: state.capa(x) })
                .collect()
        }),
        recurring_without_capa: capa_then
            .map(|c| c.recurring_without_capa.iter().map(|k| Carry { then: k.clone(), now: state.key(k) }).collect()),
    }
}

/// The rows of `rows` whose reference (id, or `file#sheet!row`) is wanted.
fn references(rows: &Rows, wanted: &HashSet<&str>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    let id = column("complaint_id");
    for i in 0..rows.height {
        match rows.text(id, i) {
            Some(v) if wanted.contains(v) => {
                out.insert(v.to_string(), i);
            }
            Some(_) => {}
            None => {
                let r = rows.reference(i);
                if wanted.contains(r.as_str()) {
                    out.insert(r, i);
                }
            }
        }
    }
    out
}

/// What this report says now, indexed for the lookups.
struct State<'a> {
    report: &'a Report,
    rows: &'a Rows,
    as_of: i32,
    holidays: Vec<i32>,
    overdue: HashSet<&'a str>,
    notify_overdue: HashMap<&'a str, i64>,
}

impl<'a> State<'a> {
    fn new(report: &'a Report, rows: &'a Rows) -> State<'a> {
        let mut holidays: Vec<i32> = report.params.holidays.iter().map(|d| epoch_days(*d)).collect();
        holidays.sort_unstable();
        holidays.dedup();
        State {
            report,
            rows,
            as_of: epoch_days(report.as_of),
            holidays,
            overdue: report.overdue.iter().map(|o| o.complaint_id.as_str()).collect(),
            notify_overdue: report
                .notification
                .get()
                .map(|n| n.overdue.iter().map(|o| (o.complaint_id.as_str(), o.days_past_deadline)).collect())
                .unwrap_or_default(),
        }
    }

    /// Days from `from` to the as-of date, counted like ages (§3).
    fn days_to_as_of(&self, from: i32) -> i64 {
        i64::from(if self.report.params.business_days {
            business_days(from, self.as_of, &self.holidays)
        } else {
            self.as_of - from
        })
    }

    /// Closed as of the as-of date (§3): with its date, or by a word.
    fn closed(&self, j: usize) -> Option<Option<NaiveDate>> {
        match self.rows.date(column("closed_date"), j) {
            Some(d) if d <= self.as_of => Some(Some(from_epoch_days(d))),
            Some(_) => None,
            None => self.rows.flag(column("closed_mark"), j).unwrap_or(false).then_some(None),
        }
    }

    fn age(&self, j: usize) -> i64 {
        self.days_to_as_of(self.rows.date(column("received_date"), j).unwrap_or(self.as_of))
    }

    fn complaint(&self, j: usize) -> ComplaintNow {
        match self.closed(j) {
            Some(closed_date) => ComplaintNow::Closed { closed_date },
            None => ComplaintNow::Open {
                age_days: self.age(j),
                overdue: self.overdue.contains(self.rows.reference(j).as_str()),
            },
        }
    }

    fn notify(&self, j: usize) -> NotifyNow {
        if let Some(d) = self.rows.date(column("notified_date"), j).filter(|d| *d <= self.as_of) {
            return NotifyNow::Notified { notified_date: from_epoch_days(d) };
        }
        if let Some(&days) = self.notify_overdue.get(self.rows.reference(j).as_str()) {
            return NotifyNow::Overdue { days_past_deadline: days };
        }
        match self.closed(j) {
            Some(closed_date) => NotifyNow::Closed { closed_date },
            None => NotifyNow::Open { age_days: self.age(j) },
        }
    }

    fn capa(&self, then: &CapaItemThen) -> CapaNow {
        let id = normalize_key(&then.capa_id);
        let Some(c) = self.report.capa.get().and_then(|c| c.list.iter().find(|c| normalize_key(&c.capa_id) == id))
        else {
            return CapaNow::Removed;
        };
        match c.status {
            CapaStatus::Verified => CapaNow::Verified { verified: c.verified },
            CapaStatus::Closed => CapaNow::Closed { closed: c.closed },
            CapaStatus::Open => {
                CapaNow::Open { days_open: i64::from(self.as_of - epoch_days(c.opened)), overdue: c.overdue }
            }
        }
    }

    fn key(&self, then: &KeyThen) -> KeyNow {
        let norm = |k: &[String]| -> Vec<String> { k.iter().map(|v| normalize_key(v)).collect() };
        let key = norm(&then.key);
        let Some(capa) = self.report.capa.get() else { return KeyNow::Inactive };
        if let Some(k) = capa.recurring_without_capa.iter().find(|k| norm(&k.key) == key) {
            return KeyNow::WithoutCapa { count: k.count, last: k.last };
        }
        match capa.list.iter().find(|c| c.keys.iter().any(|k| norm(k) == key)) {
            Some(c) => KeyNow::Capa { capa_id: c.capa_id.clone(), capa_status: c.status },
            None => KeyNow::Inactive,
        }
    }
}
