//! An extract that ends early (docs/metrics.md §7, caveats): the report names
//! it first and holds back the claims it would fake — the changes against
//! last month and last year and the low signals — in the headline, the
//! Summary sheet and report.html.

use crate::common::*;
use calamine::{open_workbook, Reader, Xlsx};
use serde_json::Value;

/// Two complaints a day from 2024-01-01, each closed three days later, and
/// the export cut on 2025-10-05.
fn cut_ledger() -> String {
    let mut csv = String::from("Complaint ID,Date Received,Date Closed,Issue\n");
    let mut day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let end = chrono::NaiveDate::from_ymd_opt(2025, 10, 5).expect("date");
    let mut n = 0;
    while day <= end {
        for issue in ["Billing", "Delay"] {
            n += 1;
            let closed = day + chrono::Days::new(3);
            csv.push_str(&format!("T-{n},{day},{closed},{issue}\n"));
        }
        day = day.succ_opt().expect("next day");
    }
    csv
}

#[test]
fn a_truncated_extract_is_named_and_its_changes_withheld() {
    let dir = tempdir();
    std::fs::write(dir.path().join("cut.csv"), cut_ledger()).expect("write");
    let o = run_in(dir.path(), &["report", "cut.csv", "--out", "out", "--as-of", "2025-10-31", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("summary")).expect("json");
    assert_eq!(s["caveats"][0]["code"], "truncated_extract", "{}", s["caveats"]);
    assert_eq!(s["caveats"][0]["received"], 0);
    let headline = stdout(&o);
    assert!(
        headline.contains(
            "  Caveat      truncated extract: 0 received in the last 14 days (latest 2025-10-05) against 28.0 expected; \
             withheld: low signals, month-on-month change, year-on-year change\n"
        ),
        "{headline}"
    );
    // the counts stay, the changes go
    assert!(
        headline.contains(
            "  Received       10   last month 60 (change withheld)   same month last year 62 (change withheld)"
        ),
        "{headline}"
    );
    assert!(!headline.contains("below_lcl"), "a low signal of a cut extract: {headline}");
    // the year so far against last year is a year-on-year claim too
    let year = headline.lines().find(|l| l.trim_start().starts_with("Year")).unwrap_or_default();
    assert!(year.contains("(change withheld)") && !year.contains('%'), "{headline}");

    // the Summary sheet says it first; last month and last year are not shown
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let summary = wb.worksheet_range("Summary").expect("summary");
    let first = summary[(4, 0)].to_string();
    assert!(first.starts_with("• The data end on 2025-10-05"), "{first}");
    let received = (0..summary.height()).find(|&r| summary[(r, 0)] == "Received").expect("received row");
    assert_eq!(summary[(received, 1)].to_string(), "10");
    assert_eq!(
        (summary[(received, 2)].to_string(), summary[(received, 3)].to_string()),
        (String::new(), String::new())
    );
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).expect("html");
    assert!(html.contains("<li class=\"caveat\">The data end on 2025-10-05"), "report.html names the caveat");
}

#[test]
fn repeats_a_ledger_cannot_give_are_not_judged_rather_than_zero() {
    // no product column: with the default key (product + defect type) no
    // complaint can ever be a repeat — the 0 % would be no measurement
    let dir = tempdir();
    let mut csv = String::from("Complaint ID,Received date,Closed date,Defect type\n");
    for d in 1..=20 {
        csv.push_str(&format!("C-{d},2025-10-{d:02},2025-10-{:02},Late delivery\n", d + 1));
    }
    std::fs::write(dir.path().join("export.csv"), csv).expect("write");
    let o = run_in(dir.path(), &["report", "export.csv", "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // summary.json keeps §4's figures (the contract); the report says why
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("json")).expect("json");
    assert_eq!(s["month"]["repeats"], 0);
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let summary = wb.worksheet_range("Summary").expect("summary");
    let cells: Vec<String> = summary.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    let said = "Repeats not judged — no product recorded";
    assert!(cells.iter().filter(|c| c.contains(said)).count() >= 2, "a finding and the KPI row say it: {cells:?}");
    assert!(!cells.iter().any(|c| c.contains("repeat a ")), "no finding counts repeats");
    let recurrence = wb.worksheet_range("Recurrence").expect("recurrence");
    assert_eq!(recurrence.get_value((2, 0)).map(|v| v.to_string()).as_deref(), Some(said));
    // the monthly table keeps its months and counts, no column of 0 % rates
    let header: Vec<String> = (0..6).filter_map(|c| recurrence.get_value((3, c)).map(|v| v.to_string())).collect();
    assert_eq!(header.iter().filter(|h| !h.is_empty()).count(), 2, "{header:?}");
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).expect("html");
    assert!(html.contains(said) && html.contains("<td class=\"t\">"), "report.html says it, in a cell that wraps");
}
