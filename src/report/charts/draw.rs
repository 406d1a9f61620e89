//! Layout helpers shared by the charts: frame and legend, axes and ticks,
//! the plot and its mesh, x labels, value tags, bars and lines.

use super::style::{
    anchored, bold, font, stroke, tinted, ACCENT, ALERT, AXIS, GRID, LABEL_PX, MUTED, TITLE_PX, VALUE_PX, X_AREA,
    X_AREA_TWO_ROWS, Y_AREA,
};
use super::Data;
use crate::report::label_fit;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One legend entry: what its swatch looks like and its text.
pub(super) enum Swatch {
    Bar(RGBColor),
    Line(RGBColor),
    LineMarker(RGBColor),
    Dashed(RGBColor),
    Marker(RGBColor),
}

pub(super) struct Legend(pub(super) Swatch, pub(super) String);

/// White background, title, optional subtitle and a one-row legend; returns
/// the area left for the chart.
pub(super) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: Option<&str>,
    legend: &[Legend],
) -> DrawResult<DrawingArea<DB, Shift>, DB> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let centre = w as i32 / 2;
    let room = w as f64 - 60.0;
    let mut y = 22;
    let style = anchored(bold(TITLE_PX), HPos::Center, VPos::Top);
    root.draw_text(&shorten(root, title, &style, room)?, &style, (centre, y))?;
    y += 54;
    if let Some(sub) = subtitle {
        let style = anchored(tinted(LABEL_PX, MUTED), HPos::Center, VPos::Top);
        root.draw_text(&shorten(root, sub, &style, room)?, &style, (centre, y))?;
        y += 38;
    }
    if !legend.is_empty() {
        draw_legend(root, legend, y + 4)?;
        y += 42;
    }
    Ok(root.margin(y + 12, 12, 16, 40))
}

/// A legend row centred at the top of the image (never over the data).
pub(super) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[Legend],
    top: i32,
) -> DrawResult<(), DB> {
    const SWATCH: i32 = 40;
    const GAP: i32 = 10;
    const SPACING: i32 = 44;
    let style = anchored(font(LABEL_PX), HPos::Left, VPos::Center);
    let mut widths = Vec::with_capacity(items.len());
    for Legend(_, text) in items {
        widths.push(root.estimate_text_size(text, &style)?.0 as i32);
    }
    let total: i32 = widths.iter().map(|w| SWATCH + GAP + w).sum::<i32>() + SPACING * (items.len() as i32 - 1);
    let (w, _) = root.dim_in_pixel();
    let mut x = ((w as i32 - total) / 2).max(8);
    let cy = top + 14;
    for (Legend(swatch, text), tw) in items.iter().zip(widths) {
        let (x0, x1) = (x, x + SWATCH);
        match swatch {
            Swatch::Bar(c) => root.draw(&Rectangle::new([(x0 + 4, cy - 11), (x1 - 4, cy + 11)], c.filled()))?,
            Swatch::Line(c) => root.draw(&PathElement::new(vec![(x0, cy), (x1, cy)], stroke(*c, 4)))?,
            Swatch::LineMarker(c) => {
                root.draw(&PathElement::new(vec![(x0, cy), (x1, cy)], stroke(*c, 4)))?;
                root.draw(&Circle::new(((x0 + x1) / 2, cy), 7, c.filled()))?;
            }
            Swatch::Dashed(c) => {
                for i in 0..3 {
                    let s = x0 + i * 15;
                    root.draw(&PathElement::new(vec![(s, cy), (s + 10, cy)], stroke(*c, 3)))?;
                }
            }
            Swatch::Marker(c) => root.draw(&Circle::new(((x0 + x1) / 2, cy), 11, c.filled()))?,
        }
        root.draw_text(text, &style, (x1 + GAP, cy))?;
        x = x1 + GAP + tw + SPACING;
    }
    Ok(())
}

/// The y axis: 0 to `top` with tick marks every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ticks {
    pub(super) top: f64,
    pub(super) step: f64,
    /// Labels stop here (a percent axis ends at 100 % but leaves room above).
    pub(super) last: f64,
}

