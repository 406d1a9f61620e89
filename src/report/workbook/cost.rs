//! The Cost sheet (docs/metrics.md §10), only when cost is recorded: cost
//! per month of the trend window with its chart, the cost Pareto of defect
//! types over the window beside the count Pareto (which types are frequent,
//! which are expensive) and the month's cost Pareto, the window's cost
//! Pareto chart and the customers that cost the most. Amounts show whole
//! units with a thousands separator; the currency, when configured, is in
//! the headers.

use super::cells::{fill_format, new_chart, text, Sheet, Value, CHART_ROWS};
use super::monthly::{MonthColumn as C, MonthlyTable};
use super::pareto::{combo_chart, ParetoTable};
use super::Book;
use crate::metrics::cost::{CostParetoRow, CostReport};
use crate::report::labels::L;
use rust_xlsxwriter::{ChartType, Worksheet};

const COLUMNS: [C; 4] = [C::Month, C::CostTotal, C::CostCount, C::CostMean];
/// The header row of the monthly table.
const MONTHLY_ROW: u32 = 3;
/// Columns of the three Pareto tables, each four wide: the window's cost and
/// count side by side with a gap, the month's cost under the count (a
/// third beside them made the sheet too wide for a page at 80 %).
const COST_WINDOW_COL: u16 = 0;
const COUNT_WINDOW_COL: u16 = 5;
const COST_MONTH_COL: u16 = COUNT_WINDOW_COL;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetCost));
    let Some(cost) = r.cost.get() else { return Ok(()) };
    let mut sh = Sheet::new(ws, &b.f);
    let title = b.sheet_title(name);
    sh.title(&title, &l.fmt(L::CostSubtitle, &[&b.subtitle]))?;
    let with_currency = |label: L| match &cost.currency {
        Some(c) => l.fmt(L::CostWithCurrency, &[&l.get(label), c]),
        None => l.get(label).to_string(),
    };

    // cost per month and its chart beside the table
    sh.section_title(MONTHLY_ROW - 1, 0, COLUMNS.len() as u16, l.get(L::CostMonthlyTitle))?;
    let table = MonthlyTable::write(&mut sh, b, name, MONTHLY_ROW, &COLUMNS, &[])?;
    // four short headers, each on one line
    for (j, c) in COLUMNS.iter().enumerate() {
        sh.fit(j as u16, &c.header(l, r));
    }
    let mut chart = new_chart(ChartType::Column, l.get(L::ChartCostMonthly));
    super::monthly::month_labels(&mut chart, r.trend.len(), super::cells::MIN_CHART_WIDTH_PX);
    let (series, categories, values) = table.series(C::CostTotal)?;
    chart
        .add_series()
        .set_name(series)
        .set_categories(categories)
        .set_values(values)
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(60);
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    sh.chart(MONTHLY_ROW, COLUMNS.len() as u16 + 1, &mut chart)?;

    // the Pareto tables side by side, under the chart
    let top = table.last_row.max(MONTHLY_ROW + CHART_ROWS) + 3;
    // printed: the Paretos, customers and Pareto chart start a page
    sh.row_breaks.push(top - 1);
    let window = format!("{} ~ {}", r.trend.first().map(|t| t.month.to_string()).unwrap_or_default(), r.period);
    let cost_headers = [with_currency(L::Cost), l.get(L::CumShare).into(), l.get(L::VitalFew).into()];
    let cost_window_last = cost_pareto(&mut sh, b, &cost.pareto_window, top, COST_WINDOW_COL, &cost_headers)?;
    sh.section_title(top - 1, COST_WINDOW_COL, 4, &l.fmt(L::CostParetoTitle, &[&window]))?;
    let count_rows: Vec<Vec<Value>> = r
        .pareto_window
        .iter()
        .map(|p| {
            vec![
                text(l.category(&p.defect_type)),
                Value::Int(p.count as i64),
                Value::Pct(Some(p.cum_share)),
                text(if p.vital_few { "●" } else { "" }),
            ]
        })
        .collect();
    let count_headers = [l.get(L::DefectType), l.get(L::Count), l.get(L::CumShare), l.get(L::VitalFew)];
    sh.section_title(top - 1, COUNT_WINDOW_COL, 4, &l.fmt(L::CountParetoTitle, &[&window]))?;
    let count_last = sh.table(top, COUNT_WINDOW_COL, &count_headers, &count_rows)?;
    let month_title = l.fmt(L::CostParetoTitle, &[&r.period]);
    let month_top = count_last + 3;
    sh.section_title(month_top - 1, COST_MONTH_COL, 4, &month_title)?;
    let mut month_last = cost_pareto(&mut sh, b, &cost.pareto_month, month_top, COST_MONTH_COL, &cost_headers)?;
    if cost.pareto_month.is_empty() {
        month_last += 1;
        let none = l.fmt(L::NoCostIn, &[&r.period]);
        sh.ws.merge_range(month_last, COST_MONTH_COL, month_last, COST_MONTH_COL + 3, &none, &b.f.text)?;
    }

    // under them: the customers that cost the most, and the window's cost Pareto chart
    let below = cost_window_last.max(count_last).max(month_last) + 3;
    let customers_last = top_customers(&mut sh, b, cost, below, &with_currency(L::Cost))?;
    if let Some(rows) = &cost.by_responsibility {
        // §13: who pays — the window's cost per responsibility (귀책)
        let top = customers_last + 3;
        sh.section_title(top - 1, 0, 3, &l.fmt(L::CostByResponsibility, &[]))?;
        let body: Vec<Vec<Value>> = rows
            .iter()
            .map(|c| vec![text(l.category(&c.responsibility)), Value::Money(Some(c.cost)), Value::Int(c.count as i64)])
            .collect();
        let headers = [l.get(L::Responsibility), &with_currency(L::Cost), l.get(L::CostCount)];
        sh.table(top, 0, &headers, &body)?;
    }
    let pareto = ParetoTable {
        sheet: name,
        header_row: top,
        category: COST_WINDOW_COL,
        value: COST_WINDOW_COL + 1,
        cum_share: COST_WINDOW_COL + 2,
        rows: cost.pareto_window.len(),
        value_format: Some("#,##0"),
        vital_few_split: None,
        counts: Vec::new(),
        line_80: None,
    };
    let mut chart = combo_chart(&pareto, &l.fmt(L::ChartCostParetoTitle, &[&window]), &with_currency(L::Cost));
    sh.chart(below - 1, 3, &mut chart)?;
    sh.finish(MONTHLY_ROW + 1, b.name(L::SheetCost))
}

