//! The default reporting month when none is given: the latest month of the
//! data that is not an outlier. A latest month holding under a tenth of the
//! median month (a handful of rows whose dates were typed or read wrong, or
//! the first days of a month just begun), or one more than a year after the
//! month before it (`2075-03` among dates of 2019), is left out — and the
//! caveat names it, its rows and the `--period` that reports on it anyway.

use super::months::{from_epoch_days, Month};
use polars::prelude::*;
use std::collections::BTreeMap;

/// The default month, and the months after it that were left out.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultPeriod {
    pub month: Month,
    /// Months after `month` holding complaints, with their counts.
    pub left_out: Vec<(Month, u64)>,
    /// The median complaints of a month with complaints.
    pub median: f64,
    /// A left-out month came more than a year after the month before it.
    pub far: bool,
}

/// Fewer months than this with complaints tell no median to judge by.
const MIN_MONTHS: usize = 3;

/// The latest month that is not an outlier among `counts` (months with
/// complaints; `None` when there are none).
pub fn latest_plausible(counts: &BTreeMap<Month, u64>) -> Option<DefaultPeriod> {
    let months: Vec<(Month, u64)> = counts.iter().filter(|(_, &n)| n > 0).map(|(&m, &n)| (m, n)).collect();
    let &(last, _) = months.last()?;
    let mut sorted: Vec<u64> = months.iter().map(|&(_, n)| n).collect();
    sorted.sort_unstable();
    let median = if sorted.len() % 2 == 1 {
        sorted[sorted.len() / 2] as f64
    } else {
        (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) as f64 / 2.0
    };
    let mut end = months.len();
    let mut any_far = false;
    while end > 1 {
        let (m, n) = months[end - 1];
        let (before, _) = months[end - 2];
        // a median of fewer months tells nothing; a gap of a year always does
        let thin = months.len() >= MIN_MONTHS && (n as f64) < median / 10.0;
        let far = m.0 - before.0 > 12;
        if !(thin || far) {
            break;
        }
        any_far |= far;
        end -= 1;
    }
    // what is left out is a few rows, never half the data
    let total: u64 = months.iter().map(|&(_, n)| n).sum();
    let left: u64 = months[end..].iter().map(|&(_, n)| n).sum();
    if left * 2 >= total {
        return Some(DefaultPeriod { month: last, left_out: Vec::new(), median, far: false });
    }
    Some(DefaultPeriod { month: months[end - 1].0, left_out: months[end..].to_vec(), median, far: any_far })
}

/// The default period of the clean table (`received_date` and the source
/// columns), or `None` when it holds no complaint.
pub fn of_table(table: &DataFrame) -> anyhow::Result<Option<DefaultPeriod>> {
    let received = table.column("received_date")?.as_materialized_series().date()?.physical().clone();
    let mut counts: BTreeMap<Month, u64> = BTreeMap::new();
    for day in received.iter().flatten() {
        *counts.entry(Month::of(from_epoch_days(day))).or_default() += 1;
    }
    Ok(latest_plausible(&counts))
}

/// The caveat for months left out of the default period: the months, how
/// many complaints and where (up to five rows), and the flag that reports
/// on them; `None` when nothing was left out.
pub fn caveat(table: &DataFrame, p: &DefaultPeriod) -> anyhow::Result<Option<String>> {
    let (Some(&(first, _)), Some(&(last, _))) = (p.left_out.first(), p.left_out.last()) else {
        return Ok(None);
    };
    let rows: u64 = p.left_out.iter().map(|&(_, n)| n).sum();
    let received = table.column("received_date")?.as_materialized_series().date()?.physical().clone();
    let text = |name: &str| -> anyhow::Result<StringChunked> {
        Ok(table.column(name)?.as_materialized_series().cast(&DataType::String)?.str()?.clone())
    };
    let (file, sheet) = (text("source_file")?, text("source_sheet")?);
    let row = table.column("source_row")?.as_materialized_series().cast(&DataType::UInt32)?;
    let row = row.u32()?;
    let mut places = Vec::new();
    for i in 0..table.height() {
        if received.get(i).is_some_and(|d| Month::of(from_epoch_days(d)) > p.month) && places.len() < 5 {
            let (f, s) = (file.get(i).unwrap_or(""), sheet.get(i).unwrap_or(""));
            let r = row.get(i).unwrap_or(0);
            places.push(if s.is_empty() { format!("{f} row {r}") } else { format!("{f} / {s} / row {r}") });
        }
    }
    let months = if first == last { first.to_string() } else { format!("{first} … {last}") };
    let more = if rows as usize > places.len() {
        format!(" and {} more", rows as usize - places.len())
    } else {
        String::new()
    };
    Ok(Some(format!(
        "default period {}, not {months}: {rows} complaint{} after it ({}{more}) — {}; to report on it run with --period {last}",
        p.month,
        if rows == 1 { "" } else { "s" },
        places.join(", "),
        if p.far {
            "more than a year after the rest of the dates".to_string()
        } else {
            format!("under a tenth of the median month ({})", p.median)
        }
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(list: &[(&str, u64)]) -> BTreeMap<Month, u64> {
        list.iter().filter_map(|&(m, n)| Some((Month::parse(m)?, n))).collect()
    }

    #[test]
    fn a_stray_date_years_later_and_a_thin_tail_are_left_out() {
        // one typo in 2075 among 2019: far after the rest (and thin)
        let p = latest_plausible(&counts(&[("2019-04", 40), ("2019-05", 38), ("2019-06", 41), ("2075-03", 1)]));
        assert_eq!(p.as_ref().map(|p| p.month.to_string()), Some("2019-06".into()));
        assert_eq!(p.map(|p| p.left_out), Some(vec![(Month::parse("2075-03").unwrap_or(Month(0)), 1)]));
        // dates read in the wrong day/month order: a few rows in late 2015
        let p = latest_plausible(&counts(&[
            ("2015-01", 200),
            ("2015-02", 190),
            ("2015-03", 210),
            ("2015-04", 205),
            ("2015-10", 3),
            ("2015-11", 2),
            ("2015-12", 4),
        ]));
        assert_eq!(
            p.as_ref().map(|p| (p.month.to_string(), p.left_out.len(), p.median)),
            Some(("2015-04".into(), 3, 190.0))
        );
        // a month under a tenth of the median (20 → 2): 3 is not under it
        let p = latest_plausible(&counts(&[("2025-08", 20), ("2025-09", 21), ("2025-10", 3)]));
        assert_eq!(p.map(|p| p.left_out.len()), Some(0));
        // too few months to judge a thin month; a year's gap still tells
        let p = latest_plausible(&counts(&[("2025-09", 200), ("2025-10", 1)]));
        assert_eq!(p.map(|p| p.month.to_string()), Some("2025-10".into()));
        let p = latest_plausible(&counts(&[("2019-06", 3), ("2075-03", 1)]));
        assert_eq!(p.map(|p| p.month.to_string()), Some("2019-06".into()));
        // a later clump that is a quarter of the data or more is data
        let p = latest_plausible(&counts(&[("2013-06", 300), ("2013-07", 40), ("2016-01", 2000), ("2016-02", 700)]));
        assert_eq!(p.map(|p| p.month.to_string()), Some("2016-02".into()));
    }
}
