//! The monthly tables (Trend, Resolution, Recurrence sheets): one row per
//! month of the trend window, columns chosen from [`MonthColumn`]. A column
//! owns its label, its cell value (whose variant is its number format) and
//! — through [`MonthlyTable::column`] — its place for the charts, which
//! take their series by column, never by position.

use super::cells::{fill_format, line_format, new_chart, opt_int, text, Sheet, Value};
use super::{print, Book};
use crate::metrics::trend::TrendMonth;
use crate::metrics::Report;
use crate::report::label_fit;
use crate::report::labels::{Labels, L};
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartDataLabelPosition, ChartMarker, ChartMarkerType, ChartType};

/// A column of a monthly table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthColumn {
    Month,
    Received,
    MomChange,
    MomPct,
    YoyCount,
    YoyPct,
    Rolling3,
    Closed,
    /// Complaints closed in the month, whatever month they came in.
    ClosedInMonth,
    OnTime,
    Late,
    Overdue,
    OpenWithinTarget,
    OnTimeRate,
    OnTimeGoal,
    TtrMedian,
    TtrMean,
    TtrP90,
    TtrMax,
    Repeats,
    RepeatRate,
    RecurrencesAfterClosure,
    RecurrenceAfterClosureRate,
    // §8, blank unless notification is recorded
    Notified,
    NotifiedOnTime,
    NotifyOverdue,
    NotifyOnTimeRate,
    NotifyDaysMedian,
    // §10, blank unless cost is recorded; the header names the currency
    CostTotal,
    CostCount,
    CostMean,
}

impl MonthColumn {
    pub fn label(self) -> L {
        use MonthColumn as C;
        match self {
            C::Month => L::Month,
            C::Received => L::Received,
            C::MomChange => L::MomChange,
            C::MomPct => L::MomPct,
            C::YoyCount => L::YoyCount,
            C::YoyPct => L::YoyPct,
            C::Rolling3 => L::Rolling3,
            C::Closed => L::Closed,
            C::ClosedInMonth => L::ClosedInMonth,
            C::OnTime => L::OnTime,
            C::Late => L::Late,
            C::Overdue => L::Overdue,
            C::OpenWithinTarget => L::OpenWithinTarget,
            C::OnTimeRate => L::OnTimeRate,
            C::OnTimeGoal => L::OnTimeGoal,
            C::TtrMedian => L::TtrMedian,
            C::TtrMean => L::TtrMean,
            C::TtrP90 => L::TtrP90,
            C::TtrMax => L::TtrMax,
            C::Repeats => L::Repeats,
            C::RepeatRate => L::RepeatRate,
            C::RecurrencesAfterClosure => L::RecurrencesAfterClosure,
            C::RecurrenceAfterClosureRate => L::RecurrenceAfterClosureRate,
            C::Notified => L::Notified,
            C::NotifiedOnTime => L::NotifiedOnTime,
            C::NotifyOverdue => L::NotifyOverdue,
            C::NotifyOnTimeRate => L::NotifyOnTimeRate,
            C::NotifyDaysMedian => L::NotifyDaysMedian,
            C::CostTotal => L::CostTotal,
            C::CostCount => L::CostCount,
            C::CostMean => L::CostMean,
        }
    }

    /// The column's header: its label, with the currency (when configured)
    /// for the amounts.
    pub(super) fn header(self, l: &Labels, r: &Report) -> String {
        let label = l.get(self.label());
        match (self, &r.params.currency) {
            (MonthColumn::CostTotal | MonthColumn::CostMean, Some(currency)) => {
                l.fmt(L::CostWithCurrency, &[&label, currency])
            }
            _ => label.to_string(),
        }
    }

