//! `complaints sample`: write the synthetic ledgers — the Korean legacy
//! sample set (data/sample/) or a tidy ledger of --rows complaints.

use crate::cli::{SampleArgs, SampleFormat};
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
            println!("wrote {} ({rows} complaints, seed {})", out.display(), args.seed);
        }
        None => {
            let dir = args.out.clone().unwrap_or_else(|| PathBuf::from(super::SAMPLE_DIR));
            std::fs::create_dir_all(&dir)?;
            let truth = write_legacy_samples(&dir, args.seed)?;
            println!("wrote {} (seed {}):", dir.display(), args.seed);
            for f in &truth.files {
                println!("  {f}");
            }
            println!(
                "{} complaints {}..{}, {} data rows ({} + {} rejected by design), {} duplicates merged, {} id conflicts",
                truth.complaints,
                truth.first_month,
                truth.last_month,
                truth.data_rows,
                truth.rejected_missing_date,
                truth.rejected_bad_date,
                truth.duplicates_merged,
                truth.id_conflicts
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
