//! The binary: parse the command line, run one command, map errors to exit
//! codes (2 = input the user must fix, 0 after a closed output pipe, 1 =
//! anything else; see `error.rs`).

use clap::Parser;
use complaints::cli::{Cli, Command};
use complaints::cmd;
use complaints::ingest::source::InputError;
use std::process::ExitCode;

/// Reading allocates a value per cell on one thread and frees it on another,
/// which the system allocator handles poorly (measured: benches/results.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(&args),
        Command::Report(args) => cmd::report::run(&args),
        Command::Export(args) => cmd::export::run(&args),
        Command::Sample(args) => cmd::sample::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let code = complaints::error::exit_code(&err);
            if complaints::error::is_broken_pipe(&err) {
                // the reader of our output went away (`| head`): end quietly
            } else if let Some(input) = err.downcast_ref::<InputError>() {
                eprintln!("error: {}", complaints::report::text::for_terminal(&input.to_string()));
            } else {
                eprintln!("error: {}", complaints::report::text::for_terminal(&format!("{err:#}")));
            }
            ExitCode::from(code)
        }
    }
}
