//! Errors the user must fix (exit code 2) and how the binary ends on them.
//!
//! [`InputError`](crate::ingest::source::InputError) names a ledger file;
//! [`UserError`] is everything else a user can fix: a flag value out of
//! range, a config that does not parse, a side file (holidays, shipments)
//! that cannot be used. Both say what to do.

use std::fmt;

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

/// How a failed run ends: 2 for input the user must fix, 0 for a closed
/// output pipe (`complaints check --json | head -1`, as ripgrep does), 1 for
/// anything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if is_broken_pipe(err) {
        0
    } else if err.downcast_ref::<crate::ingest::source::InputError>().is_some()
        || err.downcast_ref::<UserError>().is_some()
    {
        2
    } else {
        1
    }
}

/// Whether the error is (or was caused by) writing to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Writes to standard output; an error (a closed pipe) is returned, not a panic.
pub fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
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
    }
}
