//! The workbook read back with calamine: sheet names, key cells equal to
//! summary.json, native chart parts and the Data table in the package.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use serde_json::Value;
use std::io::Read;
use std::path::Path;

fn report_into(dir: &Path, lang: &str) -> (Value, std::path::PathBuf) {
    let sample = repo().join("data/sample");
    let o = run_in(dir, &["report", sample.to_str().unwrap_or(""), "--out", "out", "--lang", lang]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary")).expect("json");
    let period = summary["period"].as_str().unwrap_or("").to_string();
    (summary, dir.join(format!("out/complaint_report_{period}.xlsx")))
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(d: &Data) -> String {
    d.to_string()
}

#[test]
fn korean_workbook_matches_the_summary() {
    let dir = tempdir();
    let (s, path) = report_into(dir.path(), "ko");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("xlsx opens");
    assert_eq!(
        wb.sheet_names(),
        ["요약", "추이", "파레토", "처리기간", "기한경과", "재발", "관리도", "데이터", "데이터 품질"]
    );

    let summary = wb.worksheet_range("요약").expect("summary sheet");
    // KPI block: header on row 4, received on row 5, on-time rate on row 6
    assert_eq!(text(&summary[(3, 0)]), "지표");
    assert_eq!(text(&summary[(4, 0)]), "접수");
    assert_eq!(num(&summary[(4, 1)]), s["month"]["received"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(5, 1)]), s["month"]["on_time_rate"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(6, 1)]), s["month"]["ttr_median"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(8, 1)]), s["overdue"].as_array().map_or(-1.0, |o| o.len() as f64));

    let trend = wb.worksheet_range("추이").expect("trend");
    let months = s["trend"].as_array().cloned().unwrap_or_default();
    for (i, m) in months.iter().enumerate() {
        let row = 4 + i;
        assert_eq!(text(&trend[(row, 0)]), m["month"].as_str().unwrap_or(""));
        assert_eq!(num(&trend[(row, 1)]), m["received"].as_f64().unwrap_or(-1.0));
    }

    let overdue = wb.worksheet_range("기한경과").expect("overdue");
    let list = s["overdue"].as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty());
    for (i, o) in list.iter().enumerate() {
        assert_eq!(text(&overdue[(4 + i, 0)]), o["complaint_id"].as_str().unwrap_or(""));
        assert_eq!(num(&overdue[(4 + i, 3)]), o["days_past_target"].as_f64().unwrap_or(-1.0));
    }

    // the Data sheet holds every complaint of the trend window, with its source row
    let data = wb.worksheet_range("데이터").expect("data");
    let window: f64 = months.iter().map(|m| m["received"].as_f64().unwrap_or(0.0)).sum();
    assert_eq!(data.height() as f64 - 1.0, window);
    assert_eq!(text(&data[(0, 0)]), "접수번호");
    assert_eq!(text(&data[(0, 29)]), "행");

    let quality = wb.worksheet_range("데이터 품질").expect("quality");
    let data_rows =
        (0..quality.height()).find(|&r| text(&quality[(r, 0)]).trim() == "데이터 행").expect("data rows line");
    assert_eq!(num(&quality[(data_rows, 1)]), s["data_quality"]["data_rows"].as_f64().unwrap_or(-1.0));

    // native charts and the Data table are in the package
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    let charts = names.iter().filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml")).count();
    assert_eq!(charts, 10, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("xl/tables/table")), "{names:?}");
    let mut chart1 = String::new();
    zip.by_name("xl/charts/chart1.xml").expect("chart1").read_to_string(&mut chart1).expect("read");
    assert!(chart1.contains("월별 불만 접수 추이"), "the first chart is the Korean trend chart");
}

#[test]
fn english_labels_and_identical_bytes_on_a_second_run() {
    let dir = tempdir();
    let (_, path) = report_into(dir.path(), "en");
    let wb: Xlsx<_> = open_workbook(&path).expect("xlsx opens");
    assert_eq!(
        wb.sheet_names(),
        ["Summary", "Trend", "Pareto", "Resolution", "Overdue", "Recurrence", "Control chart", "Data", "Data quality"]
    );
    let first = std::fs::read(&path).expect("read");
    let (_, again) = report_into(dir.path(), "en");
    assert!(first == std::fs::read(again).expect("read"), "the workbook bytes change between runs");
}

#[test]
fn auto_language_follows_the_ledger_headers() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("en.csv"),
        "Complaint ID,Date received,Product,Issue\nA,2024-05-01,X,Noise\nB,2024-05-03,X,Noise\n",
    )
    .expect("write");
    let o = run_in(dir.path(), &["report", "en.csv", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2024-05.xlsx")).expect("xlsx");
    assert_eq!(wb.sheet_names()[0], "Summary");
}

#[test]
fn shipments_add_a_u_chart() {
    let dir = tempdir();
    let mut csv = String::from("month,units\n");
    for i in 0..28 {
        let (y, m) = (2023 + (6 + i) / 12, (6 + i) % 12 + 1);
        csv.push_str(&format!("{y}-{m:02},{}\n", 20_000 + i * 100));
    }
    std::fs::write(dir.path().join("shipments.csv"), csv).expect("write");
    let sample = repo().join("data/sample");
    let o = run_in(
        dir.path(),
        &["report", sample.to_str().unwrap_or(""), "--out", "out", "--shipments", "shipments.csv", "--lang", "en"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let uc = &s["control_chart"]["u_chart"];
    let u = uc["points"].as_array().cloned().unwrap_or_default();
    assert_eq!(u.len(), 12);
    // every month has units: ū is given and no month is named
    assert!(uc["centre"].as_f64().is_some_and(|c| c > 0.0), "{uc}");
    assert_eq!(uc["months_without_units"], serde_json::json!([]));
    // 2025-10: 83 complaints over 22,700 units = 3.6564 per 1,000
    assert_eq!((u[11]["month"].clone(), u[11]["u"].clone()), (serde_json::json!("2025-10"), serde_json::json!(3.6564)));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let control = wb.worksheet_range("Control chart").expect("control chart sheet");
    let found = (0..control.height()).any(|r| text(&control[(r, 0)]).starts_with("u-chart"));
    assert!(found, "the u-chart table is on the Control chart sheet");
}

#[test]
fn shipments_months_without_units_are_named_and_a_repeated_month_refused() {
    let dir = tempdir();
    // 2025-08 missing, 2025-09 zero: both keep their counts, without u
    let mut csv = String::from("month,units\n");
    for i in 0..28 {
        let (y, m) = (2023 + (6 + i) / 12, (6 + i) % 12 + 1);
        match (y, m) {
            (2025, 8) => {}
            (2025, 9) => csv.push_str("2025-09,0\n"),
            _ => csv.push_str(&format!("{y}-{m:02},{}\n", 20_000 + i * 100)),
        }
    }
    std::fs::write(dir.path().join("shipments.csv"), &csv).expect("write");
    let sample = repo().join("data/sample");
    let args =
        ["report", sample.to_str().unwrap_or(""), "--out", "out", "--shipments", "shipments.csv", "--lang", "en"];
    let o = run_in(dir.path(), &args);
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
    let o = run_in(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("2025-10 twice") && err.contains("lines 28 and 29"), "{err}");
}
