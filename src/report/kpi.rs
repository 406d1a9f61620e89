//! The KPI block of the month, shared by the Summary sheet and report.html:
//! each figure with last month, the same month last year and its goal, the
//! counts behind a rate, the direction against last month and a
//! red/amber/green state. The states' rules are in the README.

use super::labels::{thousands, Labels, L};
use crate::metrics::caveats::Withheld;
use crate::metrics::control_chart::{ChartStatus, Direction};
use crate::metrics::month::Estimate;
use crate::metrics::trend::TrendMonth;
use crate::metrics::Report;

/// One value of the block.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(u64),
    /// A fraction (0.772 = 77.2 %).
    Rate(f64),
    /// Days with one decimal.
    Days(f64),
    /// A handling-time estimate not reached (§3): at least `bound` days,
    /// shown as `text` ("≥ 15.0 (3 open)").
    AtLeast {
        bound: f64,
        text: String,
    },
    /// A rate with two decimals (complaints per 1,000 units).
    Decimal(f64),
    /// A figure with one decimal (a pro-rata goal).
    Decimal1(f64),
    /// An amount, shown with thousands separators.
    Money(f64),
    Text(String),
    /// Not defined (nothing to divide by, no history) or withheld.
    None,
}

impl Figure {
    fn value(&self) -> Option<f64> {
        match self {
            Figure::Count(n) => Some(*n as f64),
            Figure::Rate(x) | Figure::Days(x) | Figure::Decimal(x) | Figure::Decimal1(x) | Figure::Money(x) => Some(*x),
            // a bound is no value to compare with last month
            Figure::AtLeast { .. } | Figure::Text(_) | Figure::None => None,
        }
    }

    /// As text for HTML and the terminal.
    pub fn show(&self) -> String {
        match self {
            Figure::Count(n) => super::labels::thousands(*n as f64),
            Figure::Rate(x) => format!("{:.1} %", x * 100.0),
            Figure::Days(x) => format!("{x:.1}"),
            Figure::Decimal(x) => format!("{x:.2}"),
            Figure::Decimal1(x) => format!("{x:.1}"),
            Figure::Money(x) => super::labels::thousands(*x),
            Figure::AtLeast { text, .. } | Figure::Text(text) => text.clone(),
            Figure::None => "–".to_string(),
        }
    }
}

/// Red, amber or green against the goal or the control limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    Red,
    Amber,
    Green,
}

/// The change against last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    Up,
    Down,
    Flat,
}

impl Arrow {
    /// The arrow with its meaning (`▲ 증가`): a black-and-white print
    /// shows the word where the screen shows the shape.
    pub fn label(self, l: &Labels) -> &'static str {
        l.get(match self {
            Arrow::Up => L::ArrowUp,
            Arrow::Down => L::ArrowDown,
            Arrow::Flat => L::ArrowFlat,
        })
    }
}

impl Rag {
    /// The state's word (양호/주의/경고, Good/Watch/Alert).
    pub fn word(self, l: &Labels) -> &'static str {
        l.get(match self {
            Rag::Red => L::RagRed,
            Rag::Amber => L::RagAmber,
            Rag::Green => L::RagGreen,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub label: L,
    /// The label as shown (with the currency on the cost row).
    pub name: String,
    pub this: Figure,
    /// The counts behind a rate (`44 / 57`).
    pub counts: Option<String>,
    pub last_month: Figure,
    pub last_year: Figure,
    pub goal: Figure,
    pub arrow: Option<Arrow>,
    pub state: Option<Rag>,
}

fn arrow(this: &Figure, last: &Figure) -> Option<Arrow> {
    let (a, b) = (this.value()?, last.value()?);
    Some(if (a - b).abs() < 1e-9 {
        Arrow::Flat
    } else if a > b {
        Arrow::Up
    } else {
        Arrow::Down
    })
}

/// A count against a ceiling (a goal not to exceed): within it green, up to
/// 10 % over amber, further red.
fn ceiling_state(value: f64, ceiling: f64) -> Rag {
    if value <= ceiling {
        Rag::Green
    } else if value <= 1.1 * ceiling {
        Rag::Amber
    } else {
        Rag::Red
    }
}

fn rate_state(rate: Option<f64>, goal: f64) -> Option<Rag> {
    let r = rate?;
    Some(if r >= goal {
        Rag::Green
    } else if r >= goal - 0.1 {
        Rag::Amber
    } else {
        Rag::Red
    })
}

fn opt_rate(x: Option<f64>) -> Figure {
    x.map_or(Figure::None, Figure::Rate)
}

/// A handling-time estimate of a cohort: its value, or the bound with the
/// number still open, or nothing.
fn estimate(e: Estimate, open: Option<u64>, l: &Labels) -> Figure {
    match (e.value, e.at_least) {
        (Some(v), _) => Figure::Days(v),
        (None, Some(bound)) => Figure::AtLeast { bound, text: l.estimate(e, open) },
        (None, None) => Figure::None,
    }
}

/// What every group of rows reads: the report, the labels, this month and
/// last month.
struct Block<'a> {
    r: &'a Report,
    l: &'a Labels,
    m: &'a crate::metrics::MonthFigures,
    prev: Option<&'a TrendMonth>,
}

impl Block<'_> {
    /// A row with this month and last month; the rest filled in by the caller.
    fn row(&self, label: L, this: Figure, last: Figure) -> Kpi {
        Kpi {
            label,
            name: self.l.get(label).to_string(),
            arrow: arrow(&this, &last),
            this,
            counts: None,
            last_month: last,
            last_year: Figure::None,
            goal: Figure::None,
            state: None,
        }
    }

