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
pub const COLUMNS: [&str; 31] = [
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
    "defect_qty",
    "responsibility",
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
            // a field no row has (a column the ledgers lack) is one null
            // value, not a null per row
            FieldKind::Date if rows.iter().all(|i| pick(i).date(field).is_none()) => {
                Column::full_null(name.into(), rows.len(), &DataType::Date)
            }
            FieldKind::Date => Column::new(name.into(), rows.iter().map(|i| pick(i).date(field)).collect::<Vec<_>>()),
            FieldKind::Number => {
                Column::new(name.into(), rows.iter().map(|i| pick(i).number(field)).collect::<Vec<_>>())
            }
            FieldKind::Text => {
                let ids: Vec<u32> = rows.iter().map(|&(i, _)| records.rows[i].text(field)).collect();
                let values = records.pool_values(field);
                if field != Field::ComplaintId && repeats(&values, &ids) {
                    categorical_column(name, &values, &ids)?
                } else {
                    pooled_column(name, &values, &ids)
                }
            }
        };
        columns.push(column);
    }
    columns.push(Column::new("closed_mark".into(), rows.iter().map(|i| pick(i).closed_mark).collect::<Vec<_>>()));
    let sources: Vec<u32> = rows.iter().map(|&(i, _)| records.rows[i].source + 1).collect();
    let files: Vec<&str> = records.sources.iter().map(|(file, _)| &**file).collect();
    let sheets: Vec<&str> = records.sources.iter().map(|(_, sheet)| &**sheet).collect();
    columns.push(categorical_column("source_file", &files, &sources)?);
    columns.push(categorical_column("source_sheet", &sheets, &sources)?);
    columns.push(Column::new("source_row".into(), rows.iter().map(|i| pick(i).source_row).collect::<Vec<u32>>()));
    columns.push(Column::new("input_order".into(), rows.iter().map(|i| i.1 as u32).collect::<Vec<u32>>()));
    DataFrame::new(rows.len(), columns)
}

/// Whether a column's values repeat (fewer distinct values than half its
/// rows): then a code per row is cheaper than a view per row.
fn repeats(values: &[&str], ids: &[u32]) -> bool {
    values.len() * 2 <= ids.len()
}

/// A dictionary-encoded (polars Categorical) column whose rows are value
/// numbers into `values` (1-based, 0 = null): 4 bytes a row and each
/// distinct value once, a quarter of a string view per row (GBs at
/// millions of rows). It sorts by the text, like a string column; read it
/// through `metrics::texts` / `metrics::text`, which give strings.
fn categorical_column(name: &str, values: &[&str], ids: &[u32]) -> PolarsResult<Column> {
    if ids.iter().all(|&n| n == 0) {
        return Ok(Column::full_null(name.into(), ids.len(), &DataType::String));
    }
    let categories = Categories::random(PlSmallStr::EMPTY, CategoricalPhysical::U32);
    let mapping = categories.mapping();
    // value number → category number (0 for null, unused)
    let mut code: Vec<u32> = Vec::with_capacity(values.len() + 1);
    code.push(0);
    for v in values {
        code.push(mapping.insert_cat(v)?);
    }
    let codes: Vec<u32> = ids.iter().map(|&n| code[n as usize]).collect();
    let validity = ids.contains(&0).then(|| ids.iter().map(|&n| n != 0).collect::<Bitmap>());
    let array = polars_arrow::array::PrimitiveArray::<u32>::from_vec(codes).with_validity(validity);
    let physical = UInt32Chunked::with_chunk(name.into(), array);
    let dtype = DataType::from_categories(categories);
    // SAFETY: every code was handed out by this dtype's mapping, which the
    // dtype holds, and the physical type is u32 as the categories say.
    let chunked = unsafe { Categorical32Chunked::from_cats_and_dtype_unchecked(physical, dtype) };
    Ok(chunked.into_series().into_column())
}

/// A string column whose rows are value numbers into `values` (1-based,
/// 0 = null). Each distinct value is stored once and every row is a 16-byte
/// view of it, instead of a copy of the text per row (at a million rows
/// several hundred MB and most of the time of building the table).
fn pooled_column(name: &str, values: &[&str], ids: &[u32]) -> Column {
    if ids.iter().all(|&n| n == 0) {
        return Column::full_null(name.into(), ids.len(), &DataType::String);
    }
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

    #[test]
    fn repeating_columns_are_codes_that_read_and_sort_as_their_text() -> PolarsResult<()> {
        let values = ["품질보증팀", "b-team", "a-team"];
        let ids = [1, 2, 0, 3, 1, 1, 2, 0];
        assert!(repeats(&values, &ids) && !repeats(&values, &ids[..5]));
        let column = categorical_column("department", &values, &ids)?;
        assert!(column.dtype().is_categorical());
        let got = crate::metrics::texts(&column)?;
        let want: Vec<Option<&str>> = ids.iter().map(|&n| (n > 0).then(|| values[n as usize - 1])).collect();
        assert_eq!(got.iter().collect::<Vec<_>>(), want);
        // sorting goes by the text, as for a string column, not by code
        let df = DataFrame::new(ids.len(), vec![column])?;
        let sorted = df.sort(["department"], SortMultipleOptions::default().with_nulls_last(true))?;
        let sorted = crate::metrics::texts(sorted.column("department")?)?;
        let order: Vec<Option<&str>> = sorted.iter().collect();
        assert_eq!(
            order,
            [
                Some("a-team"),
                Some("b-team"),
                Some("b-team"),
                Some("품질보증팀"),
                Some("품질보증팀"),
                Some("품질보증팀"),
                None,
                None
            ]
        );
        // a column no row fills is one null, and reads as strings
        let empty = categorical_column("capa_id", &values, &[0, 0, 0])?;
        assert_eq!((empty.null_count(), empty.dtype()), (3, &DataType::String));
        Ok(())
    }

    #[test]
    fn the_samples_repeating_columns_are_codes_and_its_ids_strings() -> anyhow::Result<()> {
        let ingested = crate::ingest::ingest(&["data/sample".into()], &Default::default(), |_| {})?;
        let table = &ingested.table;
        for name in ["customer", "product", "defect_type", "department", "status", "source_file", "source_sheet"] {
            assert!(table.column(name)?.dtype().is_categorical(), "{name} is {}", table.column(name)?.dtype());
        }
        assert_eq!(table.column("complaint_id")?.dtype(), &DataType::String);
        Ok(())
    }
}
