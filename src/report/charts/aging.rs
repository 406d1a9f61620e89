//! 5. Open complaints by age; buckets past the target in a warning colour.

use super::draw::{bar_tags, bars, count_label, frame, mesh, note, plot, x_labels, Fit, Legend, Swatch, Ticks};
use super::style::{MAIN, WARN};
use super::Data;
use crate::report::labels::L;
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
    let buckets = d.r.aging.clone().unwrap_or_default().buckets();
    let target = d.r.params.target_days;
    let open: u64 = buckets.iter().map(|(_, c)| c).sum();
    let title = d.l.fmt(L::ChartAgingTitle, &[&d.r.as_of]);
    let subtitle = d.l.fmt(L::ChartAgingSubtitle, &[&open, &d.days_adjective(target), &d.r.overdue.len()]);
    let within = d.l.fmt(L::ChartWithinTarget, &[&d.days(target)]);
    let past = d.l.fmt(L::ChartPastTarget, &[&d.days(target)]);
    let legend = [Legend(Swatch::Bar(MAIN), within), Legend(Swatch::Bar(WARN), past)];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = buckets.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, buckets.len(), &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::ChartOpenComplaints), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> =
        buckets.iter().map(|(label, c)| (*c as f64, if bucket_start(label) > target { WARN } else { MAIN })).collect();
    bars(&mut chart, &coloured, 0.62)?;
    bar_tags(root, &chart, &values, true, &[])?;
    let labels: Vec<(usize, String)> =
        buckets.iter().enumerate().map(|(i, (label, _))| (i, d.l.fmt(L::ChartAgeBucket, &[label]))).collect();
    x_labels(root, &chart, buckets.len(), &labels, Fit::Thin, d.l.get(L::AgeDays))?;
    if open == 0 {
        note(root, &chart, d.l.get(L::ChartNoOpenComplaints), false)?;
    }
    Ok(())
}
