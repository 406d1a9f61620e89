//! The metrics of docs/metrics.md as pure functions over the clean table.
//!
//! [`judge`] adds, column by column, what every metric needs per
//! complaint (receipt month, closed as of `as_of`, TTR, age, on-time, late,
//! overdue, repeat, recurrence after closure); each module then aggregates
//! that frame. [`compute`] runs them all into one [`Report`] value, which
//! the writers in `report/` render.

pub mod capa;
pub mod caveats;
pub mod control_chart;
pub mod cost;
pub mod default_period;
pub mod frame;
pub mod history;
pub mod month;
pub mod months;
pub mod notification;
mod params;
pub mod pareto;
pub mod ppm;
pub mod recurrence;
pub mod resolution;
pub mod trend;
pub mod ytd;

use crate::ingest::fields::Field;
use crate::ingest::{DataQuality, Ingested};
use anyhow::{bail, Context as _};
use chrono::NaiveDate;
pub use month::MonthFigures;
use months::{epoch_days, Month};
pub use params::{ClassTargets, Params, TargetScope, CATCH_ALL, DATA_SHEET_ROWS};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The resolved reporting period and the figures' cut-off.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub month: Month,
    pub as_of: NaiveDate,
    /// First month of the trend window.
    pub window_start: Month,
}

impl Period {
    pub fn window(&self) -> impl Iterator<Item = Month> {
        let (start, end) = (self.window_start.0, self.month.0);
        (start..=end).map(Month)
    }
}

/// Resolves period and as-of (docs/metrics.md "Inputs and dates"); never the
/// wall clock.
pub fn resolve_period(table: &DataFrame, params: &Params) -> anyhow::Result<Period> {
    let month = match (params.period, params.as_of) {
        (Some(p), _) => p,
        (None, Some(as_of)) => Month::of(as_of),
        // the latest month that is not an outlier (default_period.rs)
        (None, None) => {
            default_period::of_table(table)?.context("no complaint to report on: every row was rejected")?.month
        }
    };
    let as_of = params.as_of.unwrap_or_else(|| month.last_day());
    if params.months == 0 {
        bail!("--months must be at least 1");
    }
    Ok(Period { month, as_of, window_start: month - (params.months as i32 - 1) })
}

/// Per-complaint judgements as of `as_of`, for complaints received on or
/// before it (later ones are ignored by every metric). Columns: the table's
/// plus `month` (i32 [`Month`] index), `rd`/`cd` (epoch days), `closed`,
/// `closed_without_date`, `negative_ttr`, `ttr` (null unless judged),
/// `age` (null when closed), `on_time`, `late`, `overdue`,
/// `open_within_target`, `repeat`, `recurrence_after_closure`, `key`.
pub fn judge(table: &DataFrame, period: &Period, params: &Params) -> anyhow::Result<DataFrame> {
    let as_of = epoch_days(period.as_of);
    // Filtering copies every column: only when something was received later.
    let received = table.column("received_date")?.cast(&DataType::Int32)?;
    let mut base = match received.i32()?.max() {
        Some(latest) if latest > as_of => table.filter(&received.i32()?.lt_eq(as_of))?,
        _ => table.clone(),
    };
    let int = |name: &str, to: &str| -> PolarsResult<Int32Chunked> {
        Ok(base.column(name)?.cast(&DataType::Int32)?.i32()?.clone().with_name(to.into()))
    };
    let (rd, cd) = (int("received_date", "rd")?, int("closed_date", "cd")?);
    let month: Int32Chunked = rd.iter().map(|r| r.map(|r| Month::of(months::from_epoch_days(r)).0)).collect();
    // Kleene logic throughout: a null mark leaves `closed` null
    let (dated, mark) = (cd.is_not_null(), base.column("closed_mark")?.bool()?.clone());
    let closed = &(&dated & &cd.lt_eq(as_of)) | &(&!&dated & &mark);
    let closed_without_date = &!&dated & &mark;
    let negative_ttr = cd.lt(&rd).fill_null_with_values(false)?;
    for column in [rd.into_column(), cd.into_column(), month.with_name("month".into()).into_column()] {
        base.with_column(column)?;
    }
    let named = |flags: &BooleanChunked, name: &str| flags.clone().with_name(name.into()).into_column();
    base.with_column(named(&closed, "closed"))?;
    base.with_column(named(&closed_without_date, "closed_without_date"))?;
    base.with_column(named(&negative_ttr, "negative_ttr"))?;

    // Day counts: calendar differences, or weekdays without holidays.
    let (ttr_days, age_days) = day_counts(&base, as_of, params)?;
    base.with_column(ttr_days)?;
    base.with_column(age_days)?;
    // §11: each complaint's own target, and whether the target judges it
    base.with_column(class_targets(&base, params)?)?;
    base.with_column(in_scope(&base, params.target_scope)?)?;

    let timed = &(&closed & &dated) & &!&negative_ttr;
    let ttr = only_where(base.column("ttr_days")?.i32()?, &timed).with_name("ttr".into());
    let age = only_where(base.column("age_days")?.i32()?, &!&closed).with_name("age".into());
    let (scope, target) = (base.column("in_scope")?.bool()?.clone(), base.column("target")?.i32()?.clone());
    let judged_by = |cmp: BooleanChunked, name: &str| -> PolarsResult<Column> {
        Ok(named(&(&scope & &cmp.fill_null_with_values(false)?), name))
    };
    let on_time = judged_by(ttr.lt_eq(&target), "on_time")?;
    let late = judged_by(ttr.gt(&target), "late")?;
    let overdue = judged_by(age.gt(&target), "overdue")?;
    let open_within_target = judged_by(age.lt_eq(&target), "open_within_target")?;
    for column in [ttr.into_column(), age.into_column(), on_time, late, overdue, open_within_target] {
        base.with_column(column)?;
    }
    recurrence::mark(base, params)
}

