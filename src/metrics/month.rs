//! The figures of one receipt month as summary.json `month` shows them: §3
//! and §4 from resolution and recurrence, with the §8–§10, §12 and §14
//! figures of their own modules flattened in (this module sits above them).

use serde::Serialize;

/// A handling-time quantile: the Kaplan–Meier value, or — when the
/// estimate does not fall that low because too many are still open — a
/// lower bound ("≥ N"), or neither (no complaint to estimate from).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Estimate {
    pub value: Option<f64>,
    pub at_least: Option<f64>,
}

impl Estimate {
    /// The figure a status colour judges: the value, else its bound.
    pub fn judged(&self) -> Option<f64> {
        self.value.or(self.at_least)
    }
}

/// The figures of one receipt month (docs/metrics.md §3 and §4), judged as of
/// `as_of`; `month.*` in summary.json. The §3 counts are `None` (null) when
/// closure is not recorded (no input has a closed-date or status column).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct MonthFigures {
    pub received: u64,
    pub closed: Option<u64>,
    pub on_time: Option<u64>,
    pub late: Option<u64>,
    pub overdue: Option<u64>,
    pub open_within_target: Option<u64>,
    pub on_time_rate: Option<f64>,
    /// Kaplan–Meier estimates over the cohort's closed and open complaints
    /// (docs/metrics.md §3); `None` when not reached, then `*_at_least`
    /// holds a lower bound (and is `None` when the value is reached).
    pub ttr_median: Option<f64>,
    pub ttr_median_at_least: Option<f64>,
    /// Over the closed complaints with a valid TTR.
    pub ttr_mean: Option<f64>,
    pub ttr_p90: Option<f64>,
    pub ttr_p90_at_least: Option<f64>,
    pub ttr_max: Option<i64>,
    pub repeats: u64,
    pub repeat_rate: Option<f64>,
    pub recurrences_after_closure: u64,
    pub recurrence_after_closure_rate: Option<f64>,
    /// §8–§10 figures, present only when their section is recorded.
    #[serde(flatten)]
    pub notify: Option<super::notification::NotifyMonth>,
    #[serde(flatten)]
    pub capa: Option<super::capa::CapaMonth>,
    #[serde(flatten)]
    pub cost: Option<super::cost::CostMonth>,
    /// §12, when defect quantities and shipments are given.
    #[serde(flatten)]
    pub ppm: Option<super::ppm::PpmMonth>,
    /// §14, the reporting month only (`month.ytd_*`).
    #[serde(flatten)]
    pub ytd: Option<super::ytd::YearToDate>,
}

impl MonthFigures {
    /// The complaints judged on time or not: on time + late + overdue.
    pub fn determinable(&self) -> Option<u64> {
        Some(self.on_time? + self.late? + self.overdue?)
    }

    /// The same month with every §3 figure null: closure not recorded.
    pub fn without_closure(self) -> MonthFigures {
        MonthFigures { closed: None, overdue: None, open_within_target: None, ..self.without_timing() }
    }

    /// The same month without the figures that need a closed date: no input
    /// has a closed-date column, only a status (docs/metrics.md §3).
    pub fn without_timing(self) -> MonthFigures {
        MonthFigures {
            on_time: None,
            late: None,
            on_time_rate: None,
            ttr_median: None,
            ttr_median_at_least: None,
            ttr_mean: None,
            ttr_p90: None,
            ttr_p90_at_least: None,
            ttr_max: None,
            ..self
        }
    }

    /// Complaints of the cohort still open as of `as_of` (the censored
    /// ones of the estimates).
    pub fn still_open(&self) -> Option<u64> {
        Some(self.received - self.closed?)
    }

    /// The TTR median as the report states it: the estimate, or its bound.
    pub fn median_estimate(&self) -> Estimate {
        Estimate { value: self.ttr_median, at_least: self.ttr_median_at_least }
    }

    /// The TTR P90 as the report states it: the estimate, or its bound.
    pub fn p90_estimate(&self) -> Estimate {
        Estimate { value: self.ttr_p90, at_least: self.ttr_p90_at_least }
    }
}
