//! Every parameter of `complaints report`, defined once: [`ReportOptions`]
//! is both the command's flags (clap) and the config's `[report]` table
//! (serde, the same names with `_` for `-`). [`ReportOptions::over`] lays
//! the flags over the config — a flag always wins — and [`resolve`] turns
//! the result into the metrics' [`Params`], with every default and range
//! check in one place.
// The flags' doc comments are their --help text, written for a terminal:
// `[report]` and `<period>` are words there, not links or HTML.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use crate::bail_user;
use crate::ingest::fields::Field;
use crate::metrics::months::Month;
use crate::metrics::{ClassTargets, Params, TargetScope};
use crate::report::labels::Lang;
use crate::side_files::{read_holidays, read_shipments};
use crate::text::quote;
use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The parameters of a report, as flags or as config keys.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(default, deny_unknown_fields)]
pub struct ReportOptions {
    /// Output folder, replaced as a whole by the new report. Default:
    /// reports/<period>/, e.g. --out reports/oct
    #[cfg_attr(feature = "cli", arg(long, value_name = "DIR"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out: Option<PathBuf>,
    /// Reporting month YYYY-MM. Default: the month of the latest received
    /// date (or of --as-of), e.g. --period 2025-10
    #[cfg_attr(feature = "cli", arg(long, value_name = "YYYY-MM"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Judge open/closed as of this date. Default: the last day of the
    /// period, e.g. --as-of 2025-11-05
    #[cfg_attr(feature = "cli", arg(long, value_name = "YYYY-MM-DD"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Handling target in days, 0-3650 [default: 10], e.g. --target-days 7
    #[cfg_attr(feature = "cli", arg(long, value_name = "DAYS"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_days: Option<u32>,
    /// Count weekdays that are not holidays instead of calendar days, e.g.
    /// --business-days (or --business-days=false over a config that sets it)
    #[cfg_attr(feature = "cli", arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_days: Option<bool>,
    /// Holiday file: one YYYY-MM-DD per line (# comments allowed; UTF-8, a
    /// BOM is fine), e.g. --holidays data/holidays_kr.txt. A holiday list
    /// implies --business-days; its dates are added to the config's
    /// `holidays` list.
    #[cfg_attr(feature = "cli", arg(long = "holidays", value_name = "FILE"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holidays_file: Option<PathBuf>,
    /// Holidays written in the config (`holidays = ["2025-10-03"]`).
    #[cfg_attr(feature = "cli", arg(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holidays: Option<Vec<String>>,
    /// Days within which the same key counts as a repeat, 0-3650
    /// [default: 90], e.g. --recurrence-window 60
    #[cfg_attr(feature = "cli", arg(long, value_name = "DAYS"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_window: Option<u32>,
    /// Fields that identify "the same problem" [default: product,defect_type],
    /// e.g. --recurrence-key customer,product,defect_type
    #[cfg_attr(feature = "cli", arg(long, value_name = "FIELDS", value_delimiter = ','))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_key: Option<Vec<String>>,
    /// Months in the trend window, 1-360 [default: 12], e.g. --months 24
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Values shown per breakdown before the rest is summed as Other,
    /// 1-1000 [default: 10], e.g. --top 5
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// Complaints a defect type needs in the reporting month before the
    /// control chart can flag it (1 keeps every signal) [default: 3],
    /// e.g. --flag-min-count 5
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag_min_count: Option<u32>,
    /// Complaints of one problem (recurrence key) received in the last
    /// --recurrence-window days, none with a CAPA, that put it on the
    /// review's to-do list of recurring problems without CAPA, 2-1000
    /// [default: 3], e.g. --capa-trigger 4
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capa_trigger: Option<u32>,
    /// Catch-all defect types never on that to-do list, config only
    /// (`catch_all = ["기타", "other"]`; default 기타, 기타불량, 미분류, other,
    /// others, misc, unknown, n/a).
    #[cfg_attr(feature = "cli", arg(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<Vec<String>>,
    /// On-time rate the organisation aims for, drawn as the goal line of the
    /// on-time chart [default: 0.9], e.g. --on-time-goal 0.95
    #[cfg_attr(feature = "cli", arg(long, value_name = "FRACTION"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_time_goal: Option<f64>,
    /// Shipped units per month (CSV with columns month,units) for the
    /// u-chart, e.g. --shipments shipments.csv
    #[cfg_attr(feature = "cli", arg(long, value_name = "FILE"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipments: Option<PathBuf>,
    /// Mask customer names (also inside free text), phone numbers and e-mail
    /// addresses (with their domain) in the Data sheet, overdue lists,
    /// breakdowns and rejects (figures are unchanged), for reports that
    /// leave the quality team, e.g. --redact
    #[cfg_attr(feature = "cli", arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redact: Option<bool>,
    /// Language of labels and sheet names [default: auto = like the ledger
    /// headers], e.g. --lang en
    #[cfg_attr(feature = "cli", arg(long, value_enum))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Days to notify the customer of the result when a complaint has no
    /// reply due date (회신요청일) [default: --target-days], e.g.
    /// --notify-target-days 7
    #[cfg_attr(feature = "cli", arg(long, value_name = "DAYS"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_target_days: Option<u32>,
    /// Which complaints the handling target judges: all, or only those about
    /// nonconforming product (부적합 = yes) [default: all], e.g.
    /// --target-scope nonconforming
    #[cfg_attr(feature = "cli", arg(long, value_enum, value_name = "SCOPE"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_scope: Option<TargetScope>,
    /// The annual goals, config only: `[report.goals]` with
    /// `received_per_year` (complaints), `on_time_rate` (a fraction, the
    /// same as --on-time-goal, which wins) and `ppm` (defective parts per
    /// million shipped).
    #[cfg_attr(feature = "cli", arg(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<GoalsOption>,
    /// Targets by class, config only: `[report.targets]` with `field =
    /// "severity"` and `days = { A = 3, B = 7 }` (other values use
    /// target_days).
    #[cfg_attr(feature = "cli", arg(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<TargetsOption>,
    /// Currency that labels the cost figures, e.g. --currency KRW
    #[cfg_attr(feature = "cli", arg(long, value_name = "CODE"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Company named in the page header of the printed workbook, e.g.
    /// --company "(주)대성플라텍" (config: `company = "…"` under [report])
    #[cfg_attr(feature = "cli", arg(long, value_name = "NAME"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Rows the workbook's Data sheet holds at most, 1-1048574 [default:
    /// 100000]. A larger trend window keeps there the reporting month's
    /// complaints, every open one and the newest of the rest, and all of its
    /// complaints, with their source rows, go to data_<period>.csv beside
    /// the workbook, e.g. --data-sheet-rows 50000
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_sheet_rows: Option<u32>,
    /// History folder where each report records its snapshot (the clean
    /// table and the figures) and finds the last one to compare with
    /// [default: reports/history when --out is not given; none with a custom
    /// --out], e.g. --history reports/history. `report` only.
    #[cfg_attr(feature = "cli", arg(long, value_name = "DIR"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<PathBuf>,
    /// Record nothing and compare with nothing (wins over --history), e.g.
    /// --no-history. `report` only.
    #[cfg_attr(feature = "cli", arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_history: Option<bool>,
    /// Compare with the recorded report of this month instead of the latest
    /// earlier one (the same month: the report recorded before this run),
    /// e.g. --compare-to 2025-08. `report` only.
    #[cfg_attr(feature = "cli", arg(long, value_name = "YYYY-MM"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare_to: Option<String>,
    /// Ledger files or folders written in the config (`inputs = [...]`),
    /// used when the command line names none.
    #[cfg_attr(feature = "cli", arg(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Vec<PathBuf>>,
}

