//! The clean table as a Parquet dataset, partitioned by receipt month
//! (`received_month=YYYY-MM/part-0.parquet`), for Spark, Trino or DuckDB:
//! every canonical field, the provenance and each complaint's judgements as
//! of the as-of date (docs/metrics.md), so that the figures of
//! summary.json can be computed again with SQL past one machine (`sql/`).

use super::{Output, ReportContext, Writer};
use crate::ingest::COLUMNS;
use polars::prelude::*;
use polars_io::prelude::ParquetWriter;

/// The judgement columns of the dataset, as named in it.
pub const JUDGEMENTS: [(&str, &str); 15] = [
    ("closed", "closed"),
    ("closed_without_date", "closed_without_date"),
    ("negative_ttr", "negative_ttr"),
    ("ttr", "ttr_days"),
    ("age", "age_days"),
    ("target", "target_days"),
    ("in_scope", "in_scope"),
    ("on_time", "on_time"),
    ("late", "late"),
    ("overdue", "overdue"),
    ("open_within_target", "open_within_target"),
    ("key", "recurrence_key"),
    ("repeat", "repeat"),
    ("recurrence_after_closure", "recurrence_after_closure"),
    ("month", "received_month"),
];

/// Writes the judged table (see [`crate::metrics::judge`]) as the dataset.
pub struct Dataset<'a> {
    pub judged: &'a DataFrame,
}

impl Writer for Dataset<'_> {
    fn name(&self) -> &'static str {
        "dataset"
    }

    fn write(&self, _ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        let table = export_table(self.judged)?;
        let months = table.column("received_month")?.str()?.unique()?.sort(false);
        for month in months.iter().flatten() {
            let mut part =
                table.filter(&table.column("received_month")?.str()?.equal(month))?.drop("received_month")?;
            let relative = format!("received_month={month}/part-0.parquet");
            let mut file = out.create(&relative)?;
            ParquetWriter::new(&mut file)
                .with_compression(ParquetCompression::Snappy)
                .finish(&mut part)
                .map_err(|e| anyhow::anyhow!("cannot write '{relative}': {e}"))?;
            out.finish(&relative, file)?;
        }
        Ok(())
    }
}

/// The dataset's columns: the clean table's (without the input order),
/// then the judgements renamed, the month as `YYYY-MM`.
pub fn export_table(judged: &DataFrame) -> anyhow::Result<DataFrame> {
    let fields = COLUMNS.iter().filter(|c| **c != "input_order").map(|c| (*c, *c));
    let judgements = JUDGEMENTS.iter().filter(|(from, _)| *from != "month").copied();
    let columns: Vec<Column> = fields
        .chain(judgements)
        .map(|(from, to)| Ok(judged.column(from)?.clone().with_name(to.into())))
        .collect::<PolarsResult<_>>()?;
    // plain strings: readers other than polars know no polars categorical
    let mut table = crate::metrics::with_strings(DataFrame::new(judged.height(), columns)?)?;
    let months: StringChunked = judged
        .column("month")?
        .i32()?
        .iter()
        .map(|m| m.map(|m| crate::metrics::months::Month(m).to_string()))
        .collect();
    table.with_column(months.with_name("received_month".into()).into_column())?;
    Ok(table)
}