/// `values` where `condition` is true, else null (a null condition too).
fn only_where(values: &Int32Chunked, condition: &BooleanChunked) -> Int32Chunked {
    values.iter().zip(condition.iter()).map(|(v, c)| if c == Some(true) { v } else { None }).collect()
}

/// `target`: each complaint's handling target in days — its class's target
/// when per-class targets are configured and list its value, else
/// `target_days` (docs/metrics.md §11).
fn class_targets(base: &DataFrame, params: &Params) -> anyhow::Result<Column> {
    let default = params.target_days as i32;
    let Some(t) = &params.targets else {
        return Ok(Column::new_scalar("target".into(), default.into(), base.height()));
    };
    let values = texts(base.column(t.field.name())?)?;
    let days: Int32Chunked = values
        .iter()
        .map(|v| {
            Some(v.and_then(|v| t.days.get(&crate::ingest::cells::normalize_key(v))).map_or(default, |d| *d as i32))
        })
        .collect();
    Ok(days.with_name("target".into()).into_column())
}

/// `in_scope`: the handling target judges the complaint — every one, or
/// with `target_scope = nonconforming` those whose nonconforming word is
/// yes (an unknown word counts as no; it was a warning when read).
fn in_scope(base: &DataFrame, scope: TargetScope) -> anyhow::Result<Column> {
    if scope == TargetScope::All {
        return Ok(Column::new_scalar("in_scope".into(), true.into(), base.height()));
    }
    let words = texts(base.column("nonconforming")?)?;
    let yes: BooleanChunked =
        words.iter().map(|w| Some(w.is_some_and(|w| crate::ingest::record::yes_no(w) == Some(true)))).collect();
    Ok(yes.with_name("in_scope".into()).into_column())
}

/// `ttr_days` (closed − received, for every complaint with a closed date)
/// and `age_days` (as_of − received).
fn day_counts(base: &DataFrame, as_of: i32, params: &Params) -> anyhow::Result<(Column, Column)> {
    let rd = base.column("rd")?.i32()?;
    let cd = base.column("cd")?.i32()?;
    if !params.business_days {
        let ttr: Int32Chunked = rd.iter().zip(cd.iter()).map(|(r, c)| Some(c? - r?)).collect();
        let age: Int32Chunked = rd.iter().map(|r| r.map(|r| as_of - r)).collect();
        return Ok((ttr.with_name("ttr_days".into()).into_column(), age.with_name("age_days".into()).into_column()));
    }
    let mut holidays: Vec<i32> = params.holidays.iter().map(|d| epoch_days(*d)).collect();
    holidays.sort_unstable();
    holidays.dedup();
    let ttr: Int32Chunked =
        rd.iter().zip(cd.iter()).map(|(r, c)| Some(months::business_days(r?, c?, &holidays))).collect();
    let age: Int32Chunked = rd.iter().map(|r| r.map(|r| months::business_days(r, as_of, &holidays))).collect();
    Ok((ttr.with_name("ttr_days".into()).into_column(), age.with_name("age_days".into()).into_column()))
}

