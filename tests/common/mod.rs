//! Shared helpers for the binary-level tests: run `complaints`, build
//! fixture ledgers in code, read back what it wrote.
#![allow(dead_code)]

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_complaints"));
    c.env_remove("CI");
    c
}

/// Runs `complaints` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = bin().current_dir(dir).args(args).output().expect("the binary runs");
    // a sheet written in row order (constant memory) drops a write to an
    // earlier row with this message: a cell the workbook would lack
    assert!(!stderr(&out).contains("'constant memory' mode"), "a write was lost: {}", stderr(&out));
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `complaints check --json` on `inputs` (plus extra flags); asserts exit 0.
pub fn check_json(dir: &Path, inputs: &[&str]) -> Value {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(inputs);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "check failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("check --json prints JSON")
}

/// The clean table written by `check --table`, as rows of column → value.
pub fn clean_table(dir: &Path, inputs: &[&str]) -> Vec<std::collections::BTreeMap<String, String>> {
    let out = dir.join("clean_table.csv");
    let mut args = vec!["check", "--table", out.to_str().expect("utf-8 path")];
    args.extend_from_slice(inputs);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "check --table failed: {}", stderr(&o));
    let mut reader = csv::Reader::from_path(&out).expect("table csv");
    let headers: Vec<String> =
        reader.headers().expect("headers").iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn date_cell(ws: &mut Worksheet, row: u32, col: u16, y: i32, m: u32, d: u32, fmt: &Format) {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    ws.write_datetime_with_format(row, col, date, fmt).expect("write date");
}

