//! Chart images for the management review: seven charts, each written as
//! PNG (1600×900, drawn into an in-memory RGB buffer and encoded here) and
//! as SVG, under `charts/` in the output folder.
//!
//! Every chart is drawn once, by a function generic over plotters'
//! [`DrawingBackend`], called for both backends. Text uses the bundled
//! NanumGothic font (the machine may have no Korean font at all), registered
//! with plotters under a CSS family list so that the SVG's `font-family`
//! falls back to the viewer's Korean fonts.

use super::labels::Labels;
use super::{Files, ReportContext, Writer};
use crate::metrics::months::Month;
use crate::metrics::pareto::ParetoRow;
use crate::metrics::Report;
use anyhow::anyhow;
use image::ImageEncoder as _;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// Image size in pixels (PNG and SVG).
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 900;

/// The family the bundled font is registered under; written as is into the
/// SVG `font-family` attribute, so it lists fallbacks for SVG viewers.
pub const FONT_FAMILY: &str = "NanumGothic, 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', sans-serif";

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NanumGothicBold.ttf");

/// The Pareto chart shows at most this many bars; the rest become one bar.
const MAX_PARETO_BARS: usize = 12;

// Font sizes (pixels at 1600 px width).
const TITLE_PX: f64 = 40.0;
const LABEL_PX: f64 = 24.0;
const VALUE_PX: f64 = 20.0;

// Colours.
const INK: RGBColor = RGBColor(33, 33, 33);
const MUTED: RGBColor = RGBColor(90, 90, 90);
const AXIS: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(225, 225, 225);
const MAIN: RGBColor = RGBColor(46, 117, 182);
const LIGHT: RGBColor = RGBColor(160, 196, 228);
const ACCENT: RGBColor = RGBColor(237, 125, 49);
const WARN: RGBColor = RGBColor(222, 110, 60);
const GOOD: RGBColor = RGBColor(56, 142, 60);
const ALERT: RGBColor = RGBColor(200, 30, 30);

/// Height of the label area under the x axis: tick labels in one row (or
/// two, staggered) and the axis description.
const X_AREA: u32 = 88;
const X_AREA_TWO_ROWS: u32 = 120;
/// Width of the label areas left and right of the plot.
const Y_AREA: u32 = 120;

/// Writes `charts/*.png` and `charts/*.svg`.
pub struct Charts;

impl Writer for Charts {
    fn write(&self, ctx: &ReportContext, out: &mut Files) -> anyhow::Result<()> {
        register_fonts()?;
        let data = Data::new(ctx.report, ctx.labels);
        for kind in Kind::ALL {
            let png = render_png(kind, &data)?;
            out.write_bytes(&format!("charts/{}.png", kind.name()), &png)?;
            let svg = render_svg(kind, &data)?;
            out.write_bytes(&format!("charts/{}.svg", kind.name()), svg.as_bytes())?;
        }
        Ok(())
    }
}

/// Registers the bundled fonts with plotters, once per process.
fn register_fonts() -> anyhow::Result<()> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for (style, bytes, file) in
            [(FontStyle::Normal, REGULAR, "NanumGothic.ttf"), (FontStyle::Bold, BOLD, "NanumGothicBold.ttf")]
        {
            plotters::style::register_font(FONT_FAMILY, style, bytes)
                .map_err(|_| format!("the bundled chart font {file} could not be loaded"))?;
        }
        Ok(())
    })
    .clone()
    .map_err(anyhow::Error::msg)
}

fn render_png(kind: Kind, data: &Data) -> anyhow::Result<Vec<u8>> {
    let mut rgb = vec![255u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
        kind.draw(&root, data).map_err(|e| anyhow!("cannot draw the chart '{}': {e}", kind.name()))?;
        root.present().map_err(|e| anyhow!("cannot draw the chart '{}': {e}", kind.name()))?;
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&rgb, WIDTH, HEIGHT, image::ColorType::Rgb8)
        .map_err(|e| anyhow!("cannot encode the chart '{}' as PNG: {e}", kind.name()))?;
    Ok(png)
}

fn render_svg(kind: Kind, data: &Data) -> anyhow::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        kind.draw(&root, data).map_err(|e| anyhow!("cannot draw the chart '{}' as SVG: {e}", kind.name()))?;
        root.present().map_err(|e| anyhow!("cannot draw the chart '{}' as SVG: {e}", kind.name()))?;
    }
    // The backend escapes < & " but passes control characters, which XML
    // forbids: a defect type holding one would make the file unreadable.
    // They can only stand in text, so the whole document is cleaned.
    Ok(super::text::for_xml(&svg).into_owned())
}

