//! Report files: one writer per output format over one computed
//! [`Report`] (hyperfine's exporter pattern). The
//! files are written into a new folder that takes the place of the old
//! report in one step only when all writers succeeded ([`ReportFolder`]):
//! a failed, killed or concurrent run never leaves a mixed report.

pub mod charts;
pub mod dataset;
pub mod findings;
mod folder;
pub mod headline;
pub mod html;
pub mod kpi;
pub mod label_fit;
pub mod labels;
pub mod reader_notes;
pub mod redact;
pub mod rejects_csv;
pub mod story;
pub mod summary_json;
pub mod table_csv;
pub mod workbook;

/// A corrective-action id as the report shows it: one form for every
/// spelling a ledger uses (`Capa-2024-004`, `capa-2025-004` → `CAPA-2024-004`,
/// `CAPA-2025-004`) — the ids are matched case-blind already.
pub fn capa_id(s: &str) -> String {
    crate::ingest::cells::normalize_text(s).to_uppercase()
}

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
    /// The first file that could not be written, and why.
    failed: std::sync::Mutex<Option<(String, std::io::Error)>>,
}

impl<'a> Output<'a> {
    fn new(folder: &'a ReportFolder) -> Self {
        Output { folder, written: Default::default(), failed: Default::default() }
    }

    /// The path of `relative` (e.g. `charts/trend.png`) in the new report,
    /// for a writer that saves to a path itself; call [`Output::done`] after.
    pub fn path(&self, relative: &str) -> anyhow::Result<PathBuf> {
        let path = self.folder.staging.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| self.failure(relative, e))?;
        }
        Ok(path)
    }

    /// Records a file written to [`Output::path`] (made durable first).
    pub fn done(&self, relative: &str) -> anyhow::Result<()> {
        let path = self.folder.staging.join(relative);
        let file = std::fs::File::open(&path).with_context(|| format!("cannot read back '{relative}'"))?;
        file.sync_all().map_err(|e| self.failure(relative, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        self.written
            .lock()
            .map_err(|_| anyhow::anyhow!("internal error: a writer crashed"))?
            .push((relative.to_string(), size));
        Ok(())
    }

    /// A new file `relative` to stream into; hand it to [`Output::finish`].
    pub fn create(&self, relative: &str) -> anyhow::Result<std::io::BufWriter<OutFile<'_>>> {
        let path = self.path(relative)?;
        let file = std::fs::File::create(&path).map_err(|e| self.failure(relative, e))?;
        Ok(std::io::BufWriter::with_capacity(
            1 << 16,
            OutFile { file, error: None, relative: relative.to_string(), out: self },
        ))
    }

    /// Flushes a file made by [`Output::create`] and records it.
    pub fn finish(&self, relative: &str, file: std::io::BufWriter<OutFile<'_>>) -> anyhow::Result<()> {
        let file = file.into_inner().map_err(|e| self.failure(relative, e.into_error()))?;
        if let Some(e) = file.error {
            return Err(self.failure(relative, e));
        }
        self.done(relative)
    }

    /// Writes a small file whole (a chart image).
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let mut file = self.create(relative)?;
        file.write_all(bytes).map_err(|e| self.failure(relative, e))?;
        self.finish(relative, file)
    }

    /// The error for the file `relative` that could not be written. The
    /// run's first such failure is kept: a writer that reports it in its
    /// own words (or not at all) does not hide a full disk.
    fn failure(&self, relative: &str, e: std::io::Error) -> anyhow::Error {
        if let Ok(mut failed) = self.failed.lock() {
            failed.get_or_insert_with(|| (relative.to_string(), copy(&e)));
        }
        crate::error::io_failure(&format!("cannot write '{}'", self.shown(relative)), e)
    }

    /// The run's first failure to write a file of the report, as its error.
    fn first_failure(&self) -> Option<anyhow::Error> {
        let failed = self.failed.lock().ok()?;
        let (relative, e) = failed.as_ref()?;
        Some(crate::error::io_failure(&format!("cannot write '{}'", self.shown(relative)), copy(e)))
    }

    /// `relative` where the user will look for it: in `--out`.
    fn shown(&self, relative: &str) -> String {
        crate::error::shown(&self.folder.target().join(relative))
    }
}

/// A file of the new report. After its first failed write (a full disk)
/// it takes no more bytes and reports no more errors: the first one ends
/// the run, and a library that writes on when it is dropped (the zip
/// writer inside the workbook) has nothing more to print.
pub struct OutFile<'a> {
    file: std::fs::File,
    /// The first failed write, for [`Output::finish`].
    error: Option<std::io::Error>,
    relative: String,
    out: &'a Output<'a>,
}

impl OutFile<'_> {
    fn failed(&mut self, e: std::io::Error) -> std::io::Error {
        if let Ok(mut failed) = self.out.failed.lock() {
            failed.get_or_insert_with(|| (self.relative.clone(), copy(&e)));
        }
        self.error = Some(copy(&e));
        e
    }
}

impl Write for OutFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Ok(buf.len());
        }
        self.file.write(buf).map_err(|e| self.failed(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.error.is_some() {
            return Ok(());
        }
        self.file.flush().map_err(|e| self.failed(e))
    }
}

/// The manifest written last into every report folder: what the run made.
pub use crate::ingest::source::REPORT_MANIFEST as MANIFEST;

