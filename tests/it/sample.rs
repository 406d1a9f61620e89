//! The committed sample ledgers are exactly what `complaints sample` writes,
//! and `check` reads back what the generator says it put in.

use crate::common::*;

#[test]
fn committed_sample_is_the_generators_output() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["sample", "--out", "s"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = repo().join("data/sample");
    use complaints::sample::{MASTER_FILE, OCTOBER_FILE, SALES_FILE, SAMPLE_CONFIG, SAMPLE_SHIPMENTS};
    for name in [MASTER_FILE, SALES_FILE, OCTOBER_FILE, SAMPLE_CONFIG, SAMPLE_SHIPMENTS] {
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
    assert_eq!((truth.complaints, truth.data_rows, truth.duplicates_merged), (2062, 2260, 188));
}

#[test]
fn no_inputs_means_the_sample() {
    let o = run_in(&repo(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Complaints: 2062"), "{}", stdout(&o));
}

/// `report` without inputs reads the sample with its config (the shipments
/// file and `[report.goals]`, docs/metrics.md §12-§14), and says so; with
/// the sample folder named as input, no config is read.
#[test]
fn no_inputs_means_the_sample_with_its_config() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = run_in(&repo(), &["report", "--out", out.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("data/sample/complaints.toml"), "{}", stderr(&o));
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary")).expect("json");
    assert_eq!(s["ppm"]["status"], "ok");
    assert_eq!(s["params"]["ppm_goal"].as_f64(), Some(f64::from(complaints::sample::PPM_GOAL)));
    assert_eq!(s["params"]["received_goal"].as_f64(), Some(f64::from(complaints::sample::RECEIVED_GOAL)));
    assert!(s["ppm"]["by_customer"].as_array().is_some_and(|l| l.len() >= 10));
    assert!(s["ppm"]["by_product"].as_array().is_some_and(|l| l.len() >= 150));
    assert!(stdout(&o).contains("PPM"), "{}", stdout(&o));

    let named = dir.path().join("named");
    let o = run_in(&repo(), &["report", "data/sample", "--out", named.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("complaints.toml"), "{}", stderr(&o));
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(named.join("summary.json")).expect("summary")).expect("json");
    assert_eq!(s["ppm"]["status"], "not_recorded");
}

/// Every complaint of the clean table (what the engine understood after
/// merging) carries what the generator says it put in: dates, closing,
/// notification, CAPA, nonconforming and cost (docs/metrics.md §8-§11).
#[test]
fn the_clean_table_is_the_generators_merged_truth() {
    use complaints::sample::ClosedTruth;
    let dir = tempdir();
    let truth = complaints::sample::write_legacy_samples(dir.path(), 20251031).expect("generate");
    // two unknown yes/no words, each a warning (before the table joins the folder)
    let v = check_json(dir.path(), &["."]);
    assert_eq!(v["data_quality"]["warnings"], truth.nonconforming_unknown);
    let table = clean_table(dir.path(), &["."]);
    assert_eq!(table.len(), truth.merged.len());
    let by_id: std::collections::HashMap<&str, &std::collections::BTreeMap<String, String>> =
        table.iter().map(|r| (r["complaint_id"].as_str(), r)).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for c in &truth.merged {
        let row = by_id.get(c.complaint_id.as_str()).unwrap_or_else(|| panic!("{} missing", c.complaint_id));
        let id = &c.complaint_id;
        assert_eq!(row["source_file"], c.file, "{id}");
        assert_eq!(row["received_date"], c.received.to_string(), "{id}");
        assert_eq!(
            (row["product"].as_str(), row["defect_type"].as_str()),
            (c.product.as_str(), c.defect_type.as_str())
        );
        match c.closed {
            ClosedTruth::Date(d) => assert_eq!(row["closed_date"], d.to_string(), "{id}"),
            ClosedTruth::WithoutDate => {
                assert_eq!((row["closed_date"].as_str(), row["closed_mark"].as_str()), ("", "true"))
            }
            ClosedTruth::Open => assert_eq!((row["closed_date"].as_str(), row["closed_mark"].as_str()), ("", "false")),
        }
        assert_eq!(row["notified_date"], date(c.notified), "{id}");
        assert_eq!(row["reply_due_date"], date(c.reply_due), "{id}");
        let capa = row["capa_id"].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        assert_eq!(capa, c.capa_id.clone().unwrap_or_default(), "{id}");
        assert_eq!(row["capa_due_date"], date(c.capa_due), "{id}");
        assert_eq!(row["capa_closed_date"], date(c.capa_closed), "{id}");
        assert_eq!(row["capa_verified_date"], date(c.capa_verified), "{id}");
        assert_eq!(complaints::ingest::record::yes_no(&row["nonconforming"]), c.nonconforming, "{id}");
        let cost = row["cost"].parse::<f64>().ok();
        assert_eq!(cost, c.cost.map(|w| w as f64), "{id}");
        let qty = row["defect_qty"].parse::<f64>().ok();
        assert_eq!(qty, c.defect_qty.map(f64::from), "{id}");
        assert_eq!(row["responsibility"], c.responsibility.clone().unwrap_or_default(), "{id}");
    }
}