/// The charts, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Trend,
    Pareto,
    OnTimeRate,
    TtrHistogram,
    Aging,
    ControlChart,
    Recurrence,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Trend,
        Kind::Pareto,
        Kind::OnTimeRate,
        Kind::TtrHistogram,
        Kind::Aging,
        Kind::ControlChart,
        Kind::Recurrence,
    ];

    /// File name without extension.
    fn name(self) -> &'static str {
        match self {
            Kind::Trend => "trend",
            Kind::Pareto => "pareto",
            Kind::OnTimeRate => "on_time_rate",
            Kind::TtrHistogram => "ttr_histogram",
            Kind::Aging => "aging",
            Kind::ControlChart => "control_chart",
            Kind::Recurrence => "recurrence",
        }
    }

    fn draw<DB: DrawingBackend>(self, root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
        match self {
            Kind::Trend => trend(root, d),
            Kind::Pareto => pareto(root, d),
            Kind::OnTimeRate => on_time_rate(root, d),
            Kind::TtrHistogram => ttr_histogram(root, d),
            Kind::Aging => aging(root, d),
            Kind::ControlChart => control_chart(root, d),
            Kind::Recurrence => recurrence(root, d),
        }
    }
}

/// What the charts draw from, with the strings every chart needs.
struct Data<'a> {
    r: &'a Report,
    l: &'a Labels,
    /// Trend-window months as `YYYY-MM`.
    months: Vec<String>,
    /// The trend window for titles: `2024-11 ~ 2025-10` / `2024-11 – 2025-10`.
    span: String,
}

impl<'a> Data<'a> {
    fn new(r: &'a Report, l: &'a Labels) -> Data<'a> {
        let months: Vec<String> = r.trend.iter().map(|m| m.month.to_string()).collect();
        let first = r.trend.first().map_or(r.period, |m| m.month);
        let last = r.trend.last().map_or(r.period, |m| m.month);
        let span = month_span(first, last, l.korean);
        Data { r, l, months, span }
    }

    /// Korean or English text.
    fn tr<'s>(&self, ko: &'s str, en: &'s str) -> &'s str {
        if self.l.korean {
            ko
        } else {
            en
        }
    }

    /// `10일` / `10 days` (business days with `--business-days`).
    fn days(&self, n: u32) -> String {
        match (self.l.korean, self.r.params.business_days, n) {
            (true, false, _) => format!("{n}일"),
            (true, true, _) => format!("{n}영업일"),
            (false, false, 1) => "1 day".to_string(),
            (false, false, _) => format!("{n} days"),
            (false, true, 1) => "1 business day".to_string(),
            (false, true, _) => format!("{n} business days"),
        }
    }
}

fn month_span(first: Month, last: Month, korean: bool) -> String {
    if first == last {
        first.to_string()
    } else if korean {
        format!("{first} ~ {last}")
    } else {
        format!("{first} – {last}")
    }
}

/// `90%`, `92.5%`.
fn percent(x: f64) -> String {
    let p = (x * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

// ---------------------------------------------------------------------------
// Layout helpers

fn font(size: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal).color(&INK)
}

fn bold(size: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Bold).color(&INK)
}

fn tinted(size: f64, colour: RGBColor) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal).color(&colour)
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

fn stroke(colour: RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width }
}

/// One legend entry: what its swatch looks like and its text.
enum Swatch {
    Bar(RGBColor),
    Line(RGBColor),
    LineMarker(RGBColor),
    Dashed(RGBColor),
    Marker(RGBColor),
}

struct Legend(Swatch, String);

