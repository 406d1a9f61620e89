//! The parameters of a report: the flags and configuration every metric
//! reads (docs/metrics.md defaults in [`Params::default`]).

use super::months::Month;
use super::ppm;
use crate::ingest::fields::Field;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Parameters of a report (docs/metrics.md defaults in [`Params::default`]).
#[derive(Debug, Clone, Serialize)]
pub struct Params {
    /// Reporting month; `None` = the month of the latest received date (or of `as_of`).
    #[serde(skip)]
    pub period: Option<Month>,
    #[serde(skip)]
    pub as_of: Option<NaiveDate>,
    pub target_days: u32,
    pub recurrence_window: u32,
    pub months: u32,
    #[serde(serialize_with = "serialize_fields")]
    pub recurrence_key: Vec<Field>,
    pub business_days: bool,
    pub top: u32,
    /// Reporting-month complaints a defect type needs before it can be
    /// flagged by the control chart (docs/metrics.md §5).
    pub flag_min_count: u32,
    /// The on-time rate the organisation aims for (the target line of the
    /// on-time chart), a fraction.
    pub on_time_goal: f64,
    /// `[report.goals] received_per_year`: the year-to-date goal (§14).
    pub received_goal: Option<f64>,
    /// `[report.goals] ppm`: defective parts per million shipped (§12, §14).
    pub ppm_goal: Option<f64>,
    /// Holidays for business-day counting.
    #[serde(skip)]
    pub holidays: Vec<NaiveDate>,
    /// The shipments file: units per month (the u-chart) and, when it has
    /// those columns, per customer and product (PPM, §12).
    #[serde(skip)]
    pub shipments: Option<ppm::Shipments>,
    /// Days to notify the customer when the complaint has no reply due date
    /// (docs/metrics.md §8); `target_days` unless set.
    pub notify_target_days: u32,
    /// Which complaints the handling target judges (§11).
    pub target_scope: TargetScope,
    /// Per-class targets (§11), `None` when not configured.
    pub targets: Option<ClassTargets>,
    /// Labels cost figures (§10), e.g. `KRW`.
    pub currency: Option<String>,
    /// Complaints of one recurrence key in the last `recurrence_window`
    /// days, none with a CAPA, that put it on the to-do list (§9).
    pub capa_trigger: u32,
    /// Catch-all defect types (normalised keys) never on that list (§9).
    pub catch_all: Vec<String>,
    /// The company named in the printed workbook's page header (config
    /// `company`, `--company`); not a figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Rows the workbook's Data sheet holds at most (`--data-sheet-rows`);
    /// a larger window is written whole to the data CSV. Not a figure.
    #[serde(skip)]
    pub data_sheet_rows: u32,
}

/// The Data sheet's rows by default: a workbook that still opens quickly.
pub const DATA_SHEET_ROWS: u32 = 100_000;

/// The catch-all defect types of docs/metrics.md §9 (config `catch_all`).
pub const CATCH_ALL: [&str; 8] = ["기타", "기타불량", "미분류", "other", "others", "misc", "unknown", "n/a"];

/// Which complaints the handling target applies to (docs/metrics.md §11).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum TargetScope {
    /// Every complaint.
    #[default]
    All,
    /// Only complaints about nonconforming product (`nonconforming` = yes).
    Nonconforming,
}

/// Targets by class: the complaint's `field` value (normalised key) → days;
/// values not listed use `target_days`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassTargets {
    #[serde(serialize_with = "serialize_field")]
    pub field: Field,
    pub days: BTreeMap<String, u32>,
}

fn serialize_field<S: serde::Serializer>(field: &Field, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(field.name())
}

fn serialize_fields<S: serde::Serializer>(fields: &[Field], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(fields.iter().map(|f| f.name()))
}

impl Default for Params {
    fn default() -> Self {
        Params {
            period: None,
            as_of: None,
            target_days: 10,
            recurrence_window: 90,
            months: 12,
            recurrence_key: vec![Field::Product, Field::DefectType],
            business_days: false,
            top: 10,
            flag_min_count: 3,
            on_time_goal: 0.9,
            received_goal: None,
            ppm_goal: None,
            holidays: Vec::new(),
            shipments: None,
            notify_target_days: 10,
            target_scope: TargetScope::All,
            targets: None,
            currency: None,
            capa_trigger: 3,
            catch_all: CATCH_ALL.iter().map(|w| crate::ingest::cells::normalize_key(w)).collect(),
            company: None,
            data_sheet_rows: DATA_SHEET_ROWS,
        }
    }
}
