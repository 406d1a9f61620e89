//! The month's findings as short sentences, most important first: what the
//! review must not miss (a caveat on the data), what rose beyond its limit,
//! what is overdue, what keeps coming back, then corrective action,
//! notification and cost. The Summary sheet, report.html and the headline
//! show the same sentences.

pub mod changes;

use super::labels::{thousands, Labels, L};
use crate::metrics::caveats::Caveat;
use crate::metrics::control_chart::{ChartStatus, Direction};
use crate::metrics::Report;

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

/// When one responsibility (귀책) holds most of the month's complaints:
/// "이달 불만 62 %가 자사 귀책" (docs/metrics.md §13).
fn responsibility_sentence(r: &Report, l: &Labels) -> Option<String> {
    let rows = r.breakdowns.get("responsibility")?;
    let total = r.month.received;
    let last = r.trend.len().checked_sub(1)?;
    let (value, n) = rows
        .iter()
        .filter(|b| b.value != crate::metrics::BLANK && b.value != crate::metrics::OTHER)
        .map(|b| (b.value.as_str(), b.months.get(last).copied().unwrap_or(0)))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    (total > 0 && 2 * n >= total && n >= 2)
        .then(|| l.fmt(L::FindingResponsibility, &[&pct(n as f64 / total as f64), &l.category(value), &n, &total]))
}

/// The month's defect PPM against its goal, the complaints of customers
/// that shipped nothing (a data problem the review must see), and the
/// quantities not written (docs/metrics.md §12).
fn ppm_sentences(r: &Report, l: &Labels) -> Vec<(Tone, String)> {
    let Some(p) = r.ppm.get() else { return Vec::new() };
    let mut out = Vec::new();
    let worst = p.by_customer.iter().find(|c| c.figures.ppm_window.is_some());
    if let (Some(goal), Some(month)) = (r.params.ppm_goal, p.month) {
        let (name, at) = worst.map_or(("–".to_string(), "–".to_string()), |c| {
            (l.category(&c.customer).to_string(), format!("{:.1}", c.figures.ppm_window.unwrap_or(0.0)))
        });
        let (label, tone) =
            if month > goal { (L::FindingPpmOverGoal, Tone::Alert) } else { (L::FindingPpmWithinGoal, Tone::Info) };
        out.push((tone, l.fmt(label, &[&format!("{month:.1}"), &format!("{goal:.0}"), &name, &at])));
    }
    let orphans: Vec<&crate::metrics::ppm::CustomerPpm> =
        p.by_customer.iter().filter(|c| c.figures.units_window == 0.0 && c.figures.defect_qty_window > 0.0).collect();
    if !orphans.is_empty() {
        let names: Vec<&str> = orphans.iter().take(3).map(|c| l.category(&c.customer)).collect();
        let qty: f64 = orphans.iter().map(|c| c.figures.defect_qty_window).sum();
        let who = if orphans.len() > 3 { format!("{} …", names.join(", ")) } else { names.join(", ") };
        out.push((
            Tone::Caveat,
            l.fmt(L::FindingPpmNoShipments, &[&who, &super::labels::thousands(qty), &orphans.len()]),
        ));
    }
    if p.qty_unknown > 0 {
        out.push((Tone::Info, l.fmt(L::FindingPpmQtyUnknown, &[&p.qty_unknown])));
    }
    out
}

/// The findings of the report, in the order they are told.
pub fn findings(r: &Report, l: &Labels) -> Vec<Finding> {
    let mut out = caveats(r, l);
    out.extend(changes(r, l));
    out.extend(signals(r, l));
    out.extend(handling(r, l));
    out.extend(notification(r, l));
    out.extend(u_chart(r, l));
    out.extend(recurrence(r, l));
    out.extend(capa(r, l));
    out.extend(year_to_date(r, l));
    out.extend(responsibility_sentence(r, l).map(|text| Finding { tone: Tone::Info, text }));
    out.extend(ppm_sentences(r, l).into_iter().map(|(tone, text)| Finding { tone, text }));
    out.extend(cost(r, l));
    out
}

