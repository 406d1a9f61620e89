//! The history folder: `complaints-history.json` (what the folder is, and
//! an index of its snapshots) and a folder per reporting month,
//! `period=YYYY-MM/` (Hive-style, so DuckDB and Spark read
//! `*/complaints.parquet` with a `period` column). A snapshot is written
//! into a new folder that takes the place of the old one in one step, like
//! the report folder; a run holds the store's lock (the folder itself,
//! `flock`) from reading the base to recording. A folder that is not a
//! history, or a snapshot that cannot be read, is an error naming it.

use super::snapshot::{self, Meta, Snapshot, META_FILE};
use crate::metrics::months::Month;
use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file that makes a folder a history.
pub use crate::ingest::source::HISTORY_MANIFEST as MANIFEST;
const FORMAT: &str = "complaints-history";
const VERSION: u64 = 1;

/// An open, locked history folder.
pub struct Store {
    pub dir: PathBuf,
    pub snapshots: BTreeMap<Month, Meta>,
    _lock: Option<std::fs::File>,
}

/// What recording did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// The first snapshot of its period.
    New,
    /// The same table and figures as the snapshot recorded: nothing written.
    Unchanged,
    /// The period's snapshot replaced: its table, its figures (other flags),
    /// or both differed.
    Replaced { table: bool, figures: bool },
}

/// A problem of the history folder the user must fix (exit code 2): names
/// the folder or file and what to do.
fn damaged(path: &Path, problem: impl std::fmt::Display) -> anyhow::Error {
    crate::error::user(format!(
        "cannot use the history '{}': {problem} — move it aside or give another folder with --history DIR (or run with --no-history)",
        path.display()
    ))
}

fn is_snapshot_folder(name: &str) -> Option<Month> {
    name.strip_prefix("period=").and_then(Month::parse)
}

/// What a killed run may leave in the store: its staging folder.
fn is_leftover(name: &str) -> bool {
    name.starts_with(".period=") && name.contains(".complaints-")
}

