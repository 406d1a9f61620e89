//! The clean complaint table as CSV (UTF-8 with BOM, formula injection
//! neutralised): `complaints check --table FILE`, for people who want the
//! cleaned ledger itself and for tests that check every parsed value.

use super::rejects_csv::neutralise;
use crate::ingest::cells::format_number;
use crate::metrics::months::from_epoch_days;
use anyhow::bail;
use polars::prelude::*;

/// Renders every column of `table` as text: dates `YYYY-MM-DD`, numbers
/// without a needless `.0`, blanks empty.
pub fn to_csv(table: &DataFrame) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let names: Vec<String> = table.get_column_names().iter().map(|n| n.to_string()).collect();
    w.write_record(&names)?;
    let mut columns: Vec<Vec<String>> = Vec::with_capacity(names.len());
    for column in table.columns() {
        let s = column.as_materialized_series();
        let text: Vec<String> = match s.dtype() {
            DataType::String => s.str()?.iter().map(|v| neutralise(v.unwrap_or(""))).collect(),
            DataType::Date => s
                .date()?
                .physical()
                .iter()
                .map(|v| v.map(|d| from_epoch_days(d).to_string()).unwrap_or_default())
                .collect(),
            DataType::Float64 => s.f64()?.iter().map(|v| v.map(format_number).unwrap_or_default()).collect(),
            DataType::UInt32 => s.u32()?.iter().map(|v| v.map(|x| x.to_string()).unwrap_or_default()).collect(),
            DataType::Int32 => s.i32()?.iter().map(|v| v.map(|x| x.to_string()).unwrap_or_default()).collect(),
            DataType::Boolean => s.bool()?.iter().map(|v| v.map(|x| x.to_string()).unwrap_or_default()).collect(),
            other => bail!("internal error: column '{}' has unexpected type {other}", s.name()),
        };
        columns.push(text);
    }
    for row in 0..table.height() {
        w.write_record(columns.iter().map(|c| c[row].as_str()))?;
    }
    Ok(w.into_inner()?)
}
