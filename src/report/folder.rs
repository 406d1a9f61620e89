//! The report folder `--out`, written as one unit ([`ReportFolder`]), and
//! nothing left beside it.
//!
//! A reader of the folder sees the previous complete report or the new
//! complete one, never a mix, whenever the run is killed or fails: every
//! file is written into a fresh sibling folder, which then takes the place
//! of `--out` in one step — `renameat2(RENAME_EXCHANGE)` on Linux swaps the
//! two folders atomically, and the old one is removed after. (Renaming
//! files one by one into place cannot be atomic as a set: a kill between
//! two renames left a new workbook beside old charts.)
//!
//! Two runs writing into one parent folder take turns: each locks the
//! parent folder itself (`flock` on the folder, released by the kernel
//! however the run ends), so no lock file is left in a user's `reports/`.
//! A killed run's staging folder is removed by a small watchdog process
//! that outlives it; where there is none, the next run clears it. `--out`
//! is checked before anything is created, and an existing `--out` is
//! replaced only when it holds nothing but an earlier report, so a
//! mistyped `--out` never removes other files.

use super::{rejects_csv, summary_json, MANIFEST};
use crate::bail_user;
use crate::error::{io_failure, shown};
use std::path::{Path, PathBuf};

/// The report folder `--out` while its new report is written.
pub struct ReportFolder {
    target: PathBuf,
    pub(super) staging: PathBuf,
    /// Folders made to hold `--out` (innermost first), removed again when
    /// the run fails.
    made: Vec<PathBuf>,
    committed: bool,
    /// Ends (its input closes) when this run ends, however it ends.
    watchdog: Option<std::process::Child>,
    /// The parent folder, locked while this run writes into it.
    lock: Option<std::fs::File>,
}

/// Checks `--out` without creating anything: it names a folder that is
/// new, empty or an earlier report, under a parent that is a folder.
/// Returns the parent and the folder's name.
pub fn check_out(target: &Path) -> anyhow::Result<(PathBuf, String)> {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        bail_user!("--out '{}' names no folder — give a folder such as reports/oct", shown(target));
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    for ancestor in parent.ancestors().filter(|a| !a.as_os_str().is_empty()) {
        match std::fs::metadata(ancestor) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => bail_user!(
                "--out '{}': '{}' is a file, not a folder — give a folder for the report, e.g. reports/oct",
                shown(target),
                shown(ancestor)
            ),
            Err(_) => {} // made by the run
        }
    }
    check_replaceable(target)?;
    Ok((parent, name.to_string()))
}

impl ReportFolder {
    /// Checks `target`, makes the folders that hold it, takes the parent
    /// folder's lock (waiting for another run that holds it), checks
    /// `target` again, clears what killed runs left and makes the staging
    /// folder.
    pub fn begin(target: &Path) -> anyhow::Result<ReportFolder> {
        let (parent, name) = check_out(target)?;
        let made: Vec<PathBuf> = parent
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .take_while(|a| std::fs::symlink_metadata(a).is_err())
            .map(Path::to_path_buf)
            .collect();
        let staging = parent.join(format!(".{name}.complaints-new-{}-{:016x}", std::process::id(), random()));
        // From here on nothing is left behind: Drop removes what was made,
        // and after a kill the watchdog does.
        let mut folder = ReportFolder {
            watchdog: watchdog(&staging, &made),
            target: target.to_path_buf(),
            staging,
            made,
            committed: false,
            lock: None,
        };
        for attempt in 1.. {
            std::fs::create_dir_all(&parent)
                .map_err(|e| io_failure(&format!("cannot create the folder '{}' for --out", shown(&parent)), e))?;
            folder.lock = Some(lock(&parent)?);
            check_replaceable(target)?; // another run may have written it meanwhile
            clear_leftovers(&parent, &name);
            match std::fs::create_dir(&folder.staging) {
                Ok(()) => break,
                // a failed run that made the parent removed it while this
                // one waited for the lock: make it again
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempt < 5 => folder.lock = None,
                Err(e) => return Err(io_failure(&format!("cannot write in '{}'", shown(&parent)), e)),
            }
        }
        Ok(folder)
    }

    /// Writes the manifest, then puts the new report in the place of the
    /// old one in one step; returns the final paths of the files.
    pub fn commit(mut self, files: &[(String, u64)]) -> anyhow::Result<Vec<PathBuf>> {
        let manifest = serde_json::json!({
            "written_by": format!("complaints {}", env!("CARGO_PKG_VERSION")),
            "files": files.iter().map(|(name, size)| serde_json::json!({"name": name, "bytes": size})).collect::<Vec<_>>(),
        });
        let path = self.staging.join(MANIFEST);
        std::fs::write(&path, format!("{manifest:#}\n"))
            .and_then(|()| std::fs::File::open(&path)?.sync_all())
            .map_err(|e| io_failure(&format!("cannot write '{}'", shown(&self.target.join(MANIFEST))), e))?;
        sync_dir(&self.staging);
        if let Some(charts) = Some(self.staging.join("charts")).filter(|c| c.is_dir()) {
            sync_dir(&charts);
        }
        swap_into_place(&self.staging, &self.target)?;
        self.committed = true;
        if let Some(parent) = self.target.parent() {
            sync_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent });
        }
        Ok(files.iter().map(|(name, _)| self.target.join(name)).collect())
    }

    /// The report folder as the user named it (`--out`).
    pub fn target(&self) -> &Path {
        &self.target
    }
}