/// A text column of the clean table as strings: its repeating columns are
/// dictionary-encoded (polars Categorical, see `ingest::table`), the others
/// strings already (cheap clone).
pub fn texts(column: &Column) -> PolarsResult<StringChunked> {
    match column.dtype() {
        DataType::String => Ok(column.str()?.clone()),
        _ => Ok(column.cast(&DataType::String)?.str()?.clone()),
    }
}

/// `df` with its dictionary-encoded text columns as strings (see
/// [`texts`]), for writers that read every cell; cast a slice of a large
/// table at a time.
pub fn with_strings(mut df: DataFrame) -> PolarsResult<DataFrame> {
    let names: Vec<PlSmallStr> =
        df.columns().iter().filter(|c| c.dtype().is_categorical()).map(|c| c.name().clone()).collect();
    for name in names {
        let strings = texts(df.column(&name)?)?;
        df.with_column(strings.with_name(name).into_column())?;
    }
    Ok(df)
}

/// The category of a blank value in JSON (`(미기재)` in Korean labels).
pub const BLANK: &str = "(blank)";
/// The sum of the values outside the top N (`기타` in Korean labels).
pub const OTHER: &str = "Other";

/// Rounds to `places` decimals (half away from zero), for the JSON figures.
pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A rate as a fraction with 4 decimals, `None` when the denominator is 0.
pub fn rate(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| round(numerator as f64 / denominator as f64, 4))
}

/// Data quality as of the report (docs/metrics.md §6): reading counts plus the
/// as-of dependent ones.
#[derive(Debug, Clone, Serialize)]
pub struct QualityReport {
    #[serde(flatten)]
    pub read: DataQuality,
    pub negative_ttr: u64,
    pub closed_without_date: u64,
    pub after_as_of: u64,
    /// Some input has a closed-date or status column (docs/metrics.md §3);
    /// when none has, every time-to-resolution figure is null.
    pub closure_recorded: bool,
    /// Some input has a closed-date column (§3): without one a status may
    /// say closed, but no closure can be timed (on-time and TTR null).
    pub ttr_recorded: bool,
    /// Some input has a defect-quantity column (the Data sheet shows it).
    #[serde(skip)]
    pub defect_qty_recorded: bool,
    /// Some input has a responsibility (귀책) column (the Data sheet shows it).
    #[serde(skip)]
    pub responsibility_recorded: bool,
    /// Closed as of `as_of` without any notification date (§8): the
    /// notification is not recorded, neither notified nor overdue.
    pub closed_without_notify_date: u64,
    /// Notified before received (§8): notified, never judged.
    pub negative_notify: u64,
    /// CAPAs whose complaints disagree on a date (§9).
    pub capa_conflicts: u64,
}

/// Whether a ledger sheet read maps a column to one of `fields`: what
/// decides that a section is recorded (docs/metrics.md §3, §8–§10).
pub fn recorded(sheets: &[crate::ingest::layout::SheetReport], fields: &[Field]) -> bool {
    sheets
        .iter()
        .filter(|s| s.skipped.is_none())
        .flat_map(|s| &s.columns)
        .any(|c| c.field.is_some_and(|f| fields.contains(&f)))
}

/// A section of summary.json that exists only when its column does
/// (docs/metrics.md §8–§10): `{"status": "ok", …}` or
/// `{"status": "not_recorded"}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Section<T> {
    Ok(T),
    NotRecorded,
}

impl<T> Section<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Section::Ok(t) => Some(t),
            Section::NotRecorded => None,
        }
    }

    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Section::Ok(t) => Some(t),
            Section::NotRecorded => None,
        }
    }
}

