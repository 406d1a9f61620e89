//! §3 Time to resolution against the target: the cohort figures per receipt
//! month, open aging and the overdue list.

use super::month::Estimate;
use super::months::{from_epoch_days, Month};
use super::MonthFigures;
use super::{rate, round, Params, Period};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One complaint of a cohort for the handling-time estimates: closed after
/// `days` (an event), or still open `days` after receipt (censored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spell {
    pub days: i64,
    pub open: bool,
}

/// The Kaplan–Meier median and P90 of handling time (docs/metrics.md §3).
/// S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ), nᵢ the complaints whose
/// time is ≥ tᵢ. Median: the first tᵢ with S ≤ 0.5 (the mean with the next
/// event time when S is exactly 0.5); P90: the first tᵢ with S ≤ 0.1.
/// Without open complaints these are the classic median and the
/// nearest-rank P90. Not reached: the value is `None` and the bound is the
/// classic median / nearest-rank P90 of every spell's days (an open
/// complaint takes at least its age).
pub fn km_quantiles(spells: &[Spell]) -> (Estimate, Estimate) {
    const EPS: f64 = 1e-9;
    let mut sorted = spells.to_vec();
    sorted.sort_unstable();
    // (event time, S after it), ascending
    let mut curve: Vec<(i64, f64)> = Vec::new();
    let (mut at_risk, mut s, mut i) = (sorted.len(), 1.0f64, 0);
    while i < sorted.len() {
        let t = sorted[i].days;
        let same = sorted[i..].iter().take_while(|x| x.days == t).count();
        let events = sorted[i..i + same].iter().filter(|x| !x.open).count();
        if events > 0 {
            s *= 1.0 - events as f64 / at_risk as f64;
            curve.push((t, s));
        }
        at_risk -= same;
        i += same;
    }
    let median = curve.iter().position(|&(_, s)| s <= 0.5 + EPS).map(|k| {
        let (t, s) = curve[k];
        match curve.get(k + 1) {
            Some(&(next, _)) if (s - 0.5).abs() <= EPS => (t + next) as f64 / 2.0,
            _ => t as f64,
        }
    });
    let p90 = curve.iter().find(|&&(_, s)| s <= 0.1 + EPS).map(|&(t, _)| t as f64);
    let bound = ttr_stats(&sorted.iter().map(|x| x.days).collect::<Vec<_>>());
    (
        Estimate { value: median, at_least: if median.is_none() { bound.median } else { None } },
        Estimate { value: p90, at_least: if p90.is_none() { bound.p90 } else { None } },
    )
}

/// Median, mean (2 decimals), nearest-rank 90th percentile and max of TTRs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TtrStats {
    pub median: Option<f64>,
    pub mean: Option<f64>,
    pub p90: Option<f64>,
    pub max: Option<i64>,
}