/// White background, title, optional subtitle and a one-row legend; returns
/// the area left for the chart.
fn frame<DB: DrawingBackend>(
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
fn draw_legend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, items: &[Legend], top: i32) -> DrawResult<(), DB> {
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
struct Ticks {
    top: f64,
    step: f64,
    /// Labels stop here (a percent axis ends at 100 % but leaves room above).
    last: f64,
}

impl Ticks {
    /// An axis for counts up to `max`, with whole-number steps and room
    /// above the highest bar for its value label.
    fn counts(max: f64) -> Ticks {
        if !max.is_finite() || max <= 0.0 {
            return Ticks { top: 5.0, step: 1.0, last: 5.0 };
        }
        let step = nice_step(max / 6.0).max(1.0);
        let top = ((max * 1.12) / step).ceil() * step;
        Ticks { top, step, last: top }
    }

    /// A percent axis for values up to `max` (in percent); at most 0–100 %.
    fn percent(max: f64) -> Ticks {
        let max = if max > 0.0 { max } else { 10.0 };
        if max * 1.15 >= 100.0 {
            return Ticks { top: 108.0, step: 10.0, last: 100.0 };
        }
        let step = nice_step(max / 6.0);
        let top = ((max * 1.15) / step).ceil() * step;
        Ticks { top, step, last: top }
    }

    fn points(&self) -> Vec<f64> {
        let n = (self.last / self.step + 1e-9).floor() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    fn label(&self, v: f64) -> String {
        if self.step.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
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
struct Axis {
    lo: f64,
    hi: f64,
    keys: Vec<f64>,
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

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Fewer categories than this are drawn as narrow as this many would be,
/// centred (one month is not one plot-wide bar).
const MIN_SLOTS: usize = 6;

/// The x range for categories 0..n: slots of width 1 centred on the
/// integers, padded on both sides up to [`MIN_SLOTS`] slots.
fn x_span(n: usize) -> (f64, f64) {
    let n = n.max(1);
    let pad = MIN_SLOTS.saturating_sub(n) as f64 / 2.0;
    (-0.5 - pad, n as f64 - 0.5 + pad)
}

/// The category axis; no tick labels from plotters (drawn by [`x_labels`]).
fn x_axis(n: usize) -> Axis {
    let (lo, hi) = x_span(n);
    Axis { lo, hi, keys: Vec::new() }
}

fn y_axis(t: &Ticks) -> Axis {
    Axis { lo: 0.0, hi: t.top, keys: t.points() }
}

fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    n: usize,
    ticks: &Ticks,
    two_rows: bool,
    right_axis: bool,
) -> DrawResult<Plot<'a, DB>, DB> {
    ChartBuilder::on(area)
        .x_label_area_size(if two_rows { X_AREA_TWO_ROWS } else { X_AREA })
        .y_label_area_size(Y_AREA)
        .right_y_label_area_size(if right_axis { Y_AREA } else { 0 })
        .build_cartesian_2d(x_axis(n), y_axis(ticks))
}

/// Grid, axes, y tick labels and the y description (the x labels and
/// description are drawn by [`x_labels`]).
fn mesh<DB: DrawingBackend>(chart: &mut Plot<DB>, y_desc: &str, y_fmt: &dyn Fn(&f64) -> String) -> DrawResult<(), DB> {
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
enum Fit {
    /// Leave labels out (keeping the last one) so that none overlap (months, days).
    Thin,
    /// Two staggered rows, then shortening with `…` (names).
    Stagger,
}

/// Whether labels, one per slot of a plot `width` pixels wide, are too wide
/// for one row.
fn too_wide<DB: DrawingBackend>(
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
fn x_labels<DB: DrawingBackend>(
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
    let (left, bottom) = chart.backend_coord(&(lo, 0.0));
    let (right, _) = chart.backend_coord(&(hi, 0.0));
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
                placed[k].2 = shorten(root, &placed[k].2, &style, room as f64)?;
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
fn right_desc<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Plot<DB>, text: &str) -> DrawResult<(), DB> {
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let style = anchored(font(LABEL_PX), HPos::Center, VPos::Center).transform(FontTransform::Rotate90);
    root.draw_text(text, &style, (x_range.end + Y_AREA as i32 - 24, (y_range.start + y_range.end) / 2))
}

/// `text`, cut and ended with `…` so that it is at most `room` pixels wide.
fn shorten<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    room: f64,
) -> DrawResult<String, DB> {
    if root.estimate_text_size(text, style)?.0 as f64 <= room {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let candidate: String = chars[..keep].iter().collect::<String>().trim_end().to_string() + "…";
        if root.estimate_text_size(&candidate, style)?.0 as f64 <= room {
            return Ok(candidate);
        }
    }
    Ok(chars.first().map(|c| format!("{c}…")).unwrap_or_default())
}

/// A message in a box in the plot, for charts without (some) data.
fn note<DB: DrawingBackend>(
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
fn tag<DB: DrawingBackend>(
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
    // Measured: the ink lies in about (y - h - 3, y - 3) for a bottom
    // anchor at y and (y - 3, y + h - 4) for a top anchor.
    let (y0, y1, v) = if below { (at.1 - 5, at.1 + h - 2, VPos::Top) } else { (at.1 - h - 4, at.1 - 1, VPos::Bottom) };
    root.draw(&Rectangle::new([(x0 - 4, y0), (x1 + 4, y1)], WHITE.mix(0.85).filled()))?;
    root.draw_text(text, &style.pos(Pos::new(style.pos.h_pos, v)), at)
}

/// Value labels `dy` pixels above points (below them at a local minimum of
/// a line, when `lines`), left out when they would not fit side by side.
fn value_tags<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    points: &[(f64, f64, String)],
    dy: i32,
    lines: bool,
) -> DrawResult<(), DB> {
    let style = anchored(font(VALUE_PX), HPos::Center, VPos::Bottom);
    let value_at = |x: f64| points.iter().find(|p| p.0 == x).map(|p| p.1);
    let mut at = Vec::with_capacity(points.len());
    for (x, y, text) in points {
        let (px, py) = chart.backend_coord(&(*x, *y));
        let (prev, next) = (value_at(x - 1.0), value_at(x + 1.0));
        let below =
            lines && (prev.is_some() || next.is_some()) && prev.is_none_or(|p| p > *y) && next.is_none_or(|n| n > *y);
        let y = if below { py + dy } else { py - dy };
        at.push((px, y, root.estimate_text_size(text, &style)?.0 as i32, text, below));
    }
    // Too crowded to read: leave them out.
    if at.windows(2).any(|p| p[0].0 + p[0].2 / 2 + 6 > p[1].0 - p[1].2 / 2) {
        return Ok(());
    }
    for (x, y, _, text, below) in at {
        tag(root, (x, y), text, &style, below)?;
    }
    Ok(())
}

/// Bars of `width` (a fraction of the slot), coloured per bar.
fn bars<DB: DrawingBackend>(chart: &mut Plot<DB>, values: &[(f64, RGBColor)], width: f64) -> DrawResult<(), DB> {
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

/// Count labels above bars (zeros too when `zeros`).
fn bar_tags<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    values: &[f64],
    zeros: bool,
) -> DrawResult<(), DB> {
    let points: Vec<(f64, f64, String)> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| zeros || **v > 0.0)
        .map(|(i, v)| (i as f64, *v, format!("{v:.0}")))
        .collect();
    value_tags(root, chart, &points, 6, false)
}

/// Runs of consecutive known values as line segments (a missing value
/// breaks the line; it is never drawn as 0).
fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
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
fn line_with_markers<DB: DrawingBackend>(
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
fn hline<DB: DrawingBackend>(
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

fn month_labels(d: &Data) -> Vec<(usize, String)> {
    d.months.iter().cloned().enumerate().collect()
}

fn count_label(v: &f64) -> String {
    format!("{v:.0}")
}

/// Percent values (`Some(87.5)`) as tags `88%`.
fn percent_tags(values: &[Option<f64>]) -> Vec<(f64, f64, String)> {
    values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v, format!("{v:.0}%")))).collect()
}

// ---------------------------------------------------------------------------
// The charts

/// 1. Complaints received per month with the 3-month rolling mean.
fn trend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let counts: Vec<f64> = t.iter().map(|m| m.received as f64).collect();
    let rolling: Vec<Option<f64>> = t.iter().map(|m| m.rolling3).collect();
    let max = counts.iter().chain(rolling.iter().flatten()).fold(0.0, |a: f64, b| a.max(*b));
    let title = if d.l.korean {
        format!("월별 불만 접수 추이 ({})", d.span)
    } else {
        format!("Complaints received per month ({})", d.span)
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), d.tr("접수 건수", "Complaints received").to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.t("rolling3").to_string()),
    ];
    let area = frame(root, &title, None, &legend)?;
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, t.len(), &ticks, false, false)?;
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> = counts.iter().map(|c| (*c, MAIN)).collect();
    bars(&mut chart, &coloured, 0.62)?;
    line_with_markers(&mut chart, &rolling, ACCENT, 6)?;
    bar_tags(root, &chart, &counts, true)?;
    x_labels(root, &chart, t.len(), &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if counts.iter().all(|c| *c == 0.0) {
        note(
            root,
            &chart,
            d.tr("이 기간에 접수된 불만이 없습니다", "No complaints were received in this period"),
            false,
        )?;
    }
    Ok(())
}

