//! The shipments file (docs/metrics.md §5's u-chart): the u-chart on the
//! Control chart sheet and in the Summary, a month above its limit as a
//! finding, and months without units named or a repeated month refused.

use crate::common::*;
use crate::workbook::{num, row_of, text};
use calamine::{open_workbook, Reader, Xlsx};
use serde_json::Value;
use std::io::Read;

/// A shipments file of the 28 months 2023-07 … 2025-10: `units(year, month, i)`
/// gives a month's line value, `None` leaves the month out.
fn shipments(units: impl Fn(u32, u32, u32) -> Option<String>) -> String {
    let mut csv = String::from("month,units\n");
    for i in 0..28 {
        let (y, m) = (2023 + (6 + i) / 12, (6 + i) % 12 + 1);
        if let Some(u) = units(y, m, i) {
            csv.push_str(&format!("{y}-{m:02},{u}\n"));
        }
    }
    csv
}

/// `complaints report` on the sample with `shipments.csv` in `dir`, in English.
fn report_with_shipments(dir: &std::path::Path) -> std::process::Output {
    let sample = repo().join("data/sample");
    let args =
        ["report", sample.to_str().unwrap_or(""), "--out", "out", "--shipments", "shipments.csv", "--lang", "en"];
    run_in(dir, &args)
}

#[test]
fn shipments_add_a_u_chart() {
    let dir = tempdir();
    let csv = shipments(|_, _, i| Some((20_000 + i * 100).to_string()));
    std::fs::write(dir.path().join("shipments.csv"), csv).expect("write");
    let o = report_with_shipments(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let uc = &s["control_chart"]["u_chart"];
    let u = uc["points"].as_array().cloned().unwrap_or_default();
    assert_eq!(u.len(), 12);
    // every month has units: ū is given and no month is named
    assert!(uc["centre"].as_f64().is_some_and(|c| c > 0.0), "{uc}");
    assert_eq!(uc["months_without_units"], serde_json::json!([]));
    // 2025-10: 90 complaints over 22,700 units = 3.9648 per 1,000
    assert_eq!((u[11]["month"].clone(), u[11]["u"].clone()), (serde_json::json!("2025-10"), serde_json::json!(3.9648)));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let control = wb.worksheet_range("Control chart").expect("control chart sheet");
    let found = (0..control.height()).any(|r| text(&control[(r, 0)]).starts_with("u-chart"));
    assert!(found, "the u-chart table is on the Control chart sheet");
    // the Summary's KPI row: the month's u against its own UCL, within it
    let summary = wb.worksheet_range("Summary").expect("summary");
    let row = row_of(&summary, 0, "u (per 1,000)");
    assert_eq!(num(&summary[(row, 1)]), 3.9648);
    assert_eq!(text(&summary[(row, 6)]), "Good");
    assert!(text(&summary[(row, 7)]).starts_with("UCL "), "{}", text(&summary[(row, 7)]));
    for ext in ["png", "svg"] {
        assert!(dir.path().join(format!("out/charts/u_chart.{ext}")).is_file(), "u_chart.{ext}");
    }
    // a native u-chart beside the c-chart: u, mean u, UCL, LCL and the marks
    let path = dir.path().join("out/complaint_report_2025-10.xlsx");
    let u_chart = (1..=20)
        .filter_map(|i| {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).ok()?).ok()?;
            let mut xml = String::new();
            zip.by_name(&format!("xl/charts/chart{i}.xml")).ok()?.read_to_string(&mut xml).ok()?;
            Some(xml)
        })
        .find(|xml| xml.contains("u-chart (complaints per 1,000 units shipped)"))
        .expect("a native u-chart");
    // the mean u, UCL and LCL columns and the above-UCL marks are series
    assert_eq!(u_chart.matches("<c:ser>").count(), 5, "{u_chart:.600}");
}

#[test]
fn a_month_above_the_u_charts_limit_is_a_finding() {
    let dir = tempdir();
    // steady shipments, then 2025-10 ships 15,000 units: 90 complaints are 6.00 per 1,000
    let csv = shipments(|y, m, i| Some(if (y, m) == (2025, 10) { 15_000 } else { 20_000 + i * 100 }.to_string()));
    std::fs::write(dir.path().join("shipments.csv"), csv).expect("write");
    let o = report_with_shipments(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("u-chart above_ucl"), "{}", stdout(&o));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let summary = wb.worksheet_range("Summary").expect("summary");
    let findings: Vec<String> = (4..12).map(|r| text(&summary[(r, 0)])).collect();
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("• Complaints per 1,000 units shipped rose to 6.00, above the control limit of")),
        "{findings:?}"
    );
    let row = row_of(&summary, 0, "u (per 1,000)");
    assert_eq!((num(&summary[(row, 1)]), text(&summary[(row, 6)])), (6.0, "Alert".to_string()));
}

#[test]
fn shipments_months_without_units_are_named_and_a_repeated_month_refused() {
    let dir = tempdir();
    // 2025-08 missing, 2025-09 zero: both keep their counts, without u
    let mut csv = shipments(|y, m, i| match (y, m) {
        (2025, 8) => None,
        (2025, 9) => Some("0".to_string()),
        _ => Some((20_000 + i * 100).to_string()),
    });
    std::fs::write(dir.path().join("shipments.csv"), &csv).expect("write");
    let o = report_with_shipments(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let uc = &s["control_chart"]["u_chart"];
    assert_eq!(uc["months_without_units"], serde_json::json!(["2025-08", "2025-09"]));
    // named in the headline, with ū
    let out = stdout(&o);
    assert!(out.contains("ū ") && out.contains("warning: no units shipped for 2025-08, 2025-09"), "{out}");
    let points = uc["points"].as_array().cloned().unwrap_or_default();
    let sep = points.iter().find(|p| p["month"] == "2025-09").cloned().unwrap_or_default();
    assert_eq!((sep["u"].is_null(), sep["ucl"].is_null(), sep["count"].as_u64().is_some()), (true, true, true));
    // the same month twice is the user's to fix: exit 2, both lines named
    csv.push_str("2025-10,99\n");
    std::fs::write(dir.path().join("shipments.csv"), &csv).expect("write");
    let o = report_with_shipments(dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("2025-10 twice") && err.contains("lines 28 and 29"), "{err}");
}
