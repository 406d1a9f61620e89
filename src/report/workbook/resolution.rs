//! The Resolution sheet: the cohort figures per receipt month (with the
//! customer-notification figures when recorded), open aging as of the
//! as-of date, the days-to-close histogram, their charts, and the
//! notification-overdue list.

use super::cells::{chart_font, fill_format, new_chart, text, Sheet, Value, CHART_ROWS};
use super::monthly::{MonthColumn as C, MonthlyTable};
use super::{notification, Book};
use crate::report::labels::L;
use rust_xlsxwriter::{ChartDataLabel, ChartPoint, ChartType, Worksheet};

const COLUMNS: [C; 12] = [
    C::Month,
    C::Received,
    C::Closed,
    C::OnTime,
    C::Late,
    C::Overdue,
    C::OpenWithinTarget,
    C::OnTimeRate,
    C::TtrMedian,
    C::TtrMean,
    C::TtrP90,
    C::TtrMax,
];

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetResolution));
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.sheet_title(name), &b.subtitle)?;
    // §8 notification figures beside the resolution ones, when recorded
    let mut columns = COLUMNS.to_vec();
    if r.notification.get().is_some() {
        columns.extend(notification::COLUMNS);
    }
    let table = MonthlyTable::write(&mut sh, b, name, 3, &columns, &[])?;
    let last = table.last_row;
    let Some(aging) = &r.aging else {
        // closure not recorded: the table's §3 columns are blank; say why
        sh.ws.write_string_with_format(last + 2, 0, l.get(L::ClosureNotRecorded), &b.f.alert)?;
        sh.ws.write_string_with_format(last + 3, 0, l.get(L::ClosureNotRecordedFix), &b.f.subtitle)?;
        notify_list(&mut sh, b, last + 6)?;
        return sh.finish(4, name);
    };

    // how the median and P90 count the open complaints, or why they are blank
    let timed = r.data_quality.ttr_recorded;
    if timed {
        sh.ws.write_string_with_format(last + 1, 0, l.get(L::TtrEstimateNote), &b.f.subtitle)?;
    } else {
        let warning = format!("{} — {}", l.get(L::ClosingDatesNotRecorded), l.get(L::ClosingDatesNotRecordedFix));
        sh.ws.write_string_with_format(last + 1, 0, &warning, &b.f.alert)?;
    }
    // aging and the TTR histogram side by side below; printed, they start
    // a page unless they fit under the monthly table with both charts
    let top = last + 3;
    let mut stack = super::print::Stack::new();
    table.place(&mut stack);
    stack.place(top - 1, 2 * CHART_ROWS + 1);
    sh.row_breaks.extend(stack.breaks);
    let aging_title = l.fmt(L::AgingTitle, &[&l.get(L::Aging), &l.get(L::AsOf), &r.as_of]);
    sh.ws.write_string_with_format(top - 1, 0, aging_title, &b.f.bold)?;
    let aging: Vec<Vec<Value>> = aging
        .buckets()
        .iter()
        .map(|(bucket, n)| vec![text(format!("{bucket} {}", l.get(L::Days))), Value::Int(*n as i64)])
        .collect();
    let aging_last = sh.table(top, 0, &[l.get(L::Aging), l.get(L::Count)], &aging)?;

    // bars past the target in red, within it in green; each with its count
    let target = r.params.target_days;
    let colour = |past: bool| if past { "#C00000" } else { "#70AD47" };
    let lower = |bucket: &str| -> u32 {
        bucket.trim_start_matches('>').split('-').next().and_then(|x| x.parse().ok()).unwrap_or(0)
    };
    // (the bucket names are fixed: read them from an empty aging)
    let aging_points: Vec<ChartPoint> = crate::metrics::resolution::Aging::default()
        .buckets()
        .iter()
        .map(|(bucket, _)| {
            // a bucket wholly past the target (`>60` is past 60)
            let past = if bucket.starts_with('>') { lower(bucket) >= target } else { lower(bucket) > target };
            ChartPoint::new().set_format(&mut fill_format(colour(past)))
        })
        .collect();
    let labels = ChartDataLabel::new().show_value().set_font(&chart_font()).to_owned();
    let mut aging_chart = new_chart(ChartType::Column, l.get(L::Aging));
    aging_chart
        .add_series()
        .set_name((name, top, 1))
        .set_categories((name, top + 1, 0, aging_last, 0))
        .set_values((name, top + 1, 1, aging_last, 1))
        .set_format(&mut fill_format("#ED7D31"))
        .set_points(&aging_points)
        .set_data_label(&labels);
    aging_chart.legend().set_hidden();
    // (the colours said in words: no legend names a point's colour)
    let days = l.target_days(&r.params);
    aging_chart.x_axis().set_name(l.fmt(L::ChartAgingAxis, &[&days]).as_str()).set_name_font(&chart_font());
    sh.chart(top, 6, &mut aging_chart)?;
    if !timed {
        notify_list(&mut sh, b, aging_last.max(top + CHART_ROWS) + 2)?;
        return sh.finish(4, name);
    }
    sh.ws.write_string_with_format(top - 1, 3, l.fmt(L::DaysToCloseTitle, &[]), &b.f.bold)?;
    let hist: Vec<Vec<Value>> =
        r.ttr_histogram.iter().map(|(d, n)| vec![text(d.clone()), Value::Int(*n as i64)]).collect();
    let hist_last = sh.table(top, 3, &[l.get(L::Days), l.get(L::Count)], &hist)?;
    // days to close within the target in blue, past it in orange
    let hist_points: Vec<ChartPoint> = r
        .ttr_histogram
        .iter()
        .map(|(day, _)| {
            let past = day.parse::<u32>().map_or(true, |d| d > target);
            ChartPoint::new().set_format(&mut fill_format(if past { "#ED7D31" } else { "#4472C4" }))
        })
        .collect();
    let mut hist_chart = new_chart(ChartType::Column, &l.fmt(L::ChartDaysToClose, &[&l.target_days(&r.params)]));
    hist_chart
        .add_series()
        .set_name((name, top, 4))
        .set_categories((name, top + 1, 3, hist_last, 3))
        .set_values((name, top + 1, 4, hist_last, 4))
        .set_format(&mut fill_format("#4472C4"))
        .set_points(&hist_points)
        .set_gap(20);
    hist_chart.legend().set_hidden();
    hist_chart.x_axis().set_name(l.fmt(L::ChartDaysToCloseAxis, &[&days]).as_str()).set_name_font(&chart_font());
    sh.chart(top + CHART_ROWS, 6, &mut hist_chart)?;
    // below the tables and both charts
    notify_list(&mut sh, b, aging_last.max(hist_last).max(top + 2 * CHART_ROWS) + 2)?;
    sh.finish(4, name)
}

/// The notification-overdue list from row `top`, with filters.
fn notify_list(sh: &mut Sheet, b: &Book, top: u32) -> anyhow::Result<()> {
    if let Some(last) = notification::overdue_list(sh, b, top)? {
        // printed: the list starts a page, its title and header with it
        sh.row_breaks.push(top);
        let n = b.r().notification.get().map_or(0, |n| n.overdue.len());
        if n > 0 {
            sh.ws.autofilter(top + 2, 0, last, 8)?;
        }
    }
    Ok(())
}
