//! Ledgers nobody here wrote (issue 10): exports in other layouts than the
//! sample's — US, European and ISO dates, a column with both day/month
//! orders, a tab-separated report export that repeats its header every 40
//! rows with English status words, and a Crystal-Reports-style workbook
//! (title block in merged cells, header on row 8 with cells merged across
//! columns). Each is generated here with its truth; the tests assert exact
//! counts and dates.

use crate::common::*;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

type Table = BTreeMap<String, BTreeMap<String, String>>;

fn by_id(rows: Vec<BTreeMap<String, String>>) -> Table {
    rows.into_iter().map(|r| (r["complaint_id"].clone(), r)).collect()
}

fn date_order(v: &Value, column: &str) -> (String, u64, u64, u64) {
    let orders = v["sheets"][0]["date_orders"].as_array().cloned().unwrap_or_default();
    let o = orders.iter().find(|o| o["column"] == column).cloned().unwrap_or_default();
    (
        o["order"].as_str().unwrap_or("").to_string(),
        o["day_first"].as_u64().unwrap_or(0),
        o["month_first"].as_u64().unwrap_or(0),
        o["undecidable"].as_u64().unwrap_or(0),
    )
}

/// (id, year, month, day) → a date written by `fmt`.
fn write_csv(path: &Path, delimiter: &str, header: &[&str], rows: &[Vec<String>]) {
    let mut text = header.join(delimiter);
    text.push('\n');
    for r in rows {
        text.push_str(&r.join(delimiter));
        text.push('\n');
    }
    std::fs::write(path, text).expect("write");
}

/// Complaints on every 3rd day of 2025 from Jan 2, so months and days both
/// run over 12 and under.
fn days() -> Vec<(String, u32, u32)> {
    (0..60)
        .map(|i| {
            let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 2).unwrap_or_default() + chrono::Duration::days(3 * i);
            use chrono::Datelike;
            (format!("K-{i:03}"), d.month(), d.day())
        })
        .collect()
}

#[test]
fn us_european_and_iso_exports_read_in_their_own_order() {
    let dir = tempdir();
    let days = days();
    let header = ["Ticket #", "Complaint Date", "Customer", "Status"];
    // US m/d/Y, European d/m/Y with ';', d-m-Y, dotted d.m.Y (SAP), ISO
    type Form = (&'static str, &'static str, fn(u32, u32) -> String);
    let forms: [Form; 5] = [
        ("us.csv", ",", |m, d| format!("{m}/{d}/2025")),
        ("eu.csv", ";", |m, d| format!("{d:02}/{m:02}/2025")),
        ("eu_dash.csv", ",", |m, d| format!("{d:02}-{m:02}-2025")),
        ("sap.csv", "\t", |m, d| format!("{d:02}.{m:02}.2025")),
        ("iso.csv", ",", |m, d| format!("2025-{m:02}-{d:02}")),
    ];
    for (name, delimiter, fmt) in forms {
        let rows: Vec<Vec<String>> =
            days.iter().map(|(id, m, d)| vec![id.clone(), fmt(*m, *d), "ACME".into(), "Open".into()]).collect();
        write_csv(&dir.path().join(name), delimiter, &header, &rows);
        let v = check_json(dir.path(), &[name]);
        assert_eq!(v["data_quality"]["accepted"], 60, "{name}");
        assert_eq!(v["data_quality"]["rejected"], 0, "{name}");
        let t = by_id(clean_table(dir.path(), &[name]));
        for (id, m, d) in &days {
            assert_eq!(t[id]["received_date"], format!("2025-{m:02}-{d:02}"), "{name} {id}");
        }
        let (order, day_first, month_first, _) = date_order(&v, "B");
        match name {
            "us.csv" => assert_eq!((order.as_str(), day_first), ("month-first", 0), "{name}"),
            "iso.csv" => assert_eq!(order, "", "ISO dates tell their order"),
            _ => assert_eq!((order.as_str(), month_first), ("day-first", 0), "{name}"),
        }
    }
}