    /// The column's cell for one month.
    pub(super) fn value(self, t: &TrendMonth, r: &Report, l: &Labels) -> Value {
        use MonthColumn as C;
        let count = |n: u64| Value::Int(n as i64);
        let opt_count = |n: Option<u64>| opt_int(n.map(|n| n as i64));
        match self {
            C::Month => text(t.month.to_string()),
            C::Received => count(t.received),
            C::MomChange => opt_int(t.mom_change),
            C::MomPct => Value::Pct(t.mom_pct.map(|p| p / 100.0)),
            C::YoyCount => opt_int(t.yoy_count.map(|y| y as i64)),
            C::YoyPct => Value::Pct(t.yoy_pct.map(|p| p / 100.0)),
            C::Rolling3 => Value::Dec(t.rolling3),
            // null when closure is not recorded: blank, the sheet says why
            C::Closed => opt_count(t.closed),
            // (counted by closed date: without closing dates not 0 but unknown)
            C::ClosedInMonth => opt_count(t.closed_in_month.filter(|_| r.data_quality.ttr_recorded)),
            C::OnTime => opt_count(t.on_time),
            C::Late => opt_count(t.late),
            C::Overdue => opt_count(t.overdue),
            C::OpenWithinTarget => opt_count(t.open_within_target),
            C::OnTimeRate => Value::Pct(t.on_time_rate),
            C::OnTimeGoal => Value::Pct(Some(r.params.on_time_goal)),
            // a bound ("≥ 15.0 (3 open)") where the estimate is not reached (§3)
            C::TtrMedian => estimate(t.median_estimate(), t, l),
            C::TtrMean => Value::Dec(t.ttr_mean),
            C::TtrP90 => estimate(t.p90_estimate(), t, l),
            C::TtrMax => opt_int(t.ttr_max),
            C::Repeats => count(t.repeats),
            C::RepeatRate => Value::Pct(t.repeat_rate),
            C::RecurrencesAfterClosure => count(t.recurrences_after_closure),
            C::RecurrenceAfterClosureRate => Value::Pct(t.recurrence_after_closure_rate),
            C::Notified => opt_count(t.notify.as_ref().map(|n| n.notified)),
            C::NotifiedOnTime => opt_count(t.notify.as_ref().map(|n| n.notified_on_time)),
            C::NotifyOverdue => opt_count(t.notify.as_ref().map(|n| n.notify_overdue)),
            C::NotifyOnTimeRate => Value::Pct(t.notify.as_ref().and_then(|n| n.notify_on_time_rate)),
            C::NotifyDaysMedian => Value::Dec(t.notify.as_ref().and_then(|n| n.notify_days_median)),
            C::CostTotal => Value::Money(t.cost.as_ref().and_then(|c| c.cost_total)),
            C::CostCount => opt_count(t.cost.as_ref().map(|c| c.cost_count)),
            C::CostMean => Value::Money(t.cost.as_ref().and_then(|c| c.cost_mean)),
        }
    }
}

/// A handling-time estimate's cell: the days, or the bound as text.
fn estimate(e: crate::metrics::month::Estimate, t: &TrendMonth, l: &Labels) -> Value {
    match e.value {
        Some(v) => Value::Dec(Some(v)),
        None if e.at_least.is_some() => Value::Bound(l.estimate(e, t.still_open())),
        None => Value::Dec(None),
    }
}

/// Where a monthly table stands on its sheet, for the charts that read it.
/// A table wider than the printed page (80 %, in LibreOffice's wider
/// columns too) is written as blocks of columns one under another, each
/// with the month column and its own header, so that it prints whole on
/// the page's width.
pub(super) struct MonthlyTable<'a> {
    pub(super) sheet: &'a str,
    /// The last block's last row.
    pub(super) last_row: u32,
    /// Rows of each block under its header (the trend window's months).
    months: u32,
    /// (header row, columns) of each block.
    blocks: Vec<(u32, Vec<MonthColumn>)>,
}

