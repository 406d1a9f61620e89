//! A trend window larger than `--data-sheet-rows`: the Data sheet keeps the
//! reporting month's complaints, every open one and the newest of the rest,
//! in the window's order, says above its header where the rest is, and
//! data_<period>.csv beside the workbook holds every complaint of the window
//! with its source row.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One ledger row: (id, received, closed).
type Complaint = (String, String, Option<String>);

/// 120 complaints of the window 2024-11 … 2025-10: 20 in October 2025 (every
/// third one still open), 15 older ones still open, 85 older closed ones on
/// distinct days; written in a shuffled order.
fn complaints() -> Vec<Complaint> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut all = Vec::new();
    for k in 0..20u32 {
        let received = date(2025, 10, 1 + k);
        let closed = (k % 3 != 0).then(|| day(received + chrono::Days::new(2)));
        all.push((format!("M-{k:02}"), day(received), closed));
    }
    for k in 0..15u64 {
        all.push((format!("O-{k:02}"), day(date(2025, 1, 5) + chrono::Days::new(10 * k)), None));
    }
    for k in 0..85u64 {
        let received = date(2024, 11, 1) + chrono::Days::new(3 * k);
        all.push((format!("C-{k:02}"), day(received), Some(day(received + chrono::Days::new(4)))));
    }
    // a fixed shuffle (37 is prime to 120), so the window's order is not the date order
    (0..all.len()).map(|i| all[i * 37 % all.len()].clone()).collect()
}

fn write_ledger(path: &Path, rows: &[Complaint]) {
    let mut text = String::from("접수번호,접수일,고객,품목,불량유형,완료일\n");
    for (id, received, closed) in rows {
        text.push_str(&format!("{id},{received},대원산업,도어트림,스크래치,{}\n", closed.as_deref().unwrap_or("")));
    }
    std::fs::write(path, text).expect("ledger");
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The data CSV as rows of column → value (the BOM checked and dropped).
fn read_data_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).expect("data csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM, so Excel opens it");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().expect("headers").iter().map(str::to_string).collect();
    reader
        .records()
        .map(|r| headers.iter().cloned().zip(r.expect("record").iter().map(str::to_string)).collect())
        .collect()
}

#[test]
fn a_window_larger_than_the_data_sheet_keeps_the_month_the_open_and_the_newest() {
    let dir = tempdir();
    let rows = complaints();
    write_ledger(&dir.path().join("ledger.csv"), &rows);
    let o = run_in(
        dir.path(),
        &["report", "ledger.csv", "--out", "out", "--period", "2025-10", "--lang", "en", "--data-sheet-rows", "50"],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // every complaint of the window is in the CSV, with its source row
    let csv = read_data_csv(&dir.path().join("out/data_2025-10.csv"));
    assert_eq!(csv.len(), 120);
    let ledger_row: BTreeMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.0.as_str(), i + 2)).collect();
    for r in &csv {
        let id = r["complaint_id"].as_str();
        assert_eq!(r["source_row"], ledger_row[id].to_string(), "{id}");
        assert_eq!(r["source_file"], "ledger.csv");
    }
    let window_order: Vec<&str> = csv.iter().map(|r| r["complaint_id"].as_str()).collect();

    // the Data sheet: a note above the header, then 50 rows
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx opens");
    let data = wb.worksheet_range("Data").expect("Data sheet");
    let note = cell_text(&data[(0, 0)]);
    assert!(note.contains("50 of the window's 120 complaints") && note.contains("data_2025-10.csv"), "{note}");
    let header: Vec<String> = (0..30).map(|c| cell_text(&data[(1, c)])).collect();
    let (id_col, row_col) = (0, 29);
    assert_eq!((header[id_col].as_str(), header[row_col].as_str()), ("Complaint ID", "Row"), "{header:?}");
    let shown: Vec<String> =
        (2..data.height() as u32).map(|r| cell_text(&data[(r as usize, id_col)])).filter(|id| !id.is_empty()).collect();
    assert_eq!(shown.len(), 50);
    // the month's 20, the 15 open ones (7 of the month are open too, counted
    // once), then the newest of the closed older ones: C-70 … C-84
    let mut expected: BTreeSet<String> = (0..20).map(|k| format!("M-{k:02}")).collect();
    expected.extend((0..15).map(|k| format!("O-{k:02}")));
    expected.extend((70..85).map(|k| format!("C-{k:02}")));
    assert_eq!(shown.iter().cloned().collect::<BTreeSet<_>>(), expected);
    // in the window's usual order, each with its source row
    let in_order: Vec<&str> = window_order.iter().copied().filter(|id| expected.contains(*id)).collect();
    assert_eq!(shown, in_order);
    for r in 2..2 + shown.len() {
        let id = cell_text(&data[(r, id_col)]);
        assert_eq!(cell_text(&data[(r, row_col)]), ledger_row[id.as_str()].to_string(), "{id}");
    }
    // the Data quality sheet says the same
    let quality = wb.worksheet_range("Data quality").expect("quality");
    assert!(quality.rows().flatten().any(|c| cell_text(c) == note), "the quality sheet repeats the note");

    // the figures do not change with the Data sheet's size; the flag is a config key too
    let summary = |out: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path().join(out).join("summary.json")).expect("summary"))
            .expect("json")
    };
    std::fs::write(dir.path().join("c.toml"), "[report]\ndata_sheet_rows = 50\n").expect("config");
    let o = run_in(
        dir.path(),
        &["report", "ledger.csv", "--out", "cfg", "--period", "2025-10", "--lang", "en", "--config", "c.toml"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("cfg/data_2025-10.csv").exists());
    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "all", "--period", "2025-10", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.path().join("all/data_2025-10.csv").exists(), "the default holds the window");
    assert_eq!(summary("out"), summary("all"));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("all/complaint_report_2025-10.xlsx")).expect("xlsx opens");
    let data = wb.worksheet_range("Data").expect("Data sheet");
    assert_eq!(cell_text(&data[(0, 0)]), "Complaint ID", "no note: the header is the first row");
    assert_eq!(data.height(), 121);

    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "bad", "--data-sheet-rows", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--data-sheet-rows 0 is out of range"), "{}", stderr(&o));
}