#[test]
fn a_column_with_both_orders_is_read_value_by_value_with_a_warning() {
    let dir = tempdir();
    // 5 values only day-first reads, 2 only month-first reads, 3 either
    let cells = [
        ("M-1", "13/04/2025", "2025-04-13"),
        ("M-2", "25/04/2025", "2025-04-25"),
        ("M-3", "14/05/2025", "2025-05-14"),
        ("M-4", "30/05/2025", "2025-05-30"),
        ("M-5", "21/06/2025", "2025-06-21"),
        ("M-6", "04/13/2025", "2025-04-13"),
        ("M-7", "06/22/2025", "2025-06-22"),
        ("M-8", "03/04/2025", "2025-04-03"), // undecidable: the majority (day-first)
        ("M-9", "01/02/2025", "2025-02-01"),
        ("M-10", "12/11/2025", "2025-11-12"),
    ];
    let rows: Vec<Vec<String>> =
        cells.iter().map(|(id, d, _)| vec![id.to_string(), d.to_string(), "ACME".into()]).collect();
    write_csv(&dir.path().join("mixed.csv"), ",", &["Ticket #", "Complaint Date", "Customer"], &rows);
    let v = check_json(dir.path(), &["mixed.csv"]);
    assert_eq!(date_order(&v, "B"), ("day-first".into(), 5, 2, 3));
    let notes = v["sheets"][0]["notes"].to_string();
    assert!(notes.contains("holds dates in both orders"), "{notes}");
    let t = by_id(clean_table(dir.path(), &["mixed.csv"]));
    for (id, _, want) in cells {
        assert_eq!(t[id]["received_date"], want, "{id}");
    }
    let text = stdout(&run_in(dir.path(), &["check", "mixed.csv"]));
    assert!(text.contains("dates in B (received_date): read day-first — mixed: 5 values read day-first"), "{text}");
}

/// A report export: tab-separated, the header repeated every 40 rows,
/// English status words, `dd-mm-yyyy` dates; every 25th row has an
/// unreadable date and cells that are field names elsewhere (`Closed`,
/// `Complaint`). Returns (accepted, rejected, closed, headers).
fn report_export(path: &Path) -> (usize, usize, usize, usize) {
    let header = "Ticket #\tDate Received\tType\tStatus\tChannel\tCustomer\n";
    let mut text = String::from(header);
    let statuses = ["Closed", "Solved", "Open", "Pending", "Resolved", "In Progress"];
    let (mut accepted, mut rejected, mut closed, mut headers) = (0, 0, 0, 1);
    for i in 0..400usize {
        if i > 0 && i % 40 == 0 {
            text.push_str(header);
            headers += 1;
        }
        let status = statuses[i % statuses.len()];
        if i % 25 == 7 {
            text.push_str(&format!("R-{i}\tN/A\tComplaint\tClosed\tInternet\tACME\n"));
            rejected += 1;
            continue;
        }
        let day = 1 + (i % 28);
        let month = 1 + (i / 28) % 12;
        text.push_str(&format!("R-{i}\t{day:02}-{month:02}-2024\tComplaint\t{status}\tInternet\tACME\n"));
        accepted += 1;
        closed += usize::from(matches!(status, "Closed" | "Solved" | "Resolved"));
    }
    std::fs::write(path, text).expect("write");
    (accepted, rejected, closed, headers)
}

#[test]
fn a_report_export_repeating_its_header_keeps_every_data_row() {
    let dir = tempdir();
    let (accepted, rejected, closed, headers) = report_export(&dir.path().join("export.tsv"));
    let v = check_json(dir.path(), &["export.tsv"]);
    let q = &v["data_quality"];
    assert_eq!(q["header_rows"], headers as u64);
    assert_eq!(q["accepted"], accepted as u64);
    assert_eq!(q["rejected"], rejected as u64, "unreadable dates are rejected rows, not headers");
    assert_eq!(q["rejected_by_reason"]["bad_received_date"], rejected as u64);
    let t = clean_table(dir.path(), &["export.tsv"]);
    assert_eq!(t.iter().filter(|r| r["closed_mark"] == "true").count(), closed, "Closed, Solved, Resolved are closed");
    let by = by_id(t);
    assert_eq!(by["R-13"]["received_date"], "2024-01-14", "dd-mm-yyyy, day-first");
}

