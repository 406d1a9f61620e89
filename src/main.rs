//! The binary: parse the command line, run one command, map errors to exit
//! codes (0 also after a closed output pipe, 1 = a bug, 2 = input the user
//! must fix, 3 = the environment: disk full, permissions; see `error.rs`).

use clap::Parser;
use complaints::cli::{Cli, Command};
use complaints::cmd;
use complaints::error::describe;
use complaints::text::{cut_lines, for_terminal};
use std::process::ExitCode;

/// Reading allocates a value per cell on one thread and frees it on another,
/// which the system allocator handles poorly (measured: benches/results.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The longest line of an error message printed.
const MESSAGE_LINE_CHARS: usize = 2000;

/// Transparent huge pages off for this process, unless `MIMALLOC_ALLOW_THP`
/// asks for them. mimalloc advises the kernel to back its memory with 2 MB
/// pages; on the 2-vCPU VM of the benchmarks the first touch of a huge page
/// costs ~5 ms a MB (197 MB/s, against 1.46 GB/s for 4 KB pages), which
/// made the 1M-row xlsx report spend 3.6 of the layout thread's 7.8 CPU
/// seconds in the kernel clearing pages (0.6 s with 4 KB pages; README
/// "Performance").
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: PR_SET_THP_DISABLE takes integers and changes only how
        // this process's memory is paged; a failure leaves it as it was.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // help, version or a usage error, printed as clap does, but a
        // standard output that cannot take the help is not a success
        Err(e) => {
            let printed = e.print();
            return match printed {
                Err(io) if !e.use_stderr() && io.kind() != std::io::ErrorKind::BrokenPipe => {
                    ExitCode::from(complaints::error::EXIT_ENVIRONMENT)
                }
                _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
            };
        }
    };
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
            } else {
                // each message quotes at most a few hundred characters of
                // input; the cut is a net for one that does not
                let message = cut_lines(&describe(&err), MESSAGE_LINE_CHARS);
                complaints::error::eprint(&format!("error: {}", for_terminal(&message)));
            }
            ExitCode::from(code)
        }
    }
}
