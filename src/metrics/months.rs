//! Calendar months as a plain integer index, and day arithmetic on dates as
//! days since 1970-01-01 (polars' physical Date), calendar or business days.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar month: `year * 12 + (month - 1)`, so `m - 1` is the previous
/// month and `m - 12` the same month a year earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month(date.year() * 12 + date.month0() as i32)
    }

    /// Parses `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(y, m, 1).map(Month::of)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        (self + 1).first_day().pred_opt().unwrap_or_default()
    }
}

impl std::ops::Add<i32> for Month {
    type Output = Month;
    fn add(self, n: i32) -> Month {
        Month(self.0 + n)
    }
}

impl std::ops::Sub<i32> for Month {
    type Output = Month;
    fn sub(self, n: i32) -> Month {
        Month(self.0 - n)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// A date as days since 1970-01-01 (polars' Date).
pub fn epoch_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
}

pub fn from_epoch_days(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days + UNIX_EPOCH_DAYS_FROM_CE).unwrap_or_default()
}

/// Weekdays (Mon–Fri) among the days `(from, to]`, minus the holidays in
/// that range; `holidays` is sorted and holds epoch days. Negative when
/// `to < from` (counted as `-(weekdays in (to, from])`).
pub fn business_days(from: i32, to: i32, holidays: &[i32]) -> i32 {
    if to < from {
        return -business_days(to, from, holidays);
    }
    // Weekdays in [1970-01-01 (a Thursday), d) counted in closed form.
    fn weekdays_before(d: i32) -> i32 {
        let weeks = d.div_euclid(7);
        let rest = d.rem_euclid(7); // days after the last Thursday-started week
                                    // Day offsets 0..6 from a Thursday: Thu Fri Sat Sun Mon Tue Wed
        const PREFIX: [i32; 8] = [0, 1, 2, 2, 2, 3, 4, 5];
        weeks * 5 + PREFIX[rest as usize]
    }
    let weekdays = weekdays_before(to + 1) - weekdays_before(from + 1);
    let lo = holidays.partition_point(|&h| h <= from);
    let hi = holidays.partition_point(|&h| h <= to);
    let holiday_weekdays = holidays[lo..hi].iter().filter(|&&h| !matches!(h.rem_euclid(7), 2 | 3)).count() as i32;
    weekdays - holiday_weekdays
}

/// The date `n` business days after `from` (epoch days; weekdays that are
/// not holidays, `holidays` sorted): the day on which (from, day] holds `n`
/// business days for the first time.
pub fn add_business_days(from: i32, n: u32, holidays: &[i32]) -> i32 {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day += 1;
        if business_days(day - 1, day, holidays) == 1 {
            left -= 1;
        }
    }
    day
}

/// The holidays as sorted, distinct epoch days (what [`business_days`] takes).
pub fn sorted_holidays(holidays: &[NaiveDate]) -> Vec<i32> {
    let mut h: Vec<i32> = holidays.iter().map(|d| epoch_days(*d)).collect();
    h.sort_unstable();
    h.dedup();
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn month_arithmetic() {
        let m = Month::parse("2024-01").unwrap_or(Month(0));
        assert_eq!((m - 1).to_string(), "2023-12");
        assert_eq!((m + 13).to_string(), "2025-02");
        assert_eq!(Month::of(d(2024, 2, 29)).last_day(), d(2024, 2, 29));
        assert_eq!(Month::parse("2024-13"), None);
    }

    #[test]
    fn epoch_days_match_polars() {
        assert_eq!(epoch_days(d(1970, 1, 1)), 0);
        assert_eq!(epoch_days(d(2024, 1, 5)), 19727);
        assert_eq!(from_epoch_days(19727), d(2024, 1, 5));
    }

    #[test]
    fn business_days_count_weekdays_after_receipt() {
        let e = |y, m, day| epoch_days(d(y, m, day));
        // Fri 2024-01-05 → Mon 2024-01-08: (Fri, Mon] holds Sat, Sun, Mon = 1 weekday
        assert_eq!(business_days(e(2024, 1, 5), e(2024, 1, 8), &[]), 1);
        // same day = 0; a full week = 5
        assert_eq!(business_days(e(2024, 1, 5), e(2024, 1, 5), &[]), 0);
        assert_eq!(business_days(e(2024, 1, 1), e(2024, 1, 8), &[]), 5);
        // a holiday on a weekday in the range is not counted; on a Saturday it changes nothing
        let holidays = [e(2024, 1, 3), e(2024, 1, 6)];
        assert_eq!(business_days(e(2024, 1, 1), e(2024, 1, 8), &holidays), 4);
        assert_eq!(business_days(e(2024, 1, 8), e(2024, 1, 1), &holidays), -4);
        // brute force over two years
        for start in e(2023, 12, 20)..e(2024, 1, 10) {
            for end in start..start + 40 {
                let brute = (start + 1..=end)
                    .filter(|&x| {
                        let wd = from_epoch_days(x).weekday().num_days_from_monday();
                        wd < 5 && !holidays.contains(&x)
                    })
                    .count() as i32;
                assert_eq!(business_days(start, end, &holidays), brute, "{start} {end}");
            }
        }
    }
}