/// A Crystal-Reports-style export: a title block in merged cells, blank
/// rows, the header on row 8 with each header cell merged across two
/// columns (and the values below merged the same way), US dates, an
/// `Incident Date` before the `Complaint Date`, and a page footer.
pub fn crystal_report(path: &Path, received_header: &str) -> Vec<(String, String)> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Complaints").expect("sheet");
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 11, "ACME Corporation", &plain).expect("merge");
    ws.merge_range(1, 0, 1, 11, "Customer Complaint Report", &plain).expect("merge");
    ws.merge_range(2, 0, 2, 5, "Printed: 11/05/2025 10:14:22 AM", &plain).expect("merge");
    ws.merge_range(4, 0, 4, 5, "Date range: 1/1/2025 - 6/30/2025", &plain).expect("merge");
    let headers = ["Ticket #", "Incident Date", received_header, "Customer", "Product", "Status"];
    for (k, h) in headers.iter().enumerate() {
        let c = 2 * k as u16;
        ws.merge_range(7, c, 7, c + 1, h, &plain).expect("merge");
    }
    let mut truth = Vec::new();
    for i in 0..24u32 {
        let row = 8 + i;
        let (m, d) = (1 + i % 6, 3 + (i * 5) % 26);
        let values = [
            format!("CR-{i:03}"),
            format!("{m}/{}/2025", d.saturating_sub(2).max(1)),
            format!("{m}/{d}/2025"),
            ["Daewon", "Hansung", "Samwoo"][(i % 3) as usize].to_string(),
            "DT-100".to_string(),
            if i % 4 == 0 { "Open".to_string() } else { "Closed".to_string() },
        ];
        for (k, v) in values.iter().enumerate() {
            let c = 2 * k as u16;
            ws.merge_range(row, c, row, c + 1, v, &plain).expect("merge");
        }
        truth.push((values[0].clone(), format!("2025-{m:02}-{d:02}")));
    }
    ws.merge_range(33, 0, 33, 5, "Page 1 of 1", &plain).expect("merge");
    ws.write_string(34, 0, "Total: 24").expect("w");
    wb.save(path).expect("save");
    truth
}

#[test]
fn a_crystal_reports_workbook_with_merged_header_cells() {
    let dir = tempdir();
    let truth = crystal_report(&dir.path().join("cr.xlsx"), "Complaint Date");
    let v = check_json(dir.path(), &["cr.xlsx"]);
    let sheet = &v["sheets"][0];
    assert_eq!(sheet["header_rows"], serde_json::json!([8]));
    let q = &v["data_quality"];
    assert_eq!((q["accepted"].clone(), q["rejected"].clone()), (24.into(), 0.into()));
    assert_eq!(q["title_rows"], 4, "the title block (rows 1-3 and 5)");
    let t = by_id(clean_table(dir.path(), &["cr.xlsx"]));
    for (id, date) in &truth {
        assert_eq!(&t[id]["received_date"], date, "{id}: the complaint date, not the incident date");
    }
    // the committed .xls of the same report (converted by LibreOffice) reads the same
    let xls = repo().join("tests/fixtures/crystal_report.xls");
    let v = check_json(&repo().join("tests/fixtures"), &[xls.to_str().unwrap_or("")]);
    assert_eq!(v["data_quality"]["accepted"], 24);
    assert_eq!(v["sheets"][0]["header_rows"], serde_json::json!([8]));
}

#[test]
fn an_unknown_received_date_header_gets_the_likeliest_column_proposed() {
    let dir = tempdir();
    crystal_report(&dir.path().join("cr.xlsx"), "Logged On");
    let o = run_in(dir.path(), &["check", "cr.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("--map received_date=\"Logged On\""), "the receipt-like name, not Incident Date: {err}");
}

