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
use super::{ReportContext, Staging, Writer};
use crate::metrics::months::Month;
use crate::metrics::pareto::ParetoRow;
use crate::metrics::Report;
use anyhow::anyhow;
use image::ImageEncoder as _;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::RangedCoordf64;
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
const MAX_PARETO_BARS: usize = 15;

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

/// Height of the label area under the x axis (tick labels, two rows at
/// most, and the axis description).
const X_AREA: u32 = 112;
/// Width of the label areas left and right of the plot.
const Y_AREA: u32 = 120;

/// Writes `charts/*.png` and `charts/*.svg`.
pub struct Charts;

impl Writer for Charts {
    fn write(&self, ctx: &ReportContext, out: &mut Staging) -> anyhow::Result<()> {
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
    Ok(svg)
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

fn coloured(size: f64, colour: RGBColor) -> TextStyle<'static> {
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
    let mut y = 22;
    root.draw_text(title, &anchored(bold(TITLE_PX), HPos::Center, VPos::Top), (centre, y))?;
    y += 54;
    if let Some(sub) = subtitle {
        root.draw_text(sub, &anchored(coloured(LABEL_PX, MUTED), HPos::Center, VPos::Top), (centre, y))?;
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
        if !(max > 0.0) {
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
    if !(raw > 0.0) || !raw.is_finite() {
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

type Axis = WithKeyPoints<RangedCoordf64>;
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Categories 0..n as slots of width 1 centred on the integers; no tick
/// labels from plotters (drawn by [`x_labels`]).
fn x_axis(n: usize) -> Axis {
    (-0.5..(n.max(1) as f64 - 0.5)).with_key_points(Vec::new())
}

fn y_axis(t: &Ticks) -> Axis {
    (0.0..t.top).with_key_points(t.points())
}

fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    n: usize,
    ticks: &Ticks,
    right_axis: bool,
) -> DrawResult<Plot<'a, DB>, DB> {
    ChartBuilder::on(area)
        .x_label_area_size(X_AREA)
        .y_label_area_size(Y_AREA)
        .right_y_label_area_size(if right_axis { Y_AREA } else { 0 })
        .build_cartesian_2d(x_axis(n), y_axis(ticks))
}

fn mesh<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    x_desc: &str,
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
        .x_desc(x_desc)
        .y_desc(y_desc)
        .y_label_formatter(y_fmt)
        .draw()
}

/// How category labels that do not fit their slot are handled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Label every `k`-th slot, always the last one (months).
    Thin,
    /// Two staggered rows, then shortening with `…` (names).
    Stagger,
}

/// Tick labels under the slots: `(slot index, text)`.
fn x_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    n: usize,
    labels: &[(usize, String)],
    fit: Fit,
) -> DrawResult<(), DB> {
    if labels.is_empty() || n == 0 {
        return Ok(());
    }
    let style = anchored(font(LABEL_PX), HPos::Center, VPos::Top);
    let (left, bottom) = chart.backend_coord(&(-0.5, 0.0));
    let (right, _) = chart.backend_coord(&(n as f64 - 0.5, 0.0));
    let slot = (right - left) as f64 / n as f64;
    // The room one label has: the distance to its labelled neighbours.
    let spacing = labels.windows(2).map(|w| w[1].0 - w[0].0).min().unwrap_or(n).max(1) as f64 * slot;
    let mut widest = 0;
    for (_, text) in labels {
        widest = widest.max(root.estimate_text_size(text, &style)?.0);
    }
    let needed = widest as f64 + 14.0;
    let (shown, rows, room): (Vec<&(usize, String)>, usize, f64) = if needed <= spacing {
        (labels.iter().collect(), 1, spacing - 14.0)
    } else if fit == Fit::Thin {
        let step = (needed / spacing).ceil() as usize;
        let last = labels.len() - 1;
        (labels.iter().enumerate().filter(|(i, _)| (last - i) % step == 0).map(|(_, l)| l).collect(), 1, f64::MAX)
    } else {
        (labels.iter().collect(), 2, 2.0 * spacing - 14.0)
    };
    for (k, (i, text)) in shown.into_iter().enumerate() {
        let text = shorten(root, text, &style, room)?;
        let x = chart.backend_coord(&(*i as f64, 0.0)).0;
        let y = bottom + 12 + (k % rows) as i32 * 30;
        root.draw_text(&text, &style, (x, y))?;
    }
    Ok(())
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

/// A message in the middle of the plot, for charts without data.
fn note<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    text: &str,
    top: bool,
) -> DrawResult<(), DB> {
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let x = (x_range.start + x_range.end) / 2;
    let y = if top { y_range.start + 40 } else { (y_range.start + y_range.end) / 2 };
    let style = anchored(coloured(LABEL_PX + 2.0, MUTED), HPos::Center, VPos::Center);
    let (w, h) = root.estimate_text_size(text, &style)?;
    let (w, h) = (w as i32 / 2 + 24, h as i32 / 2 + 16);
    root.draw(&Rectangle::new([(x - w, y - h), (x + w, y + h)], WHITE.filled()))?;
    root.draw(&Rectangle::new([(x - w, y - h), (x + w, y + h)], stroke(GRID, 2)))?;
    root.draw_text(text, &style, (x, y))
}