/// TTR statistics of `sorted` (ascending). The p90 is nearest-rank: the
/// smallest value with at least 90 % of the values at or below it.
pub fn ttr_stats(sorted: &[i64]) -> TtrStats {
    let n = sorted.len();
    if n == 0 {
        return TtrStats::default();
    }
    let median = if n % 2 == 1 { sorted[n / 2] as f64 } else { (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0 };
    let rank = (9 * n).div_ceil(10); // ceil(0.9 n), 1-based
    TtrStats {
        median: Some(median),
        mean: Some(round(sorted.iter().sum::<i64>() as f64 / n as f64, 2)),
        p90: Some(sorted[rank - 1] as f64),
        max: sorted.last().copied(),
    }
}

/// One receipt month's complaints, as the cohort figures count them.
#[derive(Default)]
struct Cohort {
    received: u64,
    closed: u64,
    on_time: u64,
    late: u64,
    overdue: u64,
    open_within_target: u64,
    repeats: u64,
    recurrences_after_closure: u64,
    ttrs: Vec<i64>,
    /// the open ones, censored at their age (§3)
    ages: Vec<i64>,
}

/// The window's complaints gathered per receipt month.
fn cohorts(judged: &DataFrame, period: &Period) -> anyhow::Result<BTreeMap<i32, Cohort>> {
    let window = super::frame::months(judged, period.window_start.0, period.month.0)?;
    let flag = |name: &str| -> anyhow::Result<BooleanChunked> { Ok(window.column(name)?.bool()?.clone()) };
    let (closed, on_time, late, overdue) = (flag("closed")?, flag("on_time")?, flag("late")?, flag("overdue")?);
    let (open_within, repeat, rac) = (flag("open_within_target")?, flag("repeat")?, flag("recurrence_after_closure")?);
    let (ttr, age) = (window.column("ttr")?.i32()?, window.column("age")?.i32()?);
    let mut out: BTreeMap<i32, Cohort> = BTreeMap::new();
    for (i, m) in window.column("month")?.i32()?.iter().enumerate() {
        let Some(m) = m else { continue };
        let c = out.entry(m).or_default();
        let yes = |flags: &BooleanChunked| u64::from(flags.get(i) == Some(true));
        c.received += 1;
        c.closed += yes(&closed);
        c.on_time += yes(&on_time);
        c.late += yes(&late);
        c.overdue += yes(&overdue);
        c.open_within_target += yes(&open_within);
        c.repeats += yes(&repeat);
        c.recurrences_after_closure += yes(&rac);
        c.ttrs.extend(ttr.get(i).map(i64::from));
        c.ages.extend(age.get(i).map(i64::from));
    }
    Ok(out)
}

/// Cohort figures for every month of the trend window (zeros for months
/// without complaints).
pub fn monthly(judged: &DataFrame, period: &Period, _params: &Params) -> anyhow::Result<BTreeMap<Month, MonthFigures>> {
    let zero = MonthFigures {
        closed: Some(0),
        on_time: Some(0),
        late: Some(0),
        overdue: Some(0),
        open_within_target: Some(0),
        ..MonthFigures::default()
    };
    let mut out: BTreeMap<Month, MonthFigures> = period.window().map(|m| (m, zero.clone())).collect();
    for (m, mut c) in cohorts(judged, period)? {
        c.ttrs.sort_unstable();
        let stats = ttr_stats(&c.ttrs);
        let spells: Vec<Spell> = c
            .ttrs
            .iter()
            .map(|&days| Spell { days, open: false })
            .chain(c.ages.iter().map(|&days| Spell { days, open: true }))
            .collect();
        let (median, p90) = km_quantiles(&spells);
        out.insert(
            Month(m),
            MonthFigures {
                received: c.received,
                closed: Some(c.closed),
                on_time: Some(c.on_time),
                late: Some(c.late),
                overdue: Some(c.overdue),
                open_within_target: Some(c.open_within_target),
                on_time_rate: rate(c.on_time, c.on_time + c.late + c.overdue),
                ttr_median: median.value,
                ttr_median_at_least: median.at_least,
                ttr_mean: stats.mean,
                ttr_p90: p90.value,
                ttr_p90_at_least: p90.at_least,
                ttr_max: stats.max,
                repeats: c.repeats,
                repeat_rate: rate(c.repeats, c.received),
                recurrences_after_closure: c.recurrences_after_closure,
                recurrence_after_closure_rate: rate(c.recurrences_after_closure, c.received),
                ..MonthFigures::default()
            },
        );
    }
    Ok(out)
}

/// Open complaints by age as of `as_of` (every complaint received on or
/// before it, whatever its month).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Aging {
    #[serde(rename = "0-5")]
    pub d0_5: u64,
    #[serde(rename = "6-10")]
    pub d6_10: u64,
    #[serde(rename = "11-20")]
    pub d11_20: u64,
    #[serde(rename = "21-30")]
    pub d21_30: u64,
    #[serde(rename = "31-60")]
    pub d31_60: u64,
    #[serde(rename = ">60")]
    pub over_60: u64,
}

