//! `complaints report [INPUTS]... [flags]`: read the ledgers, compute every
//! metric of METRICS.md, write the report files into --out, print the
//! month's headline.

use crate::bail_user;
use crate::cli::{Lang, ReportArgs};
use crate::config::{Config, ReportConfig};
use crate::ingest::fields::Field;
use crate::ingest::Ingested;
use crate::metrics::months::Month;
use crate::metrics::{self, Params, Report};
use crate::report::labels::Labels;
use crate::report::{self, ReportContext};

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let mut clock = std::time::Instant::now();
    let config = super::load_config(&args.input)?;
    // flags are checked before anything is read
    let params = params(args, &config)?;
    let mut ingested = super::read_inputs(&args.input, &config)?;
    crate::progress::lap(&mut clock, "read");
    if ingested.quality.complaints == 0 {
        return Err(super::no_complaints_error(&ingested).into());
    }
    let spinner = crate::progress::spinner("computing the metrics");
    let mut report = metrics::compute(&ingested, &params)?;
    spinner.finish_and_clear();
    crate::progress::lap(&mut clock, "metrics");
    let lang = match (args.lang, config.report.lang.as_deref()) {
        (Some(lang), _) => lang,
        (None, Some(name)) => match parse_lang(name) {
            Some(lang) => lang,
            None => bail_user!("config [report] lang = \"{name}\" is not a language — use \"ko\", \"en\" or \"auto\""),
        },
        (None, None) => Lang::Auto,
    };
    let labels = Labels::new(lang, &ingested);
    if args.redact || config.report.redact.unwrap_or(false) {
        report::redact::apply(&mut report, &mut ingested)?;
    }
    let out = args
        .out
        .clone()
        .or_else(|| config.report.out.as_ref().map(|p| config.resolve(p)))
        .unwrap_or_else(|| PathBuf::from("reports").join(report.period.to_string()));
    let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
    let spinner = crate::progress::spinner("writing the workbook, charts and summary");
    let written = report::write_all(
        &ctx,
        &out,
        &[
            &report::workbook::WorkbookWriter,
            &report::summary_json::SummaryJson,
            &report::rejects_csv::RejectsCsv,
            &report::charts::Charts,
        ],
    )?;
    spinner.finish_and_clear();
    crate::progress::lap(&mut clock, "write");
    crate::error::print(&crate::report::text::for_terminal(&headline(&report, &ingested, &out, &written)))?;
    Ok(ExitCode::SUCCESS)
}

fn parse_lang(s: &str) -> Option<Lang> {
    match s.to_ascii_lowercase().as_str() {
        "ko" => Some(Lang::Ko),
        "en" => Some(Lang::En),
        "auto" => Some(Lang::Auto),
        _ => None,
    }
}