#[test]
fn the_defect_quantity_and_responsibility_are_shown_when_a_ledger_records_them() {
    let dir = tempdir();
    let text = "접수번호,접수일,고객,품목,불량유형,완료일,불량수량,귀책\n\
                A-1,2025-10-02,대원산업,도어트림,스크래치,2025-10-05,\"1,200 EA\",협력사\n\
                A-2,2025-10-03,대원산업,도어트림,스크래치,,,\n\
                A-3,2025-09-10,한성,범퍼,변형,2025-09-12,35개,당사\n";
    std::fs::write(dir.path().join("ledger.csv"), text).expect("ledger");
    let o = run_in(
        dir.path(),
        &["report", "ledger.csv", "--out", "out", "--period", "2025-10", "--lang", "en", "--data-sheet-rows", "2"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2025-10.xlsx")).expect("xlsx opens");
    let data = wb.worksheet_range("Data").expect("Data sheet");
    let header: Vec<String> = (0..data.width()).map(|c| cell_text(&data[(1, c)])).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    // after the cost, before the judgements
    assert_eq!((at("Defective qty"), at("Responsibility")), (at("Cost") + 1, at("Cost") + 2), "{header:?}");
    assert_eq!(header.len(), 32);
    // the month's two complaints (the cap), in the ledger's order
    let row = |r: usize| {
        (
            cell_text(&data[(r, 0)]),
            cell_text(&data[(r, at("Defective qty"))]),
            cell_text(&data[(r, at("Responsibility"))]),
        )
    };
    assert_eq!(row(2), ("A-1".to_string(), "1200".to_string(), "협력사".to_string()));
    assert_eq!(row(3), ("A-2".to_string(), String::new(), String::new()));
    // the CSV has every complaint, the two fields among its columns
    let csv = read_data_csv(&dir.path().join("out/data_2025-10.csv"));
    let a3: Vec<_> = csv.iter().filter(|r| r["complaint_id"] == "A-3").collect();
    assert_eq!(a3.len(), 1);
    assert_eq!(
        (a3[0]["defect_qty"].as_str(), a3[0]["responsibility"].as_str(), a3[0]["source_row"].as_str()),
        ("35", "당사", "4")
    );
}