/// `[report.goals]` as written in the config (docs/metrics.md §14).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalsOption {
    pub received_per_year: Option<f64>,
    pub on_time_rate: Option<f64>,
    pub ppm: Option<f64>,
}

/// `[report.targets]` as written in the config.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsOption {
    /// A text field, e.g. `severity`.
    pub field: String,
    /// The field's value → target days.
    pub days: BTreeMap<String, u32>,
}

impl ReportOptions {
    /// These options (the flags) laid over `config`'s: every parameter the
    /// command line gives wins, the others come from the config.
    ///
    /// ```
    /// use complaints::params::{resolve, ReportOptions};
    ///
    /// let config: ReportOptions = toml::from_str("target_days = 7\nmonths = 24")?;
    /// let flags = ReportOptions { months: Some(6), ..Default::default() };
    /// let params = resolve(&flags.over(&config)?)?;
    /// assert_eq!((params.target_days, params.months, params.recurrence_window), (7, 6, 90));
    /// # Ok::<(), anyhow::Error>(())
    /// ```
    pub fn over(&self, config: &ReportOptions) -> anyhow::Result<ReportOptions> {
        let mut merged = serde_json::to_value(config)?;
        if let (Some(merged), serde_json::Value::Object(flags)) = (merged.as_object_mut(), serde_json::to_value(self)?)
        {
            merged.extend(flags);
        }
        Ok(serde_json::from_value(merged)?)
    }
}

/// The years a period or as-of date may fall in: those of a plausible date
/// in a ledger (a date outside them is rejected when read).
const YEARS: std::ops::RangeInclusive<i32> =
    crate::ingest::dates::FIRST_PLAUSIBLE_YEAR..=crate::ingest::dates::LAST_PLAUSIBLE_YEAR;

