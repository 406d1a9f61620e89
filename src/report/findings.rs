//! The month's findings as short sentences, most important first: what the
//! review must not miss (a caveat on the data), what rose beyond its limit,
//! what is overdue, what keeps coming back, then corrective action,
//! notification and cost. The Summary sheet, report.html and the headline
//! show the same sentences.

use super::labels::{Labels, L};
use crate::metrics::caveats::Caveat;
use crate::metrics::control_chart::{ChartStatus, Direction};
use crate::metrics::Report;
use polars::prelude::*;

/// How a finding reads: a warning about the data, bad news, or news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Caveat,
    Alert,
    Info,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub tone: Tone,
    pub text: String,
}

/// Flagged defect types told one by one; the rest are counted.
const TOLD_TYPES: usize = 3;

fn pct(rate: f64) -> String {
    format!("{:.1} %", rate * 100.0)
}

/// The product with the most of `defect_type`'s complaints in the
/// reporting month, when it holds at least half of them.
fn concentration(r: &Report, defect_type: &str) -> Option<(String, u64)> {
    let rows = r
        .window_table
        .clone()
        .lazy()
        .filter(col("month").eq(lit(r.period.0)).and(crate::metrics::category("defect_type").eq(lit(defect_type))))
        .group_by([crate::metrics::category("product")])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .sort_by_exprs(
            [col("n"), col("product")],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()
        .ok()?;
    if rows.height() == 0 {
        return None;
    }
    let total: u64 = rows.column("n").ok()?.u64().ok()?.sum()?;
    let product = crate::metrics::texts(rows.column("product").ok()?).ok()?.get(0)?.to_string();
    let n = rows.column("n").ok()?.u64().ok()?.get(0)?;
    // "on (blank)" names no product
    (2 * n >= total && n >= 2 && product != crate::metrics::trend::BLANK).then_some((product, n))
}

/// The month's P90 handling time when it is past the target: the estimate,
/// or its bound with the complaints still open (docs/metrics.md §3).
fn p90_past_target(r: &Report, l: &Labels) -> Option<String> {
    let m = &r.month;
    let e = m.p90_estimate();
    if e.judged()? <= f64::from(r.params.target_days) {
        return None;
    }
    let (target, open) = (l.target_days(&r.params), m.still_open().unwrap_or(0));
    Some(match (e.value, e.at_least) {
        (Some(v), _) => l.fmt(L::FindingP90Late, &[&format!("{v:.0}"), &target, &open]),
        (None, Some(b)) => l.fmt(L::FindingP90AtLeast, &[&format!("{b:.0}"), &target, &m.received, &open]),
        (None, None) => return None,
    })
}

/// The findings of the report, in the order they are told.
pub fn findings(r: &Report, l: &Labels) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut say = |tone: Tone, text: String| out.push(Finding { tone, text });
    for c in &r.caveats {
        match c {
            Caveat::TruncatedExtract { last_received, received, expected, .. } => {
                say(Tone::Caveat, l.fmt(L::FindingTruncated, &[last_received, received, &format!("{expected:.0}")]))
            }
            Caveat::ClosedOnly { recent, .. } => say(Tone::Caveat, l.fmt(L::FindingClosedOnly, &[recent])),
        }
    }
    // what changed since the last report, and its to-do list now (§12)
    for f in r.changes.iter().flat_map(|c| crate::history::text::findings(c, l)) {
        say(f.tone, f.text);
    }
    if !r.data_quality.closure_recorded {
        say(Tone::Caveat, l.get(L::ClosureNotRecorded).to_string());
    } else if !r.data_quality.ttr_recorded {
        say(Tone::Caveat, l.fmt(L::FindingTtrNotRecorded, &[&r.month.closed.unwrap_or(0)]));
    }
    // the month against its limits, then the types that rose
    let cc = &r.control_chart;
    let received = r.month.received;
    if cc.status == ChartStatus::Ok {
        let above = cc
            .signals
            .iter()
            .any(|s| s.rule == 1 && s.direction == Direction::AboveUcl && s.months.last() == Some(&r.period));
        if above {
            say(Tone::Alert, l.fmt(L::FindingMonthAbove, &[&received, &format!("{:.1}", cc.ucl.unwrap_or(0.0))]));
        }
        for f in cc.flagged_defect_types.iter().take(TOLD_TYPES) {
            let on = concentration(r, &f.defect_type)
                .map(|(p, n)| l.fmt(L::FindingConcentrated, &[&n, &l.category(&p)]))
                .unwrap_or_default();
            let name = l.category(&f.defect_type);
            say(
                Tone::Alert,
                if f.reasons == [crate::metrics::control_chart::FlagReason::AboveUcl] {
                    l.fmt(L::FindingFlaggedAbove, &[&name, &f.count, &format!("{:.1}", f.ucl), &on])
                } else {
                    l.fmt(L::FindingFlagged, &[&name, &f.count, &format!("{:.1}", f.ucl), &l.reasons(&f.reasons), &on])
                },
            );
        }
        if cc.flagged_defect_types.len() > TOLD_TYPES {
            say(Tone::Alert, l.fmt(L::FindingMoreFlagged, &[&(cc.flagged_defect_types.len() - TOLD_TYPES)]));
        }
    }
    // overdue handling and the on-time rate against its goal
    if r.data_quality.closure_recorded {
        match r.overdue.first() {
            Some(o) => {
                let owner = o.owner.as_deref().or(o.department.as_deref()).unwrap_or(l.get(L::NoOwner));
                say(
                    Tone::Alert,
                    l.fmt(
                        L::FindingOverdue,
                        &[&r.overdue.len(), &l.target_days(&r.params), &o.complaint_id, &o.age_days, &owner],
                    ),
                );
            }
            None => say(Tone::Info, l.get(L::FindingNoOverdue).to_string()),
        }
        if let (Some(rate), Some(on_time), Some(judged)) =
            (r.month.on_time_rate, r.month.on_time, r.month.determinable())
        {
            if rate < r.params.on_time_goal {
                say(
                    Tone::Alert,
                    l.fmt(L::FindingBelowGoal, &[&pct(rate), &on_time, &judged, &pct(r.params.on_time_goal)]),
                );
            }
        }
        if let Some(text) = p90_past_target(r, l) {
            say(Tone::Alert, text);
        }
    }
    if let (Some(n), Some(f)) = (r.notification.get(), r.month.notify.as_ref()) {
        if let Some(rate) = f.notify_on_time_rate {
            say(
                if n.overdue.is_empty() { Tone::Info } else { Tone::Alert },
                l.fmt(
                    L::FindingNotify,
                    &[
                        &pct(rate),
                        &n.overdue.len(),
                        &n.overdue.first().map_or("–".to_string(), |o| o.deadline.to_string()),
                    ],
                ),
            );
        }
    }
    let u_month = r.control_chart.u_chart.as_ref().and_then(|uc| {
        let p = uc.points.iter().find(|p| p.month == r.period)?;
        Some((p.u?, p.ucl?, uc.centre?, p.above_ucl))
    });
    if let Some((u, ucl, centre, true)) = u_month {
        say(
            Tone::Alert,
            l.fmt(L::FindingUAboveUcl, &[&format!("{u:.2}"), &format!("{ucl:.2}"), &format!("{centre:.2}")]),
        );
    }
    if r.month.received > 0 {
        let key: Vec<&str> = r.params.recurrence_key.iter().map(|f| l.field(*f)).collect();
        let (m, window) = (&r.month, r.params.recurrence_window);
        say(Tone::Info, l.fmt(L::FindingRepeats, &[&m.received, &m.repeats, &window, &key.join("·")]));
        if r.data_quality.ttr_recorded && m.recurrences_after_closure > m.repeats {
            say(Tone::Info, l.fmt(L::FindingAfterClosureExceeds, &[&m.recurrences_after_closure, &window]));
        }
    }
    if let Some(k) = r.recurring_keys.first() {
        let key: Vec<&str> = k.key.iter().map(|v| l.category(v)).collect();
        say(Tone::Info, l.fmt(L::FindingRecurring, &[&key.join(" · "), &k.count, &k.repeats]));
    }
    if let Some(c) = r.capa.get() {
        let tone = if c.overdue + c.ineffective > 0 || !c.recurring_without_capa.is_empty() {
            Tone::Alert
        } else {
            Tone::Info
        };
        let (without, trigger, window) =
            (c.recurring_without_capa.len(), r.params.capa_trigger, r.params.recurrence_window);
        say(tone, l.fmt(L::FindingCapa, &[&c.open, &c.overdue, &c.ineffective, &without, &window, &trigger]));
    }
    if let Some(c) = r.cost.get() {
        let amount = |m: Option<&crate::metrics::cost::CostMonth>| match m {
            Some(crate::metrics::cost::CostMonth { cost_total: Some(total), .. }) => {
                l.amount(*total, c.currency.as_deref())
            }
            _ => "–".to_string(),
        };
        let prev = amount(r.trend.iter().rev().nth(1).and_then(|t| t.cost.as_ref()));
        let top = match (c.pareto_month.first(), c.pareto_window.first()) {
            (Some(t), _) if t.cost > 0.0 => l.fmt(L::FindingCostTop, &[&l.category(&t.defect_type)]),
            (_, Some(t)) if t.cost > 0.0 => l.fmt(L::FindingCostTopWindow, &[&l.category(&t.defect_type)]),
            _ => String::new(),
        };
        let this = r.month.cost.as_ref().filter(|m| m.cost_total.is_some());
        say(
            Tone::Info,
            match this {
                Some(m) => l.fmt(L::FindingCost, &[&amount(Some(m)), &prev, &top]),
                None => l.fmt(L::FindingCostNone, &[&prev, &top]),
            },
        );
    }
    out
}

