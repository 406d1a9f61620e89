//! 5. Open complaints by age; buckets past the target in a warning colour.

use super::draw::{bar_tags, bars, count_label, frame, mesh, note, plot, x_labels, Fit, Legend, Swatch, Ticks};
use super::style::{MAIN, WARN};
use super::Data;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Lower bound in days of an aging bucket (`0-5` → 0, `>60` → 61).
pub(super) fn bucket_start(label: &str) -> u32 {
    if let Some(rest) = label.strip_prefix('>') {
        return rest.parse::<u32>().map_or(u32::MAX, |d| d + 1);
    }
    label.split('-').next().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// 5. Open complaints by age; buckets past the target in a warning colour.
pub(super) fn aging<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let buckets = d.r.aging.buckets();
    let target = d.r.params.target_days;
    let open: u64 = buckets.iter().map(|(_, c)| c).sum();
    let title = if d.l.korean {
        format!("미결 불만 경과일 분포 ({} 기준)", d.r.as_of)
    } else {
        format!("Open complaints by age (as of {})", d.r.as_of)
    };
    let subtitle = if d.l.korean {
        format!("미결 {open}건 · 이 중 처리 기한({}) 경과 {}건", d.days(target), d.r.overdue.len())
    } else {
        let unit = if d.r.params.business_days { "business-day" } else { "day" };
        format!("{open} open · {} past the {target}-{unit} target", d.r.overdue.len())
    };
    let (within, past) = if d.l.korean {
        (format!("기한 내 (≤{})", d.days(target)), format!("기한 경과 (>{})", d.days(target)))
    } else {
        (format!("Within target (≤ {})", d.days(target)), format!("Past target (> {})", d.days(target)))
    };
    let legend = [Legend(Swatch::Bar(MAIN), within), Legend(Swatch::Bar(WARN), past)];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = buckets.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, buckets.len(), &ticks, false, false)?;
    mesh(&mut chart, d.tr("미결 건수", "Open complaints"), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> =
        buckets.iter().map(|(label, c)| (*c as f64, if bucket_start(label) > target { WARN } else { MAIN })).collect();
    bars(&mut chart, &coloured, 0.62)?;
    bar_tags(root, &chart, &values, true)?;
    let labels: Vec<(usize, String)> = buckets
        .iter()
        .enumerate()
        .map(|(i, (label, _))| (i, if d.l.korean { format!("{label}일") } else { (*label).to_string() }))
        .collect();
    x_labels(root, &chart, buckets.len(), &labels, Fit::Thin, d.l.t("age_days"))?;
    if open == 0 {
        note(root, &chart, d.tr("미결 불만이 없습니다", "No open complaints"), false)?;
    }
    Ok(())
}