/// Everything one `report` run computed: the single value every writer
/// renders. Serialises as summary.json (docs/metrics.md §7, plus extra keys).
#[derive(Debug, Serialize)]
pub struct Report {
    pub period: Month,
    pub as_of: NaiveDate,
    pub params: Params,
    pub month: MonthFigures,
    pub trend: Vec<trend::TrendMonth>,
    pub breakdowns: BTreeMap<String, Vec<trend::BreakdownRow>>,
    pub pareto_month: Vec<pareto::ParetoRow>,
    pub pareto_window: Vec<pareto::ParetoRow>,
    /// `None` when closure is not recorded.
    pub aging: Option<resolution::Aging>,
    pub overdue: Vec<resolution::OverdueItem>,
    pub recurring_keys: Vec<recurrence::RecurringKey>,
    pub control_chart: control_chart::ControlChart,
    pub data_quality: QualityReport,
    /// TTR histogram of the window's closed complaints (days → count).
    pub ttr_histogram: Vec<(String, u64)>,
    /// §8, §9, §10.
    pub notification: Section<notification::Notification>,
    pub capa: Section<capa::CapaReport>,
    pub cost: Section<cost::CostReport>,
    /// §12: defect PPM against shipments, when a defect-quantity column and
    /// a shipments file are both given.
    pub ppm: Section<ppm::PpmReport>,
    /// Why the latest figures may be understated (closed-only or truncated
    /// extract), with the claims the report withholds.
    pub caveats: Vec<caveats::Caveat>,
    /// What changed since the last report recorded in the history
    /// (docs/metrics.md §15); absent without a history or an earlier report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<crate::metrics::history::Changes>,
    /// The complaints of the trend window (for the Data sheet), not in JSON.
    #[serde(skip)]
    pub window_table: DataFrame,
}

impl Report {
    /// Whether a caveat withholds the claim `w` (the data end early, or
    /// hold only closed complaints): the figure stays, its reading does not.
    pub fn withholds(&self, w: caveats::Withheld) -> bool {
        self.caveats.iter().any(|c| c.withheld().contains(&w))
    }

    /// The month before the period as the trend window holds it; `None`
    /// when the ledgers begin after it (its count is unknown, not 0).
    pub fn last_month(&self) -> Option<&trend::TrendMonth> {
        self.trend.last().filter(|t| t.mom_change.is_some()).and(self.trend.iter().rev().nth(1))
    }
}

