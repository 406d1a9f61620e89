//! `complaints export`: the Parquet dataset read back with polars gives the
//! report's figures (issue 14), and the folder is replaced as a unit.

use crate::common::*;
use polars::prelude::*;
use serde_json::Value;
use std::path::Path;

/// Every partition of the dataset with its month as a column.
fn read_dataset(dir: &Path) -> DataFrame {
    let mut parts: Vec<DataFrame> = Vec::new();
    let mut months: Vec<_> = std::fs::read_dir(dir).expect("dataset").flatten().map(|e| e.path()).collect();
    months.sort();
    for m in months.iter().filter(|p| p.is_dir()) {
        let name = m.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let month = name.strip_prefix("received_month=").expect("hive partition name").to_string();
        let file = std::fs::File::open(m.join("part-0.parquet")).expect("part file");
        let mut df = ParquetReader::new(file).finish().expect("parquet");
        let n = df.height();
        df.with_column(Column::new("received_month".into(), vec![month; n])).expect("column");
        parts.push(df);
    }
    let mut all = parts.remove(0);
    for p in parts {
        all.vstack_mut(&p).expect("same schema in every partition");
    }
    all
}

#[test]
fn the_dataset_gives_the_reports_figures() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let o = run_in(dir.path(), &["export", sample.to_str().unwrap_or(""), "--out", "ds", "--as-of", "2025-10-31"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ds/_summary.json")).expect("summary")).expect("json");
    let df = read_dataset(&dir.path().join("ds"));
    let complaints =
        s["data_quality"]["complaints"].as_u64().unwrap_or(0) - s["data_quality"]["after_as_of"].as_u64().unwrap_or(0);
    assert_eq!(df.height() as u64, complaints);
    // per receipt month: received, on time, late, overdue (cohort figures)
    let sum = |frame: &DataFrame, name: &str| -> u64 {
        frame.column(name).expect(name).bool().expect("bool").sum().unwrap_or(0) as u64
    };
    for t in s["trend"].as_array().expect("trend") {
        let month = t["month"].as_str().unwrap_or_default();
        let in_month = df.column("received_month").expect("month").str().expect("text").equal(month);
        let rows = df.filter(&in_month).expect("filter");
        assert_eq!(rows.height() as u64, t["received"].as_u64().unwrap_or(0), "{month} received");
        for key in ["on_time", "late", "overdue", "open_within_target", "repeat"] {
            let json_key = if key == "repeat" { "repeats" } else { key };
            assert_eq!(sum(&rows, key), t[json_key].as_u64().unwrap_or(u64::MAX), "{month} {key}");
        }
    }
    // overdue now (every month) and the oldest one
    assert_eq!(sum(&df, "overdue"), s["overdue"].as_array().map_or(0, |a| a.len()) as u64);
    // provenance is kept
    for name in ["source_file", "source_sheet", "source_row", "recurrence_key", "ttr_days", "target_days"] {
        assert!(df.column(name).is_ok(), "{name}");
    }
    // a second export replaces the first as a whole; a folder of other files is refused
    let o = run_in(dir.path(), &["export", sample.to_str().unwrap_or(""), "--out", "ds", "--as-of", "2024-12-31"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.path().join("ds/received_month=2025-10").exists(), "months after the new as-of are gone");
    std::fs::create_dir_all(dir.path().join("mine")).expect("mkdir");
    std::fs::write(dir.path().join("mine/notes.txt"), "keep").expect("write");
    let o = run_in(dir.path(), &["export", sample.to_str().unwrap_or(""), "--out", "mine"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(dir.path().join("mine/notes.txt").exists());
}
