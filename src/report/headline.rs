//! The headline `report` prints: the month's figures a quality manager
//! reads first, the data reconciliation, and what was written where.

use crate::ingest::Ingested;
use crate::metrics::caveats::{Caveat, Withheld, TAIL_DAYS};
use crate::metrics::control_chart::{ChartStatus, Direction};
use crate::metrics::Report;
use crate::report::labels::thousands;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Flagged defect types named in the headline; the rest are counted.
const MAX_FLAGGED: usize = 5;

fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.1} %", r * 100.0))
}

fn signed_pct(p: Option<f64>) -> String {
    p.map_or_else(String::new, |p| format!(" ({:+.2} %)", p))
}

/// A handling-time estimate in days: `8.0 d`, or `≥ 14.0 d (35 open)` when
/// not reached (docs/metrics.md §3).
fn days(e: crate::metrics::month::Estimate, open: Option<u64>) -> String {
    match (e.value, e.at_least) {
        (Some(v), _) => format!("{v:.1} d"),
        (None, Some(b)) => format!("≥ {b:.1} d ({} open)", open.unwrap_or(0)),
        (None, None) => "–".to_string(),
    }
}

/// The recurrence key in words: `product·defect_type`.
pub fn key_words(r: &Report) -> String {
    let names: Vec<&str> = r.params.recurrence_key.iter().map(|f| f.name().trim_end_matches("_type")).collect();
    names.join("·")
}

/// Customer notification (docs/metrics.md §8) when recorded: the month's
/// on-time rate over the judged replies, and the replies overdue now.
fn notification_line(r: &Report) -> Option<String> {
    let list = &r.notification.get()?.overdue;
    let n = r.month.notify.as_ref()?;
    let oldest =
        list.first().map_or(String::new(), |o| format!(" (oldest deadline {}: {})", o.deadline, o.complaint_id));
    Some(format!(
        "  Notified    {:>7}   {} of {} judged replies on time; {} overdue as of {}{oldest}",
        pct(n.notify_on_time_rate),
        n.notified_on_time,
        n.notify_judged,
        list.len(),
        r.as_of
    ))
}

/// Complaint cost (§10) when recorded: the month against last month and
/// the defect type that cost the most (the month's, else the window's).
fn cost_line(r: &Report) -> Option<String> {
    let cost = r.cost.get()?;
    let currency = cost.currency.as_deref();
    let amount = |c: Option<&crate::metrics::cost::CostMonth>| match c {
        Some(crate::metrics::cost::CostMonth { cost_total: Some(total), .. }) => {
            let a = thousands(*total);
            currency.map_or(a.clone(), |cur| format!("{a} {cur}"))
        }
        _ => "–".to_string(),
    };
    let this = r.month.cost.as_ref();
    let prev = r.trend.iter().rev().nth(1).and_then(|p| p.cost.as_ref());
    let note = if this.is_some_and(|c| c.cost_total.is_some()) { "" } else { ", no cost recorded" };
    let top = match (cost.pareto_month.first(), cost.pareto_window.first()) {
        (Some(t), _) if t.cost > 0.0 => format!("; top type {}", t.defect_type),
        (_, Some(t)) if t.cost > 0.0 => format!("; top type in the trend window {}", t.defect_type),
        _ => String::new(),
    };
    Some(format!("  Cost        {:>5}   this month{note} (last month {}){top}", amount(this), amount(prev)))
}

/// A caveat as one line: what was seen and what is held back.
fn caveat_text(c: &Caveat) -> String {
    let held: Vec<&str> = c
        .withheld()
        .iter()
        .map(|w| match w {
            Withheld::LowSignals => "low signals",
            Withheld::Mom => "month-on-month change",
            Withheld::Yoy => "year-on-year change",
        })
        .collect();
    let seen = match c {
        Caveat::ClosedOnly { recent, .. } => {
            format!("closed-only extract: no complaint is open although {recent} were received in the last {TAIL_DAYS} days")
        }
        Caveat::TruncatedExtract { last_received, received, expected, .. } => format!(
            "truncated extract: {received} received in the last {TAIL_DAYS} days (latest {last_received}) against {expected:.1} expected"
        ),
    };
    format!("{seen}; withheld: {}", held.join(", "))
}