    fn withheld(&self, w: Withheld) -> bool {
        self.r.withholds(w)
    }
}

/// The rows of the KPI block; a section that is not recorded has none.
pub fn kpis(r: &Report, l: &Labels) -> Vec<Kpi> {
    let b = Block { r, l, m: &r.month, prev: r.last_month() };
    let mut out = volume(&b);
    out.extend(handling(&b));
    out.extend(recurrence(&b));
    out.extend(notification(&b));
    out.extend(capa(&b));
    out.extend(cost(&b));
    out.extend(ppm(&b));
    out.extend(u_chart(&b));
    out.push(flagged(&b));
    out
}

/// Received, against the control limits; the year to date against its goal.
fn volume(b: &Block) -> Vec<Kpi> {
    let (r, m, prev) = (b.r, b.m, b.prev);
    let cc = &r.control_chart;
    let now = |s: &&crate::metrics::control_chart::Signal| s.months.last() == Some(&r.period);
    // an extract a caveat distrusts gets no colour for its count
    let state = (cc.status == ChartStatus::Ok && r.caveats.is_empty()).then(|| {
        if cc.signals.iter().filter(now).any(|s| s.direction == Direction::AboveUcl) {
            Rag::Red
        } else if !cc.flagged_defect_types.is_empty()
            || cc.signals.iter().filter(now).any(|s| matches!(s.direction, Direction::Above | Direction::Increasing))
        {
            Rag::Amber
        } else {
            Rag::Green
        }
    });
    let last =
        if b.withheld(Withheld::Mom) { Figure::None } else { prev.map_or(Figure::None, |p| Figure::Count(p.received)) };
    let year = match r.trend.last().and_then(|t| t.yoy_count) {
        Some(y) if !b.withheld(Withheld::Yoy) => Figure::Count(y),
        _ => Figure::None,
    };
    let mut out = vec![Kpi { last_year: year, state, ..b.row(L::Received, Figure::Count(m.received), last) }];
    if let Some(y) = &m.ytd {
        // §14: the year so far against last year's span and the pro-rata goal
        out.push(Kpi {
            last_year: y.ytd_received_last_year.map_or(Figure::None, Figure::Count),
            goal: y.ytd_goal.map_or(Figure::None, Figure::Decimal1),
            state: y.ytd_goal.map(|g| ceiling_state(y.ytd_received as f64, g)),
            ..b.row(L::YtdReceived, Figure::Count(y.ytd_received), Figure::None)
        });
    }
    out
}

