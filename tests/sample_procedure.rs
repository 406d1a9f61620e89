//! Issue 11's cross-check: the generated Korean legacy ledger with every
//! procedure column, and the §4 and §8–§10 figures of its report against an
//! independent computation from what the generator put in (its
//! `SampleTruth`, not the engine's table), written here from
//! docs/metrics.md in plain loops.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use complaints::sample::{ClosedTruth, ComplaintTruth};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const TARGET: i64 = 10;
const WINDOW: i64 = 90;

fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Closed as of `as_of` (docs/metrics.md §3): a closed date on or before
/// it, or closed by a word without a date.
fn closed(c: &ComplaintTruth, as_of: NaiveDate) -> bool {
    match c.closed {
        ClosedTruth::Date(d) => d <= as_of,
        ClosedTruth::WithoutDate => true,
        ClosedTruth::Open => false,
    }
}

/// Notification of one complaint as of `as_of`: (notified, negative, on
/// time, overdue, deadline, days). Only an open complaint can be overdue.
fn notify(c: &ComplaintTruth, as_of: NaiveDate) -> (bool, bool, bool, bool, NaiveDate, Option<i64>) {
    let deadline = c.reply_due.unwrap_or(c.received + chrono::Duration::days(TARGET));
    let nd = c.notified.filter(|d| *d <= as_of);
    let negative = nd.is_some_and(|d| d < c.received);
    let valid = nd.filter(|_| !negative);
    (
        nd.is_some(),
        negative,
        valid.is_some_and(|d| d <= deadline),
        !closed(c, as_of) && nd.is_none() && as_of > deadline,
        deadline,
        valid.map(|d| (d - c.received).num_days()),
    )
}