/// The Pareto rows to draw: the first bars as they are, the rest summed
/// into one bar (cumulative share 100 %).
fn pareto_bars(rows: &[ParetoRow], d: &Data) -> Vec<(String, u64, f64, bool)> {
    let named = |r: &ParetoRow| d.l.category(&r.defect_type).to_string();
    if rows.len() <= MAX_PARETO_BARS {
        return rows.iter().map(|r| (named(r), r.count, r.cum_share, r.vital_few)).collect();
    }
    let keep = MAX_PARETO_BARS - 1;
    let mut out: Vec<_> = rows[..keep].iter().map(|r| (named(r), r.count, r.cum_share, r.vital_few)).collect();
    let rest = &rows[keep..];
    let label =
        if d.l.korean { format!("그 밖의 {}개 유형", rest.len()) } else { format!("{} more types", rest.len()) };
    let last_share = rest.last().map_or(1.0, |r| r.cum_share);
    out.push((label, rest.iter().map(|r| r.count).sum(), last_share, rest.iter().any(|r| r.vital_few)));
    out
}

/// 2. The reporting month's Pareto of defect types.
fn pareto<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let rows = pareto_bars(&d.r.pareto_month, d);
    let n = rows.len();
    let total: u64 = rows.iter().map(|r| r.1).sum();
    let vital = rows.iter().filter(|r| r.3).count();
    let vital_share = rows.iter().filter(|r| r.3).map(|r| r.2).fold(0.0, f64::max);
    let period = d.r.period.to_string();
    let title = if d.l.korean {
        format!("불량유형별 파레토 ({period})")
    } else {
        format!("Pareto of defect types ({period})")
    };
    let subtitle = if total == 0 {
        None
    } else if d.l.korean {
        Some(format!("총 {total}건 · 핵심 유형 {vital}개가 {}", percent(vital_share)))
    } else {
        Some(format!(
            "{total} complaints · the {vital} vital few type{} make{} up {}",
            if vital == 1 { "" } else { "s" },
            if vital == 1 { "s" } else { "" },
            percent(vital_share)
        ))
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), d.tr("핵심 유형 (누적 80%까지)", "Vital few (up to 80% cumulative)").to_string()),
        Legend(Swatch::Bar(LIGHT), d.tr("기타 유형", "Other types").to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.t("cum_share").to_string()),
        Legend(Swatch::Dashed(ALERT), "80%".to_string()),
    ];
    let area = frame(root, &title, subtitle.as_deref(), &legend)?;
    let max = rows.iter().map(|r| r.1 as f64).fold(0.0, f64::max);
    let ticks = Ticks::counts(max);
    let share_axis = Axis { lo: 0.0, hi: 100.0, keys: (0..=5).map(|i| i as f64 * 20.0).collect() };
    let labels: Vec<(usize, String)> = rows.iter().enumerate().map(|(i, r)| (i, r.0.clone())).collect();
    let two_rows = too_wide(root, &labels, area.dim_in_pixel().0 as i32 - 2 * Y_AREA as i32)?;
    let mut chart = plot(&area, n, &ticks, two_rows, true)?.set_secondary_coord(x_axis(n), share_axis);
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
    let pct = |v: &f64| format!("{v:.0}%");
    chart
        .configure_secondary_axes()
        .axis_style(stroke(AXIS, 2))
        .label_style(font(LABEL_PX))
        .set_all_tick_mark_size(6)
        .y_label_formatter(&pct)
        .draw()?;
    let coloured: Vec<(f64, RGBColor)> = rows.iter().map(|r| (r.1 as f64, if r.3 { MAIN } else { LIGHT })).collect();
    bars(&mut chart, &coloured, 0.7)?;
    if n > 0 {
        let cum: Vec<(f64, f64)> = rows.iter().enumerate().map(|(i, r)| (i as f64, r.2 * 100.0)).collect();
        chart.draw_secondary_series(DashedLineSeries::new(
            [(x_span(n).0, 80.0), (x_span(n).1, 80.0)],
            14,
            9,
            stroke(ALERT, 3),
        ))?;
        chart.draw_secondary_series(LineSeries::new(cum.iter().copied(), stroke(ACCENT, 4)))?;
        chart.draw_secondary_series(cum.iter().map(|p| Circle::new(*p, 7, ACCENT.filled())))?;
    }
    let counts: Vec<f64> = rows.iter().map(|r| r.1 as f64).collect();
    bar_tags(root, &chart, &counts, false)?;
    right_desc(root, &chart, &format!("{} (%)", d.l.t("cum_share")))?;
    x_labels(root, &chart, n, &labels, Fit::Stagger, d.l.t("defect_type"))?;
    if n == 0 {
        let text = if d.l.korean {
            format!("{period}에 접수된 불만이 없습니다")
        } else {
            format!("No complaints were received in {period}")
        };
        note(root, &chart, &text, false)?;
    }
    Ok(())
}