impl<'a> MonthlyTable<'a> {
    /// The layout of a table of `columns` with its header on `header_row`
    /// of `sheet` (it need not be written yet: the Summary's charts read the
    /// Trend sheet's table).
    /// `floor`: the widths (characters) the sheet's other tables give its
    /// first columns, which the blocks share.
    pub(super) fn at(
        sheet: &'a str,
        header_row: u32,
        columns: &[MonthColumn],
        floor: &[f64],
        b: &Book,
    ) -> MonthlyTable<'a> {
        let (r, l) = (b.r(), b.l());
        let widths: Vec<f64> = columns.iter().map(|c| column_width(*c, r, l)).collect();
        let months = r.trend.len() as u32;
        let mut row = header_row;
        let blocks: Vec<(u32, Vec<MonthColumn>)> = split_to_page(columns, &widths, floor)
            .into_iter()
            .map(|block| {
                let at = row;
                row += months + 2;
                (at, block)
            })
            .collect();
        let last_row = blocks.last().map_or(header_row, |(h, _)| h + months);
        MonthlyTable { sheet, last_row, months, blocks }
    }

    /// Writes the table; returns its layout.
    pub(super) fn write(
        sh: &mut Sheet,
        b: &Book,
        sheet: &'a str,
        header_row: u32,
        columns: &[MonthColumn],
        floor: &[f64],
    ) -> anyhow::Result<MonthlyTable<'a>> {
        let (r, l) = (b.r(), b.l());
        let table = MonthlyTable::at(sheet, header_row, columns, floor, b);
        for (row, block) in &table.blocks {
            let headers: Vec<String> = block.iter().map(|c| c.header(l, r)).collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let rows: Vec<Vec<Value>> =
                r.trend.iter().map(|t| block.iter().map(|c| c.value(t, r, l)).collect()).collect();
            sh.table(*row, 0, &headers, &rows)?;
        }
        Ok(table)
    }

    /// Places the title rows and the blocks on printed pages: a block
    /// starts a page when it does not fit under the one before.
    pub(super) fn place(&self, stack: &mut print::Stack) {
        // a wrapped header counts as three rows
        const HEADER: u32 = 3;
        for (i, (row, _)) in self.blocks.iter().enumerate() {
            if i == 0 {
                stack.place(0, row + self.months + HEADER);
            } else {
                stack.place(row - 1, self.months + 1 + HEADER);
            }
        }
    }

    /// The last row and column of the first block (where a filter goes).
    pub(super) fn first_block_end(&self) -> (u32, u16) {
        let (row, columns) = &self.blocks[0];
        (row + self.months, columns.len() as u16 - 1)
    }

    /// The header row and sheet column of `c` (a chart of a column the
    /// table lacks is a bug).
    pub(super) fn column(&self, c: MonthColumn) -> anyhow::Result<(u32, u16)> {
        self.blocks
            .iter()
            .find_map(|(row, block)| block.iter().position(|x| *x == c).map(|i| (*row, i as u16)))
            .ok_or_else(|| anyhow::anyhow!("internal error: the monthly table has no {c:?} column"))
    }

    /// (name cell, categories range, values range) of column `c`, for a
    /// chart series; the months (of `c`'s block) are the categories.
    #[allow(clippy::type_complexity)]
    pub(super) fn series(
        &self,
        c: MonthColumn,
    ) -> anyhow::Result<((&'a str, u32, u16), (&'a str, u32, u16, u32, u16), (&'a str, u32, u16, u32, u16))> {
        let (header, col) = self.column(c)?;
        let (first, last) = (header + 1, header + self.months);
        Ok(((self.sheet, header, col), (self.sheet, first, 0, last, 0), (self.sheet, first, col, last, col)))
    }
}

/// The width (characters) column `c` is given for its header's longest
/// word and its values, as [`Sheet::table`] would fit it.
fn column_width(c: MonthColumn, r: &Report, l: &Labels) -> f64 {
    let header = c.header(l, r);
    let word = super::cells::longest_word(&header);
    let values = r.trend.iter().filter_map(|t| super::cells::value_width(&c.value(t, r, l)));
    values.fold(super::cells::text_width(word), f64::max).max(8.0)
}

/// `columns` (the month first) cut into blocks that each print whole on
/// the page width at the smallest scale in LibreOffice's wider columns,
/// every block led by the month column. Stacked, the blocks share the
/// sheet's columns — a column is as wide as the widest of its blocks, and
/// at least `floor` (what the sheet's other tables need): the blocks are
/// cut narrower until the shared widths fit too.
fn split_to_page(columns: &[MonthColumn], widths: &[f64], floor: &[f64]) -> Vec<Vec<MonthColumn>> {
    let page = print::PAGE_WIDTH_PT * 100.0 / f64::from(print::MIN_SCALE) / print::LIBREOFFICE_WIDER;
    let points: Vec<f64> = widths.iter().map(|w| print::column_points(*w)).collect();
    let floor: Vec<f64> = floor.iter().map(|w| print::column_points(*w)).collect();
    let mut budget = page;
    loop {
        let blocks = greedy_blocks(&points, &floor, budget);
        let shared = shared_width(&blocks, &points, &floor);
        // too wide still, and narrower blocks would help: cut again
        if shared <= page || blocks.iter().all(|b| b.len() <= 2) || budget < page / 4.0 {
            return blocks.iter().map(|b| b.iter().map(|i| columns[*i]).collect()).collect();
        }
        budget -= (shared - page).max(page / 20.0);
    }
}