fn finding(tone: Tone, text: String) -> Finding {
    Finding { tone, text }
}

/// What the review must not miss about the data: a caveat on the extract,
/// closure or closing dates not recorded.
fn caveats(r: &Report, l: &Labels) -> Vec<Finding> {
    let mut out: Vec<Finding> = r
        .caveats
        .iter()
        .map(|c| match c {
            Caveat::TruncatedExtract { last_received, received, expected, .. } => {
                finding(Tone::Caveat, l.fmt(L::FindingTruncated, &[last_received, received, &format!("{expected:.0}")]))
            }
            Caveat::ClosedOnly { recent, .. } => finding(Tone::Caveat, l.fmt(L::FindingClosedOnly, &[recent])),
        })
        .collect();
    if !r.data_quality.closure_recorded {
        out.push(finding(Tone::Caveat, l.get(L::ClosureNotRecorded).to_string()));
    } else if !r.data_quality.ttr_recorded {
        out.push(finding(Tone::Caveat, l.fmt(L::FindingTtrNotRecorded, &[&r.month.closed.unwrap_or(0)])));
    }
    out
}

/// What changed since the last report, and its to-do list now (§15).
fn changes(r: &Report, l: &Labels) -> Vec<Finding> {
    r.changes.iter().flat_map(|c| crate::report::findings::changes::findings(c, l)).collect()
}

/// The month against its limits, then each type that rose told as one
/// story (where, what is done, how bad) — or, when nothing rose, the
/// month's largest type told the same way.
fn signals(r: &Report, l: &Labels) -> Vec<Finding> {
    let cc = &r.control_chart;
    let mut out = Vec::new();
    let story = |t: &str, head: &dyn Fn(&str) -> String| {
        let (on, more) = super::story::tell(r, l, t);
        std::iter::once(head(&on)).chain(more).collect::<Vec<_>>().join(" ")
    };
    if cc.status == ChartStatus::Ok {
        let above = cc
            .signals
            .iter()
            .any(|s| s.rule == 1 && s.direction == Direction::AboveUcl && s.months.last() == Some(&r.period));
        if above {
            let ucl = format!("{:.1}", cc.ucl.unwrap_or(0.0));
            out.push(finding(Tone::Alert, l.fmt(L::FindingMonthAbove, &[&r.month.received, &ucl])));
        }
        for f in cc.flagged_defect_types.iter().take(TOLD_TYPES) {
            let (name, ucl) = (l.category(&f.defect_type), format!("{:.1}", f.ucl));
            let head = |on: &str| {
                if f.reasons == [crate::metrics::control_chart::FlagReason::AboveUcl] {
                    l.fmt(L::FindingFlaggedAbove, &[&name, &f.count, &ucl, &on])
                } else {
                    l.fmt(L::FindingFlagged, &[&name, &f.count, &ucl, &l.reasons(&f.reasons), &on])
                }
            };
            out.push(finding(Tone::Alert, story(&f.defect_type, &head)));
        }
        if cc.flagged_defect_types.len() > TOLD_TYPES {
            out.push(finding(
                Tone::Alert,
                l.fmt(L::FindingMoreFlagged, &[&(cc.flagged_defect_types.len() - TOLD_TYPES)]),
            ));
        }
    }
    if cc.flagged_defect_types.is_empty() {
        if let Some(t) = r.pareto_month.first().filter(|t| t.count >= 2) {
            let head =
                |on: &str| l.fmt(L::FindingTopType, &[&l.category(&t.defect_type), &t.count, &pct(t.cum_share), &on]);
            out.push(finding(Tone::Info, story(&t.defect_type, &head)));
        }
    }
    out
}

