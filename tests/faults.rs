//! A report folder is one unit (issue 15): whenever a run is killed, and
//! when two runs write the same folder at once, the folder holds one
//! complete, self-consistent report — the manifest lists exactly the files
//! present, and summary.json, the workbook and the charts are of one period.

mod common;

use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Asserts that `out` holds one complete report and returns its period
/// (`None` when there is no report folder yet).
fn consistent_report(out: &Path) -> Option<String> {
    if !out.exists() {
        return None;
    }
    Some(snapshot(out).expect("a complete report"))
}

/// Reads the report in `out` as one snapshot: through a handle on the
/// folder (`/proc/self/fd/N` on Linux), so a report swapped in while it is
/// read is not mixed with the one being read. `Err` when the folder went
/// away under the reader (the old report is removed after a swap); a
/// mismatch inside one folder fails the test.
fn snapshot(out: &Path) -> std::io::Result<String> {
    let handle = std::fs::File::open(out)?;
    #[cfg(target_os = "linux")]
    let base = {
        use std::os::fd::AsRawFd;
        std::path::PathBuf::from(format!("/proc/self/fd/{}", handle.as_raw_fd()))
    };
    #[cfg(not(target_os = "linux"))]
    let base = out.to_path_buf();
    let manifest = std::fs::read_to_string(base.join(".complaints-report.json"))?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("manifest json");
    let mut listed: Vec<(String, u64)> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| (f["name"].as_str().unwrap_or("").to_string(), f["bytes"].as_u64().unwrap_or(0)))
        .collect();
    listed.sort();
    let mut present = Vec::new();
    for folder in ["", "charts"] {
        for entry in std::fs::read_dir(base.join(folder))? {
            let entry = entry?;
            let meta = entry.metadata()?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if meta.is_file() && name != ".complaints-report.json" {
                let rel = if folder.is_empty() { name } else { format!("{folder}/{name}") };
                present.push((rel, meta.len()));
            }
        }
    }
    present.sort();
    let summary = std::fs::read(base.join("summary.json"))?;
    let pareto = std::fs::read_to_string(base.join("charts/pareto.svg"))?;
    #[cfg(unix)]
    {
        // swapped out while it was read (and being removed): read again
        use std::os::unix::fs::MetadataExt;
        if handle.metadata()?.ino() != std::fs::metadata(out)?.ino() {
            return Err(std::io::ErrorKind::NotFound.into());
        }
    }
    assert_eq!(present, listed, "the folder holds exactly what its manifest lists");
    let summary: serde_json::Value = serde_json::from_slice(&summary).expect("json");
    let period = summary["period"].as_str().expect("period").to_string();
    let workbooks: Vec<&String> = present.iter().map(|p| &p.0).filter(|n| n.ends_with(".xlsx")).collect();
    assert_eq!(workbooks, [&format!("complaint_report_{period}.xlsx")], "one workbook, of summary.json's period");
    assert!(pareto.contains(&period), "the Pareto chart is of period {period}");
    drop(handle);
    Ok(period)
}

fn sample() -> String {
    repo().join("data/sample").to_string_lossy().into_owned()
}

#[test]
fn two_runs_into_one_folder_take_turns() {
    let dir = tempdir();
    let sample = sample();
    // both started before either finished; the second waits for the first
    for _ in 0..6 {
        let mut a = bin()
            .current_dir(dir.path())
            .args(["report", &sample, "--period", "2025-09", "--out", "out"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut b = bin()
            .current_dir(dir.path())
            .args(["report", &sample, "--period", "2025-10", "--out", "out"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // the folder is consistent while they run, too
        while a.try_wait().expect("wait").is_none() || b.try_wait().expect("wait").is_none() {
            let _ = snapshot(&dir.path().join("out")); // a mix fails; a folder removed under us is retried
            std::thread::sleep(Duration::from_millis(30));
        }
        assert!(a.wait().expect("a").success() && b.wait().expect("b").success());
        consistent_report(&dir.path().join("out")).expect("a report");
    }
}

#[test]
fn a_run_killed_at_any_instant_leaves_one_complete_report() {
    let dir = tempdir();
    let sample = sample();
    let out = dir.path().join("out");
    let o = run_in(dir.path(), &["report", &sample, "--period", "2025-09", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // how long a run takes here, to spread the kills over it
    let start = Instant::now();
    let o = run_in(dir.path(), &["report", &sample, "--period", "2025-10", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = start.elapsed();
    let steps = 24;
    let mut seen = std::collections::BTreeSet::new();
    for k in 0..steps {
        let before = consistent_report(&out).expect("a report");
        let period = if before == "2025-10" { "2025-09" } else { "2025-10" };
        let mut child = bin()
            .current_dir(dir.path())
            .args(["report", &sample, "--period", period, "--out", "out"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(full.mul_f64(1.1 * f64::from(k) / f64::from(steps)));
        child.kill().ok(); // SIGKILL: no clean-up runs
        let status = child.wait().expect("wait");
        let after = consistent_report(&out).expect("a report");
        // the old report, or the new one when the run got that far
        assert!(after == before || after == period, "{after}");
        assert!(status.success() || after == before || after == period);
        seen.insert(after == before);
    }
    // the next run clears what killed runs left beside the folder
    let o = run_in(dir.path(), &["report", &sample, "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    consistent_report(&out).expect("a report");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.complaints-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(seen.contains(&true), "some kill came before the new report was in place");
}

#[test]
fn a_folder_that_is_not_a_report_is_never_replaced() {
    let dir = tempdir();
    let sample = sample();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("summary.json")).expect("a folder named like a report file");
    let o = run_in(dir.path(), &["report", &sample, "--out", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not part of a report"), "{}", stderr(&o));
    assert!(out.join("summary.json").is_dir(), "untouched");
    std::fs::remove_dir(out.join("summary.json")).expect("rm");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    let o = run_in(dir.path(), &["report", &sample, "--out", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).ok().as_deref(), Some("mine"));
}
