//! What the figures cannot be trusted for: an extract that looks like it
//! holds closed complaints only, or that ends before the as-of date (the
//! last weeks thin against the baseline). Such an extract understates the
//! latest months, so a fall against last month or last year, a run below
//! the centre or a point below the LCL would be an artefact of the export,
//! not a finding: the report says so and withholds those claims.

use super::months::{epoch_days, from_epoch_days, Month};
use super::round;
use super::Period;
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Days at the end of the data whose receipts are compared with the
/// baseline rate.
pub const TAIL_DAYS: i32 = 14;
/// A tail is thin when fewer receipts than this probability allows arrive
/// (Poisson lower tail at the baseline rate).
const THIN_P: f64 = 0.001;
/// Receipts the tail must expect before it can be called thin.
const MIN_EXPECTED: f64 = 5.0;

/// Claims a caveat withholds from the headline and the Summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// Rule-1 points below the LCL and runs below the centre or falling.
    LowSignals,
    /// The change against last month.
    Mom,
    /// The change against the same month last year.
    Yoy,
}

/// A reason to distrust the latest figures, with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Caveat {
    /// Closure is recorded, yet no complaint is open as of `as_of` although
    /// `recent` were received in the last [`TAIL_DAYS`] days.
    ClosedOnly { recent: u64, withheld: Vec<Withheld> },
    /// Fewer complaints in the last [`TAIL_DAYS`] days up to `as_of` than
    /// the baseline rate makes plausible: the export ends early.
    TruncatedExtract { last_received: NaiveDate, received: u64, expected: f64, withheld: Vec<Withheld> },
}

impl Caveat {
    pub fn withheld(&self) -> &[Withheld] {
        match self {
            Caveat::ClosedOnly { withheld, .. } | Caveat::TruncatedExtract { withheld, .. } => withheld,
        }
    }
}

const ALL_WITHHELD: [Withheld; 3] = [Withheld::LowSignals, Withheld::Mom, Withheld::Yoy];

/// `P(X ≤ k)` for `X ~ Poisson(lambda)`, summed in log space.
pub fn poisson_cdf(k: u64, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 1.0;
    }
    let mut log_term = -lambda; // k = 0
    let mut sum = log_term.exp();
    for i in 1..=k {
        log_term += lambda.ln() - (i as f64).ln();
        sum += log_term.exp();
    }
    sum.min(1.0)
}

/// The caveats of the judged table (received on or before `as_of`):
/// `counts` per receipt month, `baseline` months of the control chart,
/// `closure` whether closure is recorded.
pub fn caveats(
    judged: &DataFrame,
    counts: &BTreeMap<Month, u64>,
    baseline: &[Month],
    period: &Period,
    closure: bool,
) -> anyhow::Result<Vec<Caveat>> {
    let as_of = epoch_days(period.as_of);
    let rd = judged.column("rd")?.i32()?;
    let closed = judged.column("closed")?.bool()?;
    let recent = rd.iter().flatten().filter(|&r| r > as_of - TAIL_DAYS).count() as u64;
    let open = closed.iter().filter(|c| *c == Some(false)).count();
    let mut out = Vec::new();
    if closure && open == 0 && recent >= MIN_EXPECTED as u64 {
        out.push(Caveat::ClosedOnly { recent, withheld: ALL_WITHHELD.to_vec() });
    }
    // the baseline's daily rate: its complaints over its days
    let days: i64 = baseline.iter().map(|m| (m.last_day() - m.first_day()).num_days() + 1).sum();
    let total: u64 = baseline.iter().map(|m| counts.get(m).copied().unwrap_or(0)).sum();
    if days > 0 {
        let expected = total as f64 / days as f64 * f64::from(TAIL_DAYS);
        if expected >= MIN_EXPECTED && poisson_cdf(recent, expected) < THIN_P {
            let last = rd.iter().flatten().max().unwrap_or(as_of);
            out.push(Caveat::TruncatedExtract {
                last_received: from_epoch_days(last),
                received: recent,
                expected: round(expected, 1),
                withheld: ALL_WITHHELD.to_vec(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{judge, Params};
    use super::*;

    #[test]
    fn poisson_lower_tail() {
        assert!((poisson_cdf(0, 2.0) - (-2.0f64).exp()).abs() < 1e-12);
        assert!((poisson_cdf(2, 1.0) - 2.5 * (-1.0f64).exp()).abs() < 1e-12);
        assert!(poisson_cdf(1, 20.0) < 1e-6);
        assert_eq!(poisson_cdf(3, 0.0), 1.0);
    }

    /// Two complaints a day through 2024-04, then `may` in May; closed after
    /// `ttr` days (None: open).
    fn ledger(may: &[(String, Option<i64>)], ttr_april: Option<i64>) -> DataFrame {
        let mut rows: Vec<(String, String, Option<String>)> = Vec::new();
        let mut day = date("2023-05-01");
        while day <= date("2024-04-30") {
            for k in 0..2 {
                let closed = ttr_april.map(|t| (day + chrono::Duration::days(t)).to_string());
                rows.push((format!("{day}-{k}"), day.to_string(), closed));
            }
            day += chrono::Duration::days(1);
        }
        for (i, (d, t)) in may.iter().enumerate() {
            let closed = t.map(|t| (date(d) + chrono::Duration::days(t)).to_string());
            rows.push((format!("m{i}"), d.clone(), closed));
        }
        let rows: Vec<Row> =
            rows.iter().map(|(id, r, c)| (id.as_str(), r.as_str(), c.as_deref(), false, "p", "d", "c")).collect();
        table(&rows)
    }

    fn run(t: &DataFrame) -> Vec<Caveat> {
        let (period, params) = period("2024-05", None, 12);
        let j = judge(t, &period, &params).unwrap_or_default();
        let counts = super::super::trend::counts_by_month(&j).unwrap_or_default();
        let baseline: Vec<Month> = (1..=12).map(|k| period.month - k).collect();
        let _ = Params::default();
        caveats(&j, &counts, &baseline, &period, true).unwrap_or_default()
    }

    #[test]
    fn an_export_that_ends_early_is_truncated() {
        // 2 a day expected: 28 in the last 14 days; only 2 came (May 1–3)
        let c = run(&ledger(&[("2024-05-01".into(), Some(1)), ("2024-05-03".into(), None)], Some(2)));
        assert!(
            matches!(c.as_slice(), [Caveat::TruncatedExtract { received: 0, expected, .. }] if (*expected - 28.0).abs() < 0.1),
            "{c:?}"
        );
        // a steady month is not
        let steady: Vec<(String, Option<i64>)> =
            (1..=31).flat_map(|d| [(format!("2024-05-{d:02}"), Some(3)), (format!("2024-05-{d:02}"), None)]).collect();
        assert_eq!(run(&ledger(&steady, Some(2))), vec![]);
    }

    #[test]
    fn nothing_open_although_recent_receipts_is_closed_only() {
        let may: Vec<(String, Option<i64>)> = (1..=31)
            .flat_map(|d| [(format!("2024-05-{d:02}"), Some(0)), (format!("2024-05-{d:02}"), Some(0))])
            .collect();
        let c = run(&ledger(&may, Some(2)));
        assert!(matches!(c.as_slice(), [Caveat::ClosedOnly { recent: 28, .. }]), "{c:?}");
    }
}
