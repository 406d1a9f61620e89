//! `changes` in summary.json (docs/metrics.md §15): what changed since the
//! base snapshot — the months of both trend windows whose figures are not
//! what was reported then, the complaints added and removed, the fields
//! edited, and the last report's to-do list with its status now.

use super::base::Figures;
use super::carried::Carried;
use super::matching::{column, match_tables, MatchedBy, Rows};
use crate::metrics::months::{epoch_days, from_epoch_days, Month};
use crate::metrics::Report;
use chrono::NaiveDate;
use polars::prelude::DataFrame;
use serde::Serialize;

/// What changed since the base report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Changes {
    pub base: Base,
    /// Complaints found in both, by how they were matched.
    pub matched: Matched,
    pub restated: Vec<Restated>,
    pub added: Vec<ComplaintItem>,
    pub removed: Vec<ComplaintItem>,
    pub edited: Vec<Edit>,
    pub carried: Carried,
}

/// The report compared with.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Base {
    pub period: Month,
    pub as_of: NaiveDate,
    /// Complaints in its clean table.
    pub complaints: u64,
    /// Parameters (summary.json `params`) that differ from this run's: its
    /// figures were computed with other rules.
    pub params_changed: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Matched {
    pub by_id: u64,
    pub by_content: u64,
}

/// A value as reported then and now.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ThenNow<T> {
    pub then: T,
    pub now: T,
}

/// A month of both trend windows with the figures that differ.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Restated {
    pub month: Month,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received: Option<ThenNow<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<ThenNow<Option<u64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_time_rate: Option<ThenNow<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<ThenNow<Option<u64>>>,
}

/// A complaint added or removed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ComplaintItem {
    /// Its id, or `file#sheet!row` where it was read (now when added, then
    /// when removed).
    pub complaint_id: String,
    pub received_date: NaiveDate,
    pub customer: Option<String>,
    pub defect_type: Option<String>,
    /// Added and received in a month the base report covered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_entry: Option<bool>,
    pub source_file: String,
    pub source_sheet: String,
    pub source_row: u32,
}

/// One field of one complaint, then and now.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edit {
    /// Its id, or `file#sheet!row` where it is read now.
    pub complaint_id: String,
    /// Its received date now.
    pub received_date: NaiveDate,
    pub field: &'static str,
    pub then: Option<String>,
    pub now: Option<String>,
    pub matched_by: MatchedBy,
}

/// The fields whose edits are listed, in this order: identity, then
/// lifecycle (docs/metrics.md §15). The id is listed only when a complaint
/// matched by its content got (or lost) one.
pub const TRACKED: [&str; 12] = [
    "complaint_id",
    "received_date",
    "customer",
    "product",
    "defect_type",
    "closed_date",
    "notified_date",
    "status",
    "capa_id",
    "capa_due_date",
    "capa_closed_date",
    "capa_verified_date",
];

/// Compares this run (`now`: its clean table, before any masking, and its
/// report) with a recorded snapshot (`then`).
pub fn compare(
    then_table: &DataFrame,
    then: &Figures,
    now_table: &DataFrame,
    report: &Report,
) -> anyhow::Result<Changes> {
    let base_period = Month::parse(&then.period)
        .ok_or_else(|| anyhow::anyhow!("the recorded period '{}' is not a month", then.period))?;
    // the columns of the edits and items; the rest only for rows without a
    // partner by id (see matching)
    let mut names: Vec<&str> = TRACKED.to_vec();
    names.extend(["closed_mark", "source_file", "source_sheet", "source_row"]);
    let mut clock = std::time::Instant::now();
    let then_rows = Rows::new(then_table, &names)?;
    let now_rows = Rows::new(now_table, &names)?;
    let matches = match_tables(then_table, now_table, &then_rows, &now_rows)?;
    crate::progress::lap(&mut clock, "  history match");
    let as_of = epoch_days(report.as_of);
    let rd = column("received_date");
    let in_scope = |rows: &Rows, i: usize| rows.date(rd, i).is_some_and(|d| d <= as_of);
    let mut added: Vec<ComplaintItem> = matches
        .now_only
        .iter()
        .filter(|&&j| in_scope(&now_rows, j))
        .map(|&j| {
            let mut item = complaint_item(&now_rows, j);
            item.late_entry = Some(Month::of(item.received_date) <= base_period);
            item
        })
        .collect();
    let mut removed: Vec<ComplaintItem> = matches
        .then_only
        .iter()
        .filter(|&&i| in_scope(&then_rows, i))
        .map(|&i| complaint_item(&then_rows, i))
        .collect();
    for list in [&mut added, &mut removed] {
        list.sort_by(|a, b| (a.received_date, &a.complaint_id).cmp(&(b.received_date, &b.complaint_id)));
    }
    let mut edited = Vec::new();
    let mut matched = Matched::default();
    for &(i, j, by) in &matches.pairs {
        match by {
            MatchedBy::Id => matched.by_id += 1,
            _ => matched.by_content += 1,
        }
        if in_scope(&then_rows, i) || in_scope(&now_rows, j) {
            edits(&then_rows, i, &now_rows, j, by, &mut edited);
        }
    }
    // by complaint (received now, then reference), fields in TRACKED order
    let order = |e: &Edit| TRACKED.iter().position(|f| *f == e.field);
    edited.sort_by(|a, b| {
        (a.received_date, &a.complaint_id, order(a)).cmp(&(b.received_date, &b.complaint_id, order(b)))
    });
    crate::progress::lap(&mut clock, "  history edits");
    let carried = super::carried::carried(then, &then_rows, &now_rows, &matches, report);
    crate::progress::lap(&mut clock, "  history carried");
    Ok(Changes {
        base: Base {
            period: base_period,
            as_of: then.as_of,
            complaints: then_table.height() as u64,
            params_changed: params_changed(then, report)?,
        },
        matched,
        restated: restated(then, report),
        added,
        removed,
        edited,
        carried,
    })
}

