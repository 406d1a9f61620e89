//! §1 Volume and trend: monthly counts with MoM, YoY and rolling-3, and the
//! top-N breakdowns of the trend window.

use super::months::Month;
use super::MonthFigures;
use super::{round, Period};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

use super::OTHER;

/// One month of the trend window (summary.json `trend[]`): the series
/// figures of §1 and the month's cohort figures (§3, §4), flattened.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendMonth {
    pub month: Month,
    pub mom_change: Option<i64>,
    pub mom_pct: Option<f64>,
    pub yoy_count: Option<u64>,
    pub yoy_pct: Option<f64>,
    pub rolling3: Option<f64>,
    /// Complaints whose closed date falls in this month (on or before
    /// `as_of`), whatever month they were received in: the month's output
    /// of closures, beside its input of receipts.
    /// `None` when closure is not recorded.
    pub closed_in_month: Option<u64>,
    /// `received` (= `count[m]`) and the rest of the cohort figures.
    #[serde(flatten)]
    pub cohort: MonthFigures,
}

impl std::ops::Deref for TrendMonth {
    type Target = MonthFigures;
    fn deref(&self) -> &MonthFigures {
        &self.cohort
    }
}

impl std::ops::DerefMut for TrendMonth {
    fn deref_mut(&mut self) -> &mut MonthFigures {
        &mut self.cohort
    }
}

/// Complaint counts per receipt month over everything judged.
pub fn counts_by_month(judged: &DataFrame) -> anyhow::Result<BTreeMap<Month, u64>> {
    let months = judged.column("month")?.i32()?;
    Ok(super::frame::count_groups(months.iter()).into_iter().map(|(m, n)| (Month(m), n)).collect())
}

/// Closed complaints per month of their closed date (dates after `as_of`
/// are not closures yet).
pub fn closed_by_month(judged: &DataFrame, as_of: chrono::NaiveDate) -> anyhow::Result<BTreeMap<Month, u64>> {
    let as_of = super::months::epoch_days(as_of);
    let mut out = BTreeMap::new();
    for cd in judged.column("cd")?.i32()?.iter().flatten().filter(|&cd| cd <= as_of) {
        *out.entry(Month::of(super::months::from_epoch_days(cd))).or_default() += 1;
    }
    Ok(out)
}

/// The trend rows (docs/metrics.md §1) from the monthly counts and
/// closures, joined with the cohort figures.
pub fn trend_rows(
    counts: &BTreeMap<Month, u64>,
    closed: &BTreeMap<Month, u64>,
    period: &Period,
    cohort: &BTreeMap<Month, MonthFigures>,
) -> Vec<TrendMonth> {
    let first = counts.keys().next().copied();
    let in_range = |m: Month| first.is_some_and(|f| m >= f);
    let count = |m: Month| counts.get(&m).copied().unwrap_or(0);
    period
        .window()
        .map(|m| {
            let prev = m - 1;
            let mom_change = (in_range(m) && in_range(prev)).then(|| count(m) as i64 - count(prev) as i64);
            let mom_pct =
                mom_change.filter(|_| count(prev) > 0).map(|c| round(100.0 * c as f64 / count(prev) as f64, 2));
            let yoy_count = in_range(m - 12).then(|| count(m - 12));
            let yoy_pct =
                yoy_count.filter(|&y| y > 0).map(|y| round(100.0 * (count(m) as f64 - y as f64) / y as f64, 2));
            let recent: Vec<u64> = [m, m - 1, m - 2].into_iter().filter(|&x| in_range(x)).map(count).collect();
            let rolling3 =
                (!recent.is_empty()).then(|| round(recent.iter().sum::<u64>() as f64 / recent.len() as f64, 4));
            TrendMonth {
                month: m,
                mom_change,
                mom_pct,
                yoy_count,
                yoy_pct,
                rolling3,
                closed_in_month: Some(closed.get(&m).copied().unwrap_or(0)),
                cohort: MonthFigures { received: count(m), ..cohort.get(&m).cloned().unwrap_or_default() },
            }
        })
        .collect()
}

/// One value of a breakdown: its window total and count per window month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownRow {
    pub value: String,
    pub total: u64,
    pub months: Vec<u64>,
}

/// The fields broken down in the trend window.
pub const BREAKDOWN_FIELDS: [&str; 6] = ["defect_type", "product", "customer", "channel", "site", "responsibility"];

/// Top `top` values per field by window total (ties by name), the rest as
/// `Other`, blanks as `(blank)`.
pub fn breakdowns(
    window: &DataFrame,
    period: &Period,
    top: usize,
    responsibility: bool,
) -> anyhow::Result<BTreeMap<String, Vec<BreakdownRow>>> {
    let months: Vec<Month> = period.window().collect();
    let mut out = BTreeMap::new();
    // responsibility (§13) only when a ledger has the column: absent, not
    // one (blank) row
    for field in BREAKDOWN_FIELDS.into_iter().filter(|f| responsibility || *f != "responsibility") {
        let mut per_value: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for ((v, m), n) in super::frame::counts_by_category_and_month(window, field)? {
            let Some(idx) = months.iter().position(|x| x.0 == m) else { continue };
            per_value.entry(v).or_insert_with(|| vec![0; months.len()])[idx] += n;
        }
        out.insert(field.to_string(), top_n(per_value, top, months.len()));
    }
    Ok(out)
}

