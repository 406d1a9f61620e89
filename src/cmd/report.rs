//! `complaints report`: read, compute, write. (Metrics land with issue 3.)

use crate::cli::ReportArgs;
use std::process::ExitCode;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let (_, ingested) = super::read_inputs(&args.input)?;
    print!("{}", super::check::render_text(&ingested));
    Ok(ExitCode::SUCCESS)
}
