//! Report files: one writer per output format over one computed
//! [`Report`] (hyperfine's exporter pattern). The
//! files are written into a new folder that takes the place of the old
//! report in one step only when all writers succeeded ([`ReportFolder`]):
//! a failed, killed or concurrent run never leaves a mixed report.

pub mod charts;
pub mod dataset;
pub mod findings;
pub mod headline;
pub mod html;
pub mod kpi;
pub mod labels;
pub mod reader_notes;
pub mod redact;
pub mod rejects_csv;
pub mod summary_json;
pub mod table_csv;
pub mod text;
pub mod workbook;

use crate::ingest::Ingested;
use crate::metrics::Report;
use anyhow::Context as _;
use labels::Labels;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What every writer gets: the computed report, what reading found, and
/// the label language.
pub struct ReportContext<'a> {
    pub report: &'a Report,
    pub ingested: &'a Ingested,
    pub labels: &'a Labels,
}

/// One output format.
pub trait Writer: Sync {
    /// Its name, for timings.
    fn name(&self) -> &'static str;

    /// Writes this format's file(s) into `out`, streaming into each file.
    fn write(&self, ctx: &ReportContext, out: &Output) -> anyhow::Result<()>;
}

/// Where the writers put their files: the new report's folder, before it
/// takes the place of the old one. Writers stream into their files (no
/// whole file is held as bytes); the sizes go into the manifest.
pub struct Output<'a> {
    folder: &'a ReportFolder,
    written: std::sync::Mutex<Vec<(String, u64)>>,
}

impl Output<'_> {
    /// The path of `relative` (e.g. `charts/trend.png`) in the new report,
    /// for a writer that saves to a path itself; call [`Output::done`] after.
    pub fn path(&self, relative: &str) -> anyhow::Result<PathBuf> {
        let path = self.folder.staging.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create '{}'", parent.display()))?;
        }
        Ok(path)
    }

    /// Records a file written to [`Output::path`] (made durable first).
    pub fn done(&self, relative: &str) -> anyhow::Result<()> {
        let path = self.folder.staging.join(relative);
        let file = std::fs::File::open(&path).with_context(|| format!("cannot read back '{relative}'"))?;
        file.sync_all().with_context(|| format!("cannot write '{relative}' — check free space"))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        self.written
            .lock()
            .map_err(|_| anyhow::anyhow!("internal error: a writer crashed"))?
            .push((relative.to_string(), size));
        Ok(())
    }

    /// A new file `relative` to stream into; hand it to [`Output::finish`].
    pub fn create(&self, relative: &str) -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
        let path = self.path(relative)?;
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot write '{relative}' — check permissions and free space"))?;
        Ok(std::io::BufWriter::with_capacity(1 << 16, file))
    }

    /// Flushes a file made by [`Output::create`] and records it.
    pub fn finish(&self, relative: &str, file: std::io::BufWriter<std::fs::File>) -> anyhow::Result<()> {
        file.into_inner()
            .map_err(|e| anyhow::Error::from(e.into_error()))
            .with_context(|| format!("cannot write '{relative}' — check free space"))?;
        self.done(relative)
    }

    /// Writes a small file whole (a chart image).
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let mut file = self.create(relative)?;
        file.write_all(bytes).with_context(|| format!("cannot write '{relative}' — check free space"))?;
        self.finish(relative, file)
    }
}

/// The manifest written last into every report folder: what the run made.
pub use crate::ingest::source::REPORT_MANIFEST as MANIFEST;

/// A Pareto as at most `max` bars `(label, value, cumulative share, vital
/// few)`: the rows as they are, or the first `max − 1` and the rest summed
/// into one bar labelled `rest(n)` (its share the last row's; vital when one
/// of them is). A long tail of one-complaint types would crush a chart.
pub(crate) fn pareto_bars<T, V: std::iter::Sum<V>>(
    rows: &[T],
    max: usize,
    bar: impl Fn(&T) -> (String, V, f64, bool),
    rest: impl Fn(usize) -> String,
) -> Vec<(String, V, f64, bool)> {
    if rows.len() <= max {
        return rows.iter().map(&bar).collect();
    }
    let keep = max.saturating_sub(1);
    let mut out: Vec<_> = rows[..keep].iter().map(&bar).collect();
    let tail: Vec<_> = rows[keep..].iter().map(&bar).collect();
    let share = tail.last().map_or(1.0, |t| t.2);
    let vital = tail.iter().any(|t| t.3);
    let n = tail.len();
    out.push((rest(n), tail.into_iter().map(|t| t.1).sum(), share, vital));
    out
}