/// §3: the on-time rate, the handling-time estimates (the bound when not
/// reached: a colour judges either) and the overdue complaints now.
fn handling(b: &Block) -> Vec<Kpi> {
    let (r, l, m, prev) = (b.r, b.l, b.m, b.prev);
    let mut out = Vec::new();
    if r.data_quality.closure_recorded && !r.data_quality.ttr_recorded {
        // a status says closed, no date says when (§3): nothing to time
        out.push(Kpi {
            goal: Figure::Rate(r.params.on_time_goal),
            ..b.row(L::OnTimeRate, Figure::Text(l.get(L::ClosingDatesNotRecorded).to_string()), Figure::None)
        });
    }
    if r.data_quality.ttr_recorded {
        let goal = r.params.on_time_goal;
        let target = f64::from(r.params.target_days);
        out.push(Kpi {
            counts: m.on_time.zip(m.determinable()).map(|(a, b)| format!("{a} / {b}")),
            goal: Figure::Rate(goal),
            state: rate_state(m.on_time_rate, goal),
            ..b.row(L::OnTimeRate, opt_rate(m.on_time_rate), opt_rate(prev.and_then(|p| p.on_time_rate)))
        });
        let days_state = |d: Option<f64>, amber: f64| {
            d.map(|d| {
                if d <= target {
                    Rag::Green
                } else if d <= amber {
                    Rag::Amber
                } else {
                    Rag::Red
                }
            })
        };
        let ttr = |label, this: Estimate, last: Option<(Estimate, Option<u64>)>, amber: f64| {
            let (this_fig, last_fig) =
                (estimate(this, m.still_open(), l), last.map_or(Figure::None, |(e, open)| estimate(e, open, l)));
            let up = matches!((&this_fig, &last_fig), (Figure::AtLeast { bound, .. }, Figure::Days(v)) if bound > v);
            Kpi {
                goal: Figure::Days(target),
                state: days_state(this.judged(), amber),
                arrow: if up { Some(Arrow::Up) } else { arrow(&this_fig, &last_fig) },
                ..b.row(label, this_fig, last_fig)
            }
        };
        out.push(ttr(L::TtrMedian, m.median_estimate(), prev.map(|p| (p.median_estimate(), p.still_open())), target));
        out.push(ttr(L::TtrP90, m.p90_estimate(), prev.map(|p| (p.p90_estimate(), p.still_open())), 1.5 * target));
    }
    if r.data_quality.closure_recorded {
        // overdue now: red once one is more than twice its target old
        let worst = r.overdue.iter().map(|o| o.days_past_target).max();
        out.push(Kpi {
            goal: Figure::Count(0),
            state: Some(match worst {
                None => Rag::Green,
                Some(d) if d > i64::from(r.params.target_days) => Rag::Red,
                Some(_) => Rag::Amber,
            }),
            ..b.row(L::OverdueNowAll, Figure::Count(r.overdue.len() as u64), Figure::None)
        });
    }
    out
}

/// §4: the repeat rate, and recurrence after closure where closing dates
/// are recorded.
fn recurrence(b: &Block) -> Vec<Kpi> {
    let (m, prev) = (b.m, b.prev);
    if let Some(text) = super::repeats_not_recorded(b.r, b.l) {
        // no repeat can be found: unknown, not 0 %
        return vec![b.row(L::RepeatRate, Figure::Text(text), Figure::None)];
    }
    let mut out = vec![b.row(L::RepeatRate, opt_rate(m.repeat_rate), opt_rate(prev.and_then(|p| p.repeat_rate)))];
    if b.r.data_quality.ttr_recorded {
        out.push(b.row(
            L::RecurrenceAfterClosureRate,
            opt_rate(m.recurrence_after_closure_rate),
            opt_rate(prev.and_then(|p| p.recurrence_after_closure_rate)),
        ));
    }
    out
}

/// §8: the notification on-time rate against the goal.
fn notification(b: &Block) -> Option<Kpi> {
    let f = b.m.notify.as_ref()?;
    let last = b.prev.and_then(|p| p.notify.as_ref()).and_then(|n| n.notify_on_time_rate);
    let goal = b.r.params.on_time_goal;
    Some(Kpi {
        goal: Figure::Rate(goal),
        state: rate_state(f.notify_on_time_rate, goal),
        counts: Some(format!("{} / {}", f.notified_on_time, f.notify_judged)),
        ..b.row(L::NotifyOnTimeRate, opt_rate(f.notify_on_time_rate), opt_rate(last))
    })
}

