//! Chart 10, the trend window's cost Pareto of defect types
//! (docs/metrics.md §10), only when cost is recorded: where the money goes,
//! beside the count Pareto of chart 2.

use super::draw::{
    cumulative_share, draw_share_axis, frame, mesh, note, plot_on, right_desc, signed_axis, signed_bars, too_wide,
    value_tags, x_axis, x_labels, Axis, Fit, Legend, MoneyScale, Swatch,
};
use super::style::{ACCENT, ALERT, LIGHT, MAIN, Y_AREA};
use super::{percent, Data};
use crate::metrics::cost::CostParetoRow;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// At most this many bars; the rest become one bar.
const MAX_BARS: usize = 12;

/// (name, cost, cumulative share, vital few) per bar: the first bars as
/// they are, the rest summed into one.
fn cost_bars(rows: &[CostParetoRow], d: &Data) -> Vec<(String, f64, f64, bool)> {
    let bar = |r: &CostParetoRow| (d.l.category(&r.defect_type).to_string(), r.cost, r.cum_share, r.vital_few);
    crate::report::pareto_bars(rows, MAX_BARS, bar, |n| d.l.fmt(L::ChartMoreTypes, &[&n]))
}

/// 10. The trend window's cost Pareto of defect types.
pub(super) fn cost_pareto<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let cost = d.r.cost.get();
    let rows = cost_bars(cost.map_or(&[][..], |c| &c.pareto_window), d);
    let currency = cost.and_then(|c| c.currency.as_deref());
    let n = rows.len();
    let total: f64 = rows.iter().map(|r| r.1).sum();
    let vital = rows.iter().filter(|r| r.3).count();
    let vital_share = rows.iter().filter(|r| r.3).map(|r| r.2).fold(0.0, f64::max);
    let title = d.l.fmt(L::ChartCostParetoTitle, &[&d.span]);
    let subtitle = (n > 0).then(|| {
        let label = if vital == 1 { L::ChartCostParetoSubtitleOne } else { L::ChartCostParetoSubtitleMany };
        d.l.fmt(label, &[&d.l.amount(total, currency), &vital, &percent(vital_share)])
    });
    let legend = [
        Legend(Swatch::Bar(MAIN), d.l.get(L::ChartVitalFewLegend).to_string()),
        Legend(Swatch::Bar(LIGHT), d.l.get(L::ChartOtherTypes).to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.get(L::CumShare).to_string()),
        Legend(Swatch::Dashed(ALERT), "80%".to_string()),
    ];
    let area = frame(root, &title, subtitle.as_deref(), &legend)?;
    let scale = MoneyScale::of(rows.iter().map(|r| r.1.abs()).fold(0.0, f64::max));
    let scaled: Vec<f64> = rows.iter().map(|r| r.1 / scale.divisor).collect();
    let (y, ticks) = signed_axis(&scaled);
    let share_axis = Axis { lo: 0.0, hi: 100.0, keys: (0..=5).map(|i| i as f64 * 20.0).collect() };
    let labels: Vec<(usize, String)> = rows.iter().enumerate().map(|(i, r)| (i, r.0.clone())).collect();
    let two_rows = too_wide(root, &labels, area.dim_in_pixel().0 as i32 - 2 * Y_AREA as i32)?;
    let mut chart = plot_on(&area, n, y, two_rows, true)?.set_secondary_coord(x_axis(n), share_axis);
    mesh(&mut chart, &scale.axis(d), &|v| ticks.label(*v))?;
    draw_share_axis(&mut chart)?;
    let coloured: Vec<(f64, RGBColor)> =
        scaled.iter().zip(&rows).map(|(v, r)| (*v, if r.3 { MAIN } else { LIGHT })).collect();
    signed_bars(&mut chart, &coloured, 0.7)?;
    cumulative_share(&mut chart, &rows.iter().map(|r| r.2).collect::<Vec<_>>())?;
    let tags: Vec<(f64, f64, String)> =
        rows.iter().enumerate().map(|(i, r)| (i as f64, scaled[i].max(0.0), scale.tag(r.1))).collect();
    value_tags(root, &chart, &tags, 6, false, &[])?;
    right_desc(root, &chart, &format!("{} (%)", d.l.get(L::CumShare)))?;
    x_labels(root, &chart, n, &labels, Fit::Stagger, d.l.get(L::DefectType))?;
    if n == 0 {
        note(root, &chart, d.l.get(L::ChartNoCost), false)?;
    }
    Ok(())
}