/// §3: overdue handling, the on-time rate against its goal, and the P90
/// past the target.
fn handling(r: &Report, l: &Labels) -> Vec<Finding> {
    if !r.data_quality.closure_recorded {
        return Vec::new();
    }
    let mut out = vec![match r.overdue.first() {
        Some(o) => {
            let owner = o.owner.as_deref().or(o.department.as_deref()).unwrap_or(l.get(L::NoOwner));
            let values: [&dyn std::fmt::Display; 5] =
                [&thousands(r.overdue.len() as f64), &l.target_days(&r.params), &o.complaint_id, &o.age_days, &owner];
            finding(Tone::Alert, l.fmt(L::FindingOverdue, &values))
        }
        None => finding(Tone::Info, l.get(L::FindingNoOverdue).to_string()),
    }];
    let counts = super::per_department(r.overdue.iter().map(|o| o.department.as_deref()));
    out.extend(overdue_by_department(&counts, l).map(|text| finding(Tone::Info, text)));
    let m = &r.month;
    if let (Some(rate), Some(on_time), Some(judged)) = (m.on_time_rate, m.on_time, m.determinable()) {
        if rate < r.params.on_time_goal {
            let goal = pct(r.params.on_time_goal);
            out.push(finding(Tone::Alert, l.fmt(L::FindingBelowGoal, &[&pct(rate), &on_time, &judged, &goal])));
        }
    }
    out.extend(p90_past_target(r, l).map(|text| finding(Tone::Alert, text)));
    out
}

/// Departments told by name in the overdue sentence; the rest are counted.
const TOLD_DEPARTMENTS: usize = 3;

/// Who the overdue complaints wait on: the departments with the most, when
/// the ledgers record a department for some of them (the printed Overdue
/// sheet may show only the oldest, and its count per department is on
/// screen only).
/// `counts`: [`super::per_department`] of the overdue complaints.
fn overdue_by_department(counts: &[(&str, u64)], l: &Labels) -> Option<String> {
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    if total < 2 || counts.iter().all(|(d, _)| *d == crate::metrics::BLANK) {
        return None;
    }
    // (one more is named rather than counted as "1 other")
    let named = if counts.len() <= TOLD_DEPARTMENTS + 1 { counts.len() } else { TOLD_DEPARTMENTS };
    let mut told: Vec<String> = counts[..named]
        .iter()
        .map(|(d, n)| l.fmt(L::FindingDepartmentCount, &[&l.category(d), &thousands(*n as f64)]))
        .collect();
    let rest = &counts[named..];
    if !rest.is_empty() {
        let n: u64 = rest.iter().map(|(_, n)| n).sum();
        told.push(l.fmt(L::FindingOtherDepartments, &[&rest.len(), &thousands(n as f64)]));
    }
    Some(l.fmt(L::FindingOverdueByDepartment, &[&told.join(" · ")]))
}

/// §8: the month's notification rate and the replies overdue now.
fn notification(r: &Report, l: &Labels) -> Option<Finding> {
    let (n, f) = (r.notification.get()?, r.month.notify.as_ref()?);
    let rate = f.notify_on_time_rate?;
    let oldest = n.overdue.first().map_or("–".to_string(), |o| o.deadline.to_string());
    let tone = if n.overdue.is_empty() { Tone::Info } else { Tone::Alert };
    Some(finding(tone, l.fmt(L::FindingNotify, &[&pct(rate), &thousands(n.overdue.len() as f64), &oldest])))
}

/// The u-chart: the month above its own limit.
fn u_chart(r: &Report, l: &Labels) -> Option<Finding> {
    let uc = r.control_chart.u_chart.as_ref()?;
    let p = uc.points.iter().find(|p| p.month == r.period)?;
    let (u, ucl, centre) = (p.u?, p.ucl?, uc.centre?);
    p.above_ucl.then(|| {
        let values = [format!("{u:.2}"), format!("{ucl:.2}"), format!("{centre:.2}")];
        finding(Tone::Alert, l.fmt(L::FindingUAboveUcl, &[&values[0], &values[1], &values[2]]))
    })
}

