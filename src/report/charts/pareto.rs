//! 2. The reporting month's Pareto of defect types.

use super::draw::{
    bar_tags, bars, count_label, cumulative_share, draw_share_axis, frame, mesh, note, plot, right_desc, shorten,
    too_wide, x_axis, x_labels, Axis, Fit, Legend, Swatch, Ticks, MIN_SLOTS,
};
use super::style::{anchored, font, tinted, ACCENT, ALERT, LABEL_PX, LIGHT, MAIN, MUTED, VALUE_PX, Y_AREA};
use super::{percent, Data};
use crate::metrics::pareto::ParetoRow;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The Pareto chart shows at most this many bars; the rest become one bar.
const MAX_PARETO_BARS: usize = 12;

/// The Pareto rows to draw: the first bars as they are, the rest summed
/// into one bar (cumulative share 100 %).
fn pareto_bars(rows: &[ParetoRow], d: &Data) -> Vec<(String, u64, f64, bool)> {
    let bar = |r: &ParetoRow| (d.l.category(&r.defect_type).to_string(), r.count, r.cum_share, r.vital_few);
    crate::report::pareto_bars(rows, MAX_PARETO_BARS, bar, |n| d.l.fmt(L::ChartMoreTypes, &[&n]))
}

/// 2. The reporting month's Pareto of defect types.
pub(super) fn pareto<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let rows = pareto_bars(&d.r.pareto_month, d);
    let n = rows.len();
    let total: u64 = rows.iter().map(|r| r.1).sum();
    // counted over the types, not the bars: the tail bar (`n more types`)
    // holds one vital type at most and ends at 100 %
    let vital = d.r.pareto_month.iter().filter(|r| r.vital_few).count();
    let vital_share = d.r.pareto_month.iter().filter(|r| r.vital_few).map(|r| r.cum_share).fold(0.0, f64::max);
    let period = d.r.period.to_string();
    let title = d.l.fmt(L::ChartParetoTitle, &[&period]);
    let subtitle = (total > 0).then(|| {
        let label = if vital == 1 { L::ChartParetoSubtitleOne } else { L::ChartParetoSubtitleMany };
        d.l.fmt(label, &[&total, &vital, &percent(vital_share)])
    });
    let legend = [
        Legend(Swatch::Bar(MAIN), d.l.get(L::ChartVitalFewLegend).to_string()),
        Legend(Swatch::Bar(LIGHT), d.l.get(L::ChartOtherTypes).to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.get(L::CumShare).to_string()),
        Legend(Swatch::Dashed(ALERT), "80%".to_string()),
    ];
    let area = frame(root, &title, subtitle.as_deref(), &legend)?;
    let max = rows.iter().map(|r| r.1 as f64).fold(0.0, f64::max);
    let ticks = Ticks::counts(max);
    let share_axis = Axis { lo: 0.0, hi: 100.0, keys: (0..=5).map(|i| i as f64 * 20.0).collect() };
    let labels: Vec<(usize, String)> = rows.iter().enumerate().map(|(i, r)| (i, r.0.clone())).collect();
    let width = area.dim_in_pixel().0 as i32 - 2 * Y_AREA as i32;
    let two_rows = too_wide(root, &labels, width)?;
    // labels to be shortened: the full names in a key under the chart
    let key = if two_rows { name_key(root, &rows, width)? } else { Vec::new() };
    let area = area.margin(0, key.len() as i32 * KEY_LINE, 0, 0);
    let mut chart = plot(&area, n, &ticks, two_rows, true)?.set_secondary_coord(x_axis(n), share_axis);
    mesh(&mut chart, d.l.get(L::ChartComplaints), &count_label)?;
    draw_share_axis(&mut chart)?;
    let coloured: Vec<(f64, RGBColor)> = rows.iter().map(|r| (r.1 as f64, if r.3 { MAIN } else { LIGHT })).collect();
    bars(&mut chart, &coloured, 0.7)?;
    cumulative_share(&mut chart, &rows.iter().map(|r| r.2).collect::<Vec<_>>())?;
    let counts: Vec<f64> = rows.iter().map(|r| r.1 as f64).collect();
    let line_80 = chart.borrow_secondary().backend_coord(&(0.0, 80.0)).1;
    bar_tags(root, &chart, &counts, false, &[line_80])?;
    right_desc(root, &chart, &format!("{} (%)", d.l.get(L::CumShare)))?;
    x_labels(root, &chart, n, &labels, Fit::Stagger, d.l.get(L::DefectType))?;
    let style = anchored(tinted(VALUE_PX, MUTED), HPos::Center, VPos::Top);
    let (w, h) = root.dim_in_pixel();
    for (i, line) in key.iter().enumerate() {
        root.draw_text(line, &style, (w as i32 / 2, h as i32 - 12 - (key.len() - i) as i32 * KEY_LINE + 8))?;
    }
    if n == 0 {
        let text = d.l.fmt(L::ChartNoComplaintsIn, &[&period]);
        note(root, &chart, &text, false)?;
    }
    Ok(())
}

/// The height of a line of the names' key, in pixels.
const KEY_LINE: i32 = 28;

/// When a bar's label is wider than the room two staggered rows leave it
/// (two slots of a plot `width` pixels wide) and is shortened: every bar's
/// full name and count (`Managing an account 186 · …`) in lines as wide as
/// the image, at most three (the last one ended with `…`); else none.
fn name_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[(String, u64, f64, bool)],
    width: i32,
) -> DrawResult<Vec<String>, DB> {
    let (label, value) = (font(LABEL_PX), tinted(VALUE_PX, MUTED));
    let room = 2 * width / rows.len().max(MIN_SLOTS) as i32 - 14;
    let mut shortened = false;
    for r in rows {
        shortened |= root.estimate_text_size(&r.0, &label)?.0 as i32 > room;
    }
    if !shortened {
        return Ok(Vec::new());
    }
    let line_room = root.dim_in_pixel().0 as f64 - 80.0;
    let (mut lines, mut line) = (Vec::new(), String::new());
    for r in rows {
        let item = format!("{} {}", r.0, r.1);
        let joined = if line.is_empty() { item.clone() } else { format!("{line} · {item}") };
        if line.is_empty() || root.estimate_text_size(&joined, &value)?.0 as f64 <= line_room {
            line = joined;
        } else {
            lines.push(std::mem::replace(&mut line, item));
        }
    }
    lines.push(line);
    if lines.len() > 3 {
        lines.truncate(3);
        lines[2] = shorten(root, &format!("{} …", lines[2]), &value, line_room)?;
    }
    Ok(lines)
}