impl Ticks {
    /// An axis for counts up to `max`, with whole-number steps and room
    /// above the highest bar for its value label.
    pub(super) fn counts(max: f64) -> Ticks {
        if !max.is_finite() || max <= 0.0 {
            return Ticks { top: 5.0, step: 1.0, last: 5.0 };
        }
        let step = nice_step(max / 6.0).max(1.0);
        let top = ((max * 1.12) / step).ceil() * step;
        Ticks { top, step, last: top }
    }

    /// An axis for rates up to `max` that may be below one (a u-chart's
    /// complaints per 1,000 units): steps of any nice size.
    pub(super) fn rates(max: f64) -> Ticks {
        if !max.is_finite() || max <= 0.0 {
            return Ticks { top: 1.0, step: 0.2, last: 1.0 };
        }
        let step = nice_step(max / 6.0);
        let top = ((max * 1.12) / step).ceil() * step;
        Ticks { top, step, last: top }
    }

    /// A percent axis for values up to `max` (in percent); at most 0–100 %.
    pub(super) fn percent(max: f64) -> Ticks {
        let max = if max > 0.0 { max } else { 10.0 };
        if max * 1.15 >= 100.0 {
            return Ticks { top: 108.0, step: 10.0, last: 100.0 };
        }
        let step = nice_step(max / 6.0);
        let top = ((max * 1.15) / step).ceil() * step;
        Ticks { top, step, last: top }
    }

    pub(super) fn points(&self) -> Vec<f64> {
        let n = (self.last / self.step + 1e-9).floor() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    pub(super) fn label(&self, v: f64) -> String {
        if self.step.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
pub(super) fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let k = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * mag
}

/// A linear f64 axis whose tick marks (and grid lines) are exactly `keys`.
/// (plotters' `WithKeyPoints` over f64 does not take a label formatter.)
#[derive(Debug, Clone)]
pub(super) struct Axis {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) keys: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if !span.is_finite() || span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let at = (limit.1 - limit.0) as f64 * (v - self.lo) / span;
        limit.0 + at.round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

pub(super) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// A Pareto's plot: the values on the left, the cumulative share (0–100 %)
/// on the right.
pub(super) type ParetoPlot<'a, DB> =
    plotters::chart::DualCoordChartContext<'a, DB, Cartesian2d<Axis, Axis>, Cartesian2d<Axis, Axis>>;

/// The share axis on the right of a Pareto, in percent.
pub(super) fn draw_share_axis<DB: DrawingBackend>(chart: &mut ParetoPlot<DB>) -> DrawResult<(), DB> {
    let pct = |v: &f64| format!("{v:.0}%");
    chart
        .configure_secondary_axes()
        .axis_style(stroke(AXIS, 2))
        .label_style(font(LABEL_PX))
        .set_all_tick_mark_size(6)
        .y_label_formatter(&pct)
        .draw()?;
    Ok(())
}

/// A Pareto's 80 % line and its cumulative share (fractions, one per bar)
/// as a line with markers, on the share axis.
pub(super) fn cumulative_share<DB: DrawingBackend>(chart: &mut ParetoPlot<DB>, shares: &[f64]) -> DrawResult<(), DB> {
    let n = shares.len();
    if n == 0 {
        return Ok(());
    }
    let cum: Vec<(f64, f64)> = shares.iter().enumerate().map(|(i, s)| (i as f64, s * 100.0)).collect();
    chart.draw_secondary_series(DashedLineSeries::new(
        [(x_span(n).0, 80.0), (x_span(n).1, 80.0)],
        14,
        9,
        stroke(ALERT, 3),
    ))?;
    chart.draw_secondary_series(LineSeries::new(cum.iter().copied(), stroke(ACCENT, 4)))?;
    chart.draw_secondary_series(cum.iter().map(|p| Circle::new(*p, 7, ACCENT.filled())))?;
    Ok(())
}

/// Fewer categories than this are drawn as narrow as this many would be,
/// centred (one month is not one plot-wide bar).
pub(super) const MIN_SLOTS: usize = 6;

/// The x range for categories 0..n: slots of width 1 centred on the
/// integers, padded on both sides up to [`MIN_SLOTS`] slots.
pub(super) fn x_span(n: usize) -> (f64, f64) {
    let n = n.max(1);
    let pad = MIN_SLOTS.saturating_sub(n) as f64 / 2.0;
    (-0.5 - pad, n as f64 - 0.5 + pad)
}

/// The category axis; no tick labels from plotters (drawn by [`x_labels`]).
pub(super) fn x_axis(n: usize) -> Axis {
    let (lo, hi) = x_span(n);
    Axis { lo, hi, keys: Vec::new() }
}

pub(super) fn y_axis(t: &Ticks) -> Axis {
    Axis { lo: 0.0, hi: t.top, keys: t.points() }
}

pub(super) fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    n: usize,
    ticks: &Ticks,
    two_rows: bool,
    right_axis: bool,
) -> DrawResult<Plot<'a, DB>, DB> {
    plot_on(area, n, y_axis(ticks), two_rows, right_axis)
}