/// The few lines a quality manager reads first.
pub fn render(r: &Report, ingested: &Ingested, out: &Path, written: &[PathBuf]) -> String {
    let mut lines = vec![format!("Complaint report {} (as of {})", r.period, r.as_of)];
    // a caveat (docs/metrics.md §7) holds back the claims the extract would fake
    lines.extend(r.caveats.iter().map(|c| format!("  Caveat      {}", caveat_text(c))));
    lines.extend(received_line(r));
    lines.extend(year_line(r));
    lines.extend(handling_lines(r));
    lines.extend(notification_line(r));
    lines.push(recurrence_line(r));
    lines.extend(capa_line(r));
    lines.push(signals_line(r));
    lines.extend(u_chart_line(r));
    lines.extend(ppm_line(r));
    lines.extend(cost_line(r));
    // what changed since the last report and its to-do list (§15)
    if let Some(c) = &r.changes {
        lines.extend(crate::report::findings::changes::headline(c).lines().map(str::to_string));
    }
    lines.push(data_line(r));
    lines.push(written_line(out, written));
    if !ingested.rejects.is_empty() {
        lines.push(format!(
            "{} rejected rows are listed in rejects.csv (see `complaints check` for the reasons).",
            ingested.rejects.len()
        ));
    }
    lines.into_iter().map(|l| l + "\n").collect()
}

fn withheld(r: &Report, w: Withheld) -> bool {
    r.withholds(w)
}

/// The month's count against last month and the same month last year.
fn received_line(r: &Report) -> Option<String> {
    let t = r.trend.last()?;
    let prev = r.last_month();
    let change =
        |x: Option<f64>, w: Withheld| if withheld(r, w) { " (change withheld)".to_string() } else { signed_pct(x) };
    Some(format!(
        "  Received    {:>5}   last month {}{}   same month last year {}{}",
        t.received,
        prev.map_or("–".to_string(), |p| p.received.to_string()),
        change(t.mom_pct, Withheld::Mom),
        t.yoy_count.map_or("–".to_string(), |y| y.to_string()),
        change(t.yoy_pct, Withheld::Yoy),
    ))
}

/// §14: the year so far against the same span last year and the goal.
fn year_line(r: &Report) -> Option<String> {
    let y = r.month.ytd.as_ref()?;
    let goal = match (y.ytd_goal, r.params.received_goal) {
        (Some(g), Some(per_year)) => {
            format!("; goal {} to date ({per_year:.0} a year)", crate::report::findings::goal_to_date(g))
        }
        _ => String::new(),
    };
    Some(format!(
        "  Year        {:>5}   received since 1 January; same span last year {}{}{goal}",
        y.ytd_received,
        y.ytd_received_last_year.map_or("–".to_string(), |n| n.to_string()),
        // a year-on-year comparison: withheld with the month's when the data end early
        if withheld(r, Withheld::Yoy) { " (change withheld)".to_string() } else { signed_pct(y.ytd_change_pct) },
    ))
}

/// §3: on time with the handling-time estimates (Kaplan–Meier, "≥ N (n
/// open)" when not reached), and the overdue count — or why they are not.
fn handling_lines(r: &Report) -> Vec<String> {
    let m = &r.month;
    let mut out = Vec::new();
    if let (Some(on_time), Some(judged)) = (m.on_time, m.determinable()) {
        out.push(format!(
            "  On time     {:>7}   {on_time} of {judged} judged within the {}-day target; TTR median {}, p90 {}",
            pct(m.on_time_rate),
            r.params.target_days,
            days(m.median_estimate(), m.still_open()),
            days(m.p90_estimate(), m.still_open()),
        ));
    } else if r.data_quality.closure_recorded {
        out.push(format!(
            "  On time     not recorded: closing dates not recorded (a status says closed: {} of {}); no on-time or TTR figures",
            m.closed.unwrap_or(0),
            m.received,
        ));
    }
    if r.data_quality.closure_recorded {
        let oldest =
            r.overdue.first().map_or(String::new(), |o| format!(" (oldest {} d: {})", o.age_days, o.complaint_id));
        out.push(format!("  Overdue     {:>5}   open past the target as of {}{oldest}", r.overdue.len(), r.as_of));
    } else {
        out.push(
            "  On time     not recorded: the ledgers have no closed-date or status column (no TTR, on-time or overdue figures)"
                .to_string(),
        );
    }
    out
}

/// §4: what the repeat rate counts; after closure needs closing dates
/// (summary.json keeps §4's count, the headline says so).
fn recurrence_line(r: &Report) -> String {
    let m = &r.month;
    let missing = super::unrecorded_key_fields(r);
    if !missing.is_empty() {
        let fields: Vec<&str> = missing.iter().map(|f| f.name()).collect();
        return format!("  Recurrence        –   not judged: no {} recorded", fields.join(", "));
    }
    let mut after_closure = if r.data_quality.ttr_recorded {
        format!("{} came back after closure", pct(m.recurrence_after_closure_rate))
    } else {
        "after closure: not recorded".to_string()
    };
    if super::findings::key_too_coarse(m.received, m.repeats) {
        after_closure.push_str(" — nearly all repeat: the key is too coarse to tell (add a field: --recurrence-key)");
    }
    format!(
        "  Recurrence  {:>7}   {} of {} repeat a {} problem seen in the last {} days; {after_closure}",
        pct(m.repeat_rate),
        m.repeats,
        m.received,
        key_words(r),
        r.params.recurrence_window
    )
}