impl Aging {
    /// (label, count) in bucket order, for tables and charts.
    pub fn buckets(&self) -> [(&'static str, u64); 6] {
        [
            ("0-5", self.d0_5),
            ("6-10", self.d6_10),
            ("11-20", self.d11_20),
            ("21-30", self.d21_30),
            ("31-60", self.d31_60),
            (">60", self.over_60),
        ]
    }
}

pub fn aging(judged: &DataFrame) -> anyhow::Result<Aging> {
    let closed = judged.column("closed")?.bool()?;
    let mut a = Aging::default();
    for (closed, age) in closed.iter().zip(judged.column("age")?.i32()?.iter()) {
        let (Some(false), Some(age)) = (closed, age) else { continue };
        *match age {
            ..=5 => &mut a.d0_5,
            6..=10 => &mut a.d6_10,
            11..=20 => &mut a.d11_20,
            21..=30 => &mut a.d21_30,
            31..=60 => &mut a.d31_60,
            61.. => &mut a.over_60,
        } += 1;
    }
    Ok(a)
}

/// One overdue complaint, named, for the review's action list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OverdueItem {
    /// The ledger's id, or `file#sheet!row` when the ledger has none.
    pub complaint_id: String,
    pub received_date: NaiveDate,
    /// The day the target ran out: received + its target (business days
    /// with `--business-days`); past it the complaint is overdue.
    pub due_date: NaiveDate,
    pub age_days: i64,
    pub days_past_target: i64,
    pub customer: Option<String>,
    pub product: Option<String>,
    pub defect_type: Option<String>,
    pub department: Option<String>,
    pub owner: Option<String>,
    pub status: Option<String>,
    /// What the complaint is about and what is being done, as written.
    pub description: Option<String>,
    pub action: Option<String>,
    pub source_file: String,
    pub source_sheet: String,
    pub source_row: u32,
}

/// Every overdue complaint, oldest first: by received date, ties by id
/// (with business days two received dates can have the same age; the
/// received date decides, docs/metrics.md §3).
pub fn overdue_list(judged: &DataFrame, params: &Params) -> anyhow::Result<Vec<OverdueItem>> {
    let mut df = judged.filter(judged.column("overdue")?.bool()?)?;
    df.with_column(super::frame::complaint_refs(&df)?.into_column())?;
    let df = df.sort(["rd", "ref"], SortMultipleOptions::default())?;
    let text = |name: &str| -> anyhow::Result<Vec<Option<String>>> {
        Ok(super::texts(df.column(name)?)?.iter().map(|v| v.map(str::to_string)).collect())
    };
    let (refs, customers, products, defects) =
        (text("ref")?, text("customer")?, text("product")?, text("defect_type")?);
    let (departments, owners, statuses) = (text("department")?, text("owner")?, text("status")?);
    let (descriptions, actions) = (text("description")?, text("action")?);
    let holidays = super::months::sorted_holidays(&params.holidays);
    let due = |rd: i32, target: i32| -> NaiveDate {
        let n = u32::try_from(target).unwrap_or(0);
        from_epoch_days(if params.business_days {
            super::months::add_business_days(rd, n, &holidays)
        } else {
            rd + target
        })
    };
    let (files, sheets) = (text("source_file")?, text("source_sheet")?);
    let rows: Vec<u32> = df.column("source_row")?.u32()?.iter().map(|v| v.unwrap_or(0)).collect();
    let rd: Vec<i32> = df.column("rd")?.i32()?.iter().map(|v| v.unwrap_or(0)).collect();
    let ages: Vec<i32> = df.column("age")?.i32()?.iter().map(|v| v.unwrap_or(0)).collect();
    let targets: Vec<i32> = df.column("target")?.i32()?.iter().map(|v| v.unwrap_or(0)).collect();
    Ok((0..df.height())
        .map(|i| OverdueItem {
            complaint_id: refs[i].clone().unwrap_or_default(),
            received_date: from_epoch_days(rd[i]),
            due_date: due(rd[i], targets[i]),
            age_days: i64::from(ages[i]),
            days_past_target: i64::from(ages[i]) - i64::from(targets[i]),
            customer: customers[i].clone(),
            product: products[i].clone(),
            defect_type: defects[i].clone(),
            department: departments[i].clone(),
            owner: owners[i].clone(),
            status: statuses[i].clone(),
            description: descriptions[i].clone(),
            action: actions[i].clone(),
            source_file: files[i].clone().unwrap_or_default(),
            source_sheet: sheets[i].clone().unwrap_or_default(),
            source_row: rows[i],
        })
        .collect())
}

