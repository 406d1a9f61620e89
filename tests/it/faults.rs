//! A report folder is one unit (issue 15): whenever a run is killed, and
//! when two runs write the same folder at once, the folder holds one
//! complete, self-consistent report — the manifest lists exactly the files
//! present, and summary.json, the workbook and the charts are of one period.

use crate::common::*;
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

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// The names in `dir` once they are `expected`, or after 10 s: a killed
/// run's staging folder is removed by its watchdog just after the kill.
fn settled(dir: &Path, expected: &[&str]) -> Vec<String> {
    let start = Instant::now();
    loop {
        let now = names(dir);
        if now == expected || start.elapsed() > Duration::from_secs(10) {
            return now;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn nothing_is_left_beside_the_report_folder() {
    // no lock file, no staging folder: not after a run, not after a refused
    // --out, not after kill -9 (issue 22)
    let dir = tempdir();
    let sample = sample();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(reports.join("mine")).expect("mkdir");
    std::fs::write(reports.join("mine/notes.txt"), "mine").expect("write");
    std::fs::write(reports.join("keep.txt"), "mine").expect("write");
    for period in ["2025-09", "2025-10"] {
        let o = run_in(dir.path(), &["report", &sample, "--period", period, "--out", "reports/oct"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(names(&reports), ["keep.txt", "mine", "oct"]);
    }
    for (out, input, expected) in [
        ("reports/keep.txt", sample.as_str(), "is a file, not a folder"),
        ("reports/keep.txt/oct", &sample, "'reports/keep.txt' is a file, not a folder"),
        ("reports/mine", &sample, "holds 'notes.txt', which is not part of a report"),
        ("reports/new/deeper/oct", "missing.csv", "no such file or folder"),
    ] {
        let o = run_in(dir.path(), &["report", input, "--out", out]);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{out}: {}", stderr(&o));
        assert_eq!(names(&reports), ["keep.txt", "mine", "oct"], "{out}");
    }
    if Path::new("/dev/full").exists() {
        // the case: `--out /dev/full` made /dev/.full.complaints.lock
        let ours =
            || -> Vec<String> { names(Path::new("/dev")).into_iter().filter(|n| n.contains("complaints")).collect() };
        let before = ours();
        let o = run_in(dir.path(), &["report", &sample, "--out", "/dev/full"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(ours(), before, "nothing made in /dev");
    }
    // killed at instants spread over a run: once the kill is over, the
    // folder holds one whole report and nothing is beside it
    let start = Instant::now();
    let o = run_in(dir.path(), &["report", &sample, "--period", "2025-09", "--out", "reports/oct"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = start.elapsed();
    let steps = 10;
    for k in 0..steps {
        let mut child = bin()
            .current_dir(dir.path())
            .args(["report", &sample, "--period", "2025-10", "--out", "reports/oct"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(full.mul_f64(0.5 + 0.6 * f64::from(k) / f64::from(steps)));
        child.kill().ok();
        child.wait().expect("wait");
        assert_eq!(settled(&reports, &["keep.txt", "mine", "oct"]), ["keep.txt", "mine", "oct"], "kill {k}");
        consistent_report(&reports.join("oct")).expect("a report");
    }
}

#[test]
fn standard_error_and_output_that_cannot_be_written() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        skipped("no /dev/full here — the test of unwritable output is skipped");
        return;
    };
    let full = || std::process::Stdio::from(full.try_clone().expect("dup"));
    let dir = tempdir();
    let sample = sample();
    // an error that cannot be printed: the exit code still tells (was a panic, 101)
    let o = bin().current_dir(dir.path()).args(["check", "missing.csv"]).stderr(full()).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    // a note that cannot be printed does not end a good run
    let holidays = repo().join("data/holidays_kr.txt");
    let o = bin()
        .current_dir(dir.path())
        .args(["report", &sample, "--holidays", holidays.to_str().unwrap_or(""), "--out", "a"])
        .stderr(full())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0));
    consistent_report(&dir.path().join("a")).expect("a report");
    // standard output on a full disk: said so, and the report is whole
    let o = bin().current_dir(dir.path()).args(["report", &sample, "--out", "b"]).stdout(full()).output().expect("run");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: cannot write to standard output: the disk is full (os error 28) — the report in 'b' is written whole; \
         check where the output goes (a full disk, a file that cannot be written)\n"
    );
    consistent_report(&dir.path().join("b")).expect("a report");
    for args in [&["check", &sample][..], &["check", &sample, "--json"], &["report", "--help"]] {
        let o = bin().current_dir(dir.path()).args(args).stdout(full()).output().expect("run");
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

/// A small tmpfs mounted at `dir` while it lives (root only).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status();
        mounted.is_ok_and(|s| s.success()).then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_one_message_naming_the_path_and_exit_3() {
    let dir = tempdir();
    let small = dir.path().join("small");
    let sample = sample();
    if Tmpfs::mount(&small, "64k").is_none() {
        skipped("cannot mount a small tmpfs here (not root?) — the full-disk test is skipped");
        return;
    }
    // full at different points of the report: summary, workbook, charts
    for size in ["64k", "400k", "1200k"] {
        let _disk = Tmpfs::mount(&small, size).expect("mounted before");
        let o = run_in(dir.path(), &["report", &sample, "--out", "small/new/oct"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{size}: {err}");
        assert!(err.starts_with("error: cannot write 'small/new/oct/"), "{size}: {err}");
        assert!(err.contains(": the disk is full (os error 28) — free space on that disk"), "{size}: {err}");
        assert_eq!(err.matches("os error").count(), 1, "{size}: {err}");
        assert!(!err.contains("ZipWriter") && !err.contains("Io(") && err.lines().count() == 1, "{size}: {err}");
        assert!(names(&small).is_empty(), "{size}: {:?}", names(&small));
    }
    // a disk that fills up after a first report: that report stays whole
    let _disk = Tmpfs::mount(&small, "4m").expect("mounted before");
    let o = run_in(dir.path(), &["report", &sample, "--period", "2025-09", "--out", "small/oct"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let free = 300 << 10;
    let used: u64 = std::fs::read_dir(small.join("oct"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    let mut writer = std::io::BufWriter::new(std::fs::File::create(small.join("fill")).expect("fill"));
    let chunk = vec![1u8; 64 << 10];
    while std::io::Write::write_all(&mut writer, &chunk).is_ok() {}
    drop(writer);
    std::fs::OpenOptions::new()
        .write(true)
        .open(small.join("fill"))
        .and_then(|f| {
            let len = f.metadata()?.len();
            f.set_len(len.saturating_sub(free))
        })
        .expect("leave 300 kB");
    let o = run_in(dir.path(), &["report", &sample, "--period", "2025-10", "--out", "small/oct"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err} ({used} bytes in the first report)");
    assert!(err.trim_end().ends_with("(the previous report in 'small/oct' is unchanged)"), "{err}");
    assert_eq!(consistent_report(&small.join("oct")).as_deref(), Some("2025-09"));
    assert_eq!(names(&small), ["fill", "oct"]);
}