impl Store {
    /// Opens the history at `dir` (made when missing or empty), takes its
    /// lock and reads what snapshots it holds.
    pub fn open(dir: &Path) -> anyhow::Result<Store> {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if !meta.is_dir() => return Err(damaged(dir, "it is a file, not a folder")),
            Ok(_) => {}
            Err(_) => std::fs::create_dir_all(dir).with_context(|| {
                format!("cannot create the history '{}' — check the path and permissions", dir.display())
            })?,
        }
        let lock = lock(dir)?;
        let manifest = dir.join(MANIFEST);
        match std::fs::read(&manifest) {
            Ok(bytes) => check_manifest(&manifest, &bytes)?,
            Err(_) => {
                // only an empty folder becomes a history: anything else is
                // someone else's folder
                let foreign = entries(dir)?.into_iter().find(|n| !is_leftover(n));
                if let Some(name) = foreign {
                    return Err(damaged(
                        dir,
                        format!(
                            "it holds '{}' but no {MANIFEST}, so it is not a history of complaint reports",
                            crate::text::for_terminal(&name)
                        ),
                    ));
                }
            }
        }
        let mut store = Store { dir: dir.to_path_buf(), snapshots: BTreeMap::new(), _lock: lock };
        for name in entries(dir)? {
            if is_leftover(&name) {
                std::fs::remove_dir_all(dir.join(&name)).ok();
                continue;
            }
            let Some(month) = is_snapshot_folder(&name) else { continue };
            let path = dir.join(&name).join(META_FILE);
            let bytes =
                std::fs::read(&path).map_err(|e| damaged(&path, format!("the snapshot cannot be read ({e})")))?;
            let meta: Meta =
                serde_json::from_slice(&bytes).map_err(|e| damaged(&path, format!("the snapshot is damaged ({e})")))?;
            if meta.month() != Some(month) {
                return Err(damaged(&path, format!("it records {}, not {month}", meta.period)));
            }
            store.snapshots.insert(month, meta);
        }
        if !manifest.is_file() {
            store.write_manifest()?;
        }
        Ok(store)
    }

    /// The snapshot to compare a report of `period` with: `compare_to`, or
    /// the latest of an earlier period (`None`: there is none).
    pub fn base(&self, period: Month, compare_to: Option<Month>) -> anyhow::Result<Option<Month>> {
        match compare_to {
            Some(m) if self.snapshots.contains_key(&m) => Ok(Some(m)),
            Some(m) => {
                let held: Vec<String> = self.snapshots.keys().map(ToString::to_string).collect();
                crate::bail_user!(
                    "--compare-to {m}: the history '{}' holds no report of that month ({}) — give one of them, or leave --compare-to out to compare with the latest earlier report",
                    self.dir.display(),
                    if held.is_empty() { "it is empty".to_string() } else { format!("it holds {}", held.join(", ")) }
                )
            }
            None => Ok(self.snapshots.range(..period).next_back().map(|(m, _)| *m)),
        }
    }

    fn folder(&self, m: Month) -> PathBuf {
        self.dir.join(format!("period={m}"))
    }

    /// The recorded table of `m`.
    pub fn table(&self, m: Month) -> anyhow::Result<polars::prelude::DataFrame> {
        let path = self.folder(m).join(snapshot::TABLE_FILE);
        snapshot::read_table(&path).map_err(|e| damaged(&path, format!("the snapshot's table cannot be read ({e:#})")))
    }

    /// The recorded figures of `m`.
    pub fn figures(&self, m: Month) -> anyhow::Result<super::base::Figures> {
        let path = self.folder(m).join(snapshot::FIGURES_FILE);
        let bytes = std::fs::read(&path).map_err(|e| damaged(&path, format!("the snapshot cannot be read ({e})")))?;
        super::base::parse(&bytes).map_err(|e| damaged(&path, format!("the snapshot's figures are damaged ({e})")))
    }

    /// Records `s` as its period's snapshot, unless the same one is there.
    pub fn record(&mut self, s: &Snapshot) -> anyhow::Result<Recorded> {
        let month = s.meta.month().context("internal error: a snapshot without a month")?;
        let outcome = match self.snapshots.get(&month) {
            None => Recorded::New,
            Some(old) => {
                let table = old.table_fingerprint != s.meta.table_fingerprint;
                let figures = old.figures_fingerprint != s.meta.figures_fingerprint;
                if !table && !figures && old.as_of == s.meta.as_of {
                    return Ok(Recorded::Unchanged);
                }
                Recorded::Replaced { table, figures }
            }
        };
        let target = self.folder(month);
        let staging = self.dir.join(format!(".period={month}.complaints-new-{}", std::process::id()));
        std::fs::create_dir(&staging).with_context(|| {
            format!("cannot write in the history '{}' — check permissions and free space", self.dir.display())
        })?;
        let mut clock = std::time::Instant::now();
        let written = s.write(&staging).and_then(|()| {
            crate::files::sync_dir(&staging);
            crate::files::swap_into_place(&staging, &target)
        });
        // after a swap the staging folder holds the old snapshot
        std::fs::remove_dir_all(&staging).ok();
        written.with_context(|| format!("cannot record the snapshot of {month} in '{}'", self.dir.display()))?;
        crate::progress::lap(&mut clock, "  history write");
        crate::files::sync_dir(&self.dir);
        self.snapshots.insert(month, s.meta.clone());
        self.write_manifest()?;
        Ok(outcome)
    }

    /// The manifest: what the folder is and an index of its snapshots (each
    /// snapshot's own snapshot.json is what counts).
    fn write_manifest(&self) -> anyhow::Result<()> {
        let index: Vec<serde_json::Value> = self
            .snapshots
            .values()
            .map(|m| {
                serde_json::json!({"period": m.period, "as_of": m.as_of, "complaints": m.complaints, "folder": format!("period={}", m.period)})
            })
            .collect();
        let manifest = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "about": "Snapshots of complaint reports, one folder per reporting month: the clean complaint table \
                      (complaints.parquet), the report's figures (summary.json) and snapshot.json. Written by \
                      `complaints report`; see docs/metrics.md §15.",
            "snapshots": index,
        });
        crate::files::write_file_atomic(&self.dir.join(MANIFEST), |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest)?;
            w.write_all(b"\n")?;
            Ok(())
        })
    }
}

fn check_manifest(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| damaged(path, format!("it is not a history manifest ({e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(damaged(path, format!("it is not a history manifest (no \"format\": \"{FORMAT}\")")));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v <= VERSION => Ok(()),
        Some(v) => {
            Err(damaged(path, format!("it was written by a newer complaints (version {v}) — update complaints")))
        }
        None => Err(damaged(path, "it has no version")),
    }
}

