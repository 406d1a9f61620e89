//! Date helpers: Excel serials, the text forms seen in hand-kept ledgers.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};

/// `num_days_from_ce()` of 1899-12-30, day 0 of Excel's 1900 date system.
const EXCEL_EPOCH_CE: i64 = 693_594;

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).with_context(|| format!("invalid date {y}-{m}-{d}"))
}

pub(super) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(TimeDelta::days(n)).unwrap_or(d)
}

pub(super) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

pub(super) fn excel_serial(d: NaiveDate) -> f64 {
    (i64::from(d.num_days_from_ce()) - EXCEL_EPOCH_CE) as f64
}

pub(super) fn days_in_month(y: i32, m: u32) -> Result<i64> {
    let first = ymd(y, m, 1)?;
    let next = if m == 12 { ymd(y + 1, 1, 1)? } else { ymd(y, m + 1, 1)? };
    Ok(days_between(first, next))
}

pub(super) fn fixed_datetime(y: i32, m: u32, d: u32) -> Result<NaiveDateTime> {
    ymd(y, m, d)?.and_hms_opt(9, 0, 0).context("invalid fixed workbook time")
}

/// Full date as text in one of the forms seen in hand-kept ledgers.
pub(super) fn text_date(d: NaiveDate, form: usize) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    match form % 7 {
        0 => format!("{y}.{m:02}.{dd:02}"),
        1 => format!("{y}.{m}.{dd}"),
        2 => format!("{y}. {m}. {dd}."),
        3 => format!("{y}/{m:02}/{dd:02}"),
        4 => format!("{y}{m:02}{dd:02}"),
        5 => format!("{:02}.{m:02}.{dd:02}", y % 100),
        _ => format!("{y}년 {m}월 {dd}일"),
    }
}

/// Month-day only text (the year comes from the sheet name).
pub(super) fn month_day(d: NaiveDate, form: usize) -> String {
    let (m, dd) = (d.month(), d.day());
    match form % 3 {
        0 => format!("{m}/{dd}"),
        1 => format!("{m}월 {dd}일"),
        _ => format!("{m:02}-{dd:02}"),
    }
}

pub(super) fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_matches_excel() -> Result<()> {
        assert_eq!(excel_serial(ymd(2024, 1, 5)?), 45296.0);
        assert_eq!(excel_serial(ymd(1900, 3, 1)?), 61.0);
        Ok(())
    }
}