/// [`plot`] over any y axis (one that goes below zero).
pub(super) fn plot_on<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    n: usize,
    y: Axis,
    two_rows: bool,
    right_axis: bool,
) -> DrawResult<Plot<'a, DB>, DB> {
    ChartBuilder::on(area)
        .x_label_area_size(if two_rows { X_AREA_TWO_ROWS } else { X_AREA })
        .y_label_area_size(Y_AREA)
        .right_y_label_area_size(if right_axis { Y_AREA } else { 0 })
        .build_cartesian_2d(x_axis(n), y)
}

/// A y axis for values that may be negative (credits): [`Ticks::counts`]
/// above zero, the same steps below it down past the lowest value.
pub(super) fn signed_axis(values: &[f64]) -> (Axis, Ticks) {
    let max = values.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max);
    let min = values.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::min);
    // the step from the larger side, the room above and below as for counts
    let span = Ticks::counts(max.max(-min));
    let step = span.step;
    let top = if max > 0.0 {
        ((max * 1.12) / step).ceil() * step
    } else if min < 0.0 {
        step
    } else {
        span.top
    };
    let lo = if min < 0.0 { -((-min * 1.12) / step).ceil() * step } else { 0.0 };
    let ticks = Ticks { top, step, last: top };
    let below = (-lo / step).round() as usize;
    let mut keys: Vec<f64> = (1..=below).rev().map(|i| -(i as f64) * step).collect();
    keys.extend(ticks.points());
    (Axis { lo, hi: top, keys }, ticks)
}

/// Bars from zero up (or down, for a negative value), coloured per bar.
pub(super) fn signed_bars<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    values: &[(f64, RGBColor)],
    width: f64,
) -> DrawResult<(), DB> {
    let half = width / 2.0;
    chart.draw_series(values.iter().enumerate().filter(|(_, (v, _))| *v != 0.0 && v.is_finite()).map(
        |(i, (v, c))| Rectangle::new([(i as f64 - half, v.max(0.0)), (i as f64 + half, v.min(0.0))], c.filled()),
    ))?;
    Ok(())
}

pub(super) use super::money::MoneyScale;

/// Grid, axes, y tick labels and the y description (the x labels and
/// description are drawn by [`x_labels`]).
pub(super) fn mesh<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
) -> DrawResult<(), DB> {
    chart
        .configure_mesh()
        .bold_line_style(GRID)
        .axis_style(stroke(AXIS, 2))
        .label_style(font(LABEL_PX))
        .axis_desc_style(font(LABEL_PX))
        .set_all_tick_mark_size(6)
        .y_desc(y_desc)
        .y_label_formatter(y_fmt)
        .draw()
}

/// How category labels that do not fit their slot are handled.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// Leave labels out (keeping the last one) so that none overlap (months, days).
    Thin,
    /// Two staggered rows, then shortening with `…` (names).
    Stagger,
}

/// Whether labels, one per slot of a plot `width` pixels wide, are too wide
/// for one row.
pub(super) fn too_wide<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[(usize, String)],
    width: i32,
) -> DrawResult<bool, DB> {
    let style = font(LABEL_PX);
    let slot = width / labels.len().max(MIN_SLOTS) as i32 - 2;
    let mut widths = Vec::with_capacity(labels.len());
    for (_, text) in labels {
        widths.push(root.estimate_text_size(text, &style)?.0 as i32);
    }
    Ok(widths.windows(2).any(|w| (w[0] + w[1]) / 2 + 14 > slot))
}

