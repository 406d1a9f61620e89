//! §14 Year to date against the annual goal: the complaints received since
//! 1 January against the same span a year earlier and against the pro-rata
//! goal of `[report.goals] received_per_year`.

use super::months::{epoch_days, Month};
use super::{round, Period};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// `month.ytd_*` in summary.json.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct YearToDate {
    /// Received from 1 January of the period's year to the end of the
    /// period (or to `as_of` when earlier).
    pub ytd_received: u64,
    /// The same span one year earlier; `None` when it ends before the first
    /// month with data.
    pub ytd_received_last_year: Option<u64>,
    /// Percent change against last year's span, 2 decimals (`None` when
    /// last year's count is missing or 0).
    pub ytd_change_pct: Option<f64>,
    /// `received_per_year` × months elapsed / 12, 1 decimal; `None` without
    /// a goal.
    pub ytd_goal: Option<f64>,
}

/// The end of last year's span: the end of the same month when this year's
/// span ends at the period's end, else the same day (29 February → 28).
fn last_year_end(end: NaiveDate, period: &Period) -> NaiveDate {
    let year = end.year() - 1;
    if end == period.month.last_day() {
        return (Month::of(end) - 12).last_day();
    }
    NaiveDate::from_ymd_opt(year, end.month(), end.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, end.month(), end.day() - 1))
        .unwrap_or(end)
}

/// Year-to-date figures from the received dates (epoch days) of every
/// complaint received on or before `as_of`.
pub fn year_to_date(received: &[i32], period: &Period, goal_per_year: Option<f64>) -> YearToDate {
    let end = period.month.last_day().min(period.as_of);
    let start = NaiveDate::from_ymd_opt(end.year(), 1, 1).unwrap_or(end);
    let count = |from: NaiveDate, to: NaiveDate| {
        let (from, to) = (epoch_days(from), epoch_days(to));
        received.iter().filter(|&&d| d >= from && d <= to).count() as u64
    };
    let ytd = count(start, end);
    let ly_end = last_year_end(end, period);
    let ly_start = NaiveDate::from_ymd_opt(ly_end.year(), 1, 1).unwrap_or(ly_end);
    let first_month = received.iter().min().map(|&d| Month::of(super::months::from_epoch_days(d)));
    let last_year = first_month.filter(|m| ly_end >= m.first_day()).map(|_| count(ly_start, ly_end));
    let change = last_year.filter(|&ly| ly > 0).map(|ly| round(100.0 * (ytd as f64 - ly as f64) / ly as f64, 2));
    YearToDate {
        ytd_received: ytd,
        ytd_received_last_year: last_year,
        ytd_change_pct: change,
        ytd_goal: goal_per_year.map(|g| round(g * f64::from(period.month.month()) / 12.0, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::date;
    use super::*;

    fn days(dates: &[&str]) -> Vec<i32> {
        dates.iter().map(|d| epoch_days(date(d))).collect()
    }

    fn period(month: &str, as_of: &str) -> Period {
        let m = Month::parse(month).unwrap_or(Month(0));
        Period { month: m, as_of: date(as_of), window_start: m - 11 }
    }

    #[test]
    fn the_year_to_date_against_last_year_and_the_goal() {
        let received = days(&[
            "2023-03-10", // before last year's span starts counting: 2023 is the first year
            "2024-01-01",
            "2024-02-29",
            "2024-03-31",
            "2024-04-01", // after last year's span (to 03-31)
            "2025-01-15",
            "2025-02-28",
            "2025-03-01",
            "2025-03-31",
        ]);
        // period 2025-03 as of its last day: 1 Jan – 31 Mar, against 2024's
        // 1 Jan – 31 Mar (29 February included)
        let y = year_to_date(&received, &period("2025-03", "2025-03-31"), Some(120.0));
        assert_eq!(
            y,
            YearToDate {
                ytd_received: 4,
                ytd_received_last_year: Some(3),
                ytd_change_pct: Some(33.33),
                ytd_goal: Some(30.0), // 120 × 3 / 12
            }
        );
        // as of 1 March: to the same day a year earlier
        let y = year_to_date(&received[..7], &period("2025-03", "2025-03-01"), None);
        assert_eq!((y.ytd_received, y.ytd_received_last_year, y.ytd_goal), (2, Some(2), None));
    }

    #[test]
    fn twenty_ninth_of_february_and_a_span_before_the_data() {
        // period 2024-02 as of the 29th (not its last day? it is: the last
        // day of February 2024) → last year to 28 February 2023
        let received = days(&["2023-02-28", "2023-03-01", "2024-02-29"]);
        let y = year_to_date(&received, &period("2024-02", "2024-02-29"), None);
        assert_eq!((y.ytd_received, y.ytd_received_last_year), (1, Some(1)));
        // as of 29 February within March's period: the same day maps to the 28th
        let y = year_to_date(&received, &period("2024-03", "2024-02-29"), None);
        assert_eq!((y.ytd_received, y.ytd_received_last_year), (1, Some(1)));
        // the data start in 2024: last year's span ends before → null, no change
        let y = year_to_date(&days(&["2024-01-05", "2024-02-10"]), &period("2024-02", "2024-02-29"), Some(10.0));
        assert_eq!((y.ytd_received, y.ytd_received_last_year, y.ytd_change_pct), (2, None, None));
        assert_eq!(y.ytd_goal, Some(1.7)); // 10 × 2 / 12 = 1.67
    }
}