/// Day counts (targets, windows) up to ten years.
const MAX_DAYS: u32 = 3650;
/// A trend window of up to 30 years (the workbook has a column per month).
const MAX_MONTHS: u32 = 360;

/// The metrics' parameters from the merged options: defaults, ranges,
/// dates, the holiday and shipments files. Errors are the user's to fix.
pub fn resolve(o: &ReportOptions) -> anyhow::Result<Params> {
    let d = Params::default();
    let period = match o.period.as_deref() {
        Some(p) => match Month::parse(p) {
            Some(m) if YEARS.contains(&m.year()) => Some(m),
            Some(_) => bail_user!(
                "--period '{}' is outside the months a report can cover, {}-01 to {}-12 — give a month in that range, e.g. 2025-10",
                quote(p),
                YEARS.start(),
                YEARS.end()
            ),
            None => bail_user!("--period '{}' is not a month — write it as YYYY-MM, e.g. 2025-10", quote(p)),
        },
        None => None,
    };
    let as_of = match o.as_of.as_deref() {
        Some(s) => match parse_day(s) {
            Some(day) if YEARS.contains(&day.year()) => Some(day),
            Some(_) => bail_user!(
                "--as-of '{}' is outside the dates a report can cover, {}-01-01 to {}-12-31 — give a date in that range, e.g. 2025-11-05",
                quote(s),
                YEARS.start(),
                YEARS.end()
            ),
            None => bail_user!("--as-of '{}' is not a date — write it as YYYY-MM-DD, e.g. 2025-11-05", quote(s)),
        },
        None => None,
    };
    let recurrence_key = recurrence_key(o, &d)?;
    // Holidays of the config and of a holiday file are one list (a union):
    // a company's fixed days in the config, the year's list in a file.
    let mut holidays: Vec<NaiveDate> = Vec::new();
    for h in o.holidays.iter().flatten() {
        match parse_day(h) {
            Some(day) => holidays.push(day),
            None => bail_user!("config [report] holidays: '{}' is not a date — write YYYY-MM-DD", quote(h)),
        }
    }
    if let Some(path) = &o.holidays_file {
        holidays.extend(read_holidays(path)?);
    }
    let holiday_list_given = o.holidays_file.is_some() || o.holidays.is_some();
    let business_days_asked = o.business_days.unwrap_or(false);
    let shipments = match &o.shipments {
        Some(path) => Some(read_shipments(path)?),
        None => None,
    };
    let target_days = in_range("--target-days", o.target_days, 0..=MAX_DAYS, d.target_days)?;
    let targets = match &o.targets {
        None => None,
        Some(t) => Some(class_targets(t)?),
    };
    Ok(Params {
        period,
        as_of,
        target_days,
        notify_target_days: in_range("--notify-target-days", o.notify_target_days, 0..=MAX_DAYS, target_days)?,
        target_scope: o.target_scope.unwrap_or_default(),
        targets,
        currency: o.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string),
        company: o.company.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string),
        recurrence_window: in_range("--recurrence-window", o.recurrence_window, 0..=MAX_DAYS, d.recurrence_window)?,
        months: in_range("--months", o.months, 1..=MAX_MONTHS, d.months)?,
        recurrence_key,
        business_days: business_days_asked || (holiday_list_given && o.business_days.is_none()),
        top: in_range("--top", o.top, 1..=1000, d.top)?,
        flag_min_count: in_range("--flag-min-count", o.flag_min_count, 1..=1_000_000, d.flag_min_count)?,
        capa_trigger: in_range("--capa-trigger", o.capa_trigger, 2..=1000, d.capa_trigger)?,
        catch_all: match &o.catch_all {
            Some(words) => {
                words.iter().map(|w| crate::ingest::cells::normalize_key(w)).filter(|w| !w.is_empty()).collect()
            }
            None => d.catch_all.clone(),
        },
        on_time_goal: match (o.on_time_goal, o.goals.as_ref().and_then(|g| g.on_time_rate)) {
            (Some(g), _) | (None, Some(g)) if (0.0..=1.0).contains(&g) => g,
            (Some(g), _) => bail_user!("--on-time-goal {g} is not a fraction between 0 and 1, e.g. 0.9 for 90 %"),
            (None, Some(g)) => bail_user!(
                "config [report.goals] on_time_rate = {g} is not a fraction between 0 and 1, e.g. 0.9 for 90 %"
            ),
            (None, None) => d.on_time_goal,
        },
        received_goal: match o.goals.as_ref().and_then(|g| g.received_per_year) {
            Some(n) if n.is_finite() && n >= 0.0 => Some(n),
            Some(n) => bail_user!("config [report.goals] received_per_year = {n} is not a count — write e.g. 600"),
            None => None,
        },
        ppm_goal: match o.goals.as_ref().and_then(|g| g.ppm) {
            Some(n) if n.is_finite() && n >= 0.0 => Some(n),
            Some(n) => bail_user!("config [report.goals] ppm = {n} is not a rate — write e.g. 50 for 50 PPM"),
            None => None,
        },
        holidays,
        shipments,
        // the note above the header and the header itself take two rows
        data_sheet_rows: in_range(
            "--data-sheet-rows",
            o.data_sheet_rows,
            1..=crate::report::workbook::EXCEL_DATA_ROWS as u32 - 1,
            d.data_sheet_rows,
        )?,
    })
}