/// Blocks of column indexes, each led by the month (index 0) and at most
/// `budget` wide where the sheet's `floor` allows; a column wider than the
/// budget makes a block of its own.
fn greedy_blocks(points: &[f64], floor: &[f64], budget: f64) -> Vec<Vec<usize>> {
    let at_least = |slot: usize, w: f64| floor.get(slot).map_or(w, |f| f.max(w));
    let mut blocks: Vec<Vec<usize>> = vec![vec![0]];
    let mut used = at_least(0, points.first().copied().unwrap_or(0.0));
    for (i, w) in points.iter().enumerate().skip(1) {
        let slot = blocks.last().map_or(1, Vec::len);
        if slot > 1 && used + at_least(slot, *w) > budget {
            blocks.push(vec![0]);
            used = at_least(0, points[0]);
        }
        let slot = blocks.last().map_or(1, Vec::len);
        used += at_least(slot, *w);
        if let Some(block) = blocks.last_mut() {
            block.push(i);
        }
    }
    blocks
}

/// The width of the columns the stacked `blocks` take: each as wide as the
/// widest of its blocks (and the floor).
fn shared_width(blocks: &[Vec<usize>], points: &[f64], floor: &[f64]) -> f64 {
    let mut slots: Vec<f64> = Vec::new();
    for block in blocks {
        for (slot, i) in block.iter().enumerate() {
            if slots.len() <= slot {
                slots.resize(slot + 1, 0.0);
            }
            slots[slot] = slots[slot].max(points[*i]).max(floor.get(slot).copied().unwrap_or(0.0));
        }
    }
    slots.iter().sum()
}

/// The columns of the Trend sheet's table, which the Summary's charts read.
pub(super) const TREND_COLUMNS: [MonthColumn; 21] = {
    use MonthColumn as C;
    [
        C::Month,
        C::Received,
        C::MomChange,
        C::MomPct,
        C::YoyCount,
        C::YoyPct,
        C::Rolling3,
        C::Closed,
        C::OnTime,
        C::Late,
        C::Overdue,
        C::OnTimeRate,
        C::OnTimeGoal,
        C::TtrMedian,
        C::TtrP90,
        C::OpenWithinTarget,
        C::Repeats,
        C::RepeatRate,
        C::RecurrencesAfterClosure,
        C::RecurrenceAfterClosureRate,
        C::ClosedInMonth,
    ]
};

/// The header row of the Trend sheet's table.
pub(super) const TREND_HEADER_ROW: u32 = 3;

/// Complaints received per month with the 3-month rolling mean, for a
/// chart `width_px` wide: the counts' labels thinned where they would
/// collide ([`label_fit::thin_labels`]: the last, the largest, every k-th).
pub(super) fn received_chart(b: &Book, t: &MonthlyTable, width_px: u32, height_px: u32) -> anyhow::Result<Chart> {
    let l = b.l();
    let mut chart = new_chart(ChartType::Column, l.get(L::ChartReceived));
    chart.set_width(width_px).set_height(height_px);
    let (name, categories, values) = t.series(MonthColumn::Received)?;
    let counts: Vec<f64> = b.r().trend.iter().map(|m| m.received as f64).collect();
    let rolling: Vec<Option<f64>> = b.r().trend.iter().map(|m| m.rolling3).collect();
    // a count axis of its own (room above the tallest bar for its label),
    // so that where a label stands against the rolling line is known: a
    // label the line would run through stands inside the top of its bar,
    // in white, when the bar is tall enough to hold it
    let (top, step) = label_fit::count_axis(counts.iter().copied().fold(0.0, f64::max), 0.85);
    let plot_px = (f64::from(height_px) - RECEIVED_PLOT_MARGIN_PX).max(1.0);
    let label_h = LABEL_PX / plot_px * top;
    let half_w = value_label_px(&counts) / 2.0 / slot_px(&counts, width_px);
    let under = label_fit::labels_under_line(&counts, &rolling, label_h, half_w);
    // (inside only where the label is narrower than a bar: a gap of 60 %
    // leaves a bar 1/1.6 of its slot; LibreOffice cuts a wider one, 1,139
    // printed as 13)
    let fits_inside = value_label_px(&counts) - 6.0 <= slot_px(&counts, width_px) / 1.6;
    let inside = ChartDataLabel::new()
        .show_value()
        .set_position(ChartDataLabelPosition::InsideEnd)
        .set_font(super::cells::chart_font().set_color("#FFFFFF").set_bold())
        .to_custom();
    let labels: Vec<ChartDataLabel> = value_labels_shown(&counts, width_px)
        .into_iter()
        .zip(under.iter().zip(&counts))
        .map(|(shown, (under, n))| match shown {
            false => ChartDataLabel::new().set_hidden().to_custom(),
            true if fits_inside && *under && *n >= label_h * 1.5 => inside.clone(),
            true => ChartDataLabel::default(),
        })
        .collect();
    chart.y_axis().set_min(0).set_max(top).set_major_unit(step);
    month_labels(&mut chart, counts.len(), width_px);
    chart
        .add_series()
        .set_name(name)
        .set_categories(categories)
        .set_values(values)
        .set_format(&mut fill_format("#4472C4"))
        .set_data_label(ChartDataLabel::new().show_value().set_font(&super::cells::chart_font()))
        .set_custom_data_labels(&labels)
        .set_gap(60);
    let mut line = Chart::new(ChartType::Line);
    let (name, categories, values) = t.series(MonthColumn::Rolling3)?;
    line.add_series()
        .set_name(name)
        .set_categories(categories)
        .set_values(values)
        .set_format(&mut line_format("#ED7D31", false));
    chart.combine(&line);
    chart.y_axis().set_name(l.get(L::Count)).set_name_font(&super::cells::chart_font());
    Ok(chart)
}