/// §4: what the repeat rate counts, recurrence after closure where it
/// exceeds it, and the most recurring problem.
fn recurrence(r: &Report, l: &Labels) -> Vec<Finding> {
    let mut out = Vec::new();
    let (m, window) = (&r.month, r.params.recurrence_window);
    if let Some(text) = super::repeats_not_recorded(r, l) {
        out.push(finding(Tone::Info, text));
    } else if m.received > 0 {
        let key: Vec<&str> = r.params.recurrence_key.iter().map(|f| l.field(*f)).collect();
        out.push(finding(
            Tone::Info,
            l.fmt(
                L::FindingRepeats,
                &[&thousands(m.received as f64), &thousands(m.repeats as f64), &window, &key.join("·")],
            ),
        ));
        if key_too_coarse(m.received, m.repeats) {
            let text = l.fmt(L::FindingRepeatsCoarse, &[&key.join("·"), &thousands(m.received as f64)]);
            out.push(finding(Tone::Caveat, text));
        }
        if r.data_quality.ttr_recorded && m.recurrences_after_closure > m.repeats {
            let text = l.fmt(L::FindingAfterClosureExceeds, &[&m.recurrences_after_closure, &window]);
            out.push(finding(Tone::Info, text));
        }
    }
    if let Some(k) = r.recurring_keys.first() {
        let key: Vec<&str> = k.key.iter().map(|v| l.category(v)).collect();
        out.push(finding(
            Tone::Info,
            l.fmt(L::FindingRecurring, &[&key.join(" · "), &thousands(k.count as f64), &thousands(k.repeats as f64)]),
        ));
    }
    out
}

/// A month of many complaints nearly all of which repeat an earlier one's
/// key: the key is too coarse to single out a problem that came back (a
/// bank's 776 complaints a month over some 80 product·issue pairs: 99.9 %).
pub fn key_too_coarse(received: u64, repeats: u64) -> bool {
    const MANY: u64 = 50;
    received >= MANY && repeats * 10 >= received * 9
}

/// §9: corrective actions and the active to-do list.
fn capa(r: &Report, l: &Labels) -> Option<Finding> {
    let c = r.capa.get()?;
    let alert = c.overdue + c.ineffective > 0 || !c.recurring_without_capa.is_empty();
    let (without, trigger, window) =
        (c.recurring_without_capa.len(), r.params.capa_trigger, r.params.recurrence_window);
    let text = l.fmt(L::FindingCapa, &[&c.open, &c.overdue, &c.ineffective, &without, &window, &trigger]);
    Some(finding(if alert { Tone::Alert } else { Tone::Info }, text))
}

/// §14: the year so far against its goal, when one is set.
fn year_to_date(r: &Report, l: &Labels) -> Option<Finding> {
    let (y, per_year) = (r.month.ytd.as_ref()?, r.params.received_goal?);
    let goal = y.ytd_goal?;
    let last = y.ytd_received_last_year.map_or("–".to_string(), |n| n.to_string());
    let (label, tone) = if y.ytd_received as f64 > goal {
        (L::FindingYtdOverGoal, Tone::Alert)
    } else if r.withholds(crate::metrics::caveats::Withheld::LowSignals) {
        // an understated count "within the goal" is no good news
        return None;
    } else {
        (L::FindingYtdWithinGoal, Tone::Info)
    };
    Some(finding(tone, l.fmt(label, &[&y.ytd_received, &goal_to_date(goal), &format!("{per_year:.0}"), &last])))
}

/// The goal to date (the year's goal pro rata): a count when it is whole
/// (`650`, not `650.0`), else to a tenth (`541.7`).
pub(crate) fn goal_to_date(goal: f64) -> String {
    if goal.fract() == 0.0 {
        format!("{goal:.0}")
    } else {
        format!("{goal:.1}")
    }
}

/// §10: the month's cost against last month, and the type that cost most.
fn cost(r: &Report, l: &Labels) -> Option<Finding> {
    let c = r.cost.get()?;
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
    let text = match r.month.cost.as_ref().filter(|m| m.cost_total.is_some()) {
        Some(m) => l.fmt(L::FindingCost, &[&amount(Some(m)), &prev, &top]),
        None => l.fmt(L::FindingCostNone, &[&prev, &top]),
    };
    Some(finding(Tone::Info, text))
}