/// §9: open, overdue and ineffective CAPAs and the active to-do list.
fn capa(b: &Block) -> Vec<Kpi> {
    let Some(c) = b.r.capa.get() else { return Vec::new() };
    let bad = |n: u64| Some(if n > 0 { Rag::Red } else { Rag::Green });
    let without = c.recurring_without_capa.len() as u64;
    vec![
        b.row(L::OpenCapas, Figure::Count(c.open), Figure::None),
        Kpi {
            goal: Figure::Count(0),
            state: bad(c.overdue),
            ..b.row(L::OverdueCapas, Figure::Count(c.overdue), Figure::None)
        },
        Kpi {
            goal: Figure::Count(0),
            state: bad(c.ineffective),
            ..b.row(L::IneffectiveCapas, Figure::Count(c.ineffective), Figure::None)
        },
        Kpi {
            goal: Figure::Count(0),
            state: Some(if without > 0 { Rag::Amber } else { Rag::Green }),
            ..b.row(L::WithoutCapa, Figure::Count(without), Figure::None)
        },
    ]
}

/// §10: the month's cost; a month without any cost written shows "–", not 0.
fn cost(b: &Block) -> Option<Kpi> {
    let (this, section) = (b.m.cost.as_ref()?, b.r.cost.get()?);
    let money = |c: &crate::metrics::cost::CostMonth| c.cost_total.map_or(Figure::None, Figure::Money);
    let last = b.prev.and_then(|p| p.cost.as_ref()).map_or(Figure::None, money);
    let name = match &section.currency {
        Some(c) => b.l.fmt(L::CostWithCurrency, &[&b.l.get(L::ComplaintCost), c]),
        None => b.l.get(L::ComplaintCost).to_string(),
    };
    Some(Kpi { name, ..b.row(L::ComplaintCost, money(this), last) })
}

/// §12: the month's defect PPM against the PPM goal.
fn ppm(b: &Block) -> Option<Kpi> {
    b.r.ppm.get()?;
    let ppm = |t: Option<&crate::metrics::ppm::PpmMonth>| t.and_then(|p| p.ppm).map_or(Figure::None, Figure::Decimal);
    let this = b.m.ppm.as_ref();
    let goal = b.r.params.ppm_goal;
    Some(Kpi {
        goal: goal.map_or(Figure::None, Figure::Decimal),
        state: this.and_then(|p| p.ppm).zip(goal).map(|(v, g)| ceiling_state(v, g)),
        counts: this.map(|p| format!("{} / {}", thousands(p.defect_qty), thousands(p.units))),
        ..b.row(L::Ppm, ppm(this), ppm(b.prev.and_then(|p| p.ppm.as_ref())))
    })
}

/// The u-chart (--shipments): the month's rate against its own UCL.
fn u_chart(b: &Block) -> Option<Kpi> {
    let uc = b.r.control_chart.u_chart.as_ref()?;
    let point = |m| uc.points.iter().find(|p| p.month == m);
    let this = point(b.r.period);
    let last = b.prev.and_then(|p| point(p.month)).and_then(|p| p.u);
    let decimal = |x: Option<f64>| x.map_or(Figure::None, Figure::Decimal);
    Some(Kpi {
        state: this.and_then(|p| p.u.map(|_| if p.above_ucl { Rag::Red } else { Rag::Green })),
        counts: this.and_then(|p| p.ucl).map(|u| format!("{} {u:.2}", b.l.get(L::Ucl))),
        ..b.row(L::UPerThousand, decimal(this.and_then(|p| p.u)), decimal(last))
    })
}

/// §5: the flagged defect types, the five largest named.
fn flagged(b: &Block) -> Kpi {
    let (cc, l) = (&b.r.control_chart, b.l);
    let flagged: Vec<String> = cc
        .flagged_defect_types
        .iter()
        .take(5)
        .map(|f| format!("{} {} (UCL {:.1})", l.category(&f.defect_type), f.count, f.ucl))
        .collect();
    let more = cc.flagged_defect_types.len().saturating_sub(5);
    let text = match (flagged.is_empty(), more) {
        (true, _) => l.get(L::None).to_string(),
        (false, 0) => flagged.join(" · "),
        (false, n) => format!("{} · +{n}", flagged.join(" · ")),
    };
    Kpi {
        state: Some(if cc.flagged_defect_types.is_empty() { Rag::Green } else { Rag::Red }),
        ..b.row(L::Flagged, Figure::Text(text), Figure::None)
    }
}