/// The names in `dir`.
fn entries(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list the history '{}'", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// The store's lock: the folder itself (`flock` on Unix; no file added).
/// A second run waits for the first and says so.
fn lock(dir: &Path) -> anyhow::Result<Option<std::fs::File>> {
    #[cfg(unix)]
    {
        let file = std::fs::File::open(dir).with_context(|| format!("cannot open the history '{}'", dir.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another complaints run that is recording in '{}' …",
                    crate::text::for_terminal(&dir.display().to_string())
                );
                file.lock().with_context(|| format!("cannot lock the history '{}'", dir.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock the history '{}'", dir.display()));
            }
        }
        Ok(Some(file))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::{date, table};

    fn snapshot(month: &str, rows: usize, figures: &str) -> Snapshot {
        let all = [
            ("A", "2025-08-01", None, false, "p", "d", "c"),
            ("B", "2025-09-01", Some("2025-09-03"), false, "p", "d", "c"),
            ("C", "2025-09-02", None, false, "q", "e", "c"),
        ];
        let m = Month::parse(month).unwrap_or(Month(0));
        Snapshot::new(&table(&all[..rows]), figures.as_bytes().to_vec(), m, m.last_day())
            .unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn month(s: &str) -> Month {
        Month::parse(s).unwrap_or(Month(0))
    }

    #[test]
    fn records_once_replaces_on_change_and_picks_the_base() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("history");
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(path.join(MANIFEST).is_file(), "a new history gets its manifest");
        let record = |store: &mut Store, s: &Snapshot| store.record(s).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(record(&mut store, &snapshot("2025-08", 1, "{}")), Recorded::New);
        assert_eq!(record(&mut store, &snapshot("2025-09", 2, "{}")), Recorded::New);
        assert_eq!(record(&mut store, &snapshot("2025-09", 2, "{}")), Recorded::Unchanged);
        assert_eq!(
            record(&mut store, &snapshot("2025-09", 3, "{}")),
            Recorded::Replaced { table: true, figures: false }
        );
        assert_eq!(
            record(&mut store, &snapshot("2025-09", 3, "{ }")),
            Recorded::Replaced { table: false, figures: true }
        );
        drop(store);
        // what was recorded is read back, by another run
        let store = Store::open(&path).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(store.snapshots.keys().map(ToString::to_string).collect::<Vec<_>>(), ["2025-08", "2025-09"]);
        let t = store.table(month("2025-09")).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(t.height(), 3);
        assert_eq!(t.column("customer").ok().and_then(|c| c.str().ok()?.get(2).map(str::to_string)), Some("c".into()));
        assert_eq!(store.snapshots[&month("2025-09")].as_of, date("2025-09-30"));
        let base =
            |p: &str, to: Option<&str>| store.base(month(p), to.map(month)).ok().flatten().map(|m| m.to_string());
        assert_eq!(base("2025-10", None).as_deref(), Some("2025-09"));
        assert_eq!(base("2025-09", None).as_deref(), Some("2025-08"), "the latest earlier period");
        assert_eq!(base("2025-08", None), None);
        assert_eq!(base("2025-10", Some("2025-08")).as_deref(), Some("2025-08"));
        assert!(store.base(month("2025-10"), Some(month("2025-07"))).is_err());
    }

    #[test]
    fn a_folder_of_other_files_is_not_a_history() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("budget.xlsx"), b"x").unwrap_or_default();
        let err = Store::open(dir.path()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("it holds 'budget.xlsx' but no complaints-history.json"), "{err}");
        assert!(!dir.path().join(MANIFEST).exists(), "nothing written into it");
        // what a killed run leaves is not someone else's file: it is cleared
        let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(other.path().join(".period=2025-09.complaints-new-42")).unwrap_or_default();
        assert!(Store::open(other.path()).is_ok());
        assert!(!other.path().join(".period=2025-09.complaints-new-42").exists());
        // a snapshot folder whose snapshot.json is damaged is named
        let mut store = Store::open(other.path()).unwrap_or_else(|e| panic!("{e:#}"));
        store.record(&snapshot("2025-09", 1, "{}")).unwrap_or_else(|e| panic!("{e:#}"));
        drop(store);
        std::fs::write(other.path().join("period=2025-09").join(META_FILE), b"{").unwrap_or_default();
        let err = Store::open(other.path()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("period=2025-09/snapshot.json': the snapshot is damaged"), "{err}");
    }
}
