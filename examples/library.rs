//! `complaints` as a library: read ledgers into the clean table, compute the
//! month's figures, and write some of the report's files — the pipeline the
//! `report` command runs, step by step.
//!
//! ```sh
//! cargo run --example library                       # the sample ledgers
//! cargo run --example library -- ledgers/ 2025-09   # a folder and a period
//! ```

use complaints::ingest::{ingest, IngestOptions};
use complaints::metrics::months::Month;
use complaints::metrics::{compute, Params};
use complaints::report::labels::Labels;
use complaints::report::labels::Lang;
use complaints::report::summary_json::SummaryJson;
use complaints::report::workbook::WorkbookWriter;
use complaints::report::{write_all, ReportContext};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "data/sample".to_string()));

    // 1. ledgers → one clean table, with every row accounted for
    let ingested = ingest(&[input], &IngestOptions::default(), |file| eprintln!("reading {}", file.display()))?;
    let q = &ingested.quality;
    println!(
        "{} data rows = {} accepted + {} rejected; {} complaints after merging {} duplicates",
        q.rows.data_rows, q.rows.accepted, q.rows.rejected, q.complaints, q.duplicates_merged
    );

    // 2. the metrics of docs/metrics.md, for a period (default: the latest month)
    let params = Params { period: args.next().as_deref().and_then(Month::parse), ..Params::default() };
    let report = compute(&ingested, &params)?;
    let m = &report.month;
    println!(
        "{}: {} received, on-time rate {}, {} overdue now",
        report.period,
        m.received,
        m.on_time_rate.map_or("–".to_string(), |r| format!("{:.1} %", r * 100.0)),
        report.overdue.len()
    );

    // 3. writers of one's choice, into a folder that is replaced as a unit
    let labels = Labels::new(Lang::En, &ingested);
    let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
    let out = std::env::temp_dir().join(format!("complaints-library-example-{}", report.period));
    let written = write_all(&ctx, &out, &[&WorkbookWriter, &SummaryJson])?;
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
