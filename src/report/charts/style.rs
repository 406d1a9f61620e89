//! Colours, sizes and text styles shared by the charts.

use super::FONT_FAMILY;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

// Font sizes (pixels at 1600 px width).
pub(super) const TITLE_PX: f64 = 40.0;
pub(super) const LABEL_PX: f64 = 24.0;
pub(super) const VALUE_PX: f64 = 20.0;

// Colours.
pub(super) const INK: RGBColor = RGBColor(33, 33, 33);
pub(super) const MUTED: RGBColor = RGBColor(90, 90, 90);
pub(super) const AXIS: RGBColor = RGBColor(110, 110, 110);
pub(super) const GRID: RGBColor = RGBColor(225, 225, 225);
pub(super) const MAIN: RGBColor = RGBColor(46, 117, 182);
pub(super) const LIGHT: RGBColor = RGBColor(160, 196, 228);
pub(super) const ACCENT: RGBColor = RGBColor(237, 125, 49);
pub(super) const WARN: RGBColor = RGBColor(222, 110, 60);
pub(super) const GOOD: RGBColor = RGBColor(56, 142, 60);
pub(super) const ALERT: RGBColor = RGBColor(200, 30, 30);

/// Height of the label area under the x axis: tick labels in one row (or
/// two, staggered) and the axis description.
pub(super) const X_AREA: u32 = 88;
pub(super) const X_AREA_TWO_ROWS: u32 = 120;
/// Width of the label areas left and right of the plot.
pub(super) const Y_AREA: u32 = 120;

pub(super) fn font(size: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal).color(&INK)
}

pub(super) fn bold(size: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Bold).color(&INK)
}

pub(super) fn tinted(size: f64, colour: RGBColor) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal).color(&colour)
}

pub(super) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

pub(super) fn stroke(colour: RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width }
}
