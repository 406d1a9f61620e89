//! `complaints check` accounts for every row of each real public ledger in
//! ../shared/realdata (row counts from its SOURCES.md), with the mapping
//! configs committed under data/mappings/.
//!
//! The real data lives beside the checkout, not in it. This file runs with
//! its own small harness (`harness = false` in Cargo.toml) so that, when the
//! data is absent, each test is reported as SKIPPED and counted — never as
//! passed.

mod common;

use common::*;
use serde_json::json;

/// (file, mapping config, data rows per SOURCES.md, complaints after merging ids, merged, id conflicts)
const FILES: [(&str, &str, u64, u64, u64, u64); 8] = [
    ("cfpb_bank_of_america_2017_2023.xlsx", "cfpb_bank_of_america.toml", 62_516, 62_516, 0, 0),
    ("cfpb_2013_sample_multi_company.csv", "cfpb_2013_multi_company.toml", 3_186, 3_186, 0, 0),
    // "Complaint number" is not unique: 8 complaints appear twice, once per respondent entity
    ("tdi_texas_insurance_complaints_state_farm_2012_2025.csv", "tdi_texas_insurance.toml", 11_173, 11_165, 8, 8),
    ("nyc311_service_requests_sample_2014_2019.csv", "nyc311.toml", 1_000, 1_000, 0, 0),
    ("boston311_2015_unsatisfactory_living_conditions.csv", "boston311.toml", 2_595, 2_595, 0, 0),
    ("boston311_2015_heat_excessive_insufficient.csv", "boston311.toml", 1_324, 1_324, 0, 0),
    ("boston311_2015_contractor_complaints.csv", "boston311.toml", 898, 898, 0, 0),
    ("boston311_2015_maintenance_complaint_residential.csv", "boston311.toml", 424, 424, 0, 0),
];

fn every_real_ledger_row_is_accounted_for(real: &std::path::Path) {
    let mappings = repo().join("data/mappings");
    for (file, mapping, rows, complaints, merged, conflicts) in FILES {
        let path = real.join(file);
        let config = mappings.join(mapping);
        let v = check_json(real, &[path.to_str().unwrap_or(""), "--config", config.to_str().unwrap_or("")]);
        let q = &v["data_quality"];
        assert_eq!(q["data_rows"], rows, "{file}");
        assert_eq!(q["accepted"], rows, "{file}: every real row has a usable received date");
        assert_eq!(q["rejected"], 0, "{file}");
        assert_eq!(q["complaints"], complaints, "{file}");
        assert_eq!(q["duplicates_merged"], merged, "{file}");
        assert_eq!(q["id_conflicts"], conflicts, "{file}");
        assert_eq!(q["rows_read"], rows + 1, "{file}: one header row");
        assert_eq!(v["unused_mappings"], json!([]), "{file}: every mapping matched a column");
    }
}

fn cfpb_intake_date_needs_the_mapping(real: &std::path::Path) {
    let path = real.join("cfpb_bank_of_america_2017_2023.xlsx");
    let config = repo().join("data/mappings/cfpb_bank_of_america.toml");
    let v = check_json(real, &[path.to_str().unwrap_or(""), "--config", config.to_str().unwrap_or("")]);
    let columns = v["sheets"][0]["columns"].as_array().cloned().unwrap_or_default();
    let field_of = |header: &str| columns.iter().find(|c| c["header"] == header).map(|c| c["field"].clone());
    assert_eq!(field_of("Date submitted"), Some(json!("received_date")));
    // the synonym "date received" is not taken as the intake date once it is mapped explicitly
    assert_eq!(field_of("Date received"), Some(json!(null)));
}

fn real_dates_parse_us_and_am_pm_forms(real: &std::path::Path) {
    let dir = tempdir();
    std::fs::copy(real.join("nyc311_service_requests_sample_2014_2019.csv"), dir.path().join("nyc.csv")).expect("copy");
    let config = repo().join("data/mappings/nyc311.toml");
    let rows = clean_table(dir.path(), &["nyc.csv", "--config", config.to_str().unwrap_or("")]);
    // first data line: 39573567,06/26/2018 10:58:54 AM,06/26/2018 12:50:01 PM,NYPD,…
    assert_eq!(rows[0]["complaint_id"], "39573567");
    assert_eq!((rows[0]["received_date"].as_str(), rows[0]["closed_date"].as_str()), ("2018-06-26", "2018-06-26"));
    // SOURCES.md: 14 rows have no Closed Date; 10 rows closed before they were created
    assert_eq!(rows.iter().filter(|r| r["closed_date"].is_empty()).count(), 14);
    assert_eq!(
        rows.iter().filter(|r| !r["closed_date"].is_empty() && r["closed_date"] < r["received_date"]).count(),
        10
    );
}

type RealDataTest = fn(&std::path::Path);

/// The tests of this file, run by [`main`].
const TESTS: [(&str, RealDataTest); 3] = [
    ("every_real_ledger_row_is_accounted_for", every_real_ledger_row_is_accounted_for),
    ("cfpb_intake_date_needs_the_mapping", cfpb_intake_date_needs_the_mapping),
    ("real_dates_parse_us_and_am_pm_forms", real_dates_parse_us_and_am_pm_forms),
];

/// Runs each test (a panic fails it, as with the default harness); without
/// ../shared/realdata, reports each as skipped and says why.
fn main() -> std::process::ExitCode {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<_> = TESTS.iter().filter(|(name, _)| filter.iter().all(|f| name.contains(f.as_str()))).collect();
    println!("\nrunning {} tests", chosen.len());
    let Some(real) = realdata() else {
        for (name, _) in &chosen {
            println!("test {name} ... SKIPPED (../shared/realdata is absent)");
        }
        println!("\ntest result: ok. 0 passed; 0 failed; {} skipped (no real data)\n", chosen.len());
        return std::process::ExitCode::SUCCESS;
    };
    let mut failed = Vec::new();
    for (name, test) in &chosen {
        let ok = std::panic::catch_unwind(|| test(&real)).is_ok();
        println!("test {name} ... {}", if ok { "ok" } else { "FAILED" });
        if !ok {
            failed.push(*name);
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        chosen.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
