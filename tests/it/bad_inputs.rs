//! The bad-input corpus: every hostile or broken file of the robustness
//! issue, generated here into tests/bad_inputs/ (git-ignored, rebuilt on
//! every run). Each gives exit code 2 with a message naming the file and
//! the fix, or a normal run with the rows rejected — never a panic, never
//! an output file left behind.

use crate::common::*;
use rust_xlsxwriter::{Formula, Workbook};
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    let dir = repo().join("tests/bad_inputs");
    std::fs::create_dir_all(&dir).expect("corpus dir");
    dir
}

fn xlsx(path: &Path, build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Data").expect("sheet");
    build(ws);
    wb.save(path).expect("save");
}

fn header(ws: &mut rust_xlsxwriter::Worksheet) {
    for (c, h) in ["complaint_id", "received_date", "customer", "defect_type"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
}

/// Runs `report` on `file` into a fresh folder; returns (exit code, stderr, stdout, out folder).
fn report(file: &Path, extra: &[&str]) -> (Option<i32>, String, String, tempfile::TempDir) {
    let dir = tempdir();
    let mut args = vec!["report", file.to_str().unwrap_or(""), "--out", "out"];
    args.extend_from_slice(extra);
    let o = run_in(dir.path(), &args);
    (o.status.code(), stderr(&o), stdout(&o), dir)
}

/// Exit 2, the file named, the expected words, no panic, nothing written.
fn assert_refused(file: &Path, expected: &str, extra: &[&str]) {
    let (code, err, _, dir) = report(file, extra);
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    assert_eq!(code, Some(2), "{name}: {err}");
    assert!(err.contains(name), "{name}: message does not name the file: {err}");
    assert!(err.contains(expected), "{name}: expected '{expected}' in: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    let out = dir.path().join("out");
    let left: Vec<_> =
        std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "{name}: files left behind: {left:?}");
}

#[test]
fn truncated_xlsx() {
    let c = corpus();
    let bytes = std::fs::read(repo().join("data/sample").join(complaints::sample::MASTER_FILE)).expect("sample");
    let path = c.join("truncated.xlsx");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(&path, "cannot be opened", &[]);
}

#[test]
fn zip_bomb_is_refused_before_inflating() {
    let c = corpus();
    // a valid workbook plus one entry of 200 MB of zeros (~200 KB compressed)
    let mut wb = Workbook::new();
    header(wb.add_worksheet());
    let bytes = wb.save_to_buffer().expect("buffer");
    let zeros = vec![0u8; 1 << 20];
    let bytes = rewrite_zip_with(bytes, &mut |_, _| {}, &[("xl/media/bomb.bin", &zeros, 200)]);
    assert!(bytes.len() < 2_000_000, "the bomb is small: {}", bytes.len());
    let path = c.join("zip_bomb.xlsx");
    std::fs::write(&path, bytes).expect("write");
    let config = c.join("limits.toml");
    std::fs::write(&config, "[read]\nmax_inflated_mb = 100\n").expect("write");
    assert_refused(&path, "would inflate to 2", &["--config", config.to_str().unwrap_or("")]);
}

#[test]
fn password_protected_workbook() {
    let c = corpus();
    let path = c.join("encrypted.xlsx");
    let file = std::fs::File::create(&path).expect("create");
    let mut cfb = cfb::CompoundFile::create(file).expect("cfb");
    cfb.create_stream("/EncryptionInfo").expect("stream").write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).expect("w");
    cfb.create_stream("/EncryptedPackage").expect("stream").write_all(&[0u8; 4096]).expect("w");
    cfb.flush().expect("flush");
    drop(cfb);
    assert_refused(&path, "password-protected", &[]);
}

