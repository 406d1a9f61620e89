//! Report files: one writer per output format over one computed
//! [`Report`](crate::metrics::Report) (hyperfine's exporter pattern). Every
//! file is staged as a temporary file in its target folder and renamed into
//! place only when all writers succeeded, so a failed run leaves the
//! previous report untouched.

pub mod charts;
pub mod labels;
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
use tempfile::NamedTempFile;

/// What every writer gets: the computed report, what reading found, and
/// the label language.
pub struct ReportContext<'a> {
    pub report: &'a Report,
    pub ingested: &'a Ingested,
    pub labels: &'a Labels,
}

/// One output format.
pub trait Writer: Sync {
    /// Renders this format's file(s) into `out`.
    fn write(&self, ctx: &ReportContext, out: &mut Files) -> anyhow::Result<()>;
}

/// The files one writer rendered, held in memory until every writer has
/// finished, then staged and committed together.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<(String, Vec<u8>)>,
}

impl Files {
    /// Adds the file `relative` (e.g. `charts/trend.png`) of the output folder.
    pub fn write_bytes(&mut self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.push((relative.to_string(), bytes.to_vec()));
        Ok(())
    }
}

const TEMP_PREFIX: &str = ".complaints-";

/// Files being written, renamed into place together by [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    files: Vec<(NamedTempFile, PathBuf)>,
}

impl Staging {
    pub fn new(dir: &Path) -> anyhow::Result<Staging> {
        std::fs::create_dir_all(dir).with_context(|| {
            format!("cannot create the output folder '{}' — check --out and permissions", dir.display())
        })?;
        // A run killed before it finished leaves its temporary files: clear them.
        for folder in [dir.to_path_buf(), dir.join("charts")] {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
                    std::fs::remove_file(entry.path()).ok();
                }
            }
        }
        Ok(Staging { dir: dir.to_path_buf(), files: Vec::new() })
    }

    /// A new staged file at `relative` (e.g. `charts/trend.png`) inside the
    /// output folder.
    pub fn create(&mut self, relative: &str) -> anyhow::Result<&mut NamedTempFile> {
        let target = self.dir.join(relative);
        let parent = target.parent().unwrap_or(&self.dir).to_path_buf();
        std::fs::create_dir_all(&parent).with_context(|| format!("cannot create '{}'", parent.display()))?;
        let tmp =
            tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(&parent).with_context(|| {
                format!("cannot write in '{}' — check permissions and free space", parent.display())
            })?;
        self.files.push((tmp, target));
        let last = self.files.len() - 1;
        Ok(&mut self.files[last].0)
    }

    /// Stages `bytes` as `relative`.
    pub fn write_bytes(&mut self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let file = self.create(relative)?;
        file.write_all(bytes).with_context(|| format!("cannot write '{relative}' — check free space"))?;
        Ok(())
    }

    /// Renames every staged file into place; returns the final paths.
    pub fn commit(self) -> anyhow::Result<Vec<PathBuf>> {
        let mut done = Vec::new();
        for (tmp, target) in self.files {
            tmp.as_file().sync_all().ok();
            let file = tmp
                .persist(&target)
                .with_context(|| format!("cannot move the finished file to '{}'", target.display()))?;
            // Temporary files are private (0600); a report is an ordinary file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
            }
            drop(file);
            done.push(target);
        }
        Ok(done)
    }
}

/// Runs the writers side by side (they share nothing but the report), then
/// stages their files and commits them only if all of them succeeded.
pub fn write_all(ctx: &ReportContext, dir: &Path, writers: &[&dyn Writer]) -> anyhow::Result<Vec<PathBuf>> {
    let rendered: Vec<anyhow::Result<Files>> = std::thread::scope(|scope| {
        let handles: Vec<_> = writers
            .iter()
            .map(|w| {
                scope.spawn(move || {
                    let start = std::time::Instant::now();
                    let mut files = Files::default();
                    let result = w.write(ctx, &mut files).map(|_| files);
                    if std::env::var_os("COMPLAINTS_TIMING").is_some() {
                        let name = result.as_ref().ok().and_then(|f| f.files.first()).map_or("?", |f| f.0.as_str());
                        eprintln!("timing:   writer {name:<32} {:>8.3} s", start.elapsed().as_secs_f64());
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
    let mut staging = Staging::new(dir)?;
    for files in rendered {
        for (name, bytes) in files?.files {
            staging.write_bytes(&name, &bytes)?;
        }
    }
    staging.commit()
}

/// Writes one file atomically (temporary file in the same folder, renamed).
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).context("the output path has no file name")?;
    let mut staging = Staging::new(&dir)?;
    staging.write_bytes(name, bytes)?;
    staging.commit()?;
    Ok(())
}