/// Tick labels under the slots (`(slot index, text)`), then the x axis
/// description under them.
pub(super) fn x_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    n: usize,
    labels: &[(usize, String)],
    fit: Fit,
    desc: &str,
) -> DrawResult<(), DB> {
    const GAP: i32 = 14;
    let style = anchored(font(LABEL_PX), HPos::Center, VPos::Top);
    let (lo, hi) = x_span(n);
    // the bottom of the plot: 0, or the lowest value of an axis that goes
    // below zero (the labels stay under the plot, not at its zero line)
    let floor = chart.as_coord_spec().y_spec().lo.min(0.0);
    let (left, bottom) = chart.backend_coord(&(lo, floor));
    let (right, _) = chart.backend_coord(&(hi, floor));
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let mut placed: Vec<(i32, i32, String)> = Vec::new(); // (x, width, text)
    for (i, text) in labels {
        let w = root.estimate_text_size(text, &style)?.0 as i32;
        placed.push((chart.backend_coord(&(*i as f64, 0.0)).0, w, text.clone()));
    }
    let overlaps = placed.windows(2).any(|p| p[0].0 + p[0].1 / 2 + GAP > p[1].0 - p[1].1 / 2);
    let mut rows = 1;
    if overlaps && fit == Fit::Thin {
        // Keep the last label, then every label clear of the one kept after it.
        let mut kept: Vec<(i32, i32, String)> = Vec::new();
        for p in placed.into_iter().rev() {
            if kept.last().is_none_or(|k| p.0 + p.1 / 2 + GAP <= k.0 - k.1 / 2) {
                kept.push(p);
            }
        }
        kept.reverse();
        placed = kept;
    } else if overlaps {
        rows = 2;
        // Each label may use the room up to its neighbours in the same row.
        for k in 0..placed.len() {
            // At the ends, as if there were further slots.
            let prev = if k >= 2 { placed[k - 2].0 } else { placed[k].0 - 2 * slot };
            let next = if k + 2 < placed.len() { placed[k + 2].0 } else { placed[k].0 + 2 * slot };
            let room = ((placed[k].0 - prev).min(next - placed[k].0) - GAP).max(20);
            if placed[k].1 > room {
                placed[k].2 = shorten_words(root, &placed[k].2, &style, room as f64)?;
            }
        }
    }
    for (k, (x, _, text)) in placed.iter().enumerate() {
        root.draw_text(text, &style, (*x, bottom + 12 + (k % rows) as i32 * 32))?;
    }
    let desc_y = bottom + 12 + rows as i32 * 32 + 8;
    root.draw_text(desc, &style, ((left + right) / 2, desc_y))
}

/// The description of the secondary (right) y axis, reading downwards.
pub(super) fn right_desc<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    text: &str,
) -> DrawResult<(), DB> {
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let style = anchored(font(LABEL_PX), HPos::Center, VPos::Center).transform(FontTransform::Rotate90);
    root.draw_text(text, &style, (x_range.end + Y_AREA as i32 - 24, (y_range.start + y_range.end) / 2))
}

/// `text`, cut and ended with `…` so that it is at most `room` pixels wide.
pub(super) fn shorten<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    room: f64,
) -> DrawResult<String, DB> {
    let fits = |t: &str| Ok(root.estimate_text_size(t, style)?.0 as f64 <= room);
    if fits(text)? {
        return Ok(text.to_string());
    }
    label_fit::cut_with(text, fits)
}

/// A category name shortened at a word boundary with `…` to at most `room`
/// pixels ([`label_fit::shorten_with`]; a first word wider than that is
/// kept whole).
pub(super) fn shorten_words<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    room: f64,
) -> DrawResult<String, DB> {
    label_fit::shorten_with(text, |t| Ok(root.estimate_text_size(t, style)?.0 as f64 <= room))
}

