//! The clean complaint table: merged records as typed polars columns.

use super::fields::{Field, FieldKind};
use super::record::Records;
use polars::prelude::*;

/// The table's columns: the canonical fields (without the running number),
/// `closed_mark` (marked closed by status or a closed word), provenance and
/// `input_order` (position of the complaint's first occurrence, the
/// tie-breaker of METRICS.md §4).
pub const COLUMNS: [&str; 25] = [
    "complaint_id",
    "received_date",
    "customer",
    "product",
    "lot",
    "defect_type",
    "description",
    "channel",
    "severity",
    "site",
    "department",
    "owner",
    "cause",
    "action",
    "notified_date",
    "closed_date",
    "status",
    "capa_id",
    "nonconforming",
    "cost",
    "closed_mark",
    "source_file",
    "source_sheet",
    "source_row",
    "input_order",
];

/// Builds the table from `rows` = (record, input position) pairs.
pub fn build(records: &Records, rows: &[(usize, usize)]) -> PolarsResult<DataFrame> {
    let pick = |i: &(usize, usize)| &records.rows[i.0];
    let mut columns: Vec<Column> = Vec::with_capacity(COLUMNS.len());
    for field in Field::ALL.into_iter().filter(|f| *f != Field::RowNo) {
        let name = field.name();
        let column = match (field.kind(), field) {
            (FieldKind::Date, Field::ReceivedDate) => {
                Column::new(name.into(), rows.iter().map(|i| pick(i).received_date).collect::<Vec<_>>())
            }
            (FieldKind::Date, Field::NotifiedDate) => {
                Column::new(name.into(), rows.iter().map(|i| pick(i).notified_date).collect::<Vec<_>>())
            }
            (FieldKind::Date, _) => {
                Column::new(name.into(), rows.iter().map(|i| pick(i).closed_date).collect::<Vec<_>>())
            }
            (FieldKind::Number, _) => Column::new(name.into(), rows.iter().map(|i| pick(i).cost).collect::<Vec<_>>()),
            (FieldKind::Text, _) => StringChunked::from_iter_options(
                name.into(),
                rows.iter().map(|&(i, _)| records.value(field, records.rows[i].text[field as usize])),
            )
            .into_column(),
        };
        columns.push(column);
    }
    columns.push(Column::new("closed_mark".into(), rows.iter().map(|i| pick(i).closed_mark).collect::<Vec<_>>()));
    columns.push(
        StringChunked::from_iter_values("source_file".into(), rows.iter().map(|&(i, _)| records.source_file(i)))
            .into_column(),
    );
    columns.push(
        StringChunked::from_iter_values("source_sheet".into(), rows.iter().map(|&(i, _)| records.source_sheet(i)))
            .into_column(),
    );
    columns.push(Column::new("source_row".into(), rows.iter().map(|i| pick(i).source_row).collect::<Vec<u32>>()));
    columns.push(Column::new("input_order".into(), rows.iter().map(|i| i.1 as u32).collect::<Vec<u32>>()));
    DataFrame::new(rows.len(), columns)
}