/// `cargo test --test it foreign::regenerate_crystal_report_xls -- --ignored`
/// writes tests/fixtures/crystal_report.xls with LibreOffice.
#[test]
#[ignore]
fn regenerate_crystal_report_xls() {
    let dir = tempdir();
    let xlsx = dir.path().join("crystal_report.xlsx");
    crystal_report(&xlsx, "Complaint Date");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "xls:MS Excel 97", "--outdir"])
        .arg(repo().join("tests/fixtures"))
        .arg(&xlsx)
        .status()
        .expect("soffice runs");
    assert!(status.success());
}

#[test]
fn excel_365_error_values_are_warnings_not_a_damaged_workbook() {
    let dir = tempdir();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Data").expect("sheet");
    for (c, h) in ["Complaint ID", "Date received", "Customer", "Helper"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    for r in 1..=3u32 {
        ws.write_string(r, 0, format!("E-{r}")).expect("w");
        ws.write_string(r, 1, format!("2025-03-0{r}")).expect("w");
        ws.write_string(r, 2, "ACME").expect("w");
        // an unused column of dynamic-array errors, and one in a used column
        let f = rust_xlsxwriter::Formula::new("=SEQUENCE(2)").set_result("#GETTING_DATA");
        ws.write_formula(r, 3, f).expect("w");
    }
    ws.write_formula(2, 2, rust_xlsxwriter::Formula::new("=X1").set_result("#GETTING_DATA")).expect("w");
    let bytes = rewrite_zip(wb.save_to_buffer().expect("buffer"), |name, content| {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(std::mem::take(content)).expect("utf8");
            let mut errors = ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!"].iter().cycle();
            let mut out = String::new();
            for (i, part) in xml.split("<v>#GETTING_DATA</v>").enumerate() {
                if i > 0 {
                    out.push_str(&format!("<v>{}</v>", errors.next().unwrap_or(&"#SPILL!")));
                }
                out.push_str(part);
            }
            *content = out.into_bytes();
        }
    });
    std::fs::write(dir.path().join("excel365.xlsx"), bytes).expect("write");
    let v = check_json(dir.path(), &["excel365.xlsx"]);
    assert_eq!(v["data_quality"]["accepted"], 3);
    let warnings = v["warnings"].as_array().cloned().unwrap_or_default();
    assert_eq!(warnings.len(), 1, "only the used column warns: {warnings:?}");
    assert_eq!(warnings[0]["field"], "customer");
    assert!(warnings[0]["text"].as_str().is_some_and(|t| t.starts_with('#')), "{warnings:?}");
}

#[test]
fn a_parquet_export_with_unusual_column_types_and_zoned_timestamps() {
    // tests/fixtures/types.parquet (2.7 KB, made by make_types_parquet.py
    // with pyarrow 26): decimal, float16,
    // duration, list and struct columns nobody maps, and received
    // timestamps in Asia/Seoul: 2024-12-31 22:00 UTC is 1 January 07:00 KST.
    let fixtures = repo().join("tests/fixtures");
    let v = check_json(&fixtures, &["types.parquet"]);
    assert_eq!(v["data_quality"]["accepted"], 3);
    let notes = v["sheets"][0]["notes"].to_string();
    assert!(notes.contains("'amount_decimal'") && notes.contains("cannot be decoded"), "{notes}");
    let dir = tempdir();
    std::fs::copy(fixtures.join("types.parquet"), dir.path().join("types.parquet")).expect("copy");
    let t = by_id(clean_table(dir.path(), &["types.parquet"]));
    assert_eq!(
        (t["P-1"]["received_date"].as_str(), t["P-2"]["received_date"].as_str(), t["P-3"]["received_date"].as_str()),
        ("2025-01-01", "2025-01-02", "2025-01-03")
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly_with_0() {
    let dir = tempdir();
    // enough output to fill the pipe: 3,000 rejected rows in --json
    let mut text = String::from("Complaint ID,Date received,Customer\n");
    for i in 0..3000 {
        text.push_str(&format!("X-{i},not a date,ACME\n"));
    }
    text.push_str("X-ok,2025-01-05,ACME\n");
    std::fs::write(dir.path().join("many.csv"), text).expect("write");
    let mut child = bin()
        .current_dir(dir.path())
        .args(["check", "many.csv", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 1];
    use std::io::Read as _;
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("a byte"); // then the pipe closes
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