impl Changes {
    /// `--redact`: customer names masked as everywhere in the report
    /// (`customer_in_key`: the customer's place in the recurrence key).
    pub fn redact(&mut self, customer_in_key: Option<usize>) {
        use crate::text::mask_name;
        let mask = |v: &mut Option<String>| *v = v.as_deref().map(mask_name);
        for item in self.added.iter_mut().chain(self.removed.iter_mut()) {
            mask(&mut item.customer);
        }
        for e in self.edited.iter_mut().filter(|e| e.field == "customer") {
            mask(&mut e.then);
            mask(&mut e.now);
        }
        let c = &mut self.carried;
        c.overdue.iter_mut().for_each(|o| mask(&mut o.then.customer));
        c.notify_overdue.iter_mut().flatten().for_each(|o| mask(&mut o.then.customer));
        if let Some(pos) = customer_in_key {
            for k in c.recurring_without_capa.iter_mut().flatten() {
                if let Some(v) = k.then.key.get_mut(pos) {
                    *v = mask_name(v);
                }
            }
        }
    }
}

fn complaint_item(rows: &Rows, i: usize) -> ComplaintItem {
    ComplaintItem {
        complaint_id: rows.reference(i),
        received_date: from_epoch_days(rows.date(column("received_date"), i).unwrap_or(0)),
        customer: rows.text(column("customer"), i).map(str::to_string),
        defect_type: rows.text(column("defect_type"), i).map(str::to_string),
        late_entry: None,
        source_file: rows.text(column("source_file"), i).unwrap_or_default().to_string(),
        source_sheet: rows.text(column("source_sheet"), i).unwrap_or_default().to_string(),
        source_row: rows.count(column("source_row"), i).unwrap_or(0),
    }
}

/// The tracked fields of one pair that differ.
fn edits(then: &Rows, i: usize, now: &Rows, j: usize, by: MatchedBy, out: &mut Vec<Edit>) {
    for field in TRACKED {
        if field == "complaint_id" && by == MatchedBy::Id {
            continue;
        }
        let c = column(field);
        let same = if field.ends_with("_date") {
            then.date(c, i) == now.date(c, j)
        } else {
            then.text(c, i) == now.text(c, j)
        };
        if !same {
            out.push(Edit {
                complaint_id: now.reference(j),
                received_date: from_epoch_days(now.date(column("received_date"), j).unwrap_or(0)),
                field,
                then: then.shown(c, i),
                now: now.shown(c, j),
                matched_by: by,
            });
        }
    }
}

/// Rates are compared as summary.json writes them (4 decimals).
fn same_rate(a: Option<f64>, b: Option<f64>) -> bool {
    a.map(|x| crate::metrics::round(x, 4)) == b.map(|x| crate::metrics::round(x, 4))
}

/// Months of both trend windows whose received, closed, on-time rate or
/// overdue figure is not what was reported then.
fn restated(then: &Figures, report: &Report) -> Vec<Restated> {
    let mut out = Vec::new();
    for now in &report.trend {
        let month = now.month.to_string();
        let Some(old) = then.trend.iter().find(|t| t.month == month) else { continue };
        let differs = |a: Option<u64>, b: Option<u64>| (a != b).then_some(ThenNow { then: a, now: b });
        let r = Restated {
            month: now.month,
            received: (old.received != now.received).then_some(ThenNow { then: old.received, now: now.received }),
            closed: differs(old.closed, now.closed),
            on_time_rate: (!same_rate(old.on_time_rate, now.on_time_rate))
                .then_some(ThenNow { then: old.on_time_rate, now: now.on_time_rate }),
            overdue: differs(old.overdue, now.overdue),
        };
        if r.received.is_some() || r.closed.is_some() || r.on_time_rate.is_some() || r.overdue.is_some() {
            out.push(r);
        }
    }
    out
}

/// The keys of `params` whose values differ between the two reports.
fn params_changed(then: &Figures, report: &Report) -> anyhow::Result<Vec<String>> {
    let now = serde_json::to_value(&report.params)?;
    let now = now.as_object().cloned().unwrap_or_default();
    let mut keys: Vec<String> = now.keys().chain(then.params.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    Ok(keys.into_iter().filter(|k| now.get(k) != then.params.get(k)).collect())
}