/// Which counts of a column chart `width_px` wide get their value label:
/// a label of the widest count at the charts' 10 pt (7.4 px a digit, 8 px
/// of padding) against the slots of a plot about 90 px narrower than the
/// chart (the value axis and its name).
pub(super) fn value_labels_shown(counts: &[f64], width_px: u32) -> Vec<bool> {
    label_fit::thin_labels(counts, value_label_px(counts), slot_px(counts, width_px))
}

/// The width (px) of the widest count's label: `1,743`, its digits and
/// thousands separators.
fn value_label_px(counts: &[f64]) -> f64 {
    let digits = counts.iter().map(|c| format!("{c:.0}").len()).max().unwrap_or(1);
    (digits + (digits - 1) / 3) as f64 * 7.4 + 8.0
}

/// The distance (px) between the bars of `counts` in a chart `width_px`
/// wide.
fn slot_px(counts: &[f64], width_px: u32) -> f64 {
    (f64::from(width_px) - 90.0).max(1.0) / counts.len().max(1) as f64
}

/// The months under a chart `width_px` wide: level when they fit side by
/// side, else slanted or upright — never broken at their hyphen (`2024` over
/// `-11`, as LibreOffice wraps them).
pub(super) fn month_labels(chart: &mut Chart, months: usize, width_px: u32) {
    // `2024-11`: 7 characters of 7 px at the charts' 10 pt, a line 14 px
    let slot = (f64::from(width_px) - 90.0).max(1.0) / months.max(1) as f64;
    let rotation = label_fit::label_rotation(49.0, 49.0, slot, 14.0);
    chart.x_axis().set_font(super::cells::chart_font().set_rotation(rotation));
}

/// A value label's height (px) at the charts' 10 pt, with its gap.
const LABEL_PX: f64 = 18.0;
/// What a column chart's plot leaves of its height (px): the title, the
/// legend under the plot, the slanted month labels.
const RECEIVED_PLOT_MARGIN_PX: f64 = 110.0;

/// The on-time rate per receipt month against the goal line.
pub(super) fn on_time_chart(b: &Book, t: &MonthlyTable, width_px: u32) -> anyhow::Result<Chart> {
    let title = b.l().fmt(L::ChartOnTime, &[&b.l().target_days(&b.r().params)]);
    let mut chart = new_chart(ChartType::Line, &title);
    chart.set_width(width_px);
    month_labels(&mut chart, t.months as usize, width_px);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(6);
    let (name, categories, values) = t.series(MonthColumn::OnTimeRate)?;
    chart
        .add_series()
        .set_name(name)
        .set_categories(categories)
        .set_values(values)
        .set_format(&mut line_format("#4472C4", false))
        .set_marker(&marker);
    let (name, categories, values) = t.series(MonthColumn::OnTimeGoal)?;
    chart
        .add_series()
        .set_name(name)
        .set_categories(categories)
        .set_values(values)
        .set_format(&mut line_format("#C00000", true));
    chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
    Ok(chart)
}
