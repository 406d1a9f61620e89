//! Writing files and folders so that a reader never sees half of one: a
//! file through a temporary file renamed into place, a folder swapped in
//! whole. Below every layer that writes (the report, the history).

use crate::error::{io_failure, shown};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A copy of an I/O error (its OS code or kind) to wrap in a message.
pub fn copy(e: &std::io::Error) -> std::io::Error {
    e.raw_os_error().map_or_else(|| std::io::Error::from(e.kind()), std::io::Error::from_raw_os_error)
}

/// Puts the folder `new` in the place of `target` (which may not exist).
pub fn swap_into_place(new: &Path, target: &Path) -> anyhow::Result<()> {
    let failed = |e: std::io::Error| {
        io_failure(
            &format!("cannot move the finished report into '{}' (the previous report is unchanged)", shown(target)),
            e,
        )
    };
    if std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(new, target).map_err(failed);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            // `new` now holds the old report: Drop removes it
            Ok(()) => return Ok(()),
            // a file system without the exchange: the two-step way below
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(failed(e.into())),
        }
    }
    // Elsewhere: the old folder is moved aside, then the new one in (a
    // reader between the two renames finds no folder, never a mix).
    let aside =
        new.with_file_name(new.file_name().map(|n| n.to_string_lossy().replace("-new-", "-old-")).unwrap_or_default());
    std::fs::rename(target, &aside).map_err(failed)?;
    if let Err(e) = std::fs::rename(new, target) {
        std::fs::rename(&aside, target).ok();
        return Err(failed(e));
    }
    std::fs::rename(&aside, new).map_err(failed) // removed with the staging folder
}

/// Makes a folder's entries durable (best effort; not on every platform).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}

/// Writes one file atomically (temporary file in the same folder, renamed),
/// streaming into it with `write`.
pub fn write_file_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let doing = format!("cannot write '{}'", crate::error::shown(path));
    let failed = |err: anyhow::Error| match crate::error::environment_io(&err) {
        Some(e) => crate::error::io_failure(&doing, copy(e)),
        None => err.context(doing.clone()),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".complaints-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| crate::error::io_failure(&format!("cannot write in '{}'", crate::error::shown(&dir)), e))?;
    {
        let mut buffered = std::io::BufWriter::new(&mut tmp);
        write(&mut buffered).map_err(failed)?;
        buffered.flush().map_err(|e| failed(e.into()))?;
    }
    tmp.as_file().sync_all().ok();
    let file = tmp.persist(path).map_err(|e| failed(e.error.into()))?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    Ok(())
}
