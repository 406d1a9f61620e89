//! §5 Trend signals: a c-chart of monthly counts with Nelson rules 1–3,
//! per-defect-type flags, and a u-chart when shipped units are given.
//!
//! Runs (rules 2 and 3) are found on the monthly series from the first month
//! with data to the reporting month, so a run that began before the trend
//! window is seen whole; a signal names the run's months inside the window.
//! Months before the first month with data are not observations and are
//! never judged.

use super::months::Month;
use super::{round, Params, Period};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Baseline months: up to this many before the reporting month …
const BASELINE_MONTHS: i32 = 24;
/// … and at least this many, else `insufficient_history`.
const MIN_BASELINE_MONTHS: usize = 6;

/// Whether the chart could be drawn.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChartStatus {
    Ok,
    /// Fewer than 6 baseline months: no limits, no signals.
    InsufficientHistory,
}

/// Which way a signal points.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Rule 1: a month above the UCL …
    AboveUcl,
    /// … or below the LCL.
    BelowLcl,
    /// Rule 2: a run above the centre …
    Above,
    /// … or below it.
    Below,
    /// Rule 3: a run rising …
    Increasing,
    /// … or falling.
    Decreasing,
}

impl Direction {
    /// The snake_case code of summary.json (`above_ucl`).
    pub fn code(self) -> &'static str {
        match self {
            Direction::AboveUcl => "above_ucl",
            Direction::BelowLcl => "below_lcl",
            Direction::Above => "above",
            Direction::Below => "below",
            Direction::Increasing => "increasing",
            Direction::Decreasing => "decreasing",
        }
    }
}

/// Why a defect type is flagged.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FlagReason {
    /// The reporting month's count is above the type's UCL.
    AboveUcl,
    /// The type had no complaint in the baseline.
    NewType,
    /// A run of 9+ months above the centre ends at the reporting month.
    Rule2,
    /// A run of 6+ rising months ends at the reporting month.
    Rule3,
}