/// 3. On-time rate per month of receipt against the goal.
fn on_time_rate<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    let rates: Vec<Option<f64>> = t.iter().map(|m| m.on_time_rate.map(|r| r * 100.0)).collect();
    let goal = d.r.params.on_time_goal;
    let goal_text = format!("{} {}", d.tr("목표", "Goal"), percent(goal));
    let title = if d.l.korean {
        format!("월별 기한 내 처리율 ({})", d.span)
    } else {
        format!("On-time resolution rate per month ({})", d.span)
    };
    let target = d.days(d.r.params.target_days);
    let subtitle = if d.l.korean {
        format!("접수월 기준 · 처리 기한 {target} · {} 기준", d.r.as_of)
    } else {
        format!("By month received · resolution target {target} · as of {}", d.r.as_of)
    };
    let legend = [
        Legend(Swatch::LineMarker(MAIN), d.l.t("on_time_rate").to_string()),
        Legend(Swatch::Dashed(GOOD), goal_text.clone()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let ticks = Ticks { top: 108.0, step: 10.0, last: 100.0 };
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, &format!("{} (%)", d.l.t("on_time_rate")), &|v| format!("{v:.0}%"))?;
    let goal_line = (goal.is_finite() && goal > 0.0).then(|| (goal * 100.0).min(100.0));
    if let Some(g) = goal_line {
        hline(&mut chart, n, g, GOOD, true)?;
    }
    line_with_markers(&mut chart, &rates, MAIN, 7)?;
    value_tags(root, &chart, &percent_tags(&rates), 12, true)?;
    if let Some(g) = goal_line {
        let (x, y) = chart.backend_coord(&(x_span(n).1, g));
        tag(root, (x - 4, y - 8), &goal_text, &anchored(tinted(LABEL_PX, GOOD), HPos::Right, VPos::Bottom), false)?;
    }
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if rates.iter().all(Option::is_none) {
        note(root, &chart, d.tr("아직 판정할 수 있는 불만이 없습니다", "No complaint can be judged yet"), false)?;
    }
    Ok(())
}