/// A chart that cannot be drawn: its title and, in a box in the middle,
/// why (closure not recorded …) and what would make it.
pub(super) fn notice<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    lines: &[&str],
) -> DrawResult<(), DB> {
    let area = frame(root, title, None, &[])?;
    let (w, h) = area.dim_in_pixel();
    let style = anchored(tinted(LABEL_PX + 4.0, MUTED), HPos::Center, VPos::Center);
    let room = w as f64 - 120.0;
    let line_h = (LABEL_PX * 2.2) as i32;
    let top = h as i32 / 2 - line_h * (lines.len() as i32 - 1) / 2;
    for (i, line) in lines.iter().enumerate() {
        area.draw_text(&shorten(&area, line, &style, room)?, &style, (w as i32 / 2, top + line_h * i as i32))?;
    }
    Ok(())
}

/// A message in a box in the plot, for charts without (some) data.
pub(super) fn note<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    text: &str,
    top: bool,
) -> DrawResult<(), DB> {
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let x = (x_range.start + x_range.end) / 2;
    let y = if top { y_range.start + 44 } else { (y_range.start + y_range.end) / 2 };
    let style = anchored(tinted(LABEL_PX + 2.0, MUTED), HPos::Center, VPos::Center);
    let text = shorten(root, text, &style, (x_range.end - x_range.start - 80) as f64)?;
    let (w, h) = root.estimate_text_size(&text, &style)?;
    let (w, h) = (w as i32 / 2 + 24, h as i32 / 2 + 16);
    root.draw(&Rectangle::new([(x - w, y - h), (x + w, y + h)], WHITE.filled()))?;
    root.draw(&Rectangle::new([(x - w, y - h), (x + w, y + h)], stroke(GRID, 2)))?;
    root.draw_text(&text, &style, (x, y))
}

/// A value label with its bottom centre (`below`: top centre) at `at`
/// (pixels), on a white box so that lines under it do not make it
/// unreadable.
pub(super) fn tag<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    text: &str,
    style: &TextStyle,
    below: bool,
) -> DrawResult<(), DB> {
    let (w, h) = root.estimate_text_size(text, style)?;
    let (w, h) = (w as i32, h as i32);
    let (x0, x1) = match style.pos.h_pos {
        HPos::Left => (at.0, at.0 + w),
        HPos::Center => (at.0 - w / 2, at.0 + w - w / 2),
        HPos::Right => (at.0 - w, at.0),
    };
    let (y0, y1) = tag_rows(at.1, h, below);
    let v = if below { VPos::Top } else { VPos::Bottom };
    root.draw(&Rectangle::new([(x0 - 4, y0), (x1 + 4, y1)], WHITE.mix(0.85).filled()))?;
    root.draw_text(text, &style.pos(Pos::new(style.pos.h_pos, v)), at)
}

/// The pixel rows a [`tag`] `h` high anchored at row `y` covers, its box
/// included. Measured: the ink lies in about (y - h - 3, y - 3) for a
/// bottom anchor at y and (y - 3, y + h - 4) for a top anchor.
fn tag_rows(y: i32, h: i32, below: bool) -> (i32, i32) {
    if below {
        (y - 5, y + h - 2)
    } else {
        (y - h - 4, y - 1)
    }
}

/// The pixel rows of horizontal lines at values `ys` of a plot (what
/// [`value_tags`] keeps its labels off).
pub(super) fn rows_px<DB: DrawingBackend>(chart: &Plot<DB>, ys: &[f64]) -> Vec<i32> {
    ys.iter().map(|y| chart.backend_coord(&(0.0, *y)).1).collect()
}