#[test]
fn notification_capa_and_cost_match_an_independent_computation() {
    let dir = tempdir();
    let truth = complaints::sample::write_legacy_samples(dir.path(), 20251031).expect("generate");
    let as_of = truth.as_of;
    let o = run_in(dir.path(), &["report", ".", "--out", "out", "--as-of", &as_of.to_string(), "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let all: Vec<&ComplaintTruth> = truth.merged.iter().filter(|c| c.received <= as_of).collect();
    let window: BTreeSet<String> =
        s["trend"].as_array().expect("trend").iter().map(|t| t["month"].as_str().unwrap_or("").to_string()).collect();

    // §4 per month of the trend window: a repeat has an earlier complaint
    // of its product and type received at most 90 days before it; a
    // recurrence after closure one closed before it was received, at most
    // 90 days before. Earlier means earlier in (received, input order). Of
    // same-day complaints of one problem all but the first are repeats,
    // whichever is first, so the month's count needs no input order (ties
    // by id here); and a same-day complaint could only count as closed
    // before the other's receipt with a negative TTR — the sample has none
    // such.
    let key_of = |c: &ComplaintTruth| (c.product.to_lowercase(), c.defect_type.to_lowercase());
    for t in s["trend"].as_array().expect("trend") {
        let m = t["month"].as_str().unwrap_or_default();
        let (mut repeats, mut after_closure) = (0u64, 0u64);
        for c in all.iter().filter(|c| month(c.received) == m) {
            let earlier: Vec<&ComplaintTruth> = all
                .iter()
                .copied()
                .filter(|p| {
                    key_of(p) == key_of(c)
                        && (p.received < c.received || p.received == c.received && p.complaint_id < c.complaint_id)
                })
                .collect();
            repeats += u64::from(earlier.iter().any(|p| (c.received - p.received).num_days() <= WINDOW));
            let closed_before: Vec<(NaiveDate, NaiveDate)> = earlier
                .iter()
                .filter_map(|p| match p.closed {
                    ClosedTruth::Date(d) if d < c.received => Some((p.received, d)),
                    _ => None,
                })
                .collect();
            assert!(closed_before.iter().all(|&(r, _)| r < c.received), "{}", c.complaint_id);
            after_closure += u64::from(closed_before.iter().any(|&(_, d)| (c.received - d).num_days() <= WINDOW));
        }
        assert_eq!(t["repeats"], repeats, "{m} repeats");
        assert_eq!(t["recurrences_after_closure"], after_closure, "{m} recurrences after closure");
    }

    // §8 per month of the trend window
    for t in s["trend"].as_array().expect("trend") {
        let m = t["month"].as_str().unwrap_or_default();
        let (mut notified, mut on_time, mut overdue, mut judged, mut days) = (0u64, 0u64, 0u64, 0u64, Vec::new());
        for c in all.iter().filter(|c| month(c.received) == m) {
            let (n, neg, ok, late_open, _, d) = notify(c, as_of);
            notified += u64::from(n);
            on_time += u64::from(ok);
            overdue += u64::from(late_open);
            judged += u64::from((n && !neg) || late_open);
            days.extend(d);
        }
        days.sort_unstable();
        let median = (!days.is_empty()).then(|| days[days.len().div_ceil(2) - 1] as f64);
        assert_eq!(t["notified"], notified, "{m} notified");
        assert_eq!(t["notified_on_time"], on_time, "{m} on time");
        assert_eq!(t["notify_overdue"], overdue, "{m} overdue");
        assert_eq!(t["notify_judged"], judged, "{m} judged");
        assert_eq!(t["notify_days_median"].as_f64(), median, "{m} median");
    }
    // the notification-overdue list: every month, oldest deadline first, ties by id
    let mut expected: Vec<(NaiveDate, String)> = all
        .iter()
        .filter_map(|c| {
            let (_, _, _, late_open, deadline, _) = notify(c, as_of);
            late_open.then(|| (deadline, c.complaint_id.clone()))
        })
        .collect();
    expected.sort();
    let listed: Vec<(NaiveDate, String)> = s["notification"]["overdue"]
        .as_array()
        .expect("list")
        .iter()
        .map(|o| {
            (
                o["deadline"].as_str().and_then(|d| d.parse().ok()).unwrap_or_default(),
                o["complaint_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(s["data_quality"]["negative_notify"], truth.negative_notify);
    let not_recorded = all.iter().filter(|c| closed(c, as_of) && c.notified.is_none()).count();
    assert_eq!(s["data_quality"]["closed_without_notify_date"], not_recorded);

    // §9: CAPAs from the complaints that carry them
    let mut capas: BTreeMap<&str, Vec<&ComplaintTruth>> = BTreeMap::new();
    for c in &all {
        if let Some(id) = &c.capa_id {
            capas.entry(id).or_default().push(c);
        }
    }
    let key = |c: &ComplaintTruth| (c.product.to_lowercase(), c.defect_type.to_lowercase());
    let (mut open, mut overdue, mut closed_unverified, mut verified, mut ineffective, mut conflicts, mut opened) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut ineffective_ids = BTreeSet::new();
    for (id, members) in &capas {
        let dates =
            |f: fn(&ComplaintTruth) -> Option<NaiveDate>| members.iter().filter_map(|c| f(c)).collect::<BTreeSet<_>>();
        let (due, done, checked) = (dates(|c| c.capa_due), dates(|c| c.capa_closed), dates(|c| c.capa_verified));
        conflicts += u64::from(due.len() > 1 || done.len() > 1 || checked.len() > 1);
        let (due, done, checked) = (due.last().copied(), done.last().copied(), checked.last().copied());
        opened += u64::from(window.contains(&month(members.iter().map(|c| c.received).min().unwrap_or(as_of))));
        if checked.is_some_and(|v| v <= as_of) {
            verified += 1;
        } else if done.is_some_and(|d| d <= as_of) {
            closed_unverified += 1;
        } else {
            open += 1;
            overdue += u64::from(due.is_some_and(|d| as_of > d));
        }
        let keys: BTreeSet<_> = members.iter().map(|c| key(c)).collect();
        let came_back = done.is_some_and(|d| {
            all.iter().any(|c| {
                c.capa_id.as_deref() != Some(*id)
                    && keys.contains(&key(c))
                    && c.received > d
                    && (c.received - d).num_days() <= WINDOW
            })
        });
        if came_back {
            ineffective += 1;
            ineffective_ids.insert(id.to_string());
        }
    }
    let c = &s["capa"];
    assert_eq!(c["status"], "ok");
    assert_eq!(
        [&c["open"], &c["overdue"], &c["closed_unverified"], &c["verified"], &c["ineffective"], &c["opened_in_window"]],
        [
            &Value::from(open),
            &Value::from(overdue),
            &Value::from(closed_unverified),
            &Value::from(verified),
            &Value::from(ineffective),
            &Value::from(opened)
        ]
    );
    assert_eq!(s["data_quality"]["capa_conflicts"], conflicts);
    assert_eq!(conflicts as usize, truth.capa_conflicts);
    let engine_ineffective: BTreeSet<String> = c["list"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|x| !x["ineffective_by"].is_null())
        .map(|x| {
            x["capa_id"].as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
        })
        .collect();
    assert_eq!(engine_ineffective, ineffective_ids);
    assert_eq!(ineffective, 1, "the sample has one CAPA that did not work");
    // the to-do list: keys with 3+ complaints received in the 90 days to
    // as_of, none with a CAPA, catch-all types left out; by count, then last
    // received (latest first), then key
    let mut recent: BTreeMap<(String, String), Vec<&ComplaintTruth>> = BTreeMap::new();
    for c in all.iter().filter(|c| (as_of - c.received).num_days() < WINDOW) {
        if !c.product.is_empty() && !c.defect_type.is_empty() {
            recent.entry(key(c)).or_default().push(c);
        }
    }
    let catch_all = ["기타", "기타불량", "미분류", "other", "others", "misc", "unknown", "n/a"];
    let mut todo: Vec<(u64, NaiveDate, String, NaiveDate)> = recent
        .iter()
        .filter(|(k, cs)| cs.len() >= 3 && cs.iter().all(|c| c.capa_id.is_none()) && !catch_all.contains(&k.1.as_str()))
        .map(|(k, cs)| {
            let first = cs.iter().map(|c| c.received).min().unwrap_or(as_of);
            let last = cs.iter().map(|c| c.received).max().unwrap_or(as_of);
            (cs.len() as u64, last, format!("{}|{}", k.0, k.1), first)
        })
        .collect();
    todo.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    let listed: Vec<(u64, NaiveDate, String, NaiveDate)> = c["recurring_without_capa"]
        .as_array()
        .expect("to-do list")
        .iter()
        .map(|k| {
            let date = |f: &str| k[f].as_str().and_then(|d| d.parse().ok()).unwrap_or(as_of);
            let key: Vec<String> = k["key"]
                .as_array()
                .map(|v| v.iter().map(|x| x.as_str().unwrap_or("").to_lowercase()).collect())
                .unwrap_or_default();
            (k["count"].as_u64().unwrap_or(0), date("last"), key.join("|"), date("first"))
        })
        .collect();
    assert_eq!(listed, todo);
    // coverage of the window
    let in_window: Vec<&&ComplaintTruth> = all.iter().filter(|c| window.contains(&month(c.received))).collect();
    let with = in_window.iter().filter(|c| c.capa_id.is_some()).count();
    let coverage = (with as f64 / in_window.len() as f64 * 1e4).round() / 1e4;
    assert_eq!(c["coverage"].as_f64(), Some(coverage));

    // §10 cost per month and the window's cost Pareto
    for t in s["trend"].as_array().expect("trend") {
        let m = t["month"].as_str().unwrap_or_default();
        let costs: Vec<u64> = all.iter().filter(|c| month(c.received) == m).filter_map(|c| c.cost).collect();
        // a month without any cost written has no total, not 0
        let total = (!costs.is_empty()).then(|| costs.iter().sum::<u64>() as f64);
        assert_eq!(t["cost_total"].as_f64(), total, "{m} cost");
        assert_eq!(t["cost_count"], costs.len(), "{m} cost count");
    }
    let mut by_type: BTreeMap<&str, u64> = BTreeMap::new();
    for c in &in_window {
        if let Some(cost) = c.cost {
            *by_type.entry(c.defect_type.as_str()).or_default() += cost;
        }
    }
    let mut expected: Vec<(String, f64)> = by_type.into_iter().map(|(t, v)| (t.to_string(), v as f64)).collect();
    expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pareto: Vec<(String, f64)> = s["cost"]["pareto_window"]
        .as_array()
        .expect("pareto")
        .iter()
        .map(|p| (p["defect_type"].as_str().unwrap_or_default().to_string(), p["cost"].as_f64().unwrap_or(-1.0)))
        .collect();
    assert_eq!(pareto, expected);
}