#[cfg(test)]
mod department_tests {
    use super::*;

    /// The sentence of the overdue complaints of these departments.
    fn tell(departments: &[Option<&str>], l: &Labels) -> Option<String> {
        overdue_by_department(&crate::report::per_department(departments.iter().copied()), l)
    }

    #[test]
    fn a_key_is_too_coarse_when_nearly_all_of_many_repeat() {
        assert!(key_too_coarse(776, 775));
        assert!(key_too_coarse(50, 45));
        assert!(!key_too_coarse(50, 44)); // 88 %
        assert!(!key_too_coarse(49, 49)); // too few to tell
        assert!(!key_too_coarse(90, 38)); // the sample: 42 %
        assert!(!key_too_coarse(0, 0));
    }

    #[test]
    fn overdue_complaints_by_department_most_first_the_rest_counted() {
        let l = Labels::english();
        let (a, b, c, d, e) = (Some("Assembly"), Some("Quality"), Some("Logistics"), Some("Sales"), Some("Paint"));
        assert_eq!(
            tell(&[b, a, a, None, c, a, b, d, e, Some("  ")], &l).as_deref(),
            Some("Overdue by department: Assembly 3 · (blank) 2 · Quality 2 · 3 other departments 3.")
        );
        // one more than those named is named, not "1 other"
        assert_eq!(
            tell(&[a, a, b, c, d], &l).as_deref(),
            Some("Overdue by department: Assembly 2 · Logistics 1 · Quality 1 · Sales 1.")
        );
        // no department recorded, or one complaint: nothing to tell
        assert_eq!(tell(&[None, None, Some(" ")], &l), None);
        assert_eq!(tell(&[a], &l), None);
    }
}

#[cfg(test)]
mod sample_tests {
    use super::*;
    use crate::ingest::{ingest, IngestOptions};
    use crate::metrics::{compute, months::Month, Params};
    use crate::report::labels::Lang;

    #[test]
    fn the_sample_months_findings() {
        let ingested = ingest(&["data/sample".into()], &IngestOptions::default(), |_| {})
            .unwrap_or_else(|e| panic!("sample: {e:#}"));
        let params = Params { period: Month::parse("2025-10"), ..Params::default() };
        let report = compute(&ingested, &params).unwrap_or_else(|e| panic!("metrics: {e:#}"));
        let en: Vec<String> =
            findings(&report, &Labels::new(Lang::En, &ingested)).into_iter().map(|f| f.text).collect();
        assert_eq!(
            en[..4],
            [
                "이물: 31 complaints, above the control limit of 18.7 — 19 of them on 콘솔박스 CB-200, customer 대원산업. Corrective action CAPA-2025-031: open (no due date, owner 윤서연).",
                "25 complaints are open past the target of 10 days; the oldest, C-2025-0475, is 92 days old (윤서연).",
                "Overdue by department: 생산2팀 11 · 품질보증팀 7 · 물류팀 5 · 생산1팀 2.",
                "On-time resolution is 68.2 % (45 of 66), below the goal of 90.0 %.",
            ]
        );
        let ko = findings(&report, &Labels::new(Lang::Ko, &ingested));
        assert_eq!(ko[1].text, "처리 기한(10일) 초과 미결 25건. 최장 경과: C-2025-0475 (92일 경과, 담당 윤서연).");
        assert_eq!(ko[2].text, "부서별 기한 초과: 생산2팀 11건 · 품질보증팀 7건 · 물류팀 5건 · 생산1팀 2건.");
        assert_eq!((ko[0].tone, ko.len()), (Tone::Alert, en.len()));
        // 개조식 throughout, the values filled in
        for f in &ko {
            assert_eq!(crate::report::labels::not_terse(&f.text), None, "{}", f.text);
        }
    }
}
