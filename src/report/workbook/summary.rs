//! The Summary sheet, read in one minute: under the title a note on what
//! the month and overdue mean and where the figures come from, the month's
//! findings as short sentences, then the KPI block (this month, last month,
//! the same month last year, the goal, the direction, a red/amber/green
//! state and the counts behind each rate), and native charts of the trend, the on-time rate and the Pareto — the whole
//! sheet on one A4 landscape page.

use super::cells::{text, wrapped_lines, Sheet, Value};
use super::monthly::{on_time_chart, received_chart, MonthlyTable, TREND_COLUMNS, TREND_HEADER_ROW};
use super::{pareto, print, Book};
use crate::report::findings::{findings, Tone};
use crate::report::kpi::{kpis, Figure, Rag};
use crate::report::labels::L;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet};

/// Column widths (characters): label, this month, last month, last year,
/// goal, change, state, counts.
const WIDTHS: [f64; 8] = [34.0, 18.0, 14.0, 14.0, 12.0, 8.0, 9.0, 14.0];

/// The heights the charts under the block on the first page may take, in
/// pixels, tallest first.
const CHART_HEIGHTS: [u32; 3] = [260, 240, 220];

/// Where the Summary's charts stand (trend, on-time rate when timed, Pareto),
/// `first_page` the height they take under the block on the first page:
/// rows below the first chart row, pixels from column A, width and height.
/// On the first page in one row across the columns (900 px: the print area
/// ends with them), the Pareto widest (its category labels); on a page of
/// their own larger, the Pareto across the page under the others.
fn chart_places(first_page: Option<u32>, timed: bool) -> Vec<(u32, u32, u32, u32)> {
    match (first_page, timed) {
        (Some(h), true) => vec![(0, 0, 270, h), (0, 270, 270, h), (0, 540, 360, h)],
        (Some(h), false) => vec![(0, 0, 380, h), (0, 380, 520, h)],
        (None, true) => vec![(0, 0, 450, 290), (0, 450, 450, 290), (17, 0, 900, 320)],
        (None, false) => vec![(0, 0, 900, 290), (17, 0, 900, 320)],
    }
}

fn value(f: &Figure) -> Value {
    match f {
        Figure::Count(n) => Value::Int(*n as i64),
        Figure::Rate(x) => Value::Pct(Some(*x)),
        Figure::Days(x) | Figure::Decimal1(x) => Value::Dec(Some(*x)),
        Figure::Decimal(x) => Value::Dec2(*x),
        Figure::Money(x) => Value::Money(Some(*x)),
        Figure::AtLeast { text: t, .. } | Figure::Text(t) => text(t.clone()),
        Figure::None => Value::Empty,
    }
}

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l) = (b.r(), b.l());
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.title, &b.subtitle)?;
    let base = Format::new().set_font_name(super::FONT).set_font_size(10);
    let heading = base.clone().set_bold().set_font_size(12).set_border_bottom(FormatBorder::Thin);
    let line = base.clone().set_text_wrap().set_align(FormatAlign::Top);
    let last_col = WIDTHS.len() as u16 - 1;

    let mut row = note_and_findings(&mut sh, b, &line, &heading)?;

    // the KPI block
    row += 1;
    let kpi_top = row;
    sh.ws.merge_range(row, 0, row, last_col, l.get(L::KpiTitle), &heading)?;
    row += 1;
    let headers: Vec<&str> =
        [L::Metric, L::ThisMonth, L::LastMonth, L::SameMonthLastYear, L::Target, L::Change, L::State, L::Basis]
            .iter()
            .map(|h| l.get(*h))
            .collect();
    sh.header(row, 0, &headers)?;
    for k in kpis(r, l) {
        row += 1;
        kpi_row(&mut sh, b, row, &k)?;
    }
    let last = row;
    let mut chart_row = last + 3;
    let timed = r.data_quality.ttr_recorded;
    let untimed = if !r.data_quality.closure_recorded {
        Some(l.get(L::ClosureNotRecorded).to_string())
    } else if !timed {
        Some(format!("{} — {}", l.get(L::ClosingDatesNotRecorded), l.get(L::ClosingDatesNotRecordedFix)))
    } else {
        None
    };
    if let Some(warning) = untimed {
        // across the block, its fill and border around the whole sentence
        sh.ws.merge_range(last + 2, 0, last + 2, last_col, &warning, &b.f.warn)?;
        chart_row += 1;
    }
    sh.widths = WIDTHS.to_vec();
    sh.fit_header_heights()?;
    // findings, KPIs and charts on one page when that keeps 80 %; else the
    // charts start a second page, where they are drawn larger
    // (the print area ends with the row the charts end in: rows of 18 px)
    // — as tall as that allows, from 260 px down to 220
    let above = sh.height_above(chart_row);
    let fits = |h: u32| {
        let height = above + f64::from(h.div_ceil(18)) * print::DEFAULT_ROW_PT;
        100.0 * print::PAGE_HEIGHT_PT / height >= f64::from(print::MIN_SCALE)
    };
    let chart_height = CHART_HEIGHTS.iter().copied().find(|h| fits(*h));
    let one_page = chart_height.is_some();
    let trend = MonthlyTable::at(
        b.name(L::SheetTrend),
        TREND_HEADER_ROW,
        &TREND_COLUMNS,
        &super::trend::breakdown_widths(b),
        b,
    );
    let places = chart_places(chart_height, timed);
    let mut charts = vec![received_chart(b, &trend, places[0].2, places[0].3)?];
    if timed {
        charts.push(on_time_chart(b, &trend, places[1].2)?);
    }
    charts.push(pareto::chart(b, b.name(L::SheetPareto), places[places.len() - 1].2));
    let mut rows = 0;
    for (mut chart, (dy, x, width, height)) in charts.into_iter().zip(places) {
        chart.set_width(width).set_height(height);
        sh.chart_with_offset(chart_row + dy, 0, &chart, x, width)?;
        rows = rows.max(dy + height.div_ceil(18));
    }
    // the charts on a page of their own: the findings and the KPI block on
    // the first at the scale that fits them (a spreadsheet ignores manual
    // breaks when it fits a sheet to pages: a fixed scale), or — below 80 % —
    // the KPI block whole on a page of its own
    let mut first_page_scale = None;
    if !one_page {
        // (in LibreOffice's wider columns too: a fixed scale is not refitted)
        let columns: f64 = WIDTHS.iter().map(|w| print::column_points(*w)).sum();
        let width = print::fit_scale(columns * print::LIBREOFFICE_WIDER);
        let height = 100.0 * print::PAGE_HEIGHT_PT / sh.height_above(last + 1);
        let scale = width.min(height).floor();
        if scale >= f64::from(print::MIN_SCALE) {
            first_page_scale = Some(scale as u16);
        } else {
            sh.row_breaks.push(kpi_top);
        }
        // (right under the KPI block: the rows between would print a page
        // of their own when the block fills the first)
        sh.row_breaks.push(last + 1);
    }
    sh.finish(0, b.name(L::SheetSummary))?;
    if one_page {
        ws.set_print_fit_to_pages(1, 1);
    } else if let Some(scale) = first_page_scale {
        ws.set_print_scale(scale);
    }
    ws.set_print_area(0, 0, chart_row + rows - 1, last_col)?;
    Ok(())
}

