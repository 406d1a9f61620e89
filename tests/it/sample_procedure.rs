//! Issue 11's cross-check: the generated Korean legacy ledger with every
//! procedure column, and the §4 and §8–§10 figures of its report against an
//! independent computation from what the generator put in (its
//! `SampleTruth`, not the engine's table), written here from
//! docs/metrics.md in plain loops.

use crate::common::*;
use chrono::{Datelike, NaiveDate};
use complaints::sample::{ClosedTruth, ComplaintTruth, SampleTruth};
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

    repeats_match(&s, &all);
    notification_matches(&s, &all, as_of, &truth);
    capa_matches(&s, &all, as_of, &window, &truth);
    cost_matches(&s, &all, &window);
}

fn repeats_match(s: &Value, all: &[&ComplaintTruth]) {
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
}

fn notification_matches(s: &Value, all: &[&ComplaintTruth], as_of: NaiveDate, truth: &SampleTruth) {
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
}

fn capa_matches(s: &Value, all: &[&ComplaintTruth], as_of: NaiveDate, window: &BTreeSet<String>, truth: &SampleTruth) {
    // §9: CAPAs from the complaints that carry them
    let mut capas: BTreeMap<&str, Vec<&ComplaintTruth>> = BTreeMap::new();
    for c in all {
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
}

fn cost_matches(s: &Value, all: &[&ComplaintTruth], window: &BTreeSet<String>) {
    let in_window: Vec<&&ComplaintTruth> = all.iter().filter(|c| window.contains(&month(c.received))).collect();
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

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A line of the shipments file: month, customer, part, units.
type Shipped = (String, String, String, f64);

fn ppm_of(qty: f64, units: f64) -> Option<f64> {
    (units > 0.0).then(|| round(qty / units * 1e6, 2))
}

/// Issue 26 on the sample: with its config (the shipments file by month ×
/// customer × part, `[report.goals]`), the §12 PPM, §13 responsibility and
/// §14 year to date of the report against a computation from the
/// generator's truth and the shipments file it wrote, in plain loops.
#[test]
fn ppm_responsibility_and_year_to_date_match_an_independent_computation() {
    let dir = tempdir();
    let truth = complaints::sample::write_legacy_samples(dir.path(), 20251031).expect("generate");
    let as_of = truth.as_of;
    let config = complaints::sample::SAMPLE_CONFIG;
    let o = run_in(dir.path(), &["report", ".", "--config", config, "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let all: Vec<&ComplaintTruth> = truth.merged.iter().filter(|c| c.received <= as_of).collect();
    let months: Vec<String> =
        s["trend"].as_array().expect("trend").iter().map(|t| t["month"].as_str().unwrap_or("").to_string()).collect();
    let period = s["period"].as_str().unwrap_or_default().to_string();
    let in_window = |c: &&&ComplaintTruth| months.contains(&month(c.received));
    let window: Vec<&&ComplaintTruth> = all.iter().filter(in_window).collect();

    // the shipments file as written: units per (month, customer, part)
    let text = std::fs::read_to_string(dir.path().join(complaints::sample::SAMPLE_SHIPMENTS)).expect("shipments");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("출하월,고객사,제품,출하수량"));
    let shipped: Vec<Shipped> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string(), f[3].parse().expect("units"))
        })
        .collect();
    let first_month = month(all.iter().map(|c| c.received).min().expect("complaints"));
    let ship_months: BTreeSet<&str> = shipped.iter().map(|r| r.0.as_str()).collect();
    assert!(ship_months.contains(first_month.as_str()) && ship_months.contains(period.as_str()));

    // §12 per month and for the window
    let qty = |cs: &mut dyn Iterator<Item = &&&ComplaintTruth>| cs.map(|c| f64::from(c.defect_qty.unwrap_or(0))).sum();
    let units = |f: &dyn Fn(&Shipped) -> bool| shipped.iter().filter(|r| f(r)).map(|r| r.3).sum();
    for t in s["trend"].as_array().expect("trend") {
        let m = t["month"].as_str().unwrap_or_default();
        let q: f64 = qty(&mut window.iter().filter(|c| month(c.received) == m));
        assert_eq!(t["ppm"].as_f64(), ppm_of(q, units(&|r| r.0 == m)), "{m} ppm");
    }
    let p = &s["ppm"];
    assert_eq!(p["status"], "ok");
    let window_qty: f64 = qty(&mut window.iter());
    assert_eq!(p["window"].as_f64(), ppm_of(window_qty, units(&|r| months.contains(&r.0))));
    assert_eq!(p["month"], s["month"]["ppm"]);
    let unknown = window.iter().filter(|c| c.defect_qty.is_none()).count();
    assert_eq!(p["qty_unknown"], unknown);
    assert!(unknown > 0 && unknown * 10 < window.len(), "some quantities blank: {unknown}");

    // per customer and per part: every name that shipped or complained
    type Figures = (f64, f64, f64, f64);
    let per = |name: fn(&ComplaintTruth) -> &str, shipped_name: fn(&Shipped) -> &str| {
        let mut sums: BTreeMap<String, Figures> = BTreeMap::new();
        for c in &window {
            let c: &ComplaintTruth = c;
            let e = sums.entry(name(c).to_string()).or_default();
            let q = f64::from(c.defect_qty.unwrap_or(0));
            e.2 += q;
            if month(c.received) == period {
                e.0 += q;
            }
        }
        for r in shipped.iter().filter(|r| months.contains(&r.0)) {
            let e = sums.entry(shipped_name(r).to_string()).or_default();
            e.3 += r.3;
            if r.0 == period {
                e.1 += r.3;
            }
        }
        let mut out: Vec<(Option<f64>, String, Option<f64>)> =
            sums.into_iter().map(|(n, f)| (ppm_of(f.2, f.3), n, ppm_of(f.0, f.1))).collect();
        out.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.1.cmp(&b.1)),
            (x, y) => y.is_some().cmp(&x.is_some()).then_with(|| a.1.cmp(&b.1)),
        });
        out
    };
    let listed = |key: &str, name: &str| -> Vec<(Option<f64>, String, Option<f64>)> {
        p[key]
            .as_array()
            .expect("list")
            .iter()
            .map(|r| {
                (r["ppm_window"].as_f64(), r[name].as_str().unwrap_or_default().to_string(), r["ppm_month"].as_f64())
            })
            .collect()
    };
    let customers = per(|c| &c.customer, |r| &r.1);
    assert_eq!(listed("by_customer", "customer"), customers);
    assert!(customers.iter().all(|c| c.0.is_some()), "every customer that complained shipped: {customers:?}");
    let parts = per(|c| &c.product, |r| &r.2);
    assert_eq!(listed("by_product", "product"), parts);
    assert!(parts.iter().all(|c| c.0.is_some()), "every part that drew a complaint shipped");

    responsibility_matches(&s, &window, &months);
    year_to_date_matches(&s, &all, as_of);
}