impl FlagReason {
    /// The snake_case code of summary.json (`new_type`).
    pub fn code(self) -> &'static str {
        match self {
            FlagReason::AboveUcl => "above_ucl",
            FlagReason::NewType => "new_type",
            FlagReason::Rule2 => "rule2",
            FlagReason::Rule3 => "rule3",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Signal {
    pub rule: u8,
    pub months: Vec<Month>,
    pub direction: Direction,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlaggedType {
    pub defect_type: String,
    pub reasons: Vec<FlagReason>,
    pub count: u64,
    pub centre: f64,
    pub ucl: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UPoint {
    pub month: Month,
    pub count: u64,
    pub units: Option<f64>,
    pub u: Option<f64>,
    pub ucl: Option<f64>,
    pub lcl: Option<f64>,
    pub above_ucl: bool,
}

/// The u-chart (docs/metrics.md §5), when shipped quantities were given.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UChart {
    /// ū: complaints per 1,000 units over the baseline months with units;
    /// `None` when no baseline month has units.
    pub centre: Option<f64>,
    /// Months of the baseline and the window without units (missing or 0):
    /// their counts stay, without u or limits; the report warns about them.
    pub months_without_units: Vec<Month>,
    pub points: Vec<UPoint>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ControlChart {
    pub status: ChartStatus,
    pub centre: Option<f64>,
    pub ucl: Option<f64>,
    pub lcl: Option<f64>,
    pub baseline_months: Vec<Month>,
    pub signals: Vec<Signal>,
    pub flagged_defect_types: Vec<FlaggedType>,
    /// Complaints per 1,000 shipped units, when shipments were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub u_chart: Option<UChart>,
}

/// Centre and limits of a c-chart over baseline counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub centre: f64,
    pub ucl: f64,
    pub lcl: f64,
    /// Exact centre as sum / n, for "equal to the centre" tests.
    sum: u64,
    n: u64,
}

impl Limits {
    pub fn from_baseline(counts: &[u64]) -> Limits {
        let (sum, n) = (counts.iter().sum::<u64>(), counts.len() as u64);
        let centre = sum as f64 / n.max(1) as f64;
        let spread = 3.0 * centre.sqrt();
        Limits { centre, ucl: centre + spread, lcl: (centre - spread).max(0.0), sum, n }
    }

    /// -1 below, 0 equal, 1 above the centre, compared exactly.
    fn side(&self, count: u64) -> i8 {
        match (count * self.n).cmp(&self.sum) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        }
    }
}

/// Maximal runs `(start, end, direction)` of rule 2 (≥ 9 on one side) and
/// rule 3 (≥ 6 points strictly rising or falling) in `series`.
fn runs(series: &[u64], limits: &Limits) -> Vec<(u8, usize, usize, i8)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=series.len() {
        let same = i < series.len() && limits.side(series[i]) == limits.side(series[start]);
        if !same {
            let side = limits.side(series[start]);
            if side != 0 && i - start >= 9 {
                out.push((2, start, i - 1, side));
            }
            start = i;
        }
    }
    for dir in [1i8, -1] {
        let mut start = 0;
        for i in 1..=series.len() {
            let continues = i < series.len() && (series[i].cmp(&series[i - 1]) as i8) == dir;
            if !continues {
                if i - start >= 6 {
                    out.push((3, start, i - 1, dir));
                }
                start = i;
            }
        }
    }
    out
}

/// The c-chart, its signals, per-type flags and the u-chart.
/// `counts` are the complaints per receipt month of `judged`.
pub fn control_chart(
    judged: &DataFrame,
    counts: &BTreeMap<Month, u64>,
    period: &Period,
    params: &Params,
) -> anyhow::Result<ControlChart> {
    let Some(&first) = counts.keys().next() else {
        return Ok(insufficient(Vec::new()));
    };
    let baseline: Vec<Month> = (first.max(period.month - BASELINE_MONTHS).0..period.month.0).map(Month).collect();
    if baseline.len() < MIN_BASELINE_MONTHS {
        return Ok(insufficient(baseline));
    }
    let series_months: Vec<Month> = (first.0..=period.month.0).map(Month).collect();
    let count = |m: &Month| counts.get(m).copied().unwrap_or(0);
    let series: Vec<u64> = series_months.iter().map(count).collect();
    let limits = Limits::from_baseline(&baseline.iter().map(count).collect::<Vec<_>>());

    let in_window = |m: Month| m >= period.window_start && m <= period.month;
    let mut signals = Vec::new();
    for (m, &c) in series_months.iter().zip(&series) {
        if in_window(*m) && (c as f64 > limits.ucl || (c as f64) < limits.lcl) {
            let direction = if c as f64 > limits.ucl { Direction::AboveUcl } else { Direction::BelowLcl };
            signals.push(Signal { rule: 1, months: vec![*m], direction });
        }
    }
    for (rule, start, end, dir) in runs(&series, &limits) {
        let months: Vec<Month> = series_months[start..=end].iter().copied().filter(|m| in_window(*m)).collect();
        if !months.is_empty() {
            let direction = match (rule, dir) {
                (2, 1) => Direction::Above,
                (2, _) => Direction::Below,
                (_, 1) => Direction::Increasing,
                _ => Direction::Decreasing,
            };
            signals.push(Signal { rule, months, direction });
        }
    }
    signals.sort_by(|a, b| (a.rule, &a.months).cmp(&(b.rule, &b.months)));

    Ok(ControlChart {
        status: ChartStatus::Ok,
        centre: Some(round(limits.centre, 4)),
        ucl: Some(round(limits.ucl, 4)),
        lcl: Some(round(limits.lcl, 4)),
        flagged_defect_types: flag_types(judged, &series_months, &baseline, params.flag_min_count)?,
        u_chart: params.shipments.as_ref().map(|s| u_chart(counts, &baseline, period, &s.by_month())),
        baseline_months: baseline,
        signals,
    })
}

fn insufficient(baseline: Vec<Month>) -> ControlChart {
    ControlChart {
        status: ChartStatus::InsufficientHistory,
        centre: None,
        ucl: None,
        lcl: None,
        baseline_months: baseline,
        signals: Vec::new(),
        flagged_defect_types: Vec::new(),
        u_chart: None,
    }
}

/// Per defect type, the same chart over the same baseline months. Only a
/// type with at least `min_count` complaints in the reporting month can be
/// flagged (one complaint over a UCL of 0.65 is not a signal).
fn flag_types(
    judged: &DataFrame,
    series_months: &[Month],
    baseline: &[Month],
    min_count: u32,
) -> anyhow::Result<Vec<FlaggedType>> {
    let (first, last_month) = (series_months[0].0, series_months[series_months.len() - 1].0);
    // Complaints received after the reporting month (up to a later as-of
    // date) are in aging and the overdue list, not in the monthly series.
    let series = super::frame::months(judged, first, last_month)?;
    let mut per_type: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for ((t, m), n) in super::frame::counts_by_category_and_month(&series, "defect_type")? {
        per_type.entry(t).or_insert_with(|| vec![0; series_months.len()])[(m - first) as usize] = n;
    }
    let last = series_months.len() - 1;
    let base_range = (baseline[0].0 - first) as usize..=(baseline[baseline.len() - 1].0 - first) as usize;
    let mut flagged = Vec::new();
    for (defect_type, series) in per_type {
        let limits = Limits::from_baseline(&series[base_range.clone()]);
        let now = series[last];
        if now < u64::from(min_count) {
            continue;
        }
        let mut reasons = Vec::new();
        if now as f64 > limits.ucl {
            reasons.push(FlagReason::AboveUcl);
        }
        if now > 0 && limits.sum == 0 {
            reasons.push(FlagReason::NewType);
        }
        for (rule, _, end, dir) in runs(&series, &limits) {
            if end == last && dir == 1 {
                reasons.push(if rule == 2 { FlagReason::Rule2 } else { FlagReason::Rule3 });
            }
        }
        if !reasons.is_empty() {
            flagged.push(FlaggedType {
                defect_type,
                reasons,
                count: now,
                centre: round(limits.centre, 4),
                ucl: round(limits.ucl, 4),
            });
        }
    }
    flagged.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.defect_type.cmp(&b.defect_type)));
    Ok(flagged)
}