/// The line under every title: as of, target, the complaints of the trend
/// window (what the figures are about) and of the ledgers as read.
pub fn subtitle(r: &Report, l: &Labels) -> String {
    let q = &r.data_quality.read;
    let window: u64 = r.trend.iter().map(|t| t.received).sum();
    l.fmt(
        labels::L::Subtitle,
        &[
            &r.as_of,
            &l.target_days(&r.params),
            &r.params.months,
            &labels::thousands(window as f64),
            &labels::thousands(q.complaints as f64),
            &q.files,
            &q.sheets,
        ],
    )
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

/// The report folder `--out`, written as one unit.
///
/// A reader of the folder sees the previous complete report or the new
/// complete one, never a mix, whenever the run is killed or fails: every
/// file is written into a fresh sibling folder, which then takes the place
/// of `--out` in one step — `renameat2(RENAME_EXCHANGE)` on Linux swaps the
/// two folders atomically, and the old one is removed after. (Renaming
/// files one by one into place cannot be atomic as a set: a kill between
/// two renames left a new workbook beside old charts.) Two runs into the
/// same folder take turns: a lock file beside it (`flock`, released by the
/// kernel when a run dies, so a killed run never blocks the next) makes the
/// second wait. An existing `--out` is replaced only when it holds nothing
/// but an earlier report, so a mistyped `--out` never removes other files.
pub struct ReportFolder {
    target: PathBuf,
    staging: PathBuf,
    _lock: std::fs::File,
}

impl ReportFolder {
    /// Takes the folder's lock (waiting for another run that holds it),
    /// checks that `target` may be replaced, clears what killed runs left
    /// and makes the staging folder.
    pub fn begin(target: &Path) -> anyhow::Result<ReportFolder> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .with_context(|| {
                format!("--out '{}' names no folder — give a folder such as reports/oct", target.display())
            })?
            .to_string();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).with_context(|| {
            format!("cannot create the folder '{}' — check --out and permissions", parent.display())
        })?;
        let lock = lock_beside(&parent, &name)?;
        check_replaceable(target)?;
        // Anything a killed run left beside the target (we hold the lock, so
        // no other run is writing one now).
        let leftover = format!(".{name}.complaints-");
        for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
            let entry_name = entry.file_name();
            let entry_name = entry_name.to_string_lossy();
            if entry_name.starts_with(&leftover) && !entry_name.ends_with(".lock") {
                std::fs::remove_dir_all(entry.path()).ok();
            }
        }
        let staging = parent.join(format!("{leftover}new-{}", std::process::id()));
        std::fs::create_dir(&staging)
            .with_context(|| format!("cannot write in '{}' — check permissions and free space", parent.display()))?;
        Ok(ReportFolder { target: target.to_path_buf(), staging, _lock: lock })
    }

    /// Writes the manifest, then puts the new report in the place of the
    /// old one in one step; returns the final paths of the files.
    pub fn commit(self, files: &[(String, u64)]) -> anyhow::Result<Vec<PathBuf>> {
        let manifest = serde_json::json!({
            "written_by": format!("complaints {}", env!("CARGO_PKG_VERSION")),
            "files": files.iter().map(|(name, size)| serde_json::json!({"name": name, "bytes": size})).collect::<Vec<_>>(),
        });
        let path = self.staging.join(MANIFEST);
        std::fs::write(&path, format!("{manifest:#}\n")).with_context(|| format!("cannot write '{MANIFEST}'"))?;
        if let Ok(f) = std::fs::File::open(&path) {
            f.sync_all().ok();
        }
        sync_dir(&self.staging);
        if let Some(charts) = Some(self.staging.join("charts")).filter(|c| c.is_dir()) {
            sync_dir(&charts);
        }
        swap_into_place(&self.staging, &self.target)?;
        if let Some(parent) = self.target.parent() {
            sync_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent });
        }
        Ok(files.iter().map(|(name, _)| self.target.join(name)).collect())
    }
}

impl Drop for ReportFolder {
    /// A failed run removes its staging folder (after a commit it holds the
    /// old report, or nothing).
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.staging).ok();
    }
}

