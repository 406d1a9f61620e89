//! §9 Corrective action (CAPA, 시정 및 예방조치): each corrective action
//! with its status as of `as_of`, whether the problem came back after it
//! was completed (ineffective), coverage, and the recurring problems that
//! have none — the review's to-do list.

use super::months::{epoch_days, from_epoch_days, Month};
use super::{rate, Params, Period};
use crate::ingest::cells::normalize_key;
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A CAPA's status as of `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapaStatus {
    Open,
    Closed,
    Verified,
}

/// One corrective action (one distinct normalised `capa_id`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Capa {
    /// As most often written among its complaints (ties: the first).
    pub capa_id: String,
    /// The earliest received date of its complaints.
    pub opened: NaiveDate,
    pub due: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    pub verified: Option<NaiveDate>,
    pub status: CapaStatus,
    pub overdue: bool,
    /// Complaints that carry the id.
    pub complaints: u64,
    /// The distinct recurrence keys of its complaints (as first written).
    pub keys: Vec<Vec<String>>,
    /// The first complaint not linked to it, with one of its keys, received
    /// after its completion and within the recurrence window.
    pub ineffective_by: Option<String>,
    /// Its complaints disagree on a non-blank date (data quality).
    #[serde(skip)]
    pub conflict: bool,
}

/// The CAPA figure of one receipt month.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CapaMonth {
    /// Complaints with a CAPA / complaints (`None` without complaints).
    pub capa_coverage: Option<f64>,
}

/// An active recurring problem without corrective action (§9): a
/// recurrence key with at least `capa_trigger` complaints received in the
/// `recurrence_window` days up to `as_of`, none of which carries a CAPA.
/// The figures are over those complaints.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyWithoutCapa {
    pub key: Vec<String>,
    pub count: u64,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Distinct non-blank customers (normalised).
    pub customers: u64,
}

/// `capa` in summary.json when recorded.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CapaReport {
    pub opened_in_window: u64,
    /// Open CAPAs, the overdue ones included.
    pub open: u64,
    pub overdue: u64,
    pub closed_unverified: u64,
    pub verified: u64,
    pub ineffective: u64,
    /// Window complaints with a CAPA / window complaints.
    pub coverage: Option<f64>,
    /// Every CAPA opened on or before `as_of`, by opened date then id.
    pub list: Vec<Capa>,
    pub recurring_without_capa: Vec<KeyWithoutCapa>,
}

/// One judged complaint as the CAPA figures need it.
struct CapaRow<'a> {
    capa: Option<String>,
    written: Option<&'a str>,
    rd: i32,
    order: u32,
    key: Option<&'a str>,
    id: String,
    dates: [Option<i32>; 3],
}