fn responsibility_matches(s: &Value, window: &[&&ComplaintTruth], months: &[String]) {
    // §13: the window's breakdown (fewer values than `top`: no Other row)
    // and the cost per responsibility
    let value = |c: &ComplaintTruth| c.responsibility.clone().unwrap_or_else(|| "(blank)".to_string());
    let mut counts: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for c in window {
        let c: &ComplaintTruth = c;
        let row = counts.entry(value(c)).or_insert_with(|| vec![0; months.len()]);
        row[months.iter().position(|m| *m == month(c.received)).unwrap_or(0)] += 1;
    }
    let mut expected: Vec<(String, u64, Vec<u64>)> = counts.into_iter().map(|(v, m)| (v, m.iter().sum(), m)).collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    assert!(expected.len() <= 10);
    let breakdown: Vec<(String, u64, Vec<u64>)> = s["breakdowns"]["responsibility"]
        .as_array()
        .expect("responsibility breakdown")
        .iter()
        .map(|r| {
            let months =
                r["months"].as_array().map(|v| v.iter().filter_map(Value::as_u64).collect()).unwrap_or_default();
            (r["value"].as_str().unwrap_or_default().to_string(), r["total"].as_u64().unwrap_or(0), months)
        })
        .collect();
    assert_eq!(breakdown, expected);
    let mut cost: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for c in window {
        let c: &ComplaintTruth = c;
        if let Some(won) = c.cost {
            let e = cost.entry(value(c)).or_default();
            e.0 += won;
            e.1 += 1;
        }
    }
    let mut expected: Vec<(String, f64, u64)> = cost.into_iter().map(|(v, (w, n))| (v, w as f64, n)).collect();
    expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let by: Vec<(String, f64, u64)> = s["cost"]["by_responsibility"]
        .as_array()
        .expect("cost by responsibility")
        .iter()
        .map(|r| {
            (
                r["responsibility"].as_str().unwrap_or_default().to_string(),
                r["cost"].as_f64().unwrap_or(-1.0),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(by, expected);
}

fn year_to_date_matches(s: &Value, all: &[&ComplaintTruth], as_of: NaiveDate) {
    // §14: 2025-01-01 ..= 2025-10-31 against 2024-01-01 ..= 2024-10-31 and
    // the goal's ten twelfths
    let count = |from: NaiveDate, to: NaiveDate| all.iter().filter(|c| c.received >= from && c.received <= to).count();
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let (ytd, last) = (count(ymd(2025, 1, 1), as_of), count(ymd(2024, 1, 1), ymd(2024, 10, 31)));
    let m = &s["month"];
    assert_eq!(m["ytd_received"], ytd);
    assert_eq!(m["ytd_received_last_year"], last);
    assert_eq!(m["ytd_change_pct"].as_f64(), Some(round(100.0 * (ytd as f64 - last as f64) / last as f64, 2)));
    let goal = f64::from(complaints::sample::RECEIVED_GOAL);
    assert_eq!(m["ytd_goal"].as_f64(), Some(round(goal * 10.0 / 12.0, 1)));
    assert_eq!(s["params"]["ppm_goal"].as_f64(), Some(f64::from(complaints::sample::PPM_GOAL)));
}