pub use crate::files::{copy, write_file_atomic};
pub use folder::{check_out, ReportFolder};

/// A Pareto as at most `max` bars `(label, value, cumulative share, vital
/// few)`: the rows as they are, or the first `max − 1` and the rest summed
/// into one bar labelled `rest(n)` (its share the last row's; never drawn
/// as one of the vital few, even holding some: it is many types, and a tall
/// roll-up in the vital few's colour read as the problem to attack). A long
/// tail of one-complaint types would crush a chart.
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
    let n = tail.len();
    out.push((rest(n), tail.into_iter().map(|t| t.1).sum(), share, false));
    out
}

/// Whether the ledgers record `field` (its name): `false` when its
/// breakdown over the trend window holds only blanks — the ledgers have no
/// such column, or leave it empty. A field without a breakdown (lot) is
/// taken as recorded.
pub(crate) fn recorded(r: &Report, field: &str) -> bool {
    r.breakdowns.get(field).is_none_or(|rows| rows.iter().any(|x| x.value != crate::metrics::BLANK))
}

/// The recurrence key's fields the ledgers do not record ([`recorded`]):
/// with one of them blank no complaint is ever a repeat (§4), so the repeat
/// figures are not a measured 0 but unknown, and the report says so.
pub(crate) fn unrecorded_key_fields(r: &Report) -> Vec<crate::ingest::fields::Field> {
    r.params.recurrence_key.iter().copied().filter(|f| !recorded(r, f.name())).collect()
}

/// What the report says instead of the repeat figures when a key field is
/// not recorded ([`unrecorded_key_fields`]): `Repeats not judged — no
/// product recorded`; `None` when they are measured.
pub(crate) fn repeats_not_recorded(r: &Report, l: &Labels) -> Option<String> {
    let missing = unrecorded_key_fields(r);
    let fields: Vec<String> = missing.iter().map(|f| l.field(*f).to_lowercase()).collect();
    (!fields.is_empty()).then(|| l.fmt(labels::L::RepeatsNotRecorded, &[&fields.join(", ")]))
}

/// How many of the complaints, each of the department given, each
/// department has: most first, then by name; a blank department counts as
/// the blank category. The overdue list's count per department (the
/// Overdue sheet's table, the Summary's sentence).
pub(crate) fn per_department<'a>(departments: impl Iterator<Item = Option<&'a str>>) -> Vec<(&'a str, u64)> {
    let mut counts: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for d in departments {
        *counts.entry(d.filter(|d| !d.trim().is_empty()).unwrap_or(crate::metrics::BLANK)).or_default() += 1;
    }
    let mut counts: Vec<(&str, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
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
/// let labels = Labels { korean: false, months: 12 };
/// let ctx = ReportContext { report: &report, ingested: &ingested, labels: &labels };
/// let dir = tempfile::tempdir()?;
/// let written = write_all(&ctx, &dir.path().join("out"), &[&SummaryJson])?;
/// assert_eq!(written, [dir.path().join("out/summary.json")]);
/// # Ok::<(), anyhow::Error>(())
/// ```
pub fn write_all(ctx: &ReportContext, dir: &Path, writers: &[&dyn Writer]) -> anyhow::Result<Vec<PathBuf>> {
    let had_report = std::fs::symlink_metadata(dir).is_ok();
    write_into(ctx, dir, writers).map_err(|err| match err.downcast::<crate::error::EnvError>() {
        // a full disk: say that the report the user has is still whole
        Ok(e) if had_report => {
            crate::error::EnvError(format!("{e} (the previous report in '{}' is unchanged)", crate::error::shown(dir)))
                .into()
        }
        Ok(e) => e.into(),
        Err(err) => err,
    })
}

/// [`write_all`], its errors as they come.
fn write_into(ctx: &ReportContext, dir: &Path, writers: &[&dyn Writer]) -> anyhow::Result<Vec<PathBuf>> {
    let folder = ReportFolder::begin(dir)?;
    let out = Output::new(&folder);
    let results: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = writers
            .iter()
            .map(|w| {
                let out = &out;
                crate::threads::spawn(scope, &format!("w-{}", w.name()), move || {
                    let start = std::time::Instant::now();
                    let result = w.write(ctx, out);
                    if std::env::var_os("COMPLAINTS_TIMING").is_some() {
                        crate::error::eprint(&format!(
                            "timing:   writer {:<32} {:>8.3} s{}",
                            w.name(),
                            start.elapsed().as_secs_f64(),
                            crate::progress::memory()
                        ));
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
    // A file that could not be written is the cause, whatever a writer
    // made of it (and even if a writer swallowed it).
    let first_error = results.into_iter().find_map(Result::err);
    if let Some(failure) = out.first_failure() {
        return Err(failure);
    }
    if let Some(err) = first_error {
        return Err(err);
    }
    // the manifest lists the files in a fixed order, whichever writer finished first
    let mut written = out.written.into_inner().map_err(|_| anyhow::anyhow!("internal error: a writer crashed"))?;
    written.sort();
    folder.commit(&written)
}

#[cfg(test)]
mod capa_id_tests {
    #[test]
    fn capa_ids_in_one_form() {
        assert_eq!(super::capa_id(" Capa-2024-004"), "CAPA-2024-004");
        assert_eq!(super::capa_id("capa-2025-004"), "CAPA-2025-004");
        assert_eq!(super::capa_id("시정-7"), "시정-7");
    }
}