/// Computes every metric of docs/metrics.md.
///
/// ```
/// use complaints::ingest::{ingest, IngestOptions};
/// use complaints::metrics::{compute, months::Month, Params};
///
/// let ingested = ingest(&["data/sample".into()], &IngestOptions::default(), |_| {})?;
/// let params = Params { period: Month::parse("2025-09"), ..Params::default() };
/// let report = compute(&ingested, &params)?;
/// assert_eq!(report.period.to_string(), "2025-09");
/// assert_eq!(report.as_of.to_string(), "2025-09-30"); // the period's last day
/// assert_eq!(report.trend.len(), 12);
/// assert_eq!(report.month.received, report.trend[11].received);
/// # Ok::<(), anyhow::Error>(())
/// ```
pub fn compute(ingested: &Ingested, params: &Params) -> anyhow::Result<Report> {
    let period = resolve_period(&ingested.table, params)?;
    let judged = judge(&ingested.table, &period, params)?;
    let total = ingested.table.height() as u64;
    let sum_bool = |name: &str| -> anyhow::Result<u64> { Ok(judged.column(name)?.bool()?.sum().unwrap_or(0) as u64) };
    let data_quality = QualityReport {
        read: ingested.quality.clone(),
        negative_ttr: sum_bool("negative_ttr")?,
        closed_without_date: sum_bool("closed_without_date")?,
        after_as_of: total - judged.height() as u64,
        closure_recorded: recorded(&ingested.sheets, &[Field::ClosedDate, Field::Status]),
        ttr_recorded: recorded(&ingested.sheets, &[Field::ClosedDate]),
        defect_qty_recorded: recorded(&ingested.sheets, &[Field::DefectQty]),
        responsibility_recorded: recorded(&ingested.sheets, &[Field::Responsibility]),
        closed_without_notify_date: 0,
        negative_notify: 0,
        capa_conflicts: 0,
    };
    let mut data_quality = data_quality;
    let closure = data_quality.closure_recorded;
    let timed = data_quality.ttr_recorded;
    let mut monthly = resolution::monthly(&judged, &period, params)?;
    if !closure {
        monthly = monthly.into_iter().map(|(m, f)| (m, f.without_closure())).collect();
    } else if !timed {
        monthly = monthly.into_iter().map(|(m, f)| (m, f.without_timing())).collect();
    }
    let window = frame::months(&judged, period.window_start.0, period.month.0)?;
    let period_rows = frame::months(&judged, period.month.0, period.month.0)?;
    // §8–§10: each section only when its column exists
    let notification = if recorded(&ingested.sheets, &[Field::NotifiedDate]) {
        let judgements = notification::judge_all(&judged, &period, params)?;
        data_quality.negative_notify = judgements.iter().filter(|j| j.negative).count() as u64;
        data_quality.closed_without_notify_date = judgements.iter().filter(|j| j.not_recorded).count() as u64;
        for (m, f) in notification::monthly(&judged, &judgements, &period)? {
            monthly.entry(m).or_default().notify = Some(f);
        }
        Section::Ok(notification::Notification {
            overdue: notification::overdue_list(&judged, &judgements, &period, params)?,
        })
    } else {
        Section::NotRecorded
    };
    let capa = if recorded(&ingested.sheets, &[Field::CapaId]) {
        let list = capa::capas(&judged, &period, params)?;
        data_quality.capa_conflicts = list.iter().filter(|c| c.conflict).count() as u64;
        for (m, coverage) in capa::coverage_by_month(&judged, &period)? {
            monthly.entry(m).or_default().capa = Some(capa::CapaMonth { capa_coverage: coverage });
        }
        Section::Ok(capa::report(list, &judged, &window, &period, params)?)
    } else {
        Section::NotRecorded
    };
    let responsibility = recorded(&ingested.sheets, &[Field::Responsibility]);
    let ppm = match &params.shipments {
        Some(shipments) if recorded(&ingested.sheets, &[Field::DefectQty]) => {
            let (months, report) = ppm::ppm_report(&window, shipments, &period)?;
            for (m, f) in months {
                monthly.entry(m).or_default().ppm = Some(f);
            }
            Section::Ok(report)
        }
        _ => Section::NotRecorded,
    };
    let cost = if recorded(&ingested.sheets, &[Field::Cost]) {
        for (m, f) in cost::monthly(&judged, &period)? {
            monthly.entry(m).or_default().cost = Some(f);
        }
        Section::Ok(cost::CostReport {
            currency: params.currency.clone(),
            pareto_month: cost::pareto(&period_rows)?,
            pareto_window: cost::pareto(&window)?,
            top_customers: cost::top_customers(&window, params.top as usize)?,
            by_responsibility: if responsibility { Some(cost::by_responsibility(&window)?) } else { None },
        })
    } else {
        Section::NotRecorded
    };
    // Monthly counts once, for the trend and the control chart.
    let counts = trend::counts_by_month(&judged)?;
    let mut trend = trend::trend_rows(&counts, &trend::closed_by_month(&judged, period.as_of)?, &period, &monthly);
    if !closure {
        trend.iter_mut().for_each(|t| t.closed_in_month = None);
    }
    let mut month = monthly.get(&period.month).cloned().unwrap_or_default();
    let received: Vec<i32> = judged.column("rd")?.i32()?.iter().flatten().collect();
    month.ytd = Some(ytd::year_to_date(&received, &period, params.received_goal));
    let control_chart = control_chart::control_chart(&judged, &counts, &period, params)?;
    let caveats = caveats::caveats(&judged, &counts, &control_chart.baseline_months, &period, closure)?;
    Ok(Report {
        period: period.month,
        as_of: period.as_of,
        params: params.clone(),
        month,
        breakdowns: trend::breakdowns(&window, &period, params.top as usize, responsibility)?,
        trend,
        pareto_month: pareto::pareto(&period_rows)?,
        pareto_window: pareto::pareto(&window)?,
        aging: if closure { Some(resolution::aging(&judged)?) } else { None },
        overdue: if closure { resolution::overdue_list(&judged, params)? } else { Vec::new() },
        recurring_keys: recurrence::recurring_keys(&window, params)?,
        control_chart,
        ttr_histogram: if timed { resolution::ttr_histogram(&window, params)? } else { Vec::new() },
        notification,
        capa,
        cost,
        ppm,
        caveats,
        data_quality,
        changes: None,
        window_table: window,
    })
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small hand-written tables for the metric unit tests.
    use super::*;
    use crate::ingest::COLUMNS;

    /// One complaint: (id, received, closed, closed_mark, product, defect_type, customer).
    pub type Row<'a> = (&'a str, &'a str, Option<&'a str>, bool, &'a str, &'a str, &'a str);

    pub fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    /// A table with the clean-table columns from rows; blank strings are null.
    pub fn table(rows: &[Row]) -> DataFrame {
        let text = |f: for<'r> fn(&'r Row<'r>) -> &'r str| -> Vec<Option<String>> {
            rows.iter().map(|r| Some(f(r).to_string()).filter(|s| !s.is_empty())).collect()
        };
        let n = rows.len();
        let mut columns: Vec<Column> = Vec::new();
        for name in COLUMNS {
            let column = match name {
                "complaint_id" => Column::new(name.into(), text(|r| r.0)),
                "received_date" => Column::new(name.into(), rows.iter().map(|r| Some(date(r.1))).collect::<Vec<_>>()),
                "closed_date" => Column::new(name.into(), rows.iter().map(|r| r.2.map(date)).collect::<Vec<_>>()),
                d if d.ends_with("_date") => Column::new(name.into(), vec![None::<NaiveDate>; n]),
                "closed_mark" => Column::new(name.into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
                "product" => Column::new(name.into(), text(|r| r.4)),
                "defect_type" => Column::new(name.into(), text(|r| r.5)),
                "customer" => Column::new(name.into(), text(|r| r.6)),
                "cost" => Column::new(name.into(), vec![None::<f64>; n]),
                "source_row" | "input_order" => Column::new(name.into(), (0..n as u32).collect::<Vec<_>>()),
                _ => Column::new(name.into(), vec![None::<&str>; n]),
            };
            columns.push(column);
        }
        DataFrame::new(n, columns).unwrap_or_default()
    }

    pub fn period(month: &str, as_of: Option<&str>, months: u32) -> (Period, Params) {
        let params = Params { period: Month::parse(month), as_of: as_of.map(date), months, ..Params::default() };
        let p = resolve_period(&DataFrame::default(), &params).ok();
        (p.unwrap_or(Period { month: Month(0), as_of: date("2000-01-01"), window_start: Month(0) }), params)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn judgements_as_of_the_cut_off() {
        let t = table(&[
            ("A", "2024-05-01", Some("2024-05-11"), false, "p", "d", "c"), // ttr 10: on time
            ("B", "2024-05-01", Some("2024-05-12"), false, "p", "d", "c"), // ttr 11: late
            ("C", "2024-05-02", Some("2024-06-02"), false, "p", "d", "c"), // closed after as_of: open, age 29: overdue
            ("D", "2024-05-25", None, false, "p", "d", "c"),               // age 6: open within target
            ("E", "2024-05-03", None, true, "p", "d", "c"),                // closed without date
            ("F", "2024-05-10", Some("2024-05-08"), false, "p", "d", "c"), // negative ttr
            ("G", "2024-06-01", None, false, "p", "d", "c"),               // after as_of
        ]);
        let (period, params) = period("2024-05", None, 12);
        let j = judge(&t, &period, &params).unwrap_or_default();
        assert_eq!(j.height(), 6);
        let get = |name: &str| -> Vec<bool> { j.column(name).unwrap().bool().unwrap().iter().flatten().collect() };
        assert_eq!(get("closed"), [true, true, false, false, true, true]);
        assert_eq!(get("on_time"), [true, false, false, false, false, false]);
        assert_eq!(get("late"), [false, true, false, false, false, false]);
        assert_eq!(get("overdue"), [false, false, true, false, false, false]);
        assert_eq!(get("open_within_target"), [false, false, false, true, false, false]);
        assert_eq!(get("negative_ttr"), [false, false, false, false, false, true]);
        assert_eq!(get("closed_without_date"), [false, false, false, false, true, false]);
        let ttr: Vec<Option<i32>> = j.column("ttr").unwrap().i32().unwrap().iter().collect();
        assert_eq!(ttr, [Some(10), Some(11), None, None, None, None]);
        let age: Vec<Option<i32>> = j.column("age").unwrap().i32().unwrap().iter().collect();
        assert_eq!(age, [None, None, Some(29), Some(6), None, None]);
    }

    #[test]
    fn period_defaults_and_as_of() {
        let t = table(&[("A", "2024-03-09", None, false, "", "", ""), ("B", "2024-05-20", None, false, "", "", "")]);
        let p = resolve_period(&t, &Params::default()).unwrap_or_else(|_| panic!("resolves"));
        assert_eq!((p.month.to_string(), p.as_of), ("2024-05".to_string(), date("2024-05-31")));
        assert_eq!(p.window_start.to_string(), "2023-06");
        let with_as_of = Params { as_of: Some(date("2024-04-03")), ..Params::default() };
        let p = resolve_period(&t, &with_as_of).unwrap_or_else(|_| panic!("resolves"));
        assert_eq!((p.month.to_string(), p.as_of), ("2024-04".to_string(), date("2024-04-03")));
    }
}
