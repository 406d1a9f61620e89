//! The report's figures and the workbook's cell values do not change unless
//! a change means them to: summary.json and every cell of every sheet (read
//! back with calamine) are hashed, on the sample ledgers and on a generated
//! 100,000-complaint ledger, and compared with tests/golden/*.txt.
//!
//! A change that is meant to alter them (a new metric, a new label) updates
//! the files: `UPDATE_GOLDEN=1 cargo test --test golden`, and the diff of
//! tests/golden/ shows in the commit what changed.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use std::path::Path;

/// FNV-1a 64: stable across machines and Rust versions.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Every sheet's cells as text, one line per row (sheet name first).
fn workbook_values(path: &Path) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).expect("workbook");
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("## {name}\n"));
        let range = wb.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// (summary.json, workbook values) fingerprints of a report run.
fn fingerprints(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", "out"]);
    let o = run_in(dir, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.join("out");
    let summary = std::fs::read(out.join("summary.json")).expect("summary");
    let workbook = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("workbook");
    let values = workbook_values(&workbook);
    format!(
        "summary.json {:016x} ({} bytes)\nworkbook values {:016x} ({} bytes)\n",
        fnv(&summary),
        summary.len(),
        fnv(values.as_bytes()),
        values.len()
    )
}

fn compare(name: &str, got: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "{name}: the report changed; if that is meant, UPDATE_GOLDEN=1 cargo test --test golden");
}

#[test]
fn the_sample_report_is_unchanged() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let got = fingerprints(dir.path(), &[sample.to_str().unwrap_or("")]);
    compare("sample.txt", &got);
    let got = fingerprints(dir.path(), &[sample.to_str().unwrap_or(""), "--lang", "en", "--business-days"]);
    compare("sample_en_business_days.txt", &got);
}

#[test]
fn a_100k_ledger_report_is_unchanged() {
    let dir = tempdir();
    let path = dir.path().join("big.csv");
    complaints::sample::write_tidy(&path, 100_000, 1, complaints::sample::TidyFormat::Csv).expect("tidy");
    let got = fingerprints(dir.path(), &["big.csv"]);
    compare("tidy_100k.txt", &got);
}