#[cfg(test)]
mod sample_tests {
    use super::*;
    use crate::cli::Lang;
    use crate::ingest::{ingest, IngestOptions};
    use crate::metrics::{compute, months::Month, Params};

    #[test]
    fn the_sample_months_findings() {
        let ingested = ingest(&["data/sample".into()], &IngestOptions::default(), |_| {})
            .unwrap_or_else(|e| panic!("sample: {e:#}"));
        let params = Params { period: Month::parse("2025-10"), ..Params::default() };
        let report = compute(&ingested, &params).unwrap_or_else(|e| panic!("metrics: {e:#}"));
        let en: Vec<String> =
            findings(&report, &Labels::new(Lang::En, &ingested)).into_iter().map(|f| f.text).collect();
        assert_eq!(
            en[..3],
            [
                "이물: 33 complaints, above the control limit of 18.2 — 20 of them on 콘솔박스 CB-200.",
                "17 complaints are open past the target of 10 days; the oldest, C-2025-0428, is 113 days old (조현우).",
                "On-time resolution is 77.2 % (44 of 57), below the goal of 90.0 %.",
            ]
        );
        let ko = findings(&report, &Labels::new(Lang::Ko, &ingested));
        assert_eq!(
            ko[1].text,
            "처리 기한(10일)을 넘긴 미결이 17건입니다. 가장 오래된 건: C-2025-0428 (113일 경과, 담당 조현우)."
        );
        assert_eq!((ko[0].tone, ko.len()), (Tone::Alert, en.len()));
    }
}
