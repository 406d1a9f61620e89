//! The native charts' common style: the workbook's font, line and fill
//! formats, a chart with its title, legend and axes styled, and the sizes
//! charts take on a sheet.

use super::FONT;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartSolidFill, ChartType,
};

pub(super) fn chart_font() -> rust_xlsxwriter::ChartFont {
    let mut f = rust_xlsxwriter::ChartFont::new();
    f.set_name(FONT);
    f
}

pub(super) fn line_format(color: &str, dash: bool) -> ChartFormat {
    let mut line = ChartLine::new();
    line.set_color(color).set_width(2.25);
    if dash {
        line.set_dash_type(ChartLineDashType::Dash);
    }
    let mut format = ChartFormat::new();
    format.set_line(&line);
    format
}

pub(super) fn fill_format(color: &str) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_solid_fill(ChartSolidFill::new().set_color(color));
    format
}

pub(super) fn new_chart(kind: ChartType, title: &str) -> Chart {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title).set_font(chart_font().set_size(12).set_bold());
    chart.legend().set_position(ChartLegendPosition::Bottom).set_font(&chart_font());
    chart.x_axis().set_font(&chart_font());
    chart.y_axis().set_font(&chart_font());
    chart.set_width(CHART_WIDTH_PX).set_height(CHART_HEIGHT_PX);
    chart
}

/// The width of a chart (the Summary's are narrower).
pub(super) const CHART_WIDTH_PX: u32 = 640;
/// The height of a chart (the Summary's are lower).
pub(super) const CHART_HEIGHT_PX: u32 = 320;
/// The narrowest a chart beside a table is made to fit the page.
pub(super) const MIN_CHART_WIDTH_PX: u32 = 400;

/// Rows a chart covers (320 px at the default 18 px row height, plus a gap).
pub(super) const CHART_ROWS: u32 = 20;