/// 4. Time-to-resolution histogram with the target line.
fn ttr_histogram<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let h = &d.r.ttr_histogram;
    let n = h.len();
    let target = d.r.params.target_days;
    let target_text = format!("{} {}", d.l.t("target"), d.days(target));
    let closed: u64 = h.iter().map(|(_, c)| c).sum();
    let title = if d.l.korean {
        format!("처리기간 분포 ({} 접수분)", d.span)
    } else {
        format!("Time to resolution (complaints received {})", d.span)
    };
    let subtitle = if d.l.korean {
        format!("처리 완료 {closed}건 · {} 기준", d.r.as_of)
    } else {
        format!("{closed} closed complaints · as of {}", d.r.as_of)
    };
    let (within, late) = if d.l.korean {
        (format!("기한 내 (≤{})", d.days(target)), format!("기한 초과 (>{})", d.days(target)))
    } else {
        (format!("On time (≤ {})", d.days(target)), format!("Late (> {})", d.days(target)))
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), within),
        Legend(Swatch::Bar(WARN), late),
        Legend(Swatch::Dashed(ALERT), target_text.clone()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = h.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
    // One bar per day 0–30, the last one `>30`.
    let coloured: Vec<(f64, RGBColor)> = h
        .iter()
        .map(|(label, c)| {
            let late = label.parse::<u32>().map_or(target < 30, |day| day > target);
            (*c as f64, if late { WARN } else { MAIN })
        })
        .collect();
    bars(&mut chart, &coloured, 0.8)?;
    if n > 0 {
        let x = (target as f64 + 0.5).min(n as f64 - 1.5).max(-0.5);
        chart.draw_series(DashedLineSeries::new([(x, 0.0), (x, ticks.top)], 14, 9, stroke(ALERT, 3)))?;
        let (px, py) = chart.backend_coord(&(x, ticks.top));
        tag(
            root,
            (px + 10, py + 34),
            &target_text,
            &anchored(tinted(LABEL_PX, ALERT), HPos::Left, VPos::Bottom),
            false,
        )?;
    }
    bar_tags(root, &chart, &values, false)?;
    let labels: Vec<(usize, String)> = h
        .iter()
        .enumerate()
        .filter(|(i, (label, _))| i % 5 == 0 || label.parse::<u32>().is_err())
        .map(|(i, (label, _))| (i, label.clone()))
        .collect();
    let x_desc = if d.r.params.business_days {
        d.tr("처리기간 (영업일)", "Time to resolution (business days)")
    } else {
        d.tr("처리기간 (일)", "Time to resolution (days)")
    };
    x_labels(root, &chart, n, &labels, Fit::Thin, x_desc)?;
    if closed == 0 {
        note(root, &chart, d.tr("처리 완료된 불만이 없습니다", "No complaint has been closed"), false)?;
    }
    Ok(())
}

/// Lower bound in days of an aging bucket (`0-5` → 0, `>60` → 61).
fn bucket_start(label: &str) -> u32 {
    if let Some(rest) = label.strip_prefix('>') {
        return rest.parse::<u32>().map_or(u32::MAX, |d| d + 1);
    }
    label.split('-').next().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// 5. Open complaints by age; buckets past the target in a warning colour.
fn aging<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
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

/// What a control-chart signal means, short.
fn signal_text(s: &crate::metrics::control_chart::Signal, d: &Data) -> String {
    let what = match s.direction {
        "above_ucl" => d.tr("관리상한 초과", "above UCL"),
        "below_lcl" => d.tr("관리하한 미만", "below LCL"),
        "above" => d.tr("중심선 위 연속", "run above centre"),
        "below" => d.tr("중심선 아래 연속", "run below centre"),
        "increasing" => d.tr("연속 증가", "run rising"),
        "decreasing" => d.tr("연속 감소", "run falling"),
        other => other,
    };
    match (s.months.first(), s.months.last()) {
        (Some(a), Some(b)) => format!("{what} {}", month_span(*a, *b, d.l.korean)),
        _ => what.to_string(),
    }
}

/// 6. c-chart of monthly counts: centre line, limits, signal months.
fn control_chart<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let cc = &d.r.control_chart;
    let n = t.len();
    let counts: Vec<Option<f64>> = t.iter().map(|m| Some(m.received as f64)).collect();
    let limits = match (cc.status, cc.centre, cc.ucl, cc.lcl) {
        ("ok", Some(c), Some(u), Some(l)) => Some((c, u, l)),
        _ => None,
    };
    let signal: Vec<bool> = t.iter().map(|m| cc.signals.iter().any(|s| s.months.contains(&m.month))).collect();
    let title = if d.l.korean {
        format!("월별 불만 건수 관리도 ({})", d.span)
    } else {
        format!("Control chart of monthly complaints ({})", d.span)
    };
    let nb = cc.baseline_months.len();
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last(), d.l.korean) {
        (Some(a), Some(b), true) => format!("기준 기간 {} ({nb}개월)", month_span(*a, *b, true)),
        (Some(a), Some(b), false) => {
            format!("baseline {} ({nb} month{})", month_span(*a, *b, false), if nb == 1 { "" } else { "s" })
        }
        (_, _, true) => "기준 기간 없음".to_string(),
        (_, _, false) => "no baseline".to_string(),
    };
    let mut subtitle = format!("{} · {baseline}", d.tr("c 관리도", "c-chart"));
    if !cc.signals.is_empty() {
        let signals: Vec<String> = cc.signals.iter().map(|s| signal_text(s, d)).collect();
        subtitle = format!("{subtitle} · {}: {}", d.l.t("signals"), signals.join(", "));
    }
    let mut legend = vec![Legend(Swatch::LineMarker(MAIN), d.tr("접수 건수", "Complaints received").to_string())];
    if let Some((c, u, l)) = limits {
        legend.push(Legend(Swatch::Line(GOOD), format!("{} {c:.1}", d.l.t("centre"))));
        legend.push(Legend(Swatch::Dashed(ALERT), format!("{} {u:.1}", d.l.t("ucl"))));
        legend.push(Legend(Swatch::Dashed(WARN), format!("{} {l:.1}", d.l.t("lcl"))));
    }
    if signal.iter().any(|s| *s) {
        legend.push(Legend(Swatch::Marker(ALERT), d.l.t("signals").to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = counts.iter().flatten().copied().chain(limits.map(|l| l.1)).fold(0.0, f64::max);
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
    if let Some((c, u, l)) = limits {
        hline(&mut chart, n, c, GOOD, false)?;
        hline(&mut chart, n, u, ALERT, true)?;
        hline(&mut chart, n, l, WARN, true)?;
    }
    line_with_markers(&mut chart, &counts, MAIN, 7)?;
    chart.draw_series(
        counts
            .iter()
            .zip(&signal)
            .enumerate()
            .filter(|(_, (_, s))| **s)
            .filter_map(|(i, (v, _))| v.map(|v| Circle::new((i as f64, v), 12, ALERT.filled()))),
    )?;
    let tags: Vec<(f64, f64, String)> =
        counts.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v, format!("{v:.0}")))).collect();
    value_tags(root, &chart, &tags, 16, true)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if limits.is_none() {
        let text = if d.l.korean {
            format!("기준 기간이 6개월 미만({nb}개월)이라 관리한계를 계산하지 않았습니다")
        } else {
            format!("Control limits not computed: fewer than 6 baseline months ({nb})")
        };
        note(root, &chart, &text, true)?;
    }
    Ok(())
}

