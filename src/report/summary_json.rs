//! `summary.json`: the report value in the schema of METRICS.md §7.

use super::{Files, ReportContext, Writer};

pub struct SummaryJson;

pub const FILE_NAME: &str = "summary.json";

impl Writer for SummaryJson {
    fn write(&self, ctx: &ReportContext, out: &mut Files) -> anyhow::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(ctx.report)?;
        bytes.push(b'\n');
        out.write_bytes(FILE_NAME, &bytes)
    }
}