/// Flags win over the config's [report] table, which wins over defaults.
pub fn params(args: &ReportArgs, config: &Config) -> anyhow::Result<Params> {
    let c: &ReportConfig = &config.report;
    let d = Params::default();
    let period = match args.period.as_deref().or(c.period.as_deref()) {
        Some(p) => match Month::parse(p).filter(|m| (1950..=2199).contains(&m.year())) {
            Some(m) => Some(m),
            None => bail_user!("--period '{p}' is not a month — write it as YYYY-MM, e.g. 2025-10"),
        },
        None => None,
    };
    let as_of = match args.as_of.as_deref().or(c.as_of.as_deref()) {
        Some(s) => match parse_day(s) {
            Some(d) => Some(d),
            None => bail_user!("--as-of '{s}' is not a date — write it as YYYY-MM-DD, e.g. 2025-11-05"),
        },
        None => None,
    };
    let mut recurrence_key = Vec::new();
    for n in args.recurrence_key.as_ref().or(c.recurrence_key.as_ref()).unwrap_or(&Vec::new()) {
        match Field::from_name(n.trim()).filter(|f| *f != Field::RowNo) {
            Some(f) => recurrence_key.push(f),
            None => {
                bail_user!("--recurrence-key: '{n}' is not a field (e.g. product, defect_type, customer, lot, site)")
            }
        }
    }
    if args.recurrence_key.is_none() && c.recurrence_key.is_none() {
        recurrence_key = d.recurrence_key.clone();
    }
    if recurrence_key.is_empty() {
        bail_user!("--recurrence-key needs at least one field, e.g. product,defect_type");
    }
    // Holidays of the config and of a holiday file are one list (a union):
    // a company's fixed days in the config, the year's list in a file.
    let mut holidays: Vec<NaiveDate> = Vec::new();
    if let Some(list) = &c.holidays {
        for h in list {
            match parse_day(h) {
                Some(d) => holidays.push(d),
                None => bail_user!("config [report] holidays: '{h}' is not a date — write YYYY-MM-DD"),
            }
        }
    }
    let holidays_file = args.holidays.clone().or_else(|| c.holidays_file.as_ref().map(|p| config.resolve(p)));
    let holiday_list_given = holidays_file.is_some() || c.holidays.is_some();
    if let Some(path) = holidays_file {
        holidays.extend(read_holidays(&path)?);
    }
    let shipments_file = args.shipments.clone().or_else(|| c.shipments.as_ref().map(|p| config.resolve(p)));
    let shipments = match shipments_file {
        Some(path) => Some(read_shipments(&path)?),
        None => None,
    };
    let business_days = args.business_days || c.business_days.unwrap_or(false) || holiday_list_given;
    if holiday_list_given && !(args.business_days || c.business_days.unwrap_or(false)) {
        eprintln!("note: a holiday list counts business days: --holidays implies --business-days");
    }
    Ok(Params {
        period,
        as_of,
        target_days: in_range("--target-days", args.target_days.or(c.target_days), 0..=MAX_DAYS, d.target_days)?,
        recurrence_window: in_range(
            "--recurrence-window",
            args.recurrence_window.or(c.recurrence_window),
            0..=MAX_DAYS,
            d.recurrence_window,
        )?,
        months: in_range("--months", args.months.or(c.months), 1..=MAX_MONTHS, d.months)?,
        recurrence_key,
        business_days,
        top: in_range("--top", args.top.or(c.top), 1..=1000, d.top)?,
        flag_min_count: in_range(
            "--flag-min-count",
            args.flag_min_count.or(c.flag_min_count),
            1..=1_000_000,
            d.flag_min_count,
        )?,
        on_time_goal: match args.on_time_goal.or(c.on_time_goal) {
            Some(g) if (0.0..=1.0).contains(&g) => g,
            Some(g) => bail_user!("--on-time-goal {g} is not a fraction between 0 and 1, e.g. 0.9 for 90 %"),
            None => d.on_time_goal,
        },
        holidays,
        shipments,
    })
}

/// Day counts (targets, windows) up to ten years.
const MAX_DAYS: u32 = 3650;
/// A trend window of up to 30 years (the workbook has a column per month).
const MAX_MONTHS: u32 = 360;

/// A flag's value (or the default), refused with the range when outside it.
fn in_range(flag: &str, value: Option<u32>, range: std::ops::RangeInclusive<u32>, default: u32) -> anyhow::Result<u32> {
    match value {
        None => Ok(default),
        Some(v) if range.contains(&v) => Ok(v),
        Some(v) => bail_user!("{flag} {v} is out of range — give a number from {} to {}", range.start(), range.end()),
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// One holiday per line, `YYYY-MM-DD` first (a name may follow); `#` starts a comment.
fn read_holidays(path: &Path) -> anyhow::Result<Vec<NaiveDate>> {
    let text = crate::config::read_side_file(path, "--holidays")?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some(first) = line.split_whitespace().next() else { continue };
        let first = first.trim_end_matches(',');
        match parse_day(first) {
            Some(d) => out.push(d),
            None => bail_user!(
                "holiday file '{}' line {}: '{first}' is not a date — write one YYYY-MM-DD per line",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(out)
}

/// `month,units` per line (a header line is allowed).
fn read_shipments(path: &Path) -> anyhow::Result<BTreeMap<Month, f64>> {
    let text = crate::config::read_side_file(path, "--shipments")?;
    let mut out = BTreeMap::new();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| crate::error::user(format!("shipments file '{}' line {}: {e}", path.display(), i + 1)))?;
        let (month, units) = (record.get(0).unwrap_or("").trim(), record.get(1).unwrap_or("").trim());
        match (Month::parse(month), units.replace(',', "").parse::<f64>()) {
            (Some(m), Ok(u)) if u >= 0.0 => {
                out.insert(m, u);
            }
            _ if i == 0 => {} // header
            _ => bail_user!(
                "shipments file '{}' line {}: expected `YYYY-MM,units`, found '{}'",
                path.display(),
                i + 1,
                record.iter().collect::<Vec<_>>().join(",")
            ),
        }
    }
    Ok(out)
}

fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.1} %", r * 100.0))
}

