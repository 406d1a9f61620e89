//! The PPM sheet (docs/metrics.md §12), only when defect quantities and a
//! shipments file are given: defective parts per million shipped per month
//! against the PPM goal with its chart, then per customer and per part,
//! worst first, the customers with a native bar chart — the figure an
//! automotive customer rates its supplier by.

use super::cells::{fill_format, line_format, new_chart, text, Sheet, Value, CHART_ROWS};
use super::Book;
use crate::metrics::ppm::PpmFigures;
use crate::report::labels::L;
use rust_xlsxwriter::{ChartType, Worksheet};

/// The header row of the monthly table.
const MONTHLY_ROW: u32 = 3;
/// Customers drawn in the bar chart (the table lists all of them).
const CHART_CUSTOMERS: usize = 10;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetPpm));
    let Some(ppm) = r.ppm.get() else { return Ok(()) };
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.sheet_title(name), &l.fmt(L::PpmSubtitle, &[&b.subtitle, &ppm.qty_unknown]))?;
    let goal = r.params.ppm_goal;

    // per month, with the goal, and its line chart beside the table
    sh.ws.write_string_with_format(MONTHLY_ROW - 1, 0, l.get(L::PpmTitleMonthly), &b.f.bold)?;
    let mut headers = vec![l.get(L::Month), l.get(L::DefectQty), l.get(L::UnitsShipped), l.get(L::Ppm)];
    headers.extend(goal.map(|_| l.get(L::PpmGoal)));
    let rows: Vec<Vec<Value>> = r
        .trend
        .iter()
        .map(|t| {
            let p = t.ppm.clone().unwrap_or_default();
            let mut row = vec![
                text(t.month.to_string()),
                Value::Money(Some(p.defect_qty)),
                Value::Money(Some(p.units)),
                p.ppm.map_or(Value::Empty, Value::Dec2),
            ];
            row.extend(goal.map(Value::Dec2));
            row
        })
        .collect();
    let monthly_last = sh.table(MONTHLY_ROW, 0, &headers, &rows)?;
    let mut chart = new_chart(ChartType::Line, l.get(L::PpmTitleMonthly));
    let (first, last) = (MONTHLY_ROW + 1, monthly_last);
    super::monthly::month_labels(&mut chart, (last + 1 - first) as usize, super::cells::MIN_CHART_WIDTH_PX);
    chart
        .add_series()
        .set_name((name, MONTHLY_ROW, 3))
        .set_categories((name, first, 0, last, 0))
        .set_values((name, first, 3, last, 3))
        .set_format(&mut line_format("#4472C4", false));
    if goal.is_some() {
        chart
            .add_series()
            .set_name((name, MONTHLY_ROW, 4))
            .set_categories((name, first, 0, last, 0))
            .set_values((name, first, 4, last, 4))
            .set_format(&mut line_format("#C00000", true));
    }
    sh.chart(MONTHLY_ROW, headers.len() as u16 + 1, &mut chart)?;
    // printed: a table starts a page unless it fits under the one before
    // (never its title alone at the foot of a page)
    let mut stack = super::print::Stack::new();
    stack.place(0, monthly_last.max(MONTHLY_ROW + CHART_ROWS) + 1);

    // per customer, worst first, with a bar chart of the window's PPM
    let mut top = monthly_last.max(MONTHLY_ROW + CHART_ROWS) + 3;
    if !ppm.by_customer.is_empty() {
        let rows: Vec<(&str, &PpmFigures)> =
            ppm.by_customer.iter().map(|c| (c.customer.as_str(), &c.figures)).collect();
        stack.place(top - 1, (rows.len() as u32 + 1).max(CHART_ROWS) + 3);
        let last = breakdown(&mut sh, b, top, L::PpmByCustomer, L::Customer, &rows)?;
        let shown = rows.len().min(CHART_CUSTOMERS) as u32;
        let mut bars = new_chart(ChartType::Bar, &l.fmt(L::PpmWindow, &[]));
        bars.add_series()
            .set_name((name, top, 6))
            .set_categories((name, top + 1, 0, top + shown, 0))
            .set_values((name, top + 1, 6, top + shown, 6))
            .set_format(&mut fill_format("#ED7D31"));
        bars.legend().set_hidden();
        bars.y_axis().set_reverse();
        sh.chart(top, 9, &mut bars)?;
        top = last.max(top + CHART_ROWS) + 3;
    }
    if !ppm.by_product.is_empty() {
        let rows: Vec<(&str, &PpmFigures)> = ppm.by_product.iter().map(|p| (p.product.as_str(), &p.figures)).collect();
        // a long list starts a page of its own unless all of it fits
        stack.place(top - 1, rows.len() as u32 + 4);
        breakdown(&mut sh, b, top, L::PpmByProduct, L::Product, &rows)?;
    }
    sh.row_breaks.extend(stack.breaks);
    sh.finish(MONTHLY_ROW + 1, name)
}

/// A per-customer or per-part table from row `top` (its title above):
/// the month's and the window's quantities, units and PPM; a name without
/// shipments has no PPM and a note. Returns the last row.
fn breakdown(
    sh: &mut Sheet,
    b: &Book,
    top: u32,
    title: L,
    name: L,
    rows: &[(&str, &PpmFigures)],
) -> anyhow::Result<u32> {
    let l = b.l();
    sh.ws.write_string_with_format(top - 1, 0, l.get(title), &b.f.bold)?;
    let headers = [
        l.get(name),
        l.get(L::QtyMonth),
        l.get(L::UnitsMonth),
        l.get(L::PpmMonth),
        &l.fmt(L::QtyWindow, &[]),
        &l.fmt(L::UnitsWindow, &[]),
        &l.fmt(L::PpmWindow, &[]),
        l.get(L::Note),
    ];
    // a PPM without shipments is blank (a chart must not draw it as 0), and
    // the note says why
    let ppm = |v: Option<f64>| v.map_or(Value::Empty, Value::Dec2);
    let body: Vec<Vec<Value>> = rows
        .iter()
        .map(|(who, f)| {
            vec![
                text(l.category(who)),
                Value::Money(Some(f.defect_qty_month)),
                Value::Money(Some(f.units_month)),
                ppm(f.ppm_month),
                Value::Money(Some(f.defect_qty_window)),
                Value::Money(Some(f.units_window)),
                ppm(f.ppm_window),
                text(if f.units_window == 0.0 { l.get(L::NoShipments) } else { "" }),
            ]
        })
        .collect();
    sh.table(top, 0, &headers, &body)
}