/// 7. Repeat rate and recurrence-after-closure rate per month.
fn recurrence<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    let repeat: Vec<Option<f64>> = t.iter().map(|m| m.repeat_rate.map(|r| r * 100.0)).collect();
    let after: Vec<Option<f64>> = t.iter().map(|m| m.recurrence_after_closure_rate.map(|r| r * 100.0)).collect();
    let title = if d.l.korean {
        format!("월별 반복 불만 비율 ({})", d.span)
    } else {
        format!("Repeat complaint rates per month ({})", d.span)
    };
    let key: Vec<&str> = d.r.params.recurrence_key.iter().map(|f| d.l.t(f.name())).collect();
    let window = d.days(d.r.params.recurrence_window);
    let subtitle = if d.l.korean {
        format!(
            "반복: 같은 {} 불만이 {window} 이내 재접수 · 종결 후 재발: 앞선 불만 종결 후 {window} 이내",
            key.join("·")
        )
    } else {
        format!(
            "Repeat: same {} within {window} · after closure: within {window} of the earlier one's closure",
            key.join(" + ").to_lowercase()
        )
    };
    let legend = [
        Legend(Swatch::LineMarker(MAIN), d.l.t("repeat_rate").to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.t("recurrence_after_closure_rate").to_string()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = repeat.iter().chain(&after).flatten().copied().fold(0.0, f64::max);
    let ticks = Ticks::percent(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    let fmt = |v: &f64| format!("{}%", ticks.label(*v));
    mesh(&mut chart, d.tr("불만 중 비율 (%)", "Share of complaints (%)"), &fmt)?;
    line_with_markers(&mut chart, &repeat, MAIN, 7)?;
    line_with_markers(&mut chart, &after, ACCENT, 7)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if repeat.iter().chain(&after).all(Option::is_none) {
        note(
            root,
            &chart,
            d.tr("이 기간에 접수된 불만이 없습니다", "No complaints were received in this period"),
            false,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write_all;
    use std::path::{Path, PathBuf};

    fn sample_report() -> (crate::ingest::Ingested, Report) {
        let ingested = crate::ingest::ingest(&[PathBuf::from("data/sample")], &Default::default(), |_| {})
            .unwrap_or_else(|e| panic!("sample data: {e:#}"));
        let report = crate::metrics::compute(&ingested, &crate::metrics::Params::default())
            .unwrap_or_else(|e| panic!("metrics: {e:#}"));
        (ingested, report)
    }

    /// Where to write: a temporary folder, or `$CHARTS_KEEP_DIR/<name>` to look at the images.
    fn out_dir(name: &str) -> (Option<tempfile::TempDir>, PathBuf) {
        match std::env::var_os("CHARTS_KEEP_DIR") {
            Some(dir) => (None, PathBuf::from(dir).join(name)),
            None => {
                let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
                let path = tmp.path().to_path_buf();
                (Some(tmp), path)
            }
        }
    }

    fn png_size(path: &Path) -> (u32, u32) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
        assert_eq!(&bytes[12..16], b"IHDR");
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&bytes[16..20]), be(&bytes[20..24]))
    }

    fn write_charts(report: &Report, ingested: &crate::ingest::Ingested, korean: bool, name: &str) -> PathBuf {
        let labels = Labels { korean };
        let ctx = ReportContext { report, ingested, labels: &labels };
        let (_keep, dir) = out_dir(name);
        let started = std::time::Instant::now();
        let files = write_all(&ctx, &dir, &[&Charts]).unwrap_or_else(|e| panic!("charts: {e:#}"));
        eprintln!("{name}: {} files in {:.2?}", files.len(), started.elapsed());
        assert_eq!(files.len(), 14);
        for kind in Kind::ALL {
            let png = dir.join(format!("charts/{}.png", kind.name()));
            let (w, h) = png_size(&png);
            assert!(w >= 1600 && h >= 900, "{}: {w}×{h}", png.display());
            let svg = std::fs::read_to_string(dir.join(format!("charts/{}.svg", kind.name())))
                .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
            assert!(svg.starts_with("<svg"), "{}", kind.name());
            assert!(svg.contains("font-family=\"NanumGothic, &apos;Malgun Gothic&apos;"), "{}", kind.name());
            let hangul = svg.chars().any(|c| ('가'..='힣').contains(&c));
            // English charts may still show Korean category names (Pareto).
            if korean || kind != Kind::Pareto {
                assert_eq!(hangul, korean, "{}: Hangul text in the SVG", kind.name());
            }
        }
        // The staging folder leaves no temporary files behind.
        let leftovers = std::fs::read_dir(dir.join("charts"))
            .map(|it| it.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).count())
            .unwrap_or(0);
        assert_eq!(leftovers, 0);
        dir
    }

    #[test]
    fn sample_charts_in_korean_and_english() {
        let (ingested, report) = sample_report();
        write_charts(&report, &ingested, true, "ko");
        write_charts(&report, &ingested, false, "en");
    }

    #[test]
    fn degenerate_reports_draw_without_panicking() {
        use crate::metrics::resolution::Aging;
        let (ingested, mut report) = sample_report();
        // No complaints in the window: zero counts, every rate null.
        for m in &mut report.trend {
            m.received = 0;
            m.rolling3 = None;
            m.on_time_rate = None;
            m.repeat_rate = None;
            m.recurrence_after_closure_rate = None;
        }
        report.pareto_month.clear();
        report.pareto_window.clear();
        report.aging = Aging::default();
        report.overdue.clear();
        for (_, c) in &mut report.ttr_histogram {
            *c = 0;
        }
        report.control_chart.status = "insufficient_history";
        report.control_chart.centre = None;
        report.control_chart.ucl = None;
        report.control_chart.lcl = None;
        report.control_chart.baseline_months.clear();
        report.control_chart.signals.clear();
        write_charts(&report, &ingested, true, "empty-ko");
        write_charts(&report, &ingested, false, "empty-en");
        // A single month, no histogram at all.
        report.trend.truncate(1);
        report.trend[0].received = 3;
        report.trend[0].on_time_rate = Some(1.0);
        report.ttr_histogram.clear();
        write_charts(&report, &ingested, true, "single-ko");
    }

    #[test]
    fn crowded_charts_thin_and_shorten_labels() {
        let (ingested, _) = sample_report();
        let params = crate::metrics::Params { months: 36, ..Default::default() };
        let mut report = crate::metrics::compute(&ingested, &params).unwrap_or_else(|e| panic!("metrics: {e:#}"));
        let mut types: Vec<(String, u64)> =
            (0..20).map(|i| (format!("포장 파손 및 내용물 누락 유형 {i:02} (운송 중 발생)"), 40 - i as u64)).collect();
        types[3].0 = crate::metrics::trend::BLANK.to_string();
        types[4].0 = crate::metrics::trend::OTHER.to_string();
        types[5].0 = "Wrong label printed on the outer carton".to_string();
        report.pareto_month = crate::metrics::pareto::pareto_rows(&types);
        write_charts(&report, &ingested, true, "crowded-ko");
        write_charts(&report, &ingested, false, "crowded-en");
    }

    #[test]
    fn axis_ticks() {
        assert_eq!(Ticks::counts(0.0), Ticks { top: 5.0, step: 1.0, last: 5.0 });
        let t = Ticks::counts(37.0);
        assert_eq!((t.step, t.top), (10.0, 50.0));
        assert_eq!(t.points(), [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(Ticks::counts(3.0).step, 1.0);
        let p = Ticks::percent(12.5);
        assert!(p.top >= 12.5 * 1.15 && p.top <= 20.0, "{p:?}");
        assert_eq!(Ticks::percent(95.0).last, 100.0);
        assert_eq!(percent(0.9), "90%");
        assert_eq!(percent(0.925), "92.5%");
        assert_eq!(bucket_start("11-20"), 11);
        assert_eq!(bucket_start(">60"), 61);
        assert_eq!(
            runs(&[Some(1.0), None, Some(2.0), Some(3.0)]),
            vec![vec![(0.0, 1.0)], vec![(2.0, 2.0), (3.0, 3.0)]]
        );
    }
}