fn signed_pct(p: Option<f64>) -> String {
    p.map_or_else(String::new, |p| format!(" ({:+.2} %)", p))
}

/// The few lines a quality manager reads first.
pub fn headline(r: &Report, ingested: &Ingested, out: &Path, written: &[PathBuf]) -> String {
    let mut s = String::new();
    let q = &r.data_quality;
    let this = r.trend.last();
    let _ = writeln!(s, "Complaint report {} (as of {})", r.period, r.as_of);
    if let Some(t) = this {
        let prev = r.trend.iter().rev().nth(1);
        let _ = writeln!(
            s,
            "  Received    {:>5}   last month {}{}   same month last year {}{}",
            t.received,
            prev.map_or("–".to_string(), |p| p.received.to_string()),
            signed_pct(t.mom_pct),
            t.yoy_count.map_or("–".to_string(), |y| y.to_string()),
            signed_pct(t.yoy_pct),
        );
    }
    let m = &r.month;
    let _ = writeln!(
        s,
        "  On time     {:>7}   {} of {} judged within the {}-day target; TTR median {} d, p90 {} d",
        pct(m.on_time_rate),
        m.on_time,
        m.on_time + m.late + m.overdue,
        r.params.target_days,
        m.ttr_median.map_or("–".to_string(), |v| format!("{v}")),
        m.ttr_p90.map_or("–".to_string(), |v| format!("{v}")),
    );
    let oldest = r.overdue.first().map_or(String::new(), |o| format!(" (oldest {} d: {})", o.age_days, o.complaint_id));
    let _ = writeln!(s, "  Overdue     {:>5}   open past the target as of {}{oldest}", r.overdue.len(), r.as_of);
    let _ = writeln!(
        s,
        "  Recurrence  {:>7}   repeats of a known problem; {} came back after closure",
        pct(m.repeat_rate),
        pct(m.recurrence_after_closure_rate)
    );
    let cc = &r.control_chart;
    let flagged: Vec<String> =
        cc.flagged_defect_types.iter().map(|f| format!("{} ({})", f.defect_type, f.reasons.join(", "))).collect();
    let signals: Vec<String> = cc
        .signals
        .iter()
        .filter(|sig| sig.months.last() == Some(&r.period))
        .map(|sig| format!("rule {} {}", sig.rule, sig.direction))
        .collect();
    let _ = writeln!(
        s,
        "  Signals     {}",
        if cc.status != "ok" {
            "insufficient history for the control chart (needs 6 baseline months)".to_string()
        } else if flagged.is_empty() && signals.is_empty() {
            "none this month".to_string()
        } else {
            [
                signals.join(", "),
                if flagged.is_empty() { String::new() } else { format!("flagged: {}", flagged.join("; ")) },
            ]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
        }
    );
    let rd = &q.read.rows;
    let _ = writeln!(
        s,
        "  Data        {} data rows = {} accepted + {} rejected; {} complaints after merging {} duplicates ({} id conflicts); {} received after {}",
        rd.data_rows, rd.accepted, rd.rejected, q.read.complaints, q.read.duplicates_merged, q.read.id_conflicts, q.after_as_of, r.as_of
    );
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.strip_prefix(out).ok())
        .map(|p| p.display().to_string())
        .filter(|n| !n.starts_with("charts/") && !n.starts_with("charts\\"))
        .collect();
    let charts = written.len() - names.len();
    let _ = writeln!(
        s,
        "Wrote {}: {}{}",
        out.display(),
        names.join(", "),
        if charts > 0 { format!(", charts/ ({charts} images)") } else { String::new() }
    );
    if !ingested.rejects.is_empty() {
        let _ = writeln!(
            s,
            "{} rejected rows are listed in rejects.csv (see `complaints check` for the reasons).",
            ingested.rejects.len()
        );
    }
    s
}