/// Every CAPA of `judged` (complaints received on or before `as_of`).
pub fn capas(judged: &DataFrame, period: &Period, params: &Params) -> anyhow::Result<Vec<Capa>> {
    let as_of = epoch_days(period.as_of);
    let refs = super::frame::complaint_refs(judged)?;
    let ids = super::texts(judged.column("capa_id")?)?;
    let keys = judged.column("key")?.str()?;
    let rd = judged.column("rd")?.i32()?;
    let order = judged.column("input_order")?.u32()?;
    let date = |name: &str| -> anyhow::Result<Vec<Option<i32>>> {
        Ok(judged.column(name)?.cast(&DataType::Int32)?.i32()?.iter().collect())
    };
    let (due, closed, verified) = (date("capa_due_date")?, date("capa_closed_date")?, date("capa_verified_date")?);
    let rows: Vec<CapaRow> = (0..judged.height())
        .map(|i| CapaRow {
            capa: ids.get(i).map(normalize_key).filter(|k| !k.is_empty()),
            written: ids.get(i),
            rd: rd.get(i).unwrap_or(0),
            order: order.get(i).unwrap_or(u32::MAX),
            key: keys.get(i),
            id: refs.get(i).unwrap_or_default().to_string(),
            dates: [due[i], closed[i], verified[i]],
        })
        .collect();
    // key display values as first written, per normalised key
    let mut display: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let key_fields: Vec<StringChunked> =
        params.recurrence_key.iter().map(|f| super::texts(judged.column(f.name())?)).collect::<PolarsResult<_>>()?;
    let mut by_first: Vec<usize> = (0..rows.len()).collect();
    by_first.sort_by_key(|&i| (rows[i].rd, rows[i].order));
    for &i in &by_first {
        if let Some(k) = rows[i].key {
            display.entry(k).or_insert_with(|| {
                key_fields.iter().map(|c| c.get(i).map(str::to_string).unwrap_or_default()).collect()
            });
        }
    }
    // complaints per CAPA, in (received, input order)
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &by_first {
        if let Some(c) = &rows[i].capa {
            groups.entry(c.as_str()).or_default().push(i);
        }
    }
    // complaints per key in (received, input order), for effectiveness
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &by_first {
        if let Some(k) = rows[i].key {
            by_key.entry(k).or_default().push(i);
        }
    }
    let window = params.recurrence_window as i32;
    let mut out: Vec<Capa> = groups
        .into_iter()
        .map(|(norm, members)| {
            let first = &rows[members[0]];
            let latest = |slot: usize| members.iter().filter_map(|&i| rows[i].dates[slot]).max();
            let conflict = (0..3).any(|slot| {
                let mut values: Vec<i32> = members.iter().filter_map(|&i| rows[i].dates[slot]).collect();
                values.sort_unstable();
                values.dedup();
                values.len() > 1
            });
            let (due, closed, verified) = (latest(0), latest(1), latest(2));
            let status = if verified.is_some_and(|v| v <= as_of) {
                CapaStatus::Verified
            } else if closed.is_some_and(|c| c <= as_of) {
                CapaStatus::Closed
            } else {
                CapaStatus::Open
            };
            let mut capa_keys: Vec<&str> = members.iter().filter_map(|&i| rows[i].key).collect();
            capa_keys.sort_unstable();
            capa_keys.dedup();
            // the first complaint, not linked to this CAPA, with one of its
            // keys, received in (closed, closed + window] and by as_of
            let ineffective_by = closed.and_then(|c| {
                capa_keys
                    .iter()
                    .flat_map(|k| by_key.get(k).into_iter().flatten())
                    .map(|&i| &rows[i])
                    .filter(|r| r.capa.as_deref() != Some(norm) && r.rd > c && r.rd - c <= window && r.rd <= as_of)
                    .min_by_key(|r| (r.rd, r.order))
                    .map(|r| r.id.clone())
            });
            let mut keys: Vec<Vec<String>> =
                capa_keys.iter().filter_map(|k| display.get(k).cloned()).collect::<Vec<_>>();
            keys.sort();
            // shown as most often written (ties: the first), `CAPA-7` over a
            // stray `capa-7`
            let mut spellings: Vec<(&str, usize)> = Vec::new();
            for w in members.iter().filter_map(|&i| rows[i].written.map(str::trim)) {
                match spellings.iter_mut().find(|(s, _)| *s == w) {
                    Some((_, n)) => *n += 1,
                    None => spellings.push((w, 1)),
                }
            }
            let shown = spellings.iter().rev().max_by_key(|(_, n)| *n).map_or(norm, |(s, _)| *s);
            Capa {
                capa_id: shown.to_string(),
                opened: from_epoch_days(first.rd),
                due: due.map(from_epoch_days),
                closed: closed.map(from_epoch_days),
                verified: verified.map(from_epoch_days),
                overdue: status == CapaStatus::Open && due.is_some_and(|d| as_of > d),
                status,
                complaints: members.len() as u64,
                keys,
                ineffective_by,
                conflict,
            }
        })
        .collect();
    out.sort_by_key(|c| (c.opened, normalize_key(&c.capa_id)));
    Ok(out)
}

