//! The clean complaint table: merged records as typed polars columns.

use super::fields::{Field, FieldKind};
use super::record::Records;
use polars::prelude::*;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::Bitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;

/// The table's columns: the canonical fields (without the running number),
/// `closed_mark` (marked closed by status or a closed word), provenance and
/// `input_order` (position of the complaint's first occurrence, the
/// tie-breaker of docs/metrics.md §4).
pub const COLUMNS: [&str; 29] = [
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
    "reply_due_date",
    "closed_date",
    "status",
    "capa_id",
    "capa_due_date",
    "capa_closed_date",
    "capa_verified_date",
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
        let column = match field.kind() {
            FieldKind::Date => Column::new(name.into(), rows.iter().map(|i| pick(i).date(field)).collect::<Vec<_>>()),
            FieldKind::Number => Column::new(name.into(), rows.iter().map(|i| pick(i).cost).collect::<Vec<_>>()),
            FieldKind::Text => {
                let ids: Vec<u32> = rows.iter().map(|&(i, _)| records.rows[i].text[field as usize]).collect();
                pooled_column(name, &records.pool_values(field), &ids)
            }
        };
        columns.push(column);
    }
    columns.push(Column::new("closed_mark".into(), rows.iter().map(|i| pick(i).closed_mark).collect::<Vec<_>>()));
    let sources: Vec<u32> = rows.iter().map(|&(i, _)| records.rows[i].source + 1).collect();
    let files: Vec<&str> = records.sources.iter().map(|(file, _)| &**file).collect();
    let sheets: Vec<&str> = records.sources.iter().map(|(_, sheet)| &**sheet).collect();
    columns.push(pooled_column("source_file", &files, &sources));
    columns.push(pooled_column("source_sheet", &sheets, &sources));
    columns.push(Column::new("source_row".into(), rows.iter().map(|i| pick(i).source_row).collect::<Vec<u32>>()));
    columns.push(Column::new("input_order".into(), rows.iter().map(|i| i.1 as u32).collect::<Vec<u32>>()));
    DataFrame::new(rows.len(), columns)
}

/// A string column whose rows are value numbers into `values` (1-based,
/// 0 = null). Each distinct value is stored once and every row is a 16-byte
/// view of it, instead of a copy of the text per row (at a million rows
/// several hundred MB and most of the time of building the table).
fn pooled_column(name: &str, values: &[&str], ids: &[u32]) -> Column {
    let too_big = values.iter().map(|v| v.len()).sum::<usize>() > u32::MAX as usize;
    if too_big {
        let value = |n: u32| n.checked_sub(1).map(|i| values[i as usize]);
        return StringChunked::from_iter_options(name.into(), ids.iter().map(|&n| value(n))).into_column();
    }
    let mut buffer: Vec<u8> = Vec::new();
    let mut views: Vec<View> = Vec::with_capacity(values.len() + 1);
    views.push(View::default());
    for v in values {
        views.push(View::new_from_bytes(v.as_bytes(), 0, buffer.len() as u32));
        if v.len() > View::MAX_INLINE_SIZE as usize {
            buffer.extend_from_slice(v.as_bytes());
        }
    }
    let row_views: Vec<View> = ids.iter().map(|&n| views[n as usize]).collect();
    let validity = ids.contains(&0).then(|| ids.iter().map(|&n| n != 0).collect::<Bitmap>());
    let total_bytes: usize = row_views.iter().map(|v| v.length as usize).sum();
    let buffer_len = buffer.len();
    // SAFETY: every view was made by `View::new_from_bytes` from a `&str`
    // (valid UTF-8) at its offset in the one buffer, which holds it.
    let array = unsafe {
        Utf8ViewArray::new_unchecked(
            ArrowDataType::Utf8View,
            Buffer::from(row_views),
            Buffer::from(vec![Buffer::from(buffer)]),
            validity,
            Some(total_bytes),
            buffer_len,
        )
    };
    StringChunked::with_chunk(name.into(), array).into_column()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooled_columns_hold_the_values_of_their_rows() {
        let values = ["짧은값", "a value longer than twelve bytes", "도어트림 DT-100 외관불량"];
        let ids = [2, 0, 1, 2, 3, 0, 3];
        let column = pooled_column("t", &values, &ids);
        let got: Vec<Option<&str>> = column.str().map(|s| s.iter().collect()).unwrap_or_default();
        let want: Vec<Option<&str>> = ids.iter().map(|&n| (n > 0).then(|| values[n as usize - 1])).collect();
        assert_eq!(got, want);
        assert_eq!(column.null_count(), 2);
        // operations that read the bytes: comparison, lower-casing, grouping
        let s = column.as_materialized_series();
        assert_eq!(s.n_unique().unwrap_or(0), 4);
        let lower = s.str().map(|s| s.to_lowercase()).ok();
        assert_eq!(
            lower.and_then(|l| l.get(0).map(str::to_string)),
            Some("a value longer than twelve bytes".to_string())
        );
    }
}