/// TTR histogram of the window's judged closures: one bar per day 0–30,
/// then `>30` (the chart draws the target line on it).
pub fn ttr_histogram(window: &DataFrame, _params: &Params) -> anyhow::Result<Vec<(String, u64)>> {
    let mut counts = [0u64; 32];
    for ttr in window.column("ttr")?.i32()?.iter().flatten() {
        counts[ttr.clamp(0, 31) as usize] += 1;
    }
    Ok(counts.iter().enumerate().map(|(d, &c)| (if d == 31 { ">30".to_string() } else { d.to_string() }, c)).collect())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{judge, Params};
    use super::*;

    #[test]
    fn nearest_rank_p90_and_even_median() {
        let s = ttr_stats(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(s, TtrStats { median: Some(5.5), mean: Some(5.5), p90: Some(9.0), max: Some(10) });
        let s = ttr_stats(&[0, 3, 20]);
        assert_eq!(s, TtrStats { median: Some(3.0), mean: Some(7.67), p90: Some(20.0), max: Some(20) });
        assert_eq!(ttr_stats(&[7]).p90, Some(7.0));
        assert_eq!(ttr_stats(&[]), TtrStats::default());
        // 11 values: ceil(9.9) = 10th value
        assert_eq!(ttr_stats(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90, Some(9.0));
    }

    fn spells(closed: &[i64], open: &[i64]) -> Vec<Spell> {
        let events = closed.iter().map(|&days| Spell { days, open: false });
        events.chain(open.iter().map(|&days| Spell { days, open: true })).collect()
    }

    /// (value, bound) of an estimate.
    type Pair = (Option<f64>, Option<f64>);

    fn km(closed: &[i64], open: &[i64]) -> (Pair, Pair) {
        let (m, p) = km_quantiles(&spells(closed, open));
        ((m.value, m.at_least), (p.value, p.at_least))
    }

    #[test]
    fn kaplan_meier_without_open_complaints_is_the_classic_median_and_p90() {
        for closed in [
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10][..],
            &[0, 3, 20],
            &[7],
            &[1, 2, 2, 3],
            &[1, 2, 3, 3],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &[4, 4, 4, 4],
            &[9, 1, 5, 1],
        ] {
            let mut sorted = closed.to_vec();
            sorted.sort_unstable();
            let classic = ttr_stats(&sorted);
            assert_eq!(km(closed, &[]), ((classic.median, None), (classic.p90, None)), "{closed:?}");
        }
        // by hand: even count → mean of the middle two; ties; nearest rank
        assert_eq!(km(&[1, 2, 3, 4], &[]).0, (Some(2.5), None));
        assert_eq!(km(&[1, 2, 2, 3], &[]).0, (Some(2.0), None));
        assert_eq!(km(&[1, 2, 3, 3], &[]).0, (Some(2.5), None));
        assert_eq!(km(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], &[]).1, (Some(9.0), None));
        assert_eq!(km(&[], &[]), ((None, None), (None, None)));
    }

    #[test]
    fn kaplan_meier_counts_the_open_complaints() {
        // closed after 2, 4, 6, 8 days; open for 3 and 5 days so far:
        // S(2) = 5/6, S(4) = 5/6·3/4 = 0.625, S(6) = 0.625·1/2 = 0.3125,
        // S(8) = 0 → median 6 (the closed ones alone say 5), P90 8
        assert_eq!(km(&[2, 4, 6, 8], &[3, 5]), ((Some(6.0), None), (Some(8.0), None)));
        // S exactly 0.5 at 2 with a later event time 5: their mean
        assert_eq!(km(&[1, 2, 5], &[3]), ((Some(3.5), None), (Some(5.0), None)));
        // S exactly 0.5 at 2 and no later event: 2; P90 not reached, bound
        // = nearest-rank P90 of 1, 2, 3, 4
        assert_eq!(km(&[1, 2], &[3, 4]), ((Some(2.0), None), (None, Some(4.0))));
        // a closure and an open complaint at the same age: the open one is
        // still at risk at that time (S(3) = 2/3, S(5) = 0)
        assert_eq!(km(&[3, 5], &[3]).0, (Some(5.0), None));
    }

    #[test]
    fn kaplan_meier_not_reached_gives_a_bound() {
        // 2 closed quickly, 3 still open: S(1) = 0.8, S(2) = 0.6, never ≤ 0.5;
        // bounds over 1, 2, 15, 20, 30: median 15, nearest-rank P90 30
        assert_eq!(km(&[1, 2], &[15, 20, 30]), ((None, Some(15.0)), (None, Some(30.0))));
        // nothing closed: the bound is over the ages (even count: mean)
        assert_eq!(km(&[], &[5, 7]), ((None, Some(6.0)), (None, Some(7.0))));
        let (m, _) = km_quantiles(&spells(&[], &[5, 7]));
        assert_eq!(m.judged(), Some(6.0));
    }

    #[test]
    fn cohort_month_as_of_with_edge_cases() {
        let t = table(&[
            ("A", "2024-05-01", Some("2024-05-11"), false, "p", "d", "c"), // on time (10)
            ("B", "2024-05-01", Some("2024-05-12"), false, "p", "d", "c"), // late (11)
            ("C", "2024-05-02", Some("2024-06-02"), false, "p", "d", "c"), // closed after as_of → overdue
            ("D", "2024-05-25", None, false, "p", "d", "c"),               // open within target
            ("E", "2024-05-03", None, true, "p", "d", "c"),                // closed without date
            ("F", "2024-05-10", Some("2024-05-08"), false, "p", "d", "c"), // negative TTR
            ("G", "2024-03-01", Some("2024-03-03"), false, "q", "e", "c"), // another month
        ]);
        let (period, params) = period("2024-05", None, 3);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let m = monthly(&j, &period, &params).unwrap_or_default();
        let may = &m[&Month::parse("2024-05").unwrap_or(Month(0))];
        assert_eq!(
            (may.received, may.closed, may.on_time, may.late, may.overdue, may.open_within_target),
            (6, Some(4), Some(1), Some(1), Some(1), Some(1))
        );
        assert_eq!(may.determinable(), Some(3));
        // closure not recorded: every §3 figure null, the rest kept
        let none = may.clone().without_closure();
        assert_eq!((none.received, none.closed, none.on_time_rate, none.ttr_median), (6, None, None, None));
        assert_eq!((none.determinable(), none.repeats), (None, may.repeats));
        assert_eq!(may.on_time_rate, Some(0.3333));
        // Kaplan–Meier over A (10), B (11) and the open C (age 29) and D
        // (age 6), E and F left out: S(10) = 2/3, S(11) = 1/3 → median 11;
        // S never reaches 0.1 → P90 at least the nearest-rank P90 of
        // 6, 10, 11, 29 = 29. Mean and max over the closed ones.
        assert_eq!(
            (may.ttr_median, may.ttr_median_at_least, may.ttr_mean, may.ttr_p90, may.ttr_p90_at_least, may.ttr_max),
            (Some(11.0), None, Some(10.5), None, Some(29.0), Some(11))
        );
        assert_eq!(may.still_open(), Some(2));
        // a status without closed dates: every timing figure null, counts kept
        let untimed = may.clone().without_timing();
        assert_eq!(
            (untimed.closed, untimed.overdue, untimed.on_time, untimed.ttr_p90_at_least),
            (Some(4), Some(1), None, None)
        );
        let april = &m[&Month::parse("2024-04").unwrap_or(Month(0))];
        assert_eq!((april.received, april.on_time_rate, april.ttr_median), (0, None, None));
        assert_eq!((april.closed, april.determinable()), (Some(0), Some(0)));
        assert_eq!(m.len(), 3);
        let aging = aging(&j).unwrap_or_default();
        // D is 6 days old, C 29 (closed after as_of)
        assert_eq!(aging.buckets().map(|b| b.1), [0, 1, 0, 1, 0, 0]);
        let list = overdue_list(&j, &Params::default()).unwrap_or_default();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].complaint_id.as_str(), list[0].age_days, list[0].days_past_target), ("C", 29, 19));
    }

    #[test]
    fn overdue_oldest_first_ties_by_id_and_as_of_later_than_period() {
        let t = table(&[
            ("B", "2024-05-02", None, false, "p", "d", "c"),
            ("A", "2024-05-02", None, false, "p", "d", "c"),
            ("C", "2024-04-01", None, false, "p", "d", "c"),
            ("D", "2024-06-03", None, false, "p", "d", "c"), // after the period, before as_of
        ]);
        let (period, params) = period("2024-05", Some("2024-06-20"), 12);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let ids: Vec<String> =
            overdue_list(&j, &params).unwrap_or_default().into_iter().map(|o| o.complaint_id).collect();
        assert_eq!(ids, ["C", "A", "B", "D"]);
        let m = monthly(&j, &period, &params).unwrap_or_default();
        assert!(!m.contains_key(&Month::parse("2024-06").unwrap_or(Month(0))));
    }
}
