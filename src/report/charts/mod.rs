//! Chart images for the management review: seven charts, plus the CAPA
//! status and the two cost charts when those sections are recorded, each
//! written as PNG (1600×900, drawn into an in-memory RGB buffer and encoded
//! here) and as SVG, under `charts/` in the output folder.
//!
//! Every chart is drawn once, by a function generic over plotters'
//! [`DrawingBackend`], called for both backends. Text uses the bundled
//! NanumGothic font (the machine may have no Korean font at all), registered
//! with plotters under a CSS family list so that the SVG's `font-family`
//! falls back to the viewer's Korean fonts.

mod aging;
mod capa_status;
mod control_chart;
mod cost_pareto;
mod cost_trend;
mod draw;
mod money;
mod on_time_rate;
mod pareto;
mod ppm;
mod recurrence;
mod style;
mod trend;
mod ttr_histogram;
mod u_chart;

use super::labels::{Labels, L};
use super::{Output, ReportContext, Writer};
use crate::metrics::months::Month;
use crate::metrics::Report;
use anyhow::anyhow;
use image::ImageEncoder as _;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::OnceLock;

/// Image size in pixels (PNG and SVG).
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 900;

/// The family the bundled font is registered under; written as is into the
/// SVG `font-family` attribute, so it lists fallbacks for SVG viewers.
pub const FONT_FAMILY: &str = "NanumGothic, 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', sans-serif";

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/NanumGothicBold.ttf");

/// The size of the smallest text on a chart, in pixels of its
/// [`WIDTH`] (the value labels): what a printed chart must keep at 8 pt.
pub fn smallest_text_px() -> f64 {
    style::VALUE_PX.min(style::LABEL_PX)
}

/// Writes `charts/*.png` and `charts/*.svg`.
pub struct Charts;

impl Writer for Charts {
    fn name(&self) -> &'static str {
        "charts"
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        register_fonts()?;
        let data = Data::new(ctx.report, ctx.labels);
        // a chart of a section that is not recorded is left out (docs/metrics.md §8–§10)
        for kind in Kind::ALL.iter().copied().filter(|k| k.recorded(ctx.report)) {
            let png = render_png(kind, &data)?;
            out.write_bytes(&format!("charts/{}.png", kind.name()), &png)?;
            let svg = render_svg(kind, &data)?;
            out.write_bytes(&format!("charts/{}.svg", kind.name()), svg.as_bytes())?;
        }
        Ok(())
    }
}

/// The chart `name` (`trend`, `pareto`, … as in `charts/`) as SVG text, for
/// a page that shows it inline; `None` when no such chart is drawn for this
/// report (a section not recorded).
pub fn svg_chart(name: &str, report: &Report, labels: &Labels) -> anyhow::Result<Option<String>> {
    let Some(kind) = Kind::ALL.iter().copied().find(|k| k.name() == name && k.recorded(report)) else {
        return Ok(None);
    };
    register_fonts()?;
    render_svg(kind, &Data::new(report, labels)).map(Some)
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
    Ok(crate::text::for_xml(&svg).into_owned())
}

/// Lists the charts once, in file order; `Kind::ALL` follows the list, so
/// a chart cannot be left out of it.
macro_rules! kinds {
    ($($kind:ident),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Kind {
            $($kind),+
        }

        impl Kind {
            const ALL: &'static [Kind] = &[$(Kind::$kind),+];
        }
    };
}

kinds!(
    Trend,
    Pareto,
    OnTimeRate,
    TtrHistogram,
    Aging,
    ControlChart,
    Recurrence,
    CapaStatus,
    CostTrend,
    CostPareto,
    UChart,
    Ppm,
);

