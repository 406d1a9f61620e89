//! How a run ends when it fails, and the errors behind each exit code:
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | done (also when the reader of the output went away: `… \| head`) |
//! | 1 | a bug: please report it |
//! | 2 | input the user must fix: [`InputError`] names a ledger file, [`UserError`] a flag, the config or a side file |
//! | 3 | the machine, not the input: [`EnvError`] — a full disk, a folder that cannot be written, an output that cannot be written |
//!
//! Both kinds of error say what to do. README.md has the same table.

use std::fmt;
use std::path::Path;

/// Exit code of input the user must fix.
pub const EXIT_INPUT: u8 = 2;
/// Exit code of a problem of the machine the run is on (disk full, permissions).
pub const EXIT_ENVIRONMENT: u8 = 3;

/// Input the user has to fix that is not a ledger file (exit code 2).
#[derive(Debug)]
pub struct UserError(pub String);

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// A [`UserError`] as an `anyhow::Error`.
pub fn user(message: impl Into<String>) -> anyhow::Error {
    UserError(message.into()).into()
}

/// Returns `Err(UserError)` with the formatted message.
#[macro_export]
macro_rules! bail_user {
    ($($arg:tt)*) => {
        return Err($crate::error::user(format!($($arg)*)))
    };
}

/// The machine cannot do what the run needs (exit code 3): the disk is
/// full, a folder or file cannot be written. The message names the path
/// and what to do; the input and flags were fine.
#[derive(Debug)]
pub struct EnvError(pub String);

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EnvError {}

/// What went wrong in words, when `e` is the environment's doing (a full
/// disk, missing permission), not a bug or the input's.
pub fn environment_cause(e: &std::io::Error) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    Some(match e.kind() {
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "the disk quota is used up",
        K::FileTooLarge => "the file would be larger than the file system allows",
        K::PermissionDenied => "permission denied",
        K::ReadOnlyFilesystem => "the file system is read-only",
        _ => return None,
    })
}

/// The first environment error in `err`'s chain of causes.
pub fn environment_io(err: &anyhow::Error) -> Option<&std::io::Error> {
    err.chain().filter_map(|e| e.downcast_ref::<std::io::Error>()).find(|io| environment_cause(io).is_some())
}

/// The error for `e` while `doing` (e.g. "cannot write 'reports/oct/summary.json'"):
/// an [`EnvError`] saying what to do when the environment is at fault,
/// else `e` with `doing` as its context. The OS error is named once.
pub fn io_failure(doing: &str, e: std::io::Error) -> anyhow::Error {
    match environment_cause(&e) {
        Some(cause) => EnvError(format!("{doing}: {cause}{} — {}", os_code(&e), what_to_do(&e))).into(),
        None => anyhow::Error::from(e).context(doing.to_string()),
    }
}

/// ` (os error 28)`, or nothing for an error that is not the OS's.
fn os_code(e: &std::io::Error) -> String {
    e.raw_os_error().map(|c| format!(" (os error {c})")).unwrap_or_default()
}

fn what_to_do(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "check that you may write there, or write somewhere else (e.g. another --out)"
        }
        _ => "free space on that disk, or write somewhere else (e.g. --out on another disk), and run again",
    }
}

/// How a failed run ends: 0 for a closed output pipe (`complaints check
/// --json | head -1`, as ripgrep does), 2 for input the user must fix, 3
/// for the environment, 1 for anything else (a bug).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if is_broken_pipe(err) {
        0
    } else if err.downcast_ref::<InputError>().is_some() || err.downcast_ref::<UserError>().is_some() {
        EXIT_INPUT
    } else if err.downcast_ref::<EnvError>().is_some() || environment_io(err).is_some() {
        EXIT_ENVIRONMENT
    } else {
        1
    }
}

/// The message of a failed run: the error and its causes, each said once
/// (a library error that prints its cause and also returns it as its
/// source would otherwise show the OS error twice).
pub fn describe(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Whether the error is (or was caused by) writing to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Writes to standard output; an error is returned, never a panic: a
/// closed pipe as such (it ends the run quietly), anything else (`>/dev/full`)
/// as an error that says it was standard output.
pub fn print(text: &str) -> anyhow::Result<()> {
    print_after(text, "")
}

/// [`print()`] for a run that has done something already: when standard
/// output cannot be written, the error says `done` (e.g. "the report in
/// 'reports/oct' is written whole; ").
pub fn print_after(text: &str, done: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(e.into()),
        Err(e) => Err(EnvError(format!(
            "cannot write to standard output: {}{} — {done}check where the output goes (a full disk, a file that cannot be written)",
            environment_cause(&e).map_or_else(|| e.to_string(), str::to_string),
            os_code(&e)
        ))
        .into()),
    }
}

/// Writes a line to standard error. A standard error that cannot be
/// written (`2>/dev/full`, a closed pipe) is ignored: `eprintln!` would
/// panic, and the exit code still tells how the run ended.
pub fn eprint(line: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// `path` as printed in a message (control characters and line breaks escaped).
pub fn shown(path: &Path) -> String {
    crate::text::one_line(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(exit_code(&user("--months 0 is not …")), 2);
        let pipe = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(exit_code(&pipe.context("writing the check output")), 0);
        assert_eq!(exit_code(&anyhow::anyhow!("internal error")), 1);
        let full = std::io::Error::from_raw_os_error(28); // ENOSPC
        assert_eq!(exit_code(&anyhow::Error::from(full).context("cannot build the workbook")), 3);
        let denied = io_failure("cannot write 'r/summary.json'", std::io::Error::from_raw_os_error(13));
        assert_eq!(exit_code(&denied), 3);
        assert_eq!(
            denied.to_string(),
            "cannot write 'r/summary.json': permission denied (os error 13) — check that you may write there, or write somewhere else (e.g. another --out)"
        );
    }

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        #[derive(Debug)]
        struct Wrapper(std::io::Error);
        impl fmt::Display for Wrapper {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "i/o error: {}", self.0)
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let err = anyhow::Error::from(Wrapper(std::io::Error::from_raw_os_error(28))).context("cannot build");
        assert_eq!(describe(&err), "cannot build: i/o error: No space left on device (os error 28)");
    }
}

/// Input the user has to fix (exit code 2): the message names the file and
/// says what to do.
#[derive(Debug)]
pub struct InputError {
    pub message: String,
}

impl InputError {
    pub fn new(file: &Path, problem: impl fmt::Display, fix: &str) -> Self {
        InputError { message: format!("cannot use '{}': {problem} — {fix}", shown(file)) }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}
