//! `complaints sample`: write the synthetic sample ledgers.

use crate::cli::SampleArgs;
use std::process::ExitCode;

pub fn run(_args: &SampleArgs) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