impl Kind {
    /// Whether the chart is drawn for `r`: the CAPA and cost charts only
    /// when their sections are recorded, the u-chart with `--shipments`.
    fn recorded(self, r: &Report) -> bool {
        match self {
            Kind::CapaStatus => r.capa.get().is_some(),
            Kind::CostTrend | Kind::CostPareto => r.cost.get().is_some(),
            Kind::UChart => r.control_chart.u_chart.is_some(),
            Kind::Ppm => r.ppm.get().is_some(),
            _ => true,
        }
    }

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
            Kind::CapaStatus => "capa_status",
            Kind::CostTrend => "cost_trend",
            Kind::CostPareto => "cost_pareto",
            Kind::UChart => "u_chart",
            Kind::Ppm => "ppm",
        }
    }

    fn draw<DB: DrawingBackend>(self, root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
        // docs/metrics.md §3: the report says so instead of showing 0 %
        let (closure, timed) = (d.r.data_quality.closure_recorded, d.r.data_quality.ttr_recorded);
        if !timed {
            let title = match self {
                Kind::OnTimeRate => Some(d.l.fmt(L::ChartOnTimeRateTitle, &[&d.span])),
                Kind::TtrHistogram => Some(d.l.fmt(L::ChartTtrTitle, &[&d.span])),
                Kind::Aging if !closure => Some(d.l.fmt(L::ChartAgingTitle, &[&d.r.as_of])),
                _ => None,
            };
            let why = if closure {
                [d.l.get(L::ClosingDatesNotRecorded), d.l.get(L::ClosingDatesNotRecordedFix)]
            } else {
                [d.l.get(L::ClosureNotRecorded), d.l.get(L::ClosureNotRecordedFix)]
            };
            if let Some(title) = title {
                return draw::notice(root, &title, &why);
            }
        }
        match self {
            Kind::Trend => trend::trend(root, d),
            Kind::Pareto => pareto::pareto(root, d),
            Kind::OnTimeRate => on_time_rate::on_time_rate(root, d),
            Kind::TtrHistogram => ttr_histogram::ttr_histogram(root, d),
            Kind::Aging => aging::aging(root, d),
            Kind::ControlChart => control_chart::control_chart(root, d),
            Kind::Recurrence => recurrence::recurrence(root, d),
            Kind::CapaStatus => capa_status::capa_status(root, d),
            Kind::CostTrend => cost_trend::cost_trend(root, d),
            Kind::CostPareto => cost_pareto::cost_pareto(root, d),
            Kind::UChart => u_chart::u_chart(root, d),
            Kind::Ppm => ppm::ppm(root, d),
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
        let span = month_span(first, last, l);
        Data { r, l, months, span }
    }

    /// `10일` / `10 days` (business days with `--business-days`).
    fn days(&self, n: u32) -> String {
        let label = match (self.r.params.business_days, n) {
            (false, 1) => L::ChartDay,
            (false, _) => L::ChartDays,
            (true, 1) => L::ChartBusinessDay,
            (true, _) => L::ChartBusinessDays,
        };
        self.l.fmt(label, &[&n])
    }

    /// `90일` / `90 days` in calendar days whatever `--business-days` says:
    /// the recurrence window is counted in calendar days (docs/metrics.md §4).
    fn calendar_days(&self, n: u32) -> String {
        self.l.fmt(if n == 1 { L::ChartDay } else { L::ChartDays }, &[&n])
    }

    /// `10일` / `10-day` (as in `the 10-day target`).
    fn days_adjective(&self, n: u32) -> String {
        let label = if self.r.params.business_days { L::ChartBusinessDaysAdjective } else { L::ChartDaysAdjective };
        self.l.fmt(label, &[&n])
    }
}