/// `--recurrence-key`: text fields only, at least one.
fn recurrence_key(o: &ReportOptions, d: &Params) -> anyhow::Result<Vec<Field>> {
    let key = match &o.recurrence_key {
        None => d.recurrence_key.clone(),
        Some(names) => {
            let mut fields = Vec::new();
            for n in names {
                match Field::from_name(n.trim()).filter(|f| *f != Field::RowNo) {
                    Some(f) if f.kind() == crate::ingest::fields::FieldKind::Text => fields.push(f),
                    Some(f) => bail_user!(
                        "--recurrence-key: '{}' is a date or an amount, not a text field — use fields such as product, defect_type, customer, lot, site",
                        f.name()
                    ),
                    None => bail_user!(
                        "--recurrence-key: '{}' is not a field (e.g. product, defect_type, customer, lot, site)",
                        quote(n)
                    ),
                }
            }
            fields
        }
    };
    if key.is_empty() {
        bail_user!("--recurrence-key needs at least one field, e.g. product,defect_type");
    }
    Ok(key)
}

/// The note printed when a holiday list switches on business days,
/// naming where the list came from: the `--holidays` flag (`flags`), or
/// the config (`config`, whose holidays mention no flag).
pub fn holiday_note(flags: &ReportOptions, config: &ReportOptions) -> Option<&'static str> {
    if flags.business_days.is_some() || config.business_days.is_some() {
        None
    } else if flags.holidays_file.is_some() {
        Some("note: a holiday list counts business days: --holidays implies --business-days (--business-days=false counts calendar days)")
    } else if config.holidays.is_some() || config.holidays_file.is_some() {
        Some("note: the config's holidays count business days (set business_days = false under [report] to count calendar days)")
    } else {
        None
    }
}

/// `[report.targets]`: a text field and its values' targets (keys
/// normalised like every key: NFKC, trimmed, case-folded).
fn class_targets(t: &TargetsOption) -> anyhow::Result<ClassTargets> {
    let field = match Field::from_name(t.field.trim()) {
        Some(f) if f.kind() == crate::ingest::fields::FieldKind::Text && f != Field::RowNo => f,
        _ => bail_user!(
            "config [report.targets] field = '{}' is not a text field — use one such as severity, channel, customer or product",
            quote(&t.field)
        ),
    };
    if t.days.is_empty() {
        bail_user!("config [report.targets] has no days — write e.g. days = {{ A = 3, B = 7 }}");
    }
    let mut days = BTreeMap::new();
    for (value, d) in &t.days {
        let d = in_range(&format!("config [report.targets] days '{}'", quote(value)), Some(*d), 0..=MAX_DAYS, 0)?;
        days.insert(crate::ingest::cells::normalize_key(value), d);
    }
    Ok(ClassTargets { field, days })
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A flag's value (or the default), refused with the range when outside it.
fn in_range(flag: &str, value: Option<u32>, range: std::ops::RangeInclusive<u32>, default: u32) -> anyhow::Result<u32> {
    match value {
        None => Ok(default),
        Some(v) if range.contains(&v) => Ok(v),
        Some(v) => bail_user!("{flag} {v} is out of range — give a number from {} to {}", range.start(), range.end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_wins_over_the_config_and_the_config_over_the_default() {
        let config: ReportOptions =
            toml::from_str("target_days = 7\nmonths = 24\nbusiness_days = true\nrecurrence_key = [\"customer\"]")
                .unwrap_or_default();
        let flags = ReportOptions { months: Some(6), business_days: Some(false), ..Default::default() };
        let merged = flags.over(&config).unwrap_or_default();
        assert_eq!((merged.target_days, merged.months, merged.business_days), (Some(7), Some(6), Some(false)));
        assert_eq!(merged.recurrence_key, Some(vec!["customer".to_string()]));
        let params = resolve(&merged).ok();
        assert_eq!(params.as_ref().map(|p| (p.target_days, p.months, p.top)), Some((7, 6, 10)));
        assert!(toml::from_str::<ReportOptions>("target = 5").is_err(), "an unknown key is an error");
    }
}
