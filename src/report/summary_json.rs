//! `summary.json`: the report value in the schema of docs/metrics.md
//! (summary.json), streamed into its file.

use super::{Output, ReportContext, Writer};
use std::io::Write as _;

pub struct SummaryJson;

pub const FILE_NAME: &str = "summary.json";

impl Writer for SummaryJson {
    fn name(&self) -> &'static str {
        FILE_NAME
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        let mut file = out.create(FILE_NAME)?;
        serde_json::to_writer_pretty(&mut file, ctx.report)?;
        file.write_all(b"\n")?;
        out.finish(FILE_NAME, file)
    }
}