/// A hand-kept Korean ledger with every layout problem of docs/ledgers.md:
/// title and approval rows, a two-row merged header, merged customer cells,
/// subtotal and note rows, template rows, mixed date forms, closed words,
/// error and formula cells, numbers as text, full-width text, line breaks,
/// a sheet per year with month-day dates and a repeated header, and a
/// code sheet that is not a ledger.
pub fn legacy_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("2024년").expect("sheet");
    let w = |ws: &mut Worksheet, r: u32, c: u16, s: &str| {
        ws.write_string(r, c, s).expect("write");
    };
    ws.merge_range(0, 0, 0, 7, "2024년 고객불만 접수대장", &Format::new()).expect("merge");
    for (c, s) in [(9, "담당"), (10, "검토"), (11, "승인")] {
        w(ws, 0, c, s);
    }
    w(ws, 1, 0, "작성: 품질팀");
    for (c, s) in [
        (0, "No"),
        (1, "접수번호"),
        (2, "접수일"),
        (3, "고객사"),
        (4, "제품명"),
        (5, "불량유형"),
        (8, "상태"),
        (9, "비용"),
        (10, "불만내용"),
    ] {
        ws.merge_range(3, c, 4, c, s, &Format::new()).expect("merge");
    }
    ws.merge_range(3, 6, 3, 7, "처리결과", &Format::new()).expect("merge");
    w(ws, 4, 6, "완료일");
    w(ws, 4, 7, "조치내용");
    // row 6 (index 5)
    ws.write_number(5, 0, 1).expect("n");
    w(ws, 5, 1, "C-001");
    date_cell(ws, 5, 2, 2024, 1, 5, &date);
    ws.merge_range(5, 3, 7, 3, "(주)한성", &Format::new()).expect("merge");
    w(ws, 5, 4, "DT-100");
    w(ws, 5, 5, "이물");
    date_cell(ws, 5, 6, 2024, 1, 10, &date);
    w(ws, 5, 7, "교체");
    w(ws, 5, 8, "완료");
    ws.write_number(5, 9, 1_200_000).expect("n");
    w(ws, 5, 10, "scratch");
    // row 7
    ws.write_number(6, 0, 2).expect("n");
    w(ws, 6, 1, "C-002");
    w(ws, 6, 2, "2024.01.08");
    w(ws, 6, 4, "DT-100");
    w(ws, 6, 5, "외관");
    w(ws, 6, 6, "완료");
    w(ws, 6, 8, "완료");
    w(ws, 6, 9, "1,200,000");
    w(ws, 6, 10, "포장\n파손");
    // row 8: serial number, full-width product with spaces, open
    ws.write_number(7, 0, 3).expect("n");
    w(ws, 7, 1, "C-003");
    ws.write_number(7, 2, 45300).expect("n");
    w(ws, 7, 4, " ＣＢ-２００ ");
    w(ws, 7, 5, "이물");
    w(ws, 7, 6, "진행중");
    w(ws, 7, 8, "처리중");
    // row 9: subtotal
    w(ws, 8, 0, "소계");
    w(ws, 8, 1, "3건");
    // row 10: month-day only (year from the sheet name), bad cost
    ws.write_number(9, 0, 4).expect("n");
    w(ws, 9, 1, "C-004");
    w(ws, 9, 2, "1/15");
    w(ws, 9, 3, "대원");
    w(ws, 9, 4, "CB-200");
    w(ws, 9, 5, "치수");
    w(ws, 9, 6, "2024. 1. 20.");
    w(ws, 9, 8, "완료");
    w(ws, 9, 9, "무상");
    // row 11: missing received date; row 12: unreadable
    for (r, n, id, received) in [(10u32, 5, "C-005", ""), (11, 6, "C-006", "미상")] {
        ws.write_number(r, 0, n).expect("n");
        w(ws, r, 1, id);
        if !received.is_empty() {
            w(ws, r, 2, received);
        }
        w(ws, r, 3, "대원");
        w(ws, r, 4, "CB-200");
        w(ws, r, 5, "치수");
    }
    // row 13: yyyymmdd text, #N/A formula customer, unreadable closed text
    ws.write_number(12, 0, 7).expect("n");
    w(ws, 12, 1, "C-007");
    w(ws, 12, 2, "20240120");
    ws.write_formula(12, 3, Formula::new("=NA()").set_result("#N/A")).expect("formula");
    w(ws, 12, 4, "CB-200");
    w(ws, 12, 5, "외관");
    w(ws, 12, 6, "다음주");
    w(ws, 12, 8, "처리중");
    // row 14: two-digit year, closed before received, formula cost
    ws.write_number(13, 0, 8).expect("n");
    w(ws, 13, 1, "C-008");
    w(ws, 13, 2, "24.01.22");
    w(ws, 13, 3, "한성");
    w(ws, 13, 4, "DT-100");
    w(ws, 13, 5, "이물");
    date_cell(ws, 13, 6, 2024, 1, 21, &date);
    w(ws, 13, 8, "완료");
    ws.write_formula(13, 9, Formula::new("=1000*2").set_result("2000")).expect("formula");
    // row 15: Korean date text, closed by status without a date
    ws.write_number(14, 0, 9).expect("n");
    w(ws, 14, 1, "C-009");
    w(ws, 14, 2, "2024년 1월 25일");
    w(ws, 14, 3, "대원");
    w(ws, 14, 4, "DT-100");
    w(ws, 14, 5, "이물");
    w(ws, 14, 8, "완료");
    // row 16 total, 17 blank, 18 note, 19-20 template rows
    w(ws, 15, 0, "합계");
    w(ws, 15, 1, "9건");
    w(ws, 17, 0, "※ 처리기간 10일 이내");
    ws.write_number(18, 0, 10).expect("n");
    ws.write_number(19, 0, 11).expect("n");

    code_and_2023_sheets(&mut wb, &date);
    wb.save(path).expect("save legacy.xlsx");
}

/// legacy_xlsx's other sheets: a code sheet that is not a ledger, and the
/// 2023 sheet with its header repeated and a restarting running number.
fn code_and_2023_sheets(wb: &mut Workbook, date: &Format) {
    let w = |ws: &mut Worksheet, r: u32, c: u16, s: &str| {
        ws.write_string(r, c, s).expect("write");
    };
    let ws = wb.add_worksheet().set_name("코드표").expect("sheet");
    w(ws, 0, 0, "불량유형");
    w(ws, 0, 1, "제품명");
    w(ws, 1, 0, "이물");
    w(ws, 1, 1, "DT-100");

    let ws = wb.add_worksheet().set_name("2023년").expect("sheet");
    let header = ["번호", "관리번호", "등록일", "거래처", "품명", "불만유형"];
    for (c, h) in header.iter().enumerate() {
        w(ws, 0, c as u16, h);
        w(ws, 2, c as u16, h); // the header repeated on the next printed page
    }
    ws.write_number(1, 0, 1).expect("n");
    w(ws, 1, 1, "C-101");
    date_cell(ws, 1, 2, 2023, 12, 1, date);
    w(ws, 1, 3, "대원");
    w(ws, 1, 4, "DT-100");
    w(ws, 1, 5, "이물");
    ws.write_number(3, 0, 1).expect("n"); // running number restarts: not an id
    w(ws, 3, 1, "C-102");
    w(ws, 3, 2, "12/20");
    w(ws, 3, 3, "한성");
    w(ws, 3, 4, "DT-100");
    w(ws, 3, 5, "이물");
}