/// A cost Pareto table (defect type, cost, cumulative share, vital few)
/// with its header on `top` at column `col`; returns its last row.
fn cost_pareto(
    sh: &mut Sheet,
    b: &Book,
    rows: &[CostParetoRow],
    top: u32,
    col: u16,
    headers: &[String; 3],
) -> anyhow::Result<u32> {
    let l = b.l();
    let headers = [l.get(L::DefectType), &headers[0], &headers[1], &headers[2]];
    let body: Vec<Vec<Value>> = rows
        .iter()
        .map(|p| {
            vec![
                text(l.category(&p.defect_type)),
                Value::Money(Some(p.cost)),
                Value::Pct(Some(p.cum_share)),
                text(if p.vital_few { "●" } else { "" }),
            ]
        })
        .collect();
    sh.table(top, col, &headers, &body)
}

/// The top customers by window cost from row `top` (title on `top - 1`).
fn top_customers(sh: &mut Sheet, b: &Book, cost: &CostReport, top: u32, cost_header: &str) -> anyhow::Result<u32> {
    let (r, l) = (b.r(), b.l());
    sh.section_title(top - 1, 0, 2, &l.fmt(L::TopCustomersByCost, &[&r.params.top]))?;
    let rows: Vec<Vec<Value>> =
        cost.top_customers.iter().map(|c| vec![text(l.category(&c.customer)), Value::Money(Some(c.cost))]).collect();
    sh.table(top, 0, &[l.get(L::Customer), cost_header], &rows)
}