fn month_span(first: Month, last: Month, l: &Labels) -> String {
    if first == last {
        first.to_string()
    } else {
        l.fmt(L::ChartMonthSpan, &[&first, &last])
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

#[cfg(test)]
mod tests {
    use super::aging::bucket_start;
    use super::draw::{runs, Ticks};
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
        let labels = Labels { korean, months: 12 };
        let ctx = ReportContext { report, ingested, labels: &labels };
        let (_keep, dir) = out_dir(name);
        let started = std::time::Instant::now();
        let files = write_all(&ctx, &dir, &[&Charts]).unwrap_or_else(|e| panic!("charts: {e:#}"));
        eprintln!("{name}: {} files in {:.2?}", files.len(), started.elapsed());
        // seven charts, and those of the recorded sections (§8–§10)
        let drawn: Vec<Kind> = Kind::ALL.iter().copied().filter(|k| k.recorded(report)).collect();
        assert_eq!(files.len(), 2 * drawn.len());
        assert_eq!(
            drawn.len(),
            7 + 2 * usize::from(report.cost.get().is_some()) + usize::from(report.capa.get().is_some())
        );
        for kind in Kind::ALL.iter().copied().filter(|k| !k.recorded(report)) {
            assert!(!dir.join(format!("charts/{}.png", kind.name())).exists(), "{}", kind.name());
        }
        for kind in drawn {
            let png = dir.join(format!("charts/{}.png", kind.name()));
            let (w, h) = png_size(&png);
            assert!(w >= 1600 && h >= 900, "{}: {w}×{h}", png.display());
            let svg = std::fs::read_to_string(dir.join(format!("charts/{}.svg", kind.name())))
                .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
            assert!(svg.starts_with("<svg"), "{}", kind.name());
            assert!(svg.contains("font-family=\"NanumGothic, &apos;Malgun Gothic&apos;"), "{}", kind.name());
            let hangul = svg.chars().any(|c| ('가'..='힣').contains(&c));
            // English charts may still show Korean category names (Paretos).
            if korean || !matches!(kind, Kind::Pareto | Kind::CostPareto) {
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
        report.aging = Some(Aging::default());
        report.overdue.clear();
        for (_, c) in &mut report.ttr_histogram {
            *c = 0;
        }
        report.control_chart.status = crate::metrics::control_chart::ChartStatus::InsufficientHistory;
        report.control_chart.centre = None;
        report.control_chart.ucl = None;
        report.control_chart.lcl = None;
        report.control_chart.baseline_months.clear();
        report.control_chart.signals.clear();
        // CAPA and cost recorded, but nothing in them
        report.capa = crate::metrics::Section::Ok(Default::default());
        report.cost = crate::metrics::Section::Ok(Default::default());
        for m in &mut report.trend {
            m.cost = Some(Default::default());
        }
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
    fn cost_and_capa_charts_with_credits_and_many_types() {
        use crate::metrics::capa::{CapaReport, KeyWithoutCapa};
        use crate::metrics::cost::{CostMonth, CostParetoRow, CostReport};
        let (ingested, mut report) = sample_report();
        // a credit month (negative total), a no-charge month, small amounts
        for (i, m) in report.trend.iter_mut().enumerate() {
            let total = match i {
                3 => -1_250_000.0,
                4 => 0.0,
                _ => 40_000.0 * (i as f64 + 1.0).powi(2),
            };
            m.cost = Some(CostMonth { cost_total: Some(total), cost_count: 3, cost_mean: Some(total / 3.0) });
        }
        // 15 types, the last one a credit: 12 bars, the rest summed
        let mut cum = 0.0;
        let pareto_window: Vec<CostParetoRow> = (0..15)
            .map(|i| {
                let cost = if i == 14 { -300_000.0 } else { 9_000_000.0 / (i as f64 + 1.0) };
                cum += f64::max(cost, 0.0) / 29_000_000.0;
                CostParetoRow {
                    defect_type: format!("포장 파손 및 내용물 누락 유형 {i:02}"),
                    cost,
                    cum_share: cum.min(1.0),
                    vital_few: i < 5,
                }
            })
            .collect();
        report.cost = crate::metrics::Section::Ok(CostReport {
            currency: Some("KRW".into()),
            pareto_month: Vec::new(),
            pareto_window,
            top_customers: Vec::new(),
            by_responsibility: None,
        });
        report.capa = crate::metrics::Section::Ok(CapaReport {
            opened_in_window: 40,
            open: 25,
            overdue: 9,
            closed_unverified: 7,
            verified: 18,
            ineffective: 4,
            coverage: Some(0.2375),
            list: Vec::new(),
            recurring_without_capa: vec![KeyWithoutCapa {
                key: vec!["DT-100".into(), "외관불량".into()],
                count: 5,
                first: chrono::NaiveDate::from_ymd_opt(2025, 8, 4).unwrap_or_default(),
                last: chrono::NaiveDate::from_ymd_opt(2025, 10, 20).unwrap_or_default(),
                customers: 2,
            }],
        });
        write_charts(&report, &ingested, true, "sections-ko");
        write_charts(&report, &ingested, false, "sections-en");
    }

    #[test]
    fn money_scale_and_signed_axis() {
        use super::draw::{signed_axis, MoneyScale};
        assert_eq!(MoneyScale::of(7_440_000.0).divisor, 1e6);
        assert_eq!(MoneyScale::of(90_000.0).divisor, 1e3);
        assert_eq!(MoneyScale::of(5_000.0).divisor, 1.0);
        let m = MoneyScale::of(1e7);
        assert_eq!([m.tag(7_440_000.0), m.tag(12_000_000.0), m.tag(50_000.0), m.tag(0.0)], ["7.4", "12", "0.05", "0"]);
        assert_eq!(MoneyScale::of(1.0).tag(1_234.0), "1,234");
        let (axis, ticks) = signed_axis(&[3.0, -1.2, 7.4]);
        assert_eq!((ticks.step, ticks.top), (2.0, 10.0));
        assert_eq!((axis.lo, axis.keys.first().copied()), (-2.0, Some(-2.0)));
        let (axis, _) = signed_axis(&[0.0, 0.0]);
        assert_eq!((axis.lo, axis.hi), (0.0, 5.0));
    }

    #[test]
    fn crowded_charts_thin_and_shorten_labels() {
        let (ingested, _) = sample_report();
        let params = crate::metrics::Params { months: 36, ..Default::default() };
        let mut report = crate::metrics::compute(&ingested, &params).unwrap_or_else(|e| panic!("metrics: {e:#}"));
        let mut types: Vec<(String, u64)> =
            (0..20).map(|i| (format!("포장 파손 및 내용물 누락 유형 {i:02} (운송 중 발생)"), 40 - i as u64)).collect();
        types[3].0 = crate::metrics::BLANK.to_string();
        types[4].0 = crate::metrics::OTHER.to_string();
        types[5].0 = "Wrong label printed on the outer carton".to_string();
        report.pareto_month = crate::metrics::pareto::pareto_rows(&types);
        write_charts(&report, &ingested, true, "crowded-ko");
        write_charts(&report, &ingested, false, "crowded-en");
        // the labels shortened at word boundaries, the full names in a key under the chart
        let labels = Labels { korean: true, months: 12 };
        let svg = svg_chart("pareto", &report, &labels).ok().flatten().unwrap_or_default();
        assert!(svg.contains("Wrong label printed on the outer carton 35"), "the key of full names");
        assert!(svg.contains("Wrong label…") && !svg.contains("Wrong label p…"), "a label cut between words");
        assert!(!svg.contains("Wrong label printed on the outer carton…"));
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
