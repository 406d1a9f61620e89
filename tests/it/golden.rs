//! The report's figures and the workbook's cell values do not change unless
//! a change means them to. On the sample ledgers the snapshots hold
//! summary.json and every cell of every sheet (read back with calamine) as
//! text, so a failure shows the changed lines; on a generated
//! 100,000-complaint ledger (too large to keep) they hold a fingerprint per
//! summary.json key and per sheet, so a failure names what changed.
//!
//! A change that is meant to alter them (a new metric, a new label) updates
//! the snapshots: `INSTA_UPDATE=always cargo test --test it golden::` (or
//! `cargo insta review`), and the diff of tests/snapshots/ shows in the
//! commit what changed.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

/// FNV-1a 64: stable across machines and Rust versions.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Every sheet's cells as text: a `## sheet` line, then one line per row
/// with its row number and the cells separated by tabs.
fn workbook_sheets(path: &Path) -> Vec<(String, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("workbook");
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let first = range.start().map_or(0, |(r, _)| r);
        let mut text = String::new();
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect();
            let line = cells.join("\t");
            if !line.trim().is_empty() {
                text.push_str(&format!("{}\t{}\n", first as usize + i + 1, line.trim_end_matches('\t')));
            }
        }
        out.push((name, text));
    }
    out
}

/// Runs `report` and returns (summary.json text, the workbook's path).
fn report(dir: &Path, args: &[&str]) -> (String, PathBuf) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", "out"]);
    let o = run_in(dir, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.join("out");
    let summary = std::fs::read_to_string(out.join("summary.json")).expect("summary");
    let workbook = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("workbook");
    (summary, workbook)
}

fn snapshot_sample(name: &str, args: &[&str]) {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let mut all = vec![sample.to_str().unwrap_or("")];
    all.extend_from_slice(args);
    let (summary, workbook) = report(dir.path(), &all);
    insta::assert_snapshot!(format!("{name}_summary"), summary);
    let sheets: String = workbook_sheets(&workbook).into_iter().map(|(n, t)| format!("## {n}\n{t}")).collect();
    insta::assert_snapshot!(format!("{name}_workbook"), sheets);
}

#[test]
fn the_sample_report_is_unchanged() {
    snapshot_sample("sample", &[]);
}

#[test]
fn the_sample_report_in_english_with_business_days_is_unchanged() {
    snapshot_sample("sample_en_business_days", &["--lang", "en", "--business-days"]);
}

#[test]
fn a_100k_ledger_report_is_unchanged() {
    let dir = tempdir();
    let path = dir.path().join("big.csv");
    complaints::sample::write_tidy(&path, 100_000, 1, complaints::sample::TidyFormat::Csv).expect("tidy");
    let (summary, workbook) = report(dir.path(), &["big.csv"]);
    let json: serde_json::Value = serde_json::from_str(&summary).expect("json");
    let mut lines = String::new();
    for (key, value) in json.as_object().expect("object") {
        let text = serde_json::to_string(value).expect("text");
        lines.push_str(&format!("summary.{key} {:016x} ({} bytes)\n", fnv(text.as_bytes()), text.len()));
    }
    for (name, text) in workbook_sheets(&workbook) {
        lines.push_str(&format!("sheet {name} {:016x} ({} lines)\n", fnv(text.as_bytes()), text.lines().count()));
    }
    insta::assert_snapshot!("tidy_100k_fingerprints", lines);
}
