//! `report.html`: the Summary as one self-contained page for the e-mail to
//! the CEO — the month's findings, the KPI block and three charts as inline
//! SVG, no file or network reference. Printed on A4 landscape, the
//! findings and the KPI block take the first page and each chart a page of
//! its own across the page's width, where its smallest text prints at
//! 8 pt or more (three across, it printed at about 3 pt).

use super::findings::{findings, Tone};
use super::kpi::{kpis, Rag};
use super::labels::L;
use super::{Output, ReportContext, Writer};
use std::fmt::Write as _;

/// Writes `report.html`.
pub struct Html;

impl Writer for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        out.write_bytes("report.html", page(ctx)?.as_bytes())
    }
}

/// `s` escaped for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// An SVG chart without its XML declaration, sized by the page's CSS.
fn inline_svg(svg: &str) -> String {
    let body = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    // plotters writes a viewBox: with the CSS width the chart scales
    body.replacen("<svg ", "<svg preserveAspectRatio=\"xMidYMid meet\" ", 1)
}

/// Every printed page's footer: the report and its as-of date on the left,
/// `page / pages` on the right (a handout's loose page says what it is).
fn page_footer(left: &str) -> String {
    // a CSS string: quotes and backslashes escaped, `<` too (no `</style>`)
    let css = left.replace('\\', r"\\").replace('"', r#"\""#).replace('<', r"\3C ").replace(['\n', '\r'], " ");
    PAGE_FOOTER.replace("LEFT", &css)
}

/// The footer's CSS (`LEFT` the text on the left).
const PAGE_FOOTER: &str = r#"
@page { margin-bottom: 12mm;
  @bottom-left { content: "LEFT"; font: 8pt NanumGothic, "Malgun Gothic", sans-serif; color: #7F7F7F; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt NanumGothic, "Malgun Gothic", sans-serif; color: #7F7F7F; }
}
"#;

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 9mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #222; font: 10pt/1.35 NanumGothic, "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", sans-serif; word-break: keep-all; overflow-wrap: anywhere; }
.page { width: 279mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0; }
.sub { color: #595959; margin: 1mm 0 3mm; font-size: 9pt; }
.top { display: grid; grid-template-columns: minmax(0, 45fr) minmax(0, 55fr); gap: 4mm; }
h2 { font-size: 11pt; margin: 0 0 1.5mm; border-bottom: 1px solid #BFBFBF; }
ul.findings { margin: 0; padding-left: 4.5mm; }
ul.findings li { margin: 0 0 1.2mm; }
li.caveat { color: #7F6000; background: #FFF2CC; list-style: "⚠ "; }
li.alert { color: #9C0006; }
table.kpi { border-collapse: collapse; width: 100%; font-size: 8.6pt; }
table.kpi th, table.kpi td { border: 1px solid #BFBFBF; padding: 0.6mm 1.2mm; }
table.kpi th { background: #DDEBF7; font-weight: bold; overflow-wrap: normal; }
table.kpi td.n { text-align: right; white-space: nowrap; }
table.kpi td.t { text-align: left; }
td.rag { text-align: center; font-weight: bold; white-space: nowrap; } td.arrow { text-align: center; white-space: nowrap; }
td.red { background: #F8696B; color: #FFFFFF; } td.amber { background: #FFD966; } td.green { background: #63BE7B; }
.counts { color: #595959; font-size: 8pt; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(140mm, 1fr)); gap: 3mm; margin-top: 3mm; }
.charts figure { margin: 0; }
.charts svg { width: 100%; height: auto; display: block; border: 1px solid #E7E6E6; }
footer { margin-top: 2mm; color: #7F7F7F; font-size: 8pt; }
@media print {
  table.kpi th, table.kpi td { padding: 0.35mm 1.4mm; }
  .charts { display: block; margin: 0; }
  .charts figure { break-before: page; page-break-before: always; }
  .charts svg { width: 100%; height: auto; max-height: 175mm; border: 0; }
}
"#;

/// The page.
pub fn page(ctx: &ReportContext) -> anyhow::Result<String> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut h = String::new();
    let title = l.fmt(L::WorkbookTitle, &[&r.period]);
    let subtitle = super::subtitle(r, l);
    let lang = if l.korean { "ko" } else { "en" };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<div class=\"page\">\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<div class=\"top\">\n<section>\n<h2>{}</h2>\n<ul class=\"findings\">\n",
        escape(&title),
        page_footer(&format!("{title} · {}", r.as_of)),
        escape(&title),
        escape(&subtitle),
        escape(l.get(L::Findings)),
    );
    for f in findings(r, l) {
        let class = match f.tone {
            Tone::Caveat => "caveat",
            Tone::Alert => "alert",
            Tone::Info => "info",
        };
        let _ = writeln!(h, "<li class=\"{class}\">{}</li>", escape(&f.text));
    }
    let headers = [L::Metric, L::ThisMonth, L::LastMonth, L::SameMonthLastYear, L::Target, L::Change, L::State];
    let _ =
        write!(h, "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<table class=\"kpi\">\n<tr>", escape(l.get(L::KpiTitle)));
    for header in headers {
        let _ = write!(h, "<th>{}</th>", escape(l.get(header)));
    }
    h.push_str("</tr>\n");
    for k in kpis(r, l) {
        // the state and the arrow in words: a black-and-white print says them
        let arrow = k.arrow.map(|a| escape(a.label(l))).unwrap_or_default();
        let word = k.state.map(|s| escape(s.word(l))).unwrap_or_default();
        let counts =
            k.counts.as_ref().map(|c| format!(" <span class=\"counts\">({})</span>", escape(c))).unwrap_or_default();
        let rag = match k.state {
            Some(Rag::Red) => "rag red",
            Some(Rag::Amber) => "rag amber",
            Some(Rag::Green) => "rag green",
            None => "rag",
        };
        // (a text in the figure's place — flagged types, "not judged" —
        // wraps: unbroken, it squeezed the other columns' headers)
        let this = if matches!(k.this, crate::report::kpi::Figure::Text(_)) { "t" } else { "n" };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"{this}\">{}{counts}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"arrow\">{arrow}</td><td class=\"{rag}\">{word}</td></tr>",
            escape(&k.name),
            escape(&k.this.show()),
            escape(&k.last_month.show()),
            escape(&k.last_year.show()),
            escape(&k.goal.show()),
        );
    }
    h.push_str("</table>\n</section>\n</div>\n<div class=\"charts\">\n");
    for name in ["trend", "pareto", "control_chart"] {
        if let Some(svg) = super::charts::svg_chart(name, r, l)? {
            h.push_str("<figure>");
            h.push_str(&inline_svg(&svg));
            h.push_str("</figure>\n");
        }
    }
    let _ = write!(
        h,
        "</div>\n<footer>{}</footer>\n</div>\n</body>\n</html>\n",
        escape(&l.fmt(L::HtmlFooter, &[&r.period, &r.as_of]))
    );
    Ok(h)
}

/// The width a chart prints at (the page's 279 mm, one chart a page): its
/// smallest text must print at 8 pt or more.
pub const PRINT_CHART_WIDTH_MM: f64 = 279.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_prints_at_8_pt_or_more() {
        // 1600 px across 279 mm: the 20-px value labels print at 3.5 mm = 9.9 pt
        let px_mm = PRINT_CHART_WIDTH_MM / f64::from(super::super::charts::WIDTH);
        let smallest_pt = super::super::charts::smallest_text_px() * px_mm / 25.4 * 72.0;
        assert!(smallest_pt >= 8.0, "{smallest_pt:.1} pt");
        assert!(STYLE.contains("width: 279mm") && STYLE.contains(".charts svg { width: 100%"));
        // the height that width takes (157 mm) fits the page's 192 mm
        let height_mm =
            PRINT_CHART_WIDTH_MM * f64::from(super::super::charts::HEIGHT) / f64::from(super::super::charts::WIDTH);
        assert!(height_mm <= 175.0, "{height_mm}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>\"A&B\"</b>"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
        assert_eq!(escape("a\u{1b}b"), "a\u{fffd}b");
    }
}