/// Keeps the `top` largest rows (ties by name ascending), sums the rest.
pub fn top_n(per_value: BTreeMap<String, Vec<u64>>, top: usize, width: usize) -> Vec<BreakdownRow> {
    let mut rows: Vec<BreakdownRow> = per_value
        .into_iter()
        .map(|(value, months)| BreakdownRow { total: months.iter().sum(), value, months })
        .collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.value.cmp(&b.value)));
    if rows.len() > top {
        let rest = rows.split_off(top);
        let mut other = BreakdownRow { value: OTHER.to_string(), total: 0, months: vec![0; width] };
        for r in rest {
            other.total += r.total;
            for (o, x) in other.months.iter_mut().zip(r.months) {
                *o += x;
            }
        }
        rows.push(other);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(month: &str, months: i32) -> Period {
        let m = Month::parse(month).unwrap_or(Month(0));
        Period { month: m, as_of: m.last_day(), window_start: m - (months - 1) }
    }

    #[test]
    fn mom_yoy_rolling_with_gaps_and_history_limits() {
        // data starts 2023-03; 2023-04 is empty; 2024-03 vs 2023-03
        let counts: BTreeMap<Month, u64> = [("2023-03", 4), ("2023-05", 2), ("2024-02", 5), ("2024-03", 6)]
            .into_iter()
            .filter_map(|(m, n)| Some((Month::parse(m)?, n)))
            .collect();
        let rows = trend_rows(&counts, &BTreeMap::new(), &period("2024-03", 14), &BTreeMap::new());
        let by = |m: &str| rows.iter().find(|r| r.month.to_string() == m).cloned();
        let feb23 = by("2023-02").unwrap_or_else(|| panic!("window has 2023-02"));
        assert_eq!((feb23.received, feb23.mom_change, feb23.rolling3, feb23.yoy_count), (0, None, None, None));
        let mar23 = by("2023-03").unwrap_or_else(|| panic!());
        assert_eq!((mar23.mom_change, mar23.mom_pct, mar23.rolling3), (None, None, Some(4.0)));
        let apr23 = by("2023-04").unwrap_or_else(|| panic!());
        assert_eq!((apr23.mom_change, apr23.mom_pct, apr23.rolling3), (Some(-4), Some(-100.0), Some(2.0)));
        let may23 = by("2023-05").unwrap_or_else(|| panic!());
        // previous month 0: change defined, percent null
        assert_eq!((may23.mom_change, may23.mom_pct, may23.rolling3), (Some(2), None, Some(2.0)));
        let mar24 = by("2024-03").unwrap_or_else(|| panic!());
        assert_eq!((mar24.mom_change, mar24.mom_pct), (Some(1), Some(20.0)));
        assert_eq!((mar24.yoy_count, mar24.yoy_pct, mar24.rolling3), (Some(4), Some(50.0), Some(3.6667)));
        let feb24 = by("2024-02").unwrap_or_else(|| panic!());
        // a year earlier is before the data: null
        assert_eq!((feb24.yoy_count, feb24.yoy_pct, feb24.mom_pct), (None, None, None));
        let apr24_yoy_zero = trend_rows(&counts, &BTreeMap::new(), &period("2024-04", 1), &BTreeMap::new());
        assert_eq!((apr24_yoy_zero[0].yoy_count, apr24_yoy_zero[0].yoy_pct), (Some(0), None));
        assert_eq!(apr24_yoy_zero[0].mom_pct, Some(-100.0));
    }

    #[test]
    fn top_n_ties_by_name_and_other() {
        let per_value: BTreeMap<String, Vec<u64>> =
            [("b", vec![1, 2]), ("a", vec![2, 1]), ("c", vec![5, 0]), ("d", vec![0, 1])]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
        let rows = top_n(per_value, 2, 2);
        let names: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(names, ["c", "a", OTHER]);
        assert_eq!(rows[2].total, 4);
        assert_eq!(rows[2].months, vec![1, 3]);
    }

    #[test]
    fn closures_count_in_the_month_of_their_closed_date() {
        use super::super::judge;
        use super::super::test_support::{period as params_period, table};
        let t = table(&[
            ("A", "2024-04-20", Some("2024-05-02"), false, "p", "d", "c"), // received April, closed May
            ("B", "2024-05-01", Some("2024-05-03"), false, "p", "d", "c"),
            ("C", "2024-05-04", Some("2024-06-01"), false, "p", "d", "c"), // closed after as_of: not yet
            ("D", "2024-05-05", None, true, "p", "d", "c"),                // closed without a date
        ]);
        let (period, params) = params_period("2024-05", None, 2);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let closed = closed_by_month(&j, period.as_of).unwrap_or_default();
        let rows = trend_rows(&counts_by_month(&j).unwrap_or_default(), &closed, &period, &BTreeMap::new());
        let got: Vec<(String, u64, Option<u64>)> =
            rows.iter().map(|r| (r.month.to_string(), r.received, r.closed_in_month)).collect();
        assert_eq!(got, [("2024-04".into(), 1, Some(0)), ("2024-05".into(), 3, Some(2))]);
    }
}