/// The sales team's CP949, tab-separated re-export: one update (C-003
/// closed), one conflict (C-004 customer), one new complaint with a US date.
pub fn sales_cp949_tsv(path: &Path) {
    let text = "관리번호\t등록일\t거래처명\t모델명\t불만유형\t처리완료일\t진행상태\r\n\
                C-003\t2024-01-09 14:30\t(주)한성\tCB-200\t이물\t2024/01/15\t처리완료\r\n\
                C-004\t2024-01-15\t삼우\tCB-200\t치수\t2024-01-20\t완료\r\n\
                C-201\t1/5/2024\t대원\tDT-100\t외관\t\t접수\r\n";
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(text);
    assert!(!unmappable);
    std::fs::write(path, bytes).expect("write csv");
}

/// An English export: UTF-8 with BOM, `|`-delimited, AM/PM datetimes, a Total row.
pub fn english_pipe_csv(path: &Path) {
    let text = "\u{feff}Complaint ID|Date received|Customer|Product|Complaint type|Date closed|Status\n\
                E-1|2024-02-03|ACME|X1|Noise|2024-02-05|Closed\n\
                E-2|02/10/2024 10:15:00 AM|ACME|X1|Noise||In progress\n\
                Total|2|||||\n";
    std::fs::write(path, text).expect("write csv");
}

/// A small workbook in Excel's 1904 date system: one date-formatted cell
/// and one plain serial, both 2024-01-05 (1904 serial 43834).
pub fn workbook_1904(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Data").expect("sheet");
    for (c, h) in ["complaint_id", "received_date", "customer"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(1, 0, "A").expect("w");
    ws.write_number_with_format(1, 1, 43834.0, &date).expect("w");
    ws.write_string(2, 0, "B").expect("w");
    ws.write_number(2, 1, 43834.0).expect("w");
    let bytes = wb.save_to_buffer().expect("buffer");
    // rust_xlsxwriter writes 1900-system workbooks; switch the flag in workbook.xml.
    let bytes = rewrite_zip(bytes, |name, content| {
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(std::mem::take(content)).expect("utf8");
            let xml = if xml.contains("<workbookPr") {
                xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
            } else {
                xml.replacen("<sheets>", "<workbookPr date1904=\"1\"/><sheets>", 1)
            };
            *content = xml.into_bytes();
        }
    });
    std::fs::write(path, bytes).expect("write 1904 workbook");
}

/// Copies a zip archive entry by entry, letting `edit` change each entry's
/// content; `extra` entries are appended.
pub fn rewrite_zip(bytes: Vec<u8>, mut edit: impl FnMut(&str, &mut Vec<u8>)) -> Vec<u8> {
    rewrite_zip_with(bytes, &mut edit, &[])
}

pub fn rewrite_zip_with(
    bytes: Vec<u8>,
    edit: &mut dyn FnMut(&str, &mut Vec<u8>),
    extra: &[(&str, &[u8], usize)],
) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut content).expect("read");
        edit(&name, &mut content);
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        std::io::Write::write_all(&mut out, &content).expect("write");
    }
    // (name, chunk, times): an entry made of `chunk` repeated `times` times
    for (name, chunk, times) in extra {
        out.start_file(*name, zip::write::SimpleFileOptions::default()).expect("start");
        for _ in 0..*times {
            std::io::Write::write_all(&mut out, chunk).expect("write");
        }
    }
    out.finish().expect("finish").into_inner()
}

/// Folder of the shared real data, if present beside the checkout.
/// (`COMPLAINTS_REALDATA` names another folder.)
pub fn realdata() -> Option<PathBuf> {
    let dir = std::env::var_os("COMPLAINTS_REALDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata"));
    if dir.is_dir() {
        Some(dir)
    } else {
        skipped("../shared/realdata is absent (or COMPLAINTS_REALDATA unset) — real-data checks skipped");
        None
    }
}

/// Says in the test output, not only in the captured output of a passing
/// test, that a check did not run and why: written to the real standard
/// error (the harness captures only the `eprintln!` macro).
pub fn skipped(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {why}");
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