/// CAPA coverage per month of the trend window: complaints with a CAPA /
/// complaints (`None` for a month without complaints).
pub fn coverage_by_month(judged: &DataFrame, period: &Period) -> anyhow::Result<BTreeMap<Month, Option<f64>>> {
    let months = judged.column("month")?.i32()?;
    let ids = super::texts(judged.column("capa_id")?)?;
    let mut counts: BTreeMap<Month, (u64, u64)> = period.window().map(|m| (m, (0, 0))).collect();
    for (m, id) in months.iter().zip(ids.iter()) {
        if let Some((with, all)) = m.and_then(|m| counts.get_mut(&Month(m))) {
            *all += 1;
            *with += u64::from(id.is_some_and(|id| !id.trim().is_empty()));
        }
    }
    Ok(counts.into_iter().map(|(m, (with, all))| (m, rate(with, all))).collect())
}

/// The `capa` section: counts over the CAPAs, window coverage (`window`:
/// the trend window's complaints) and the recurring problems without a
/// CAPA (`judged`: every complaint received by `as_of`).
pub fn report(
    capas: Vec<Capa>,
    judged: &DataFrame,
    window: &DataFrame,
    period: &Period,
    params: &Params,
) -> anyhow::Result<CapaReport> {
    let count = |f: &dyn Fn(&Capa) -> bool| capas.iter().filter(|c| f(c)).count() as u64;
    let in_window = |d: NaiveDate| {
        let m = Month::of(d);
        m >= period.window_start && m <= period.month
    };
    let with_capa =
        super::texts(window.column("capa_id")?)?.iter().filter(|v| v.is_some_and(|v| !v.trim().is_empty())).count();
    Ok(CapaReport {
        opened_in_window: count(&|c| in_window(c.opened)),
        open: count(&|c| c.status == CapaStatus::Open),
        overdue: count(&|c| c.overdue),
        closed_unverified: count(&|c| c.status == CapaStatus::Closed),
        verified: count(&|c| c.status == CapaStatus::Verified),
        ineffective: count(&|c| c.ineffective_by.is_some()),
        coverage: rate(with_capa as u64, window.height() as u64),
        recurring_without_capa: without_capa(judged, period, params)?,
        list: capas,
    })
}

/// The review's to-do list (§9): the keys with at least `capa_trigger`
/// complaints received in (as_of − recurrence_window, as_of], none of which
/// carries a CAPA, catch-all defect types left out; by count descending,
/// then last received descending, then normalised key.
fn without_capa(judged: &DataFrame, period: &Period, params: &Params) -> anyhow::Result<Vec<KeyWithoutCapa>> {
    let as_of = epoch_days(period.as_of);
    let since = as_of - params.recurrence_window as i32;
    // received in (since, as_of]
    let recent = judged.filter(&super::frame::between(judged, "rd", since + 1, as_of)?)?;
    let has_capa = super::texts(recent.column("capa_id")?)?;
    let has_capa = |i: usize| has_capa.get(i).is_some_and(|id| !id.trim().is_empty());
    let groups = super::recurrence::recurring_groups(&recent, params, params.capa_trigger, |rows| {
        !rows.iter().any(|&i| has_capa(i))
    })?;
    let rd = recent.column("rd")?.i32()?;
    let customers = super::recurrence::folded_customers(&recent)?;
    let type_at = params.recurrence_key.iter().position(|f| *f == crate::ingest::fields::Field::DefectType);
    let mut out: Vec<(KeyWithoutCapa, String)> = groups
        .into_iter()
        .filter(|g| !type_at.is_some_and(|t| params.catch_all.contains(&normalize_key(&g.display[t]))))
        .map(|g| {
            let (first, last) = super::recurrence::received_span(rd, &g.rows);
            let item = KeyWithoutCapa {
                count: g.rows.len() as u64,
                first: from_epoch_days(first),
                last: from_epoch_days(last),
                customers: super::recurrence::distinct_customers(&customers, &g.rows),
                key: g.display,
            };
            (item, g.key)
        })
        .collect();
    out.sort_by(|(a, ka), (b, kb)| b.count.cmp(&a.count).then(b.last.cmp(&a.last)).then_with(|| ka.cmp(kb)));
    Ok(out.into_iter().map(|(item, _)| item).collect())
}