/// Bars of slot width 0.7 (fraction of a slot) coloured per bar.
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

/// Count labels above bars, when the bars are wide enough to carry them.
fn bar_values<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut Plot<DB>,
    values: &[f64],
) -> DrawResult<(), DB> {
    let style = anchored(font(VALUE_PX), HPos::Center, VPos::Bottom);
    let n = values.len();
    if n == 0 {
        return Ok(());
    }
    let slot = (chart.backend_coord(&(n as f64 - 0.5, 0.0)).0 - chart.backend_coord(&(-0.5, 0.0)).0) / n as i32;
    let widest = values
        .iter()
        .map(|v| format!("{v:.0}"))
        .map(|s| root.estimate_text_size(&s, &style))
        .try_fold(0, |acc, w| -> DrawResult<u32, DB> { Ok(acc.max(w?.0)) })?;
    if widest as i32 + 4 > slot {
        return Ok(());
    }
    chart.draw_series(
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .map(|(i, v)| EmptyElement::at((i as f64, *v)) + Text::new(format!("{v:.0}"), (0, -6), style.clone())),
    )?;
    Ok(())
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

/// A dashed horizontal line across the plot at `y`.
fn hline<DB: DrawingBackend>(
    chart: &mut Plot<DB>,
    n: usize,
    y: f64,
    colour: RGBColor,
    dashed: bool,
) -> DrawResult<(), DB> {
    let ends = [(-0.5, y), (n.max(1) as f64 - 0.5, y)];
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
    let mut chart = plot(&area, t.len(), &ticks, false)?;
    mesh(&mut chart, d.l.t("month"), d.tr("건수", "Complaints"), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> = counts.iter().map(|c| (*c, MAIN)).collect();
    bars(&mut chart, &coloured, 0.62)?;
    bar_values(root, &mut chart, &counts)?;
    line_with_markers(&mut chart, &rolling, ACCENT, 6)?;
    x_labels(root, &chart, t.len(), &month_labels(d), Fit::Thin)?;
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
        if d.l.korean { format!("기타 {}개 유형", rest.len()) } else { format!("{} other types", rest.len()) };
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
        Some(format!("{total} complaints · the {vital} vital few types make up {}", percent(vital_share)))
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
    let mut chart = plot(&area, n, &ticks, true)?
        .set_secondary_coord(x_axis(n), (0.0..100.0).with_key_points((0..=5).map(|i| i as f64 * 20.0).collect()));
    mesh(&mut chart, d.l.t("defect_type"), d.tr("건수", "Complaints"), &count_label)?;
    let pct = |v: &f64| format!("{v:.0}%");
    chart
        .configure_secondary_axes()
        .axis_style(stroke(AXIS, 2))
        .label_style(font(LABEL_PX))
        .axis_desc_style(font(LABEL_PX))
        .set_all_tick_mark_size(6)
        .y_desc(format!("{} (%)", d.l.t("cum_share")))
        .y_label_formatter(&pct)
        .draw()?;
    let coloured: Vec<(f64, RGBColor)> = rows.iter().map(|r| (r.1 as f64, if r.3 { MAIN } else { LIGHT })).collect();
    bars(&mut chart, &coloured, 0.7)?;
    let counts: Vec<f64> = rows.iter().map(|r| r.1 as f64).collect();
    bar_values(root, &mut chart, &counts)?;
    if n > 0 {
        let cum: Vec<(f64, f64)> = rows.iter().enumerate().map(|(i, r)| (i as f64, r.2 * 100.0)).collect();
        chart.draw_secondary_series(DashedLineSeries::new(
            [(-0.5, 80.0), (n as f64 - 0.5, 80.0)],
            14,
            9,
            stroke(ALERT, 3),
        ))?;
        chart.draw_secondary_series(LineSeries::new(cum.iter().copied(), stroke(ACCENT, 4)))?;
        chart.draw_secondary_series(cum.iter().map(|p| Circle::new(*p, 7, ACCENT.filled())))?;
    }
    let labels: Vec<(usize, String)> = rows.iter().enumerate().map(|(i, r)| (i, r.0.clone())).collect();
    x_labels(root, &chart, n, &labels, Fit::Stagger)?;
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
    let rates: Vec<Option<f64>> = t.iter().map(|m| m.on_time_rate.map(|r| r * 100.0)).collect();
    let goal = d.r.params.on_time_goal;
    let goal_text = format!("{} {}", d.l.t("target"), percent(goal));
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
    let mut chart = plot(&area, t.len(), &ticks, false)?;
    mesh(&mut chart, d.l.t("month"), &format!("{} (%)", d.l.t("on_time_rate")), &|v| format!("{v:.0}%"))?;
    let n = t.len();
    if goal.is_finite() && goal > 0.0 {
        let g = (goal * 100.0).min(100.0);
        hline(&mut chart, n, g, GOOD, true)?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((n.max(1) as f64 - 0.5, g))
                + Text::new(goal_text, (-6, -8), anchored(coloured(LABEL_PX, GOOD), HPos::Right, VPos::Bottom)),
        ))?;
    }
    line_with_markers(&mut chart, &rates, MAIN, 7)?;
    let label = anchored(font(VALUE_PX), HPos::Center, VPos::Bottom);
    chart.draw_series(rates.iter().enumerate().filter_map(|(i, r)| {
        r.map(|r| EmptyElement::at((i as f64, r)) + Text::new(format!("{r:.0}%"), (0, -12), label.clone()))
    }))?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin)?;
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
    let within = if d.l.korean {
        format!("기한 내 (≤{})", d.days(target))
    } else {
        format!("On time (≤ {})", d.days(target))
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), within),
        Legend(Swatch::Bar(WARN), d.tr("기한 초과", "Late").to_string()),
        Legend(Swatch::Dashed(ALERT), target_text.clone()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = h.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, n, &ticks, false)?;
    let x_desc = if d.r.params.business_days {
        d.tr("처리기간 (영업일)", "Time to resolution (business days)")
    } else {
        d.tr("처리기간 (일)", "Time to resolution (days)")
    };
    mesh(&mut chart, x_desc, d.tr("건수", "Complaints"), &count_label)?;
    // Bars: day index i is `i` days, the last one `>30`.
    let coloured: Vec<(f64, RGBColor)> = h
        .iter()
        .enumerate()
        .map(|(i, (label, c))| {
            let late = label.parse::<u32>().map_or(target < 30, |day| day > target);
            (*c as f64, if late { WARN } else { MAIN })
        })
        .collect();
    bars(&mut chart, &coloured, 0.8)?;
    bar_values(root, &mut chart, &values)?;
    if n > 0 {
        let x = (target as f64 + 0.5).min(n as f64 - 1.5);
        chart.draw_series(DashedLineSeries::new([(x, 0.0), (x, ticks.top)], 14, 9, stroke(ALERT, 3)))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, ticks.top))
                + Text::new(target_text, (10, 8), anchored(coloured(LABEL_PX, ALERT), HPos::Left, VPos::Top)),
        ))?;
    }
    let labels: Vec<(usize, String)> = h
        .iter()
        .enumerate()
        .filter(|(i, (label, _))| i % 5 == 0 || label.parse::<u32>().is_err())
        .map(|(i, (label, _))| (i, label.clone()))
        .collect();
    x_labels(root, &chart, n, &labels, Fit::Thin)?;
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
        format!("미결 {open}건 · 이 중 기한({}) 경과 {}건", d.days(target), d.r.overdue.len())
    } else {
        format!("{open} open · {} past the {} target", d.r.overdue.len(), d.days(target))
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), d.tr("기한 내", "Within target").to_string()),
        Legend(Swatch::Bar(WARN), d.tr("기한 경과", "Past target").to_string()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = buckets.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, buckets.len(), &ticks, false)?;
    mesh(&mut chart, d.l.t("age_days"), d.tr("미결 건수", "Open complaints"), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> =
        buckets.iter().map(|(label, c)| (*c as f64, if bucket_start(label) > target { WARN } else { MAIN })).collect();
    bars(&mut chart, &coloured, 0.62)?;
    bar_values(root, &mut chart, &values)?;
    let labels: Vec<(usize, String)> = buckets
        .iter()
        .enumerate()
        .map(|(i, (label, _))| (i, if d.l.korean { format!("{label}일") } else { (*label).to_string() }))
        .collect();
    x_labels(root, &chart, buckets.len(), &labels, Fit::Stagger)?;
    if open == 0 {
        note(root, &chart, d.tr("미결 불만이 없습니다", "No open complaints"), false)?;
    }
    Ok(())
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
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last()) {
        (Some(a), Some(b)) => month_span(*a, *b, d.l.korean),
        _ => "—".to_string(),
    };
    let nb = cc.baseline_months.len();
    let subtitle = if d.l.korean {
        format!("c 관리도 · 기준 기간 {baseline} ({nb}개월)")
    } else {
        format!("c-chart · baseline {baseline} ({nb} month{})", if nb == 1 { "" } else { "s" })
    };
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
    let mut chart = plot(&area, n, &ticks, false)?;
    mesh(&mut chart, d.l.t("month"), d.tr("건수", "Complaints"), &count_label)?;
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
    let label = anchored(font(VALUE_PX), HPos::Center, VPos::Bottom);
    chart.draw_series(counts.iter().enumerate().filter_map(|(i, v)| {
        v.map(|v| EmptyElement::at((i as f64, v)) + Text::new(format!("{v:.0}"), (0, -16), label.clone()))
    }))?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin)?;
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
    let mut chart = plot(&area, n, &ticks, false)?;
    let fmt = |v: &f64| format!("{}%", ticks.label(*v));
    mesh(&mut chart, d.l.t("month"), d.tr("비율 (%)", "Share of complaints (%)"), &fmt)?;
    line_with_markers(&mut chart, &repeat, MAIN, 7)?;
    line_with_markers(&mut chart, &after, ACCENT, 7)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin)?;
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
            assert_eq!(hangul, korean, "{}: Hangul text in the SVG", kind.name());
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