/// u-chart of complaints per 1,000 units: ū = Σ baseline counts / Σ baseline
/// thousands of units, `UCL_i = ū + 3·sqrt(ū / n_i)`.
fn u_chart(counts: &BTreeMap<Month, u64>, baseline: &[Month], period: &Period, units: &BTreeMap<Month, f64>) -> UChart {
    let count = |m: &Month| counts.get(m).copied().unwrap_or(0);
    let units_of = |m: &Month| units.get(m).copied().filter(|u| *u > 0.0);
    let with_units: Vec<&Month> = baseline.iter().filter(|m| units_of(m).is_some()).collect();
    let total_n: f64 = with_units.iter().map(|m| units[m] / 1000.0).sum();
    let u_bar = (total_n > 0.0).then(|| with_units.iter().map(|m| count(m)).sum::<u64>() as f64 / total_n);
    let mut months_without_units: Vec<Month> =
        baseline.iter().copied().chain(period.window()).filter(|m| units_of(m).is_none()).collect();
    months_without_units.sort();
    months_without_units.dedup();
    let points = period
        .window()
        .map(|m| {
            let units_m = units_of(&m);
            let n_i = units_m.map(|u| u / 1000.0);
            let u = n_i.map(|n| count(&m) as f64 / n);
            let (ucl, lcl) = match (u_bar, n_i) {
                (Some(ub), Some(n)) => (Some(ub + 3.0 * (ub / n).sqrt()), Some((ub - 3.0 * (ub / n).sqrt()).max(0.0))),
                _ => (None, None),
            };
            UPoint {
                month: m,
                count: count(&m),
                units: units_m,
                above_ucl: matches!((u, ucl), (Some(u), Some(l)) if u > l),
                u: u.map(|v| round(v, 4)),
                ucl: ucl.map(|v| round(v, 4)),
                lcl: lcl.map(|v| round(v, 4)),
            }
        })
        .collect();
    UChart { centre: u_bar.map(|v| round(v, 4)), months_without_units, points }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_of_a_c_chart() {
        let l = Limits::from_baseline(&[4, 4, 4, 4]);
        assert_eq!((l.centre, round(l.ucl, 4), l.lcl), (4.0, 10.0, 0.0));
        let l = Limits::from_baseline(&[25; 6]);
        assert_eq!((l.ucl, l.lcl), (40.0, 10.0));
    }

    #[test]
    fn rule2_needs_nine_and_equal_breaks_the_run() {
        let l = Limits::from_baseline(&[10, 10]); // centre 10
        let above9 = [11, 12, 11, 13, 11, 12, 11, 12, 11];
        assert_eq!(runs(&above9, &l).iter().filter(|r| r.0 == 2).count(), 1);
        let broken = [11, 12, 11, 13, 10, 12, 11, 12, 11, 12];
        assert!(runs(&broken, &l).iter().all(|r| r.0 != 2));
        let below = [9; 10];
        assert_eq!(runs(&below, &l).iter().find(|r| r.0 == 2).map(|r| (r.1, r.2, r.3)), Some((0, 9, -1)));
    }

    #[test]
    fn rule3_six_points_strictly_monotone() {
        let l = Limits::from_baseline(&[100]);
        let up = [1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1];
        let r: Vec<_> = runs(&up, &l).into_iter().filter(|r| r.0 == 3).collect();
        // 1..6 rising (6 points); 6,5,4,3,2,1 falling (6 points); the flat step breaks nothing else
        assert_eq!(r, vec![(3, 0, 5, 1), (3, 6, 11, -1)]);
        let five = [1, 2, 3, 4, 5];
        assert!(runs(&five, &l).iter().all(|r| r.0 != 3));
    }

    fn judged(rows: &[(&str, u64, &str)]) -> DataFrame {
        // (month, count, defect type) → one row per complaint
        let mut months = Vec::new();
        let mut types = Vec::new();
        for (m, n, t) in rows {
            for _ in 0..*n {
                months.push(Month::parse(m).map_or(0, |m| m.0));
                types.push(Some(t.to_string()).filter(|s| !s.is_empty()));
            }
        }
        df!("month" => months, "defect_type" => types).unwrap_or_default()
    }

    fn chart(j: &DataFrame, p: &Period, params: &Params) -> anyhow::Result<ControlChart> {
        control_chart(j, &super::super::trend::counts_by_month(j)?, p, params)
    }

    fn period(m: &str) -> Period {
        let month = Month::parse(m).unwrap_or(Month(0));
        Period { month, as_of: month.last_day(), window_start: month - 11 }
    }

    #[test]
    fn insufficient_history_below_six_baseline_months() {
        let j = judged(&[("2024-01", 3, "a"), ("2024-05", 3, "a"), ("2024-06", 9, "a")]);
        let c = chart(&j, &period("2024-06"), &Params::default()).unwrap_or_else(|_| insufficient(vec![]));
        assert_eq!((c.status, c.baseline_months.len()), (ChartStatus::InsufficientHistory, 5));
        let c = chart(&j, &period("2024-07"), &Params::default()).unwrap_or_else(|_| insufficient(vec![]));
        assert_eq!((c.status, c.baseline_months.len()), (ChartStatus::Ok, 6));
    }

    #[test]
    fn u_chart_per_thousand_units() {
        let m = |s: &str| Month::parse(s).unwrap_or(Month(0));
        let baseline: Vec<Month> = (1..=6).map(|i| m(&format!("2024-0{i}"))).collect();
        let mut counts: BTreeMap<Month, u64> = baseline.iter().map(|b| (*b, 10)).collect();
        counts.insert(m("2024-07"), 30);
        let mut units: BTreeMap<Month, f64> = baseline.iter().map(|b| (*b, 10_000.0)).collect();
        units.insert(m("2024-07"), 10_000.0);
        let period = Period { month: m("2024-07"), as_of: m("2024-07").last_day(), window_start: m("2024-07") };
        let chart = u_chart(&counts, &baseline, &period, &units);
        // ū = 60 / 60 thousand = 1.0; n = 10; UCL = 1 + 3·sqrt(0.1) = 1.9487, LCL = 0.0513
        assert_eq!((chart.centre, chart.months_without_units.len()), (Some(1.0), 0));
        assert_eq!(
            chart.points,
            vec![UPoint {
                month: m("2024-07"),
                count: 30,
                units: Some(10_000.0),
                u: Some(3.0),
                ucl: Some(1.9487),
                lcl: Some(0.0513),
                above_ucl: true
            }]
        );
        // a month without shipments (missing or 0) keeps its count, has no u
        // and no limits, and is named; the baseline's other months set ū
        units.insert(m("2024-07"), 0.0);
        units.remove(&m("2024-02"));
        let chart = u_chart(&counts, &baseline, &period, &units);
        let p = &chart.points[0];
        assert_eq!((p.count, p.u, p.ucl, p.above_ucl), (30, None, None, false));
        assert_eq!(chart.months_without_units, vec![m("2024-02"), m("2024-07")]);
        assert_eq!(chart.centre, Some(1.0)); // 50 / 50 thousand
        let none = u_chart(&counts, &baseline, &period, &BTreeMap::new());
        assert_eq!((none.centre, none.months_without_units.len()), (None, 7));
    }

    #[test]
    fn signals_and_type_flags() {
        // baseline 2023-01..2023-12: 4 a month of type a; then a spike of type b
        let mut rows: Vec<(String, u64, &str)> = (1..=12).map(|m| (format!("2023-{m:02}"), 4, "a")).collect();
        rows.push(("2024-01".into(), 4, "a"));
        rows.push(("2024-01".into(), 9, "b"));
        let rows: Vec<(&str, u64, &str)> = rows.iter().map(|(m, n, t)| (m.as_str(), *n, *t)).collect();
        let c = chart(&judged(&rows), &period("2024-01"), &Params::default()).unwrap_or_else(|_| insufficient(vec![]));
        assert_eq!((c.centre, c.ucl, c.lcl), (Some(4.0), Some(10.0), Some(0.0)));
        // 13 > 10: rule 1 in 2024-01
        assert_eq!(
            c.signals,
            vec![Signal {
                rule: 1,
                months: vec![Month::parse("2024-01").unwrap_or(Month(0))],
                direction: Direction::AboveUcl
            }]
        );
        let flagged: Vec<(&str, Vec<FlagReason>)> =
            c.flagged_defect_types.iter().map(|f| (f.defect_type.as_str(), f.reasons.clone())).collect();
        assert_eq!(flagged, vec![("b", vec![FlagReason::AboveUcl, FlagReason::NewType])]);
    }
}
