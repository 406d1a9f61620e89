//! The committed sample ledgers are exactly what `complaints sample` writes,
//! and `check` reads back what the generator says it put in.

mod common;

use common::*;

#[test]
fn committed_sample_is_the_generators_output() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["sample", "--out", "s"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = repo().join("data/sample");
    for name in [complaints::sample::MASTER_FILE, complaints::sample::SALES_FILE, complaints::sample::OCTOBER_FILE] {
        let a = std::fs::read(dir.path().join("s").join(name)).expect("generated");
        let b = std::fs::read(committed.join(name)).expect("committed");
        assert!(a == b, "{name} differs from data/sample — run `cargo run -- sample` and commit");
    }
}

#[test]
fn check_reads_back_the_generators_truth() {
    let dir = tempdir();
    let truth = complaints::sample::write_legacy_samples(dir.path(), 20251031).expect("generate");
    let v = check_json(dir.path(), &["."]);
    let q = &v["data_quality"];
    assert_eq!(q["data_rows"], truth.data_rows);
    assert_eq!(q["rejected_by_reason"]["missing_received_date"], truth.rejected_missing_date);
    assert_eq!(q["rejected_by_reason"]["bad_received_date"], truth.rejected_bad_date);
    assert_eq!(q["complaints"], truth.complaints);
    assert_eq!(q["duplicates_merged"], truth.duplicates_merged);
    assert_eq!(q["id_conflicts"], truth.id_conflicts);
    assert_eq!(q["subtotal_rows"], truth.subtotal_rows);
    assert_eq!(q["note_rows"], truth.note_rows);
    assert_eq!(q["sheets"], 5);
    assert_eq!(q["sheets_skipped"], 2);
    // and the figures we quote in the README
    assert_eq!((truth.complaints, truth.data_rows, truth.duplicates_merged), (2060, 2258, 188));
}

#[test]
fn no_inputs_means_the_sample() {
    let o = run_in(&repo(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Complaints: 2060"), "{}", stdout(&o));
}