#[cfg(test)]
mod tests {
    use super::super::judge;
    use super::super::test_support::*;
    use super::*;

    /// A row's CAPA columns: (complaint id, capa id, due, closed, verified).
    type CapaCells<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    /// One CAPA as the test reads it back.
    type Got<'a> = (&'a str, CapaStatus, bool, u64, Option<&'a str>, bool);

    /// A table with CAPA columns set per row.
    fn with_capas(rows: &[Row], capa: &[CapaCells]) -> DataFrame {
        let mut t = table(rows);
        let ids: Vec<Option<&str>> =
            rows.iter().map(|r| capa.iter().find(|c| c.0 == r.0).map(|c| c.1).unwrap_or(None)).collect();
        let day = |k: usize| -> Vec<Option<NaiveDate>> {
            rows.iter().map(|r| capa.iter().find(|c| c.0 == r.0).and_then(|c| [c.2, c.3, c.4][k]).map(date)).collect()
        };
        t.with_column(Column::new("capa_id".into(), ids)).ok();
        for (k, name) in ["capa_due_date", "capa_closed_date", "capa_verified_date"].into_iter().enumerate() {
            t.with_column(Column::new(name.into(), day(k))).ok();
        }
        t
    }

    #[test]
    fn status_conflicts_and_an_ineffective_capa() {
        let rows = [
            ("1", "2024-01-10", Some("2024-01-15"), false, "P1", "이물", "c"),
            ("2", "2024-02-01", Some("2024-02-05"), false, "P1", "이물", "c"),
            ("3", "2024-03-20", None, false, "P1", "이물", "c"), // after CAPA-1 closed 03-01: ineffective
            ("4", "2024-02-10", None, false, "P2", "외관", "c"),
            ("5", "2024-04-01", None, false, "P3", "치수", "c"),
            ("6", "2024-05-02", None, false, "P3", "치수", "c"),
        ];
        let capa = [
            ("1", Some("CAPA-1"), Some("2024-02-28"), Some("2024-03-01"), None),
            ("2", Some(" capa-1 "), Some("2024-03-10"), Some("2024-03-01"), None), // due differs: conflict
            ("4", Some("CAPA-2"), Some("2024-03-31"), None, None),                 // open past due
            ("5", Some("CAPA-3"), Some("2024-06-30"), Some("2024-04-20"), Some("2024-05-20")),
        ];
        let t = with_capas(&rows, &capa);
        let (period, params) = period("2024-05", None, 6);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let list = capas(&j, &period, &params).unwrap_or_default();
        let got: Vec<Got> = list
            .iter()
            .map(|c| (c.capa_id.as_str(), c.status, c.overdue, c.complaints, c.ineffective_by.as_deref(), c.conflict))
            .collect();
        assert_eq!(
            got,
            [
                ("CAPA-1", CapaStatus::Closed, false, 2, Some("3"), true),
                ("CAPA-2", CapaStatus::Open, true, 1, None, false),
                ("CAPA-3", CapaStatus::Verified, false, 1, Some("6"), false),
            ]
        );
        // the latest due date of CAPA-1's complaints
        assert_eq!(list[0].due, Some(date("2024-03-10")));
        assert_eq!(list[0].keys, vec![vec!["P1".to_string(), "이물".to_string()]]);
        // 6 repeats P3/치수 12 days after CAPA-3 was completed: ineffective —
        // unless 6 is linked to CAPA-3 itself
        let capa6 = [capa[0], capa[1], capa[2], capa[3], ("6", Some("CAPA-3"), None, None, None)];
        let list6 = capas(&judge(&with_capas(&rows, &capa6), &period, &params).unwrap_or_default(), &period, &params)
            .unwrap_or_default();
        assert_eq!((list6[2].ineffective_by.as_deref(), list6[2].complaints), (None, 2));
        // the section: counts, window coverage (4 of 6 complaints carry a CAPA
        // in the window 2023-12..2024-05), recurring problems without CAPA
        let window = j.clone();
        let r = report(list, &j, &window, &period, &params).unwrap_or_default();
        assert_eq!(
            (r.opened_in_window, r.open, r.overdue, r.closed_unverified, r.verified, r.ineffective),
            (3, 1, 1, 1, 1, 2)
        );
        assert_eq!(r.coverage, Some(0.6667));
        // P1/이물 has CAPAs; P3/치수 has CAPA-3 on 5: none without
        assert_eq!(r.recurring_without_capa, vec![]);
    }