/// Under the subtitle, what the month and overdue mean and where the
/// figures come from (a note under the KPI block would print alone on a
/// second page when the block fills the first), then the findings: one
/// merged, wrapped row each. Returns the row after the last finding.
fn note_and_findings(sh: &mut Sheet, b: &Book, line: &Format, heading: &Format) -> anyhow::Result<u32> {
    let (r, l) = (b.r(), b.l());
    let last_col = WIDTHS.len() as u16 - 1;
    let page_width: f64 = WIDTHS.iter().sum();
    let (data, quality) = (b.name(L::SheetData), b.name(L::SheetQuality));
    let note = l.fmt(L::SummaryNote, &[&r.period, &r.as_of, &l.target_days(&r.params), &data, &quality]);
    sh.ws.merge_range(2, 0, 2, last_col, &note, &line.clone().set_font_color("#595959"))?;
    sh.row_height(2, 14.0 * wrapped_lines(&note, page_width - 2.0) as f64 + 2.0)?;
    sh.ws.merge_range(3, 0, 3, last_col, l.get(L::Findings), heading)?;
    let mut row = 4u32;
    for f in findings(r, l) {
        let format = match f.tone {
            Tone::Caveat => line.clone().set_background_color("#FFF2CC").set_font_color("#7F6000"),
            Tone::Alert => line.clone().set_font_color("#9C0006"),
            Tone::Info => line.clone(),
        };
        let sentence = format!("• {}", f.text);
        sh.ws.merge_range(row, 0, row, last_col, &super::cells::excel_text(&sentence), &format)?;
        let lines = wrapped_lines(&sentence, page_width - 2.0);
        sh.row_height(row, 14.0 * lines as f64 + 2.0)?;
        row += 1;
    }
    Ok(row)
}

/// One row of the KPI block: name, figures, arrow, state in its colour and
/// the counts behind it.
fn kpi_row(sh: &mut Sheet, b: &Book, row: u32, k: &crate::report::kpi::Kpi) -> anyhow::Result<()> {
    let l = b.l();
    let center = b.f.text.clone().set_align(FormatAlign::Center);
    sh.put(row, 0, &text(k.name.clone()))?;
    if let (Figure::Text(t), Figure::None, Figure::None, Figure::None) = (&k.this, &k.last_month, &k.last_year, &k.goal)
    {
        // a text (the flagged types) over the four empty columns beside
        // it, wrapped: not run on across their borders nor cut
        let lines = wrapped_lines(t, WIDTHS[1..5].iter().sum::<f64>() + 2.0);
        sh.ws.merge_range(row, 1, row, 4, &super::cells::excel_text(t), &b.f.wrap)?;
        if lines > 1 {
            sh.row_height(row, print::DEFAULT_ROW_PT * lines as f64)?;
        }
    } else {
        sh.put(row, 1, &value(&k.this))?;
        sh.put(row, 2, &value(&k.last_month))?;
        sh.put(row, 3, &value(&k.last_year))?;
        sh.put(row, 4, &value(&k.goal))?;
    }
    let arrow = k.arrow.map(|a| a.label(l)).unwrap_or_default();
    sh.ws.write_string_with_format(row, 5, arrow, &center)?;
    let (word, fill, font) = match k.state {
        Some(rag @ Rag::Red) => (rag.word(l), "#F8696B", "#FFFFFF"),
        Some(rag @ Rag::Amber) => (rag.word(l), "#FFD966", "#000000"),
        Some(rag @ Rag::Green) => (rag.word(l), "#63BE7B", "#000000"),
        None => ("", "#FFFFFF", "#000000"),
    };
    let state = center.clone().set_background_color(fill).set_font_color(font).set_bold();
    sh.ws.write_string_with_format(row, 6, word, &state)?;
    sh.put(row, 7, &text(k.counts.clone().unwrap_or_default()))?;
    Ok(())
}
