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
        write_as(FILE_NAME, ctx, out)
    }
}

/// The same file under another name (`_summary.json` beside an exported
/// dataset).
pub struct SummaryJsonAs(pub &'static str);

impl Writer for SummaryJsonAs {
    fn name(&self) -> &'static str {
        self.0
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        write_as(self.0, ctx, out)
    }
}

fn write_as(name: &str, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
    let mut file = out.create(name)?;
    serde_json::to_writer_pretty(&mut file, ctx.report)?;
    file.write_all(b"\n")?;
    out.finish(name, file)
}
