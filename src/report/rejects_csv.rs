//! `rejects.csv`: every rejected row with its reason and original cells,
//! UTF-8 with a BOM so Excel shows Korean text, formula injection
//! neutralised.

use super::{Output, ReportContext, Writer};

pub struct RejectsCsv;

pub const FILE_NAME: &str = "rejects.csv";

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

impl Writer for RejectsCsv {
    fn name(&self) -> &'static str {
        FILE_NAME
    }

    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()> {
        let mut file = out.create(FILE_NAME)?;
        std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF")?;
        let mut w = csv::Writer::from_writer(file);
        w.write_record([
            "source_file",
            "source_sheet",
            "source_row",
            "reason",
            "received_text",
            "cells",
            "original_line",
        ])?;
        for r in &ctx.ingested.rejects {
            use crate::ingest::record::RejectReason;
            let (received, line) = match &r.reason {
                RejectReason::BadReceivedDate(text) => (text.as_str(), ""),
                RejectReason::MissingReceivedDate => ("", ""),
                RejectReason::TooManyFields { line, .. } => ("", line.as_str()),
            };
            let cells: Vec<String> = r.cells.iter().map(|(h, v)| format!("{h}={v}")).collect();
            w.write_record([
                neutralise(&r.file),
                neutralise(&r.sheet),
                r.row.to_string(),
                r.reason.code().to_string(),
                neutralise(received),
                neutralise(&cells.join("; ")),
                neutralise(line),
            ])?;
        }
        out.finish(FILE_NAME, w.into_inner().map_err(|e| anyhow::anyhow!("cannot write {FILE_NAME}: {}", e.error()))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_injection_is_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("-5"), "'-5");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("미상"), "미상");
    }
}
