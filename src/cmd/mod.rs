//! The subcommands: each a thin `run` that wires library calls together.

pub mod check;
pub mod export;
pub mod proposal;
pub mod report;
pub mod sample;

use crate::cli::InputArgs;
use crate::config::Config;
use crate::ingest::{self, Ingested};
use std::path::PathBuf;

/// The demo ledgers used when no input is given.
pub const SAMPLE_DIR: &str = "data/sample";

/// The config of `--config`, or the default one.
pub fn load_config(args: &InputArgs) -> anyhow::Result<Config> {
    match &args.config {
        Some(path) => Config::load(path),
        None => Ok(Config::default()),
    }
}

/// Reads the inputs (default: the sample ledgers, or `from_config`: the
/// config's `inputs`).
pub fn read_inputs(args: &InputArgs, config: &Config, from_config: Option<&[PathBuf]>) -> anyhow::Result<Ingested> {
    read_with(args, &ingest_options(args, config)?, from_config)
}

/// The reading options of the config and the flags (which win).
pub fn ingest_options(args: &InputArgs, config: &Config) -> anyhow::Result<ingest::IngestOptions> {
    let mut opts = config.ingest_options(&args.maps, args.source.as_deref())?;
    if let Some(name) = &args.encoding {
        opts.limits.encoding = Some(crate::config::encoding_named(name, "--encoding")?);
    }
    Ok(opts)
}

/// [`read_inputs`] with the reading options given.
pub fn read_with(
    args: &InputArgs,
    opts: &ingest::IngestOptions,
    from_config: Option<&[PathBuf]>,
) -> anyhow::Result<Ingested> {
    let inputs: Vec<PathBuf> = if !args.inputs.is_empty() {
        args.inputs.clone()
    } else if let Some(from_config) = from_config {
        from_config.to_vec()
    } else {
        vec![PathBuf::from(SAMPLE_DIR)]
    };
    let files = ingest::source::expand_inputs(&inputs)?;
    let bar = crate::progress::bar(files.len() as u64, "reading");
    let ingested = ingest::ingest(&files, opts, |path| {
        bar.set_message(crate::error::shown(path));
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    Ok(ingested)
}

/// The caveat of a default period that left the latest months out (see
/// `metrics/default_period.rs`); `None` when a period or as-of was given.
pub fn period_caveat(ingested: &Ingested, params: &crate::metrics::Params) -> anyhow::Result<Option<String>> {
    use crate::metrics::default_period;
    if params.period.is_some() || params.as_of.is_some() {
        return Ok(None);
    }
    match default_period::of_table(&ingested.table)? {
        Some(p) => default_period::caveat(&ingested.table, &p),
        None => Ok(None),
    }
}

/// The error when nothing could be read: names the files and says why.
pub fn no_complaints_error(ingested: &Ingested) -> crate::ingest::source::InputError {
    let mut files: Vec<&str> = ingested.sheets.iter().map(|s| s.file.as_str()).collect();
    files.dedup();
    let names = files.iter().map(|f| format!("'{}'", crate::text::one_line(f))).collect::<Vec<_>>().join(", ");
    let q = &ingested.quality.rows;
    let message = if q.data_rows == 0 {
        format!("no complaint could be read from {names}: the ledger has a header but no data rows — check that this is the right file or sheet")
    } else {
        format!(
            "no complaint could be read from {names}: all {} data rows were rejected (no usable received date) — run `complaints check` on it to see each row and reason, then fix the dates or map the right column with --map received_date=\"<header>\"",
            q.data_rows
        )
    };
    crate::ingest::source::InputError { message }
}