#[test]
fn wrong_extensions_are_read_by_content() {
    let c = corpus();
    let csv_as_xlsx = c.join("csv_named.xlsx");
    std::fs::write(&csv_as_xlsx, "complaint_id,received_date\nA,2024-05-01\nB,2024-05-02\n").expect("write");
    let (code, err, out, _dir) = report(&csv_as_xlsx, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Complaint report 2024-05"), "{out}");
    let xlsx_as_csv = c.join("xlsx_named.csv");
    xlsx(&xlsx_as_csv, |ws| {
        header(ws);
        ws.write_string(1, 0, "A").expect("w");
        ws.write_string(1, 1, "2024-05-01").expect("w");
    });
    let (code, err, _, _dir) = report(&xlsx_as_csv, &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn empty_garbage_and_header_only_files() {
    let c = corpus();
    let empty = c.join("empty.csv");
    std::fs::write(&empty, b"").expect("write");
    assert_refused(&empty, "empty", &[]);
    let garbage = c.join("garbage.xlsx");
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&garbage, noise).expect("write");
    assert_refused(&garbage, "neither a spreadsheet", &[]);
    let header_only = c.join("header_only.csv");
    std::fs::write(&header_only, "접수번호,접수일,고객,불량유형\n").expect("write");
    assert_refused(&header_only, "no complaint could be read", &[]);
}

#[test]
fn every_received_date_invalid() {
    let c = corpus();
    let path = c.join("all_dates_bad.csv");
    std::fs::write(&path, "접수번호,접수일,고객\nA,미상,대원\nB,2024.13.45,한성\nC,,한성\n").expect("write");
    assert_refused(&path, "no complaint could be read", &[]);
    let o = run_in(&c, &["check", "all_dates_bad.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("Rejected rows: 3"), "{}", stdout(&o));
}

#[test]
fn all_formula_error_cells() {
    let c = corpus();
    let path = c.join("formula_errors.xlsx");
    xlsx(&path, |ws| {
        header(ws);
        for r in 1..=3u32 {
            for col in 0..4u16 {
                ws.write_formula(r, col, Formula::new("=1/0").set_result("#DIV/0!")).expect("w");
            }
        }
        ws.write_string(4, 0, "OK-1").expect("w");
        ws.write_string(4, 1, "2024-05-01").expect("w");
    });
    let (code, err, out, dir) = report(&path, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("3 rejected"), "{out}");
    let rejects = std::fs::read_to_string(dir.path().join("out/rejects.csv")).expect("rejects");
    assert_eq!(rejects.matches("bad_received_date").count(), 3, "{rejects}");
    assert!(rejects.contains("#DIV/0!"));
}

#[test]
fn sixteen_thousand_columns_and_a_million_blank_rows() {
    let c = corpus();
    let wide = c.join("xfd_columns.xlsx");
    xlsx(&wide, |ws| {
        header(ws);
        ws.write_string(1, 0, "A").expect("w");
        ws.write_string(1, 1, "2024-05-01").expect("w");
        ws.write_string(1, 16_383, "far right").expect("w");
    });
    let v = check_json(&c, &["xfd_columns.xlsx"]);
    assert_eq!(v["data_quality"]["complaints"], 1);

    let tall = c.join("million_blank_rows.xlsx");
    xlsx(&tall, |ws| {
        header(ws);
        ws.write_string(1, 0, "A").expect("w");
        ws.write_string(1, 1, "2024-05-01").expect("w");
        ws.write_string(1_000_001, 0, "B").expect("w");
        ws.write_string(1_000_001, 1, "2024-05-02").expect("w");
    });
    let v = check_json(&c, &["million_blank_rows.xlsx"]);
    let q = &v["data_quality"];
    assert_eq!(
        (q["complaints"].as_u64(), q["blank_rows"].as_u64(), q["rows_read"].as_u64()),
        (Some(2), Some(999_999), Some(1_000_002))
    );

    // a configured cell limit refuses the sheet with a message
    let config = c.join("few_cells.toml");
    std::fs::write(&config, "[read]\nmax_cells = 1000\n").expect("write");
    assert_refused(&wide, "holds more than 1000 cells", &["--config", config.to_str().unwrap_or("")]);
}

#[test]
fn ten_megabyte_cell() {
    let c = corpus();
    let path = c.join("huge_cell.csv");
    let big = "가".repeat(3_500_000); // 10.5 MB of UTF-8
    std::fs::write(&path, format!("complaint_id,received_date,description\nA,2024-05-01,{big}\nB,2024-05-02,short\n"))
        .expect("write");
    let (code, err, _, dir) = report(&path, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.path().join("out/complaint_report_2024-05.xlsx").is_file());
}

#[test]
fn mixed_encodings_in_one_csv() {
    let c = corpus();
    let path = c.join("mixed_encoding.csv");
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("B,2024-05-02,한성\n");
    let bytes = ["complaint_id,received_date,customer\nA,2024-05-01,대원\n".as_bytes(), &cp949].concat();
    std::fs::write(&path, bytes).expect("write");
    let rows = clean_table(&c, &["mixed_encoding.csv"]);
    let customers: Vec<&str> = rows.iter().map(|r| r["customer"].as_str()).collect();
    assert_eq!(customers, ["대원", "한성"]);
}

#[test]
fn failed_run_leaves_the_previous_report_untouched() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let o = run_in(dir.path(), &["report", sample.to_str().unwrap_or(""), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(dir.path().join("out/summary.json")).expect("summary");
    // a second run on other data that fails midway: `charts` is a file, so the
    // chart images cannot be written after the workbook and summary were staged
    std::fs::remove_dir_all(dir.path().join("out/charts")).ok();
    std::fs::write(dir.path().join("out/charts"), b"in the way").expect("write");
    std::fs::write(dir.path().join("other.csv"), "complaint_id,received_date\nZ,2024-01-01\n").expect("write");
    let o = run_in(dir.path(), &["report", "other.csv", "--out", "out"]);
    assert_ne!(o.status.code(), Some(0), "the run must fail");
    assert_eq!(std::fs::read(dir.path().join("out/summary.json")).expect("summary"), before, "summary.json changed");
    let temps: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .map(|e| e.file_name())
        .collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}

#[test]
fn killed_run_leaves_the_previous_report_and_no_temporaries_after_the_next() {
    let dir = tempdir();
    let big = dir.path().join("big.csv");
    complaints::sample::write_tidy(&big, 150_000, 3, complaints::sample::TidyFormat::Csv).expect("tidy");
    let small = repo().join("data/sample");
    let o = run_in(dir.path(), &["report", small.to_str().unwrap_or(""), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(dir.path().join("out/summary.json")).expect("summary");
    for delay_ms in [150, 400, 900] {
        let mut child =
            bin().current_dir(dir.path()).args(["report", "big.csv", "--out", "out"]).spawn().expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().ok();
        let status = child.wait().expect("wait");
        let now = std::fs::read(dir.path().join("out/summary.json")).expect("summary");
        if status.success() {
            continue; // it finished before the kill: nothing to check this round
        }
        assert_eq!(now, before, "a killed run changed summary.json");
    }
    // the next run clears stale temporaries
    let o = run_in(dir.path(), &["report", small.to_str().unwrap_or(""), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for folder in ["out", "out/charts"] {
        let temps = std::fs::read_dir(dir.path().join(folder))
            .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).count())
            .unwrap_or(0);
        assert_eq!(temps, 0, "{folder}");
    }
}

#[test]
fn redact_masks_names_phones_and_emails_but_not_figures() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("p.csv"),
        "complaint_id,received_date,customer,description\nA,2024-05-01,대원산업,연락 010-1234-5678 kim@daewon.co.kr\nB,,한성오토,누락\nC,2024-05-02,(주)미래정밀,대원산업 라인에서 발견된 건과 동일 (미래정밀 회신)\n",
    )
    .expect("write");
    let plain = run_in(dir.path(), &["report", "p.csv", "--out", "plain"]);
    let red = run_in(dir.path(), &["report", "p.csv", "--out", "red", "--redact"]);
    assert!(plain.status.success() && red.status.success(), "{}", stderr(&red));
    let summary = |d: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path().join(d).join("summary.json")).expect("read")).expect("json")
    };
    assert_eq!(summary("plain")["month"], summary("red")["month"]);
    let rejects = std::fs::read_to_string(dir.path().join("red/rejects.csv")).expect("rejects");
    assert!(!rejects.contains("한성오토") && rejects.contains("한*** #"), "{rejects}");
    let table_dir = dir.path().join("red");
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(table_dir.join("complaint_report_2024-05.xlsx")).expect("xlsx");
    let name = calamine::Reader::sheet_names(&wb).into_iter().find(|n| n == "데이터" || n == "Data").expect("data");
    let data = calamine::Reader::worksheet_range(&mut wb, &name).expect("data");
    let all: String = data.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("|");
    // names in free text too (with or without the legal form), and the
    // e-mail's domain, which names the customer
    for leak in ["대원산업", "미래정밀", "1234-5678", "kim@", "daewon"] {
        assert!(!all.contains(leak), "{leak} in {all}");
    }
    assert!(all.contains("***-****-5678") && all.contains("k***@***.co.kr"), "{all}");
    assert!(all.contains("대*** #") && all.contains("미*** #"), "{all}");
}