    #[test]
    fn the_to_do_list_holds_active_problems_only() {
        // as_of 2024-05-31, recurrence window 90 days: received in (03-02, 05-31]
        let rows = [
            ("1", "2024-03-02", None, false, "P1", "이물", "A"), // exactly 90 days before: outside
            ("2", "2024-03-03", None, false, "P1", "이물", "A"),
            ("3", "2024-04-10", None, false, "p1", "이물", "a"),
            ("4", "2024-05-20", None, false, "P1", "이물", "B"),
            ("5", "2024-04-01", None, false, "P2", "외관", "A"), // one carries a CAPA
            ("6", "2024-04-02", None, false, "P2", "외관", "A"),
            ("7", "2024-05-30", None, false, "P2", "외관", "A"),
            ("8", "2024-04-03", None, false, "P3", "기타", "A"), // catch-all type
            ("9", "2024-04-04", None, false, "P3", "기타", "A"),
            ("10", "2024-04-05", None, false, "P3", "기타", "A"),
            ("11", "2024-04-05", None, false, "P4", "치수", ""),
            ("12", "2024-04-06", None, false, "P4", "치수", "C"),
            ("13", "2024-05-25", None, false, "P4", "치수", "C"),
            ("14", "2024-05-01", None, false, "P5", "찍힘", "A"), // two only
            ("15", "2024-05-02", None, false, "P5", "찍힘", "A"),
            ("16", "2024-06-01", None, false, "P5", "찍힘", "A"), // after as_of
        ];
        let t = with_capas(&rows, &[("6", Some("CAPA-9"), None, None, None)]);
        let (period, params) = period("2024-05", None, 12);
        let list = |params: &Params| -> Vec<(String, u64, String, String, u64)> {
            let j = judge(&t, &period, params).unwrap_or_default();
            let r = report(capas(&j, &period, params).unwrap_or_default(), &j, &j, &period, params).unwrap_or_default();
            r.recurring_without_capa
                .into_iter()
                .map(|k| (k.key.join("/"), k.count, k.first.to_string(), k.last.to_string(), k.customers))
                .collect()
        };
        let item = |k: &str, n, f: &str, l: &str, c| (k.to_string(), n, f.to_string(), l.to_string(), c);
        // count desc, then last received desc: P4 (last 05-25) before P1 (05-20)
        assert_eq!(
            list(&params),
            [item("P4/치수", 3, "2024-04-05", "2024-05-25", 1), item("P1/이물", 3, "2024-03-03", "2024-05-20", 2)]
        );
        // a trigger of 2 adds P5 (last 05-02); an empty catch-all list adds P3 (last 04-05)
        let two = Params { capa_trigger: 2, ..params.clone() };
        assert_eq!(list(&two).len(), 3);
        assert_eq!(list(&two)[2].0, "P5/찍힘");
        let none = Params { catch_all: Vec::new(), ..params.clone() };
        assert_eq!(list(&none).iter().map(|i| i.0.as_str()).collect::<Vec<_>>(), ["P4/치수", "P1/이물", "P3/기타"]);
    }
}
