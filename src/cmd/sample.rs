//! `complaints sample`: write the synthetic ledgers — the Korean legacy
//! sample set (data/sample/) or a tidy ledger of --rows complaints.

use crate::cli::{SampleArgs, SampleFormat};
use crate::error::shown;
use crate::sample::{write_legacy_samples, write_tidy, TidyFormat};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &SampleArgs) -> anyhow::Result<ExitCode> {
    match args.rows {
        Some(rows) => {
            let (format, ext) = match args.format {
                SampleFormat::Xlsx => (TidyFormat::Xlsx, "xlsx"),
                SampleFormat::Csv => (TidyFormat::Csv, "csv"),
                SampleFormat::Parquet => (TidyFormat::Parquet, "parquet"),
            };
            let out = args.out.clone().unwrap_or_else(|| PathBuf::from(format!("sample_{rows}.{ext}")));
            write_tidy(&out, rows, args.seed, format)?;
            crate::error::print(&format!("wrote {} ({rows} complaints, seed {})\n", shown(&out), args.seed))?;
        }
        None => {
            let dir = args.out.clone().unwrap_or_else(|| PathBuf::from(super::SAMPLE_DIR));
            std::fs::create_dir_all(&dir)?;
            let truth = write_legacy_samples(&dir, args.seed)?;
            let mut text = format!("wrote {} (seed {}):\n", shown(&dir), args.seed);
            for f in &truth.files {
                text.push_str(&format!("  {f}\n"));
            }
            text.push_str(&format!(
                "{} complaints {}..{}, {} data rows ({} + {} rejected by design), {} duplicates merged, {} id conflicts\n",
                truth.complaints,
                truth.first_month,
                truth.last_month,
                truth.data_rows,
                truth.rejected_missing_date,
                truth.rejected_bad_date,
                truth.duplicates_merged,
                truth.id_conflicts
            ));
            crate::error::print(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