/// §9: open, overdue and ineffective CAPAs and the active to-do list.
fn capa_line(r: &Report) -> Option<String> {
    let capa = r.capa.get()?;
    Some(format!(
        "  CAPA        {:>5}   open ({} overdue), {} ineffective; {} active recurring problems without CAPA ({}+ complaints in the last {} days)",
        capa.open,
        capa.overdue,
        capa.ineffective,
        capa.recurring_without_capa.len(),
        r.params.capa_trigger,
        r.params.recurrence_window
    ))
}

/// §5: this month's signals and the five largest flagged types (the list
/// is sorted by count), then how many more.
fn signals_line(r: &Report) -> String {
    let cc = &r.control_chart;
    let mut flagged: Vec<String> = cc
        .flagged_defect_types
        .iter()
        .take(MAX_FLAGGED)
        .map(|f| {
            let reasons: Vec<&str> = f.reasons.iter().map(|r| r.code()).collect();
            format!("{} {} vs UCL {:.1} ({})", f.defect_type, f.count, f.ucl, reasons.join(", "))
        })
        .collect();
    if cc.flagged_defect_types.len() > MAX_FLAGGED {
        flagged.push(format!("+{} more", cc.flagged_defect_types.len() - MAX_FLAGGED));
    }
    let mut signals: Vec<String> = cc
        .signals
        .iter()
        .filter(|sig| sig.months.last() == Some(&r.period))
        .filter(|sig| {
            !(withheld(r, Withheld::LowSignals)
                && matches!(sig.direction, Direction::BelowLcl | Direction::Below | Direction::Decreasing))
        })
        .map(|sig| format!("rule {} {}", sig.rule, sig.direction.code()))
        .collect();
    if u_point(r).is_some_and(|p| p.above_ucl) {
        signals.push("u-chart above_ucl".to_string());
    }
    let text = if cc.status != ChartStatus::Ok {
        "insufficient history for the control chart (needs 6 baseline months)".to_string()
    } else if flagged.is_empty() && signals.is_empty() {
        "none this month".to_string()
    } else {
        let flagged = if flagged.is_empty() { String::new() } else { format!("flagged: {}", flagged.join(" · ")) };
        [signals.join(", "), flagged].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("; ")
    };
    format!("  Signals     {text}")
}

fn u_point(r: &Report) -> Option<&crate::metrics::control_chart::UPoint> {
    r.control_chart.u_chart.as_ref()?.points.iter().find(|p| p.month == r.period)
}

/// The u-chart (--shipments): the month's rate against ū and its UCL.
fn u_chart_line(r: &Report) -> Option<String> {
    let uc = r.control_chart.u_chart.as_ref()?;
    let u_month = u_point(r);
    let num = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.2}"));
    let mut line = format!(
        "  u-chart     {:>5}   complaints per 1,000 units (ū {}, UCL {})",
        num(u_month.and_then(|p| p.u)),
        num(uc.centre),
        num(u_month.and_then(|p| p.ucl))
    );
    if !uc.months_without_units.is_empty() {
        let months: Vec<String> = uc.months_without_units.iter().map(ToString::to_string).collect();
        let _ = write!(line, "; warning: no units shipped for {} (no u there)", months.join(", "));
    }
    Some(line)
}

/// §12: the month's defect PPM, the window's, the worst customer and the goal.
fn ppm_line(r: &Report) -> Option<String> {
    let p = r.ppm.get()?;
    let num = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1}"));
    let worst = p
        .by_customer
        .iter()
        .find(|c| c.figures.ppm_window.is_some())
        .map_or(String::new(), |c| format!("; worst customer {} {}", c.customer, num(c.figures.ppm_window)));
    let goal = r.params.ppm_goal.map_or(String::new(), |g| format!("; goal {g:.0}"));
    Some(format!(
        "  PPM       {:>7}   defective parts per million shipped this month (trend window {}){worst}{goal}",
        num(p.month),
        num(p.window)
    ))
}

/// §6: the reconciliation of the rows read.
fn data_line(r: &Report) -> String {
    let q = &r.data_quality;
    let rd = &q.read.rows;
    format!(
        "  Data        {} data rows = {} accepted + {} rejected; {} complaints after merging {} duplicates ({} id conflicts); {} received after {}",
        rd.data_rows, rd.accepted, rd.rejected, q.read.complaints, q.read.duplicates_merged, q.read.id_conflicts, q.after_as_of, r.as_of
    )
}

/// The files written (the chart images counted).
fn written_line(out: &Path, written: &[PathBuf]) -> String {
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.strip_prefix(out).ok())
        .map(|p| p.display().to_string())
        .filter(|n| !n.starts_with("charts/") && !n.starts_with("charts\\"))
        .collect();
    let charts = written.len() - names.len();
    format!(
        "Wrote {}: {}{}",
        crate::error::shown(out),
        names.join(", "),
        if charts > 0 { format!(", charts/ ({charts} images)") } else { String::new() }
    )
}