/// The lock file `.<name>.complaints.lock` beside the report folder, locked
/// exclusively; a second run waits for the first and says so.
fn lock_beside(parent: &Path, name: &str) -> anyhow::Result<std::fs::File> {
    let path = parent.join(format!(".{name}.complaints.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot write in '{}' — check --out and permissions", parent.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another complaints run that is writing '{}' …",
                text::for_terminal(&parent.join(name).display().to_string())
            );
            file.lock().with_context(|| format!("cannot lock '{}'", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock '{}'", path.display()));
        }
    }
    Ok(file)
}

/// An existing `--out` is replaced whole, so it may hold only an earlier
/// report (or nothing).
fn check_replaceable(target: &Path) -> anyhow::Result<()> {
    let meta = match std::fs::symlink_metadata(target) {
        Err(_) => return Ok(()), // a new folder
        Ok(meta) => meta,
    };
    let shown = target.display();
    if !meta.is_dir() {
        crate::bail_user!("--out '{shown}' is a file, not a folder — give a folder for the report, e.g. reports/oct");
    }
    let entries = std::fs::read_dir(target).with_context(|| format!("cannot list --out '{shown}'"))?;
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
            crate::bail_user!(
                "--out '{shown}' holds '{}', which is not part of a report — a report replaces its folder whole, so give an empty folder, a new one, or one that holds only an earlier report",
                text::for_terminal(&name)
            );
        }
    }
    Ok(())
}

/// Puts the folder `new` in the place of `target` (which may not exist).
pub(crate) fn swap_into_place(new: &Path, target: &Path) -> anyhow::Result<()> {
    let failed = |e: std::io::Error| {
        anyhow::Error::from(e).context(format!(
            "cannot move the finished report into '{}' — check permissions (the previous report is unchanged)",
            target.display()
        ))
    };
    if std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(new, target).map_err(failed);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            // `new` now holds the old report: the caller's Drop removes it
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
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}

/// Runs the writers side by side (they share nothing but the report), then
/// writes their files into a new report folder that replaces `dir` as one
/// unit only if all of them succeeded.
///
/// ```
/// use complaints::ingest::{ingest, IngestOptions};
/// use complaints::metrics::{compute, Params};
/// use complaints::report::{labels::Labels, summary_json::SummaryJson, write_all, ReportContext};
///
/// let ingested = ingest(&["data/sample".into()], &IngestOptions::default(), |_| {})?;
/// let report = compute(&ingested, &Params::default())?;
/// let labels = Labels { korean: false };
/// let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
/// let dir = tempfile::tempdir()?;
/// let written = write_all(&ctx, &dir.path().join("out"), &[&SummaryJson])?;
/// assert_eq!(written, [dir.path().join("out/summary.json")]);
/// # Ok::<(), anyhow::Error>(())
/// ```
pub fn write_all(ctx: &ReportContext, dir: &Path, writers: &[&dyn Writer]) -> anyhow::Result<Vec<PathBuf>> {
    let folder = ReportFolder::begin(dir)?;
    let out = Output { folder: &folder, written: Default::default() };
    let results: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = writers
            .iter()
            .map(|w| {
                let out = &out;
                scope.spawn(move || {
                    let start = std::time::Instant::now();
                    let result = w.write(ctx, out);
                    if std::env::var_os("COMPLAINTS_TIMING").is_some() {
                        eprintln!(
                            "timing:   writer {:<32} {:>8.3} s{}",
                            w.name(),
                            start.elapsed().as_secs_f64(),
                            crate::progress::memory()
                        );
                    }
                    result
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(anyhow::anyhow!("internal error: a report writer crashed; please report this"))
                })
            })
            .collect()
    });
    for result in results {
        result?;
    }
    // the manifest lists the files in a fixed order, whichever writer finished first
    let mut written = out.written.into_inner().map_err(|_| anyhow::anyhow!("internal error: a writer crashed"))?;
    written.sort();
    folder.commit(&written)
}

/// Writes one file atomically (temporary file in the same folder, renamed),
/// streaming into it with `write`.
pub fn write_file_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".complaints-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot write in '{}' — check permissions and free space", dir.display()))?;
    {
        let mut buffered = std::io::BufWriter::new(&mut tmp);
        write(&mut buffered).with_context(|| format!("cannot write '{}' — check free space", path.display()))?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all().ok();
    let file = tmp.persist(path).with_context(|| format!("cannot write '{}'", path.display()))?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    Ok(())
}