impl Drop for ReportFolder {
    /// Removes the staging folder (after a commit it holds the old report,
    /// or nothing) and, after a failure, the folders made for `--out`;
    /// then the watchdog ends, with nothing left to remove.
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.staging).ok();
        if !self.committed {
            for folder in &self.made {
                if std::fs::remove_dir(folder).is_err() {
                    break; // not empty: another run's, or the user's
                }
            }
        }
        if let Some(mut watchdog) = self.watchdog.take() {
            drop(watchdog.stdin.take());
            watchdog.wait().ok();
        }
    }
}

/// A process that outlives this one to remove what a killed run made: it
/// waits until its input closes — when this process ends, `kill -9`
/// included — then removes the staging folder (gone already after a clean
/// end) and the folders made for `--out` while they are empty. Best
/// effort: without a shell, the next run clears the staging folder.
fn watchdog(staging: &Path, made: &[PathBuf]) -> Option<std::process::Child> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        use std::process::Stdio;
        const SCRIPT: &str = "trap '' INT HUP TERM QUIT; while read -r _; do :; done; rm -rf -- \"$1\"; shift; \
                              for d in \"$@\"; do rmdir -- \"$d\" || exit 0; done";
        std::process::Command::new("/bin/sh")
            .args(["-c", SCRIPT, "complaints-cleanup"])
            .arg(staging)
            .args(made)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0) // a Ctrl+C meant for the run does not stop it
            .spawn()
            .ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (staging, made);
        None
    }
}

/// A number no other run picks for its staging folder's name.
fn random() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    std::collections::hash_map::RandomState::new().build_hasher().finish()
}

/// Locks the folder the report is written in (`flock` on the folder
/// itself; the kernel releases it when the run ends, however it ends); a
/// second run waits for the first and says so.
fn lock(parent: &Path) -> anyhow::Result<std::fs::File> {
    let cannot_lock = |e| io_failure(&format!("cannot lock the folder '{}'", shown(parent)), e);
    let folder = std::fs::File::open(parent).map_err(cannot_lock)?;
    match folder.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            crate::error::eprint(&format!(
                "waiting for another complaints run that is writing a report in '{}' …",
                shown(parent)
            ));
            folder.lock().map_err(cannot_lock)?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(cannot_lock(e)),
    }
    Ok(folder)
}

/// Removes what killed runs left beside `name` (the lock is held, so no
/// other run is writing one now), and the lock file earlier versions kept
/// beside it.
fn clear_leftovers(parent: &Path, name: &str) {
    let leftover = format!(".{name}.complaints-");
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let entry_name = entry.file_name();
        let entry_name = entry_name.to_string_lossy();
        if entry_name.starts_with(&leftover) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(entry.path()).ok();
        } else if entry_name == format!(".{name}.complaints.lock")
            && entry.metadata().is_ok_and(|m| m.is_file() && m.len() == 0)
        {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// What a report folder may hold besides the manifest: the files and
/// folders a report writes (an earlier version wrote no manifest).
fn is_report_entry(name: &str, is_dir: bool) -> bool {
    if is_dir {
        // an exported dataset's partitions (`complaints export`)
        return name == "charts" || name.starts_with("received_month=");
    }
    name == MANIFEST
        || name == summary_json::FILE_NAME
        || name == "_summary.json"
        || name == "report.html"
        || name == rejects_csv::FILE_NAME
        || (name.starts_with("complaint_report_") && name.ends_with(".xlsx"))
        || (name.starts_with("data_") && name.ends_with(".csv"))
        || (name.starts_with(".complaints-") && name.ends_with(".tmp")) // left by an earlier version
}

/// An existing `--out` is replaced whole, so it may hold only an earlier
/// report (or nothing).
fn check_replaceable(target: &Path) -> anyhow::Result<()> {
    let meta = match std::fs::symlink_metadata(target) {
        Err(_) => return Ok(()), // a new folder
        Ok(meta) => meta,
    };
    let shown = shown(target);
    if !meta.is_dir() {
        bail_user!("--out '{shown}' is a file, not a folder — give a folder for the report, e.g. reports/oct");
    }
    let entries = std::fs::read_dir(target).map_err(|e| io_failure(&format!("cannot list --out '{shown}'"), e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let charts_ok = !is_dir
            || std::fs::read_dir(entry.path()).into_iter().flatten().flatten().all(|f| {
                let n = f.file_name().to_string_lossy().into_owned();
                f.file_type().is_ok_and(|t| t.is_file())
                    && (n.ends_with(".png")
                        || n.ends_with(".svg")
                        || (name.starts_with("received_month=") && n.starts_with("part-") && n.ends_with(".parquet"))
                        || (n.starts_with(".complaints-") && n.ends_with(".tmp")))
            });
        if !is_report_entry(&name, is_dir) || !charts_ok {
            bail_user!(
                "--out '{shown}' holds '{}', which is not part of a report — a report replaces its folder whole, so give an empty folder, a new one, or one that holds only an earlier report",
                crate::text::one_line(&name)
            );
        }
    }
    Ok(())
}

/// Puts the folder `new` in the place of `target` (which may not exist).
fn swap_into_place(new: &Path, target: &Path) -> anyhow::Result<()> {
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
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}