/// Value labels `dy` pixels above points (below them at a local minimum of
/// a line, when `lines`), thinned when they would not fit side by side. A
/// label that a horizontal reference line (`avoid`: its pixel rows) would
/// run through stands on the other side of its point — under a bar's top,
/// inside it — when it is clear there.
pub(super) fn value_tags<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    points: &[(f64, f64, String)],
    dy: i32,
    lines: bool,
    avoid: &[i32],
) -> DrawResult<(), DB> {
    let style = anchored(font(VALUE_PX), HPos::Center, VPos::Bottom);
    let value_at = |x: f64| points.iter().find(|p| p.0 == x).map(|p| p.1);
    let mut at = Vec::with_capacity(points.len());
    for (x, y, text) in points {
        let (px, py) = chart.backend_coord(&(*x, *y));
        let (prev, next) = (value_at(x - 1.0), value_at(x + 1.0));
        let mut below =
            lines && (prev.is_some() || next.is_some()) && prev.is_none_or(|p| p > *y) && next.is_none_or(|n| n > *y);
        let (w, h) = root.estimate_text_size(text, &style)?;
        let crossed = |below: bool| {
            let (y0, y1) = tag_rows(if below { py + dy } else { py - dy }, h as i32, below);
            avoid.iter().any(|r| (y0 - 2..=y1 + 2).contains(r))
        };
        if crossed(below) && !crossed(!below) {
            below = !below;
        }
        let y = if below { py + dy } else { py - dy };
        at.push((px, y, w as i32, text, below));
    }
    // Too crowded to read all: every k-th, the last and the largest
    // (label_fit::thin_labels), the labels as far apart as the points are
    // on average (a point per slot, a few left out)
    let crowded = at.windows(2).any(|p| p[0].0 + p[0].2 / 2 + 6 > p[1].0 - p[1].2 / 2);
    let kept = match (at.first(), at.last()) {
        (Some(first), Some(last)) if crowded && at.len() > 1 => {
            let spacing = f64::from(last.0 - first.0) / (at.len() - 1) as f64;
            let widest = at.iter().map(|a| a.2).max().unwrap_or(0);
            let values: Vec<f64> = points.iter().map(|p| p.1).collect();
            label_fit::thin_labels(&values, f64::from(widest + 12), spacing)
        }
        _ => vec![true; at.len()],
    };
    for ((x, y, _, text, below), keep) in at.into_iter().zip(kept) {
        if keep {
            tag(root, (x, y), text, &style, below)?;
        }
    }
    Ok(())
}

/// Bars of `width` (a fraction of the slot), coloured per bar.
pub(super) fn bars<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    values: &[(f64, RGBColor)],
    width: f64,
) -> DrawResult<(), DB> {
    let half = width / 2.0;
    chart.draw_series(
        values
            .iter()
            .enumerate()
            .filter(|(_, (v, _))| *v > 0.0)
            .map(|(i, (v, c))| Rectangle::new([(i as f64 - half, 0.0), (i as f64 + half, *v)], c.filled())),
    )?;
    Ok(())
}

/// Count labels above bars (zeros too when `zeros`), off the reference
/// lines at pixel rows `avoid` ([`value_tags`]).
pub(super) fn bar_tags<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    values: &[f64],
    zeros: bool,
    avoid: &[i32],
) -> DrawResult<(), DB> {
    let points: Vec<(f64, f64, String)> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| zeros || **v > 0.0)
        .map(|(i, v)| (i as f64, *v, format!("{v:.0}")))
        .collect();
    value_tags(root, chart, &points, 6, false, avoid)
}

/// Runs of consecutive known values as line segments (a missing value
/// breaks the line; it is never drawn as 0).
pub(super) fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => current.push((i as f64, *v)),
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A line with round markers over the known values.
pub(super) fn line_with_markers<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    values: &[Option<f64>],
    colour: RGBColor,
    marker: u32,
) -> DrawResult<(), DB> {
    for run in runs(values) {
        chart.draw_series(LineSeries::new(run.iter().copied(), stroke(colour, 4)))?;
        if marker > 0 {
            chart.draw_series(run.iter().map(|p| Circle::new(*p, marker, colour.filled())))?;
        }
    }
    Ok(())
}

/// A horizontal line across the plot at `y`.
pub(super) fn hline<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    n: usize,
    y: f64,
    colour: RGBColor,
    dashed: bool,
) -> DrawResult<(), DB> {
    let (lo, hi) = x_span(n);
    let ends = [(lo, y), (hi, y)];
    if dashed {
        chart.draw_series(DashedLineSeries::new(ends, 14, 9, stroke(colour, 3)))?;
    } else {
        chart.draw_series(LineSeries::new(ends, stroke(colour, 3)))?;
    }
    Ok(())
}

pub(super) fn month_labels(d: &Data) -> Vec<(usize, String)> {
    d.months.iter().cloned().enumerate().collect()
}

pub(super) fn count_label(v: &f64) -> String {
    format!("{v:.0}")
}

/// Percent values (`Some(87.5)`) as tags `88%`.
pub(super) fn percent_tags(values: &[Option<f64>]) -> Vec<(f64, f64, String)> {
    values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v, format!("{v:.0}%")))).collect()
}
