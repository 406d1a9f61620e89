//! Hostile inputs (issue 15): files made to take the machine's memory or
//! time, side files that never end, output injection and flags out of range.
//! Each file is generated here; each run is under a memory limit
//! (`prlimit --as`), so a regression fails the test instead of the machine,
//! and must end with exit 0 or 2 within 60 s and 300 MB of peak RSS.

use crate::common::*;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space a run may take: far above a normal run, far below the machine.
const ADDRESS_SPACE: &str = "--as=2147483648";
const MAX_RSS_MB: f64 = 300.0;
const MAX_SECONDS: u64 = 60;

struct Limited {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory (GNU time), when it could be measured.
    peak_mb: Option<f64>,
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Runs `complaints args` in `dir` under the memory limit, timed; fails the
/// test when it runs longer than [`MAX_SECONDS`] or crashes.
fn run_limited(dir: &Path, args: &[&str]) -> Limited {
    run_limited_while(dir, args, || {})
}

/// [`run_limited`], with `during` run on another thread once the process
/// has started (a program changing its input under it).
fn run_limited_while(dir: &Path, args: &[&str], during: impl FnOnce() + Send) -> Limited {
    let time_file = dir.join(".peak");
    let mut cmd = if have("prlimit") {
        let mut c = Command::new("prlimit");
        c.args([ADDRESS_SPACE, "--"]);
        c
    } else {
        skipped("prlimit not found — running without a memory limit (apt-get install util-linux)");
        Command::new("env")
    };
    let gnu_time = Path::new("/usr/bin/time").exists();
    if gnu_time {
        cmd.args(["/usr/bin/time", "-f", "%M", "-o"]).arg(&time_file);
    }
    cmd.arg(env!("CARGO_BIN_EXE_complaints")).args(args).current_dir(dir).env_remove("CI");
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = Instant::now();
    // read as it comes: a full pipe would stop the run
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    let (status, stdout, stderr) = std::thread::scope(|scope| {
        let changer = scope.spawn(during);
        let stdout = scope.spawn(move || {
            let mut text = String::new();
            out.as_mut().map(|s| s.read_to_string(&mut text));
            text
        });
        let stderr = scope.spawn(move || {
            let mut text = String::new();
            err.as_mut().map(|s| s.read_to_string(&mut text));
            text
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if start.elapsed() > Duration::from_secs(MAX_SECONDS) {
                child.kill().ok();
                panic!("complaints {args:?} ran longer than {MAX_SECONDS} s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        changer.join().expect("the changing thread");
        (status, stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default())
    });
    let peak_mb = std::fs::read_to_string(&time_file)
        .ok()
        .and_then(|t| t.lines().rev().find_map(|l| l.trim().parse::<f64>().ok()))
        .map(|kb| kb / 1024.0);
    if !gnu_time {
        skipped("/usr/bin/time not found — peak memory not measured (apt-get install time)");
    }
    Limited { code: status.code(), stdout, stderr, peak_mb }
}

/// Exit 0 or 2, no panic, within the memory budget; returns the run.
fn bounded(dir: &Path, args: &[&str]) -> Limited {
    let run = run_limited(dir, args);
    assert!(matches!(run.code, Some(0) | Some(2)), "{args:?}: exit {:?}\n{}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    if let Some(peak) = run.peak_mb {
        eprintln!("{args:?}: peak RSS {peak:.0} MB");
        assert!(peak < MAX_RSS_MB, "{args:?}: peak RSS {peak:.0} MB");
    }
    run
}

fn refused(dir: &Path, args: &[&str], expected: &str) -> Limited {
    let run = bounded(dir, args);
    assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(expected), "{args:?}: expected '{expected}' in: {}", run.stderr);
    run
}

fn legacy_xls() -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/legacy.xls")).expect("legacy.xls")
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Byte offset of FAT entry `sector` in a 512-byte-sector compound file.
fn fat_entry(b: &[u8], sector: u32) -> usize {
    let fat_sector = u32_at(b, 76) as usize; // first DIFAT entry in the header
    (fat_sector + 1) * 512 + 4 * sector as usize
}

#[test]
fn xls_sector_chain_loops_are_refused() {
    let dir = tempdir();
    // 1. the directory chain points back at itself: a 4-byte change
    let mut b = legacy_xls();
    let dir_start = u32_at(&b, 48);
    let at = fat_entry(&b, dir_start);
    b[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
    std::fs::write(dir.path().join("dir_loop.xls"), &b).expect("write");
    refused(dir.path(), &["report", "dir_loop.xls", "--out", "out"], "loops");

    // 2. a stream that claims 2 GB and whose chain loops
    let mut b = legacy_xls();
    let dir_offset = (dir_start as usize + 1) * 512;
    let name: Vec<u8> = "Workbook".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let entry = (0..4).map(|k| dir_offset + k * 128).find(|&e| b[e..e + name.len()] == name[..]).expect("Workbook");
    let start = u32_at(&b, entry + 116);
    b[entry + 120..entry + 124].copy_from_slice(&0x8000_0000u32.to_le_bytes());
    let at = fat_entry(&b, start);
    b[at..at + 4].copy_from_slice(&start.to_le_bytes());
    std::fs::write(dir.path().join("stream_loop.xls"), &b).expect("write");
    let run = bounded(dir.path(), &["report", "stream_loop.xls", "--out", "out"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "nothing written");
}

/// A small ledger workbook; `sheet_xml` may rewrite its worksheet XML.
fn ledger_xlsx(rows: &[[&str; 3]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Data").expect("sheet");
    for (c, h) in ["received_date", "customer", "defect_type"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).expect("w");
        }
    }
    wb.save_to_buffer().expect("buffer")
}

#[test]
fn a_merge_to_column_xfd_and_row_300000_is_bounded() {
    let dir = tempdir();
    let bytes = ledger_xlsx(&[["2025-01-05", "대원", "이물"], ["2025-01-06", "한성", "외관"]]);
    // one merge C2:XFD300000 and one more cell on row 300000
    let bytes = rewrite_zip(bytes, |name, content| {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(std::mem::take(content)).expect("utf8");
            let xml = xml
                .replacen(
                    "</sheetData>",
                    "<row r=\"300000\"><c r=\"A300000\" t=\"inlineStr\"><is><t>2025-01-07</t></is></c></row></sheetData><mergeCells count=\"1\"><mergeCell ref=\"C2:XFD300000\"/></mergeCells>",
                    1,
                )
                .replace("<dimension ref=\"A1:C3\"/>", "<dimension ref=\"A1:XFD300000\"/>");
            *content = xml.into_bytes();
        }
    });
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    std::fs::write(dir.path().join("merge_bomb.xlsx"), &bytes).expect("write");
    let run = bounded(dir.path(), &["check", "merge_bomb.xlsx", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    // the merged type fills the two rows below it that hold data, not 300,000
    assert_eq!(v["data_quality"]["accepted"], 3);
    assert_eq!(v["data_quality"]["rejected"], 0);
}

#[test]
fn a_sparse_16_gb_file_starting_like_a_zip_is_not_read_whole() {
    let dir = tempdir();
    let path = dir.path().join("sparse.xlsx");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(b"PK\x03\x04").expect("write");
    if f.set_len(16 << 30).is_err() {
        skipped("the file system cannot hold a sparse 16 GB file — the test of a huge file is skipped");
        return;
    }
    drop(f);
    refused(dir.path(), &["check", "sparse.xlsx"], "sparse.xlsx");
}

#[test]
fn a_sheet_of_white_space_is_streamed_not_buffered() {
    let dir = tempdir();
    let small = ledger_xlsx(&[["2025-01-05", "대원", "이물"]]);
    // the same workbook with 400 MB of white space inside its sheet XML
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(small)).expect("zip");
    let file = std::fs::File::create(dir.path().join("spaces.xlsx")).expect("create");
    let mut out = zip::ZipWriter::new(file);
    let fast = zip::write::SimpleFileOptions::default().compression_level(Some(1));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read");
        out.start_file(name.as_str(), fast).expect("start");
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(content).expect("utf8");
            let (head, tail) = text.split_at(text.find("<row").expect("a row"));
            out.write_all(head.as_bytes()).expect("w");
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..400 {
                out.write_all(&spaces).expect("w");
            }
            out.write_all(tail.as_bytes()).expect("w");
        } else {
            out.write_all(&content).expect("w");
        }
    }
    out.finish().expect("finish");
    let run = bounded(dir.path(), &["check", "spaces.xlsx", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(v["data_quality"]["accepted"], 1);
}

#[test]
fn a_parquet_file_of_30_million_encoded_rows_is_refused_before_decoding() {
    use polars::prelude::*;
    let dir = tempdir();
    let n = 30_000_000;
    let write = |name: &str, columns: Vec<Column>| {
        let mut df = DataFrame::new(n, columns).expect("frame");
        let file = std::fs::File::create(dir.path().join(name)).expect("create");
        ParquetWriter::new(file).with_row_group_size(Some(n)).finish(&mut df).expect("parquet");
    };
    let dates = || Column::new_scalar("received_date".into(), Scalar::new(DataType::Int32, AnyValue::Int32(45_296)), n);
    let customers = || Column::new_scalar("customer".into(), Scalar::new(DataType::Int32, AnyValue::Int32(7)), n);
    write("rle2.parquet", vec![dates(), customers()]);
    // (a date column alone is a ledger — issue 21 — so the lone column is a customer)
    write("rle1.parquet", vec![customers()]);
    let size = std::fs::metadata(dir.path().join("rle2.parquet")).map(|m| m.len()).unwrap_or(0);
    assert!(size < 2_000_000, "a small file: {size} bytes");
    refused(dir.path(), &["check", "rle2.parquet"], "row group 1 holds 30000000 rows × 2 columns");
    // one column in one group is within max_cells, but not within the memory budget
    refused(dir.path(), &["check", "rle1.parquet"], "its 30000000 rows in 1 row group would take about");
}

#[test]
fn a_200_mb_csv_line_is_refused_before_it_is_held() {
    let dir = tempdir();
    let path = dir.path().join("long_line.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    f.write_all(b"received_date,customer\n2025-01-05,").expect("w");
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..200 {
        f.write_all(&chunk).expect("w");
    }
    f.write_all(b"\n").expect("w");
    f.flush().expect("flush");
    drop(f);
    refused(dir.path(), &["check", "long_line.csv"], "line 2 is longer than 16 MB");
}

#[test]
fn side_files_that_never_end_and_special_inputs() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let sample = sample.to_str().unwrap_or("");
    for flag in ["--holidays", "--config", "--shipments"] {
        refused(dir.path(), &["report", sample, flag, "/dev/zero", "--out", "out"], "not a regular file");
    }
    if Command::new("mkfifo").arg(dir.path().join("pipe.csv")).status().is_ok_and(|s| s.success()) {
        refused(dir.path(), &["check", "pipe.csv"], "named pipe");
    }
    refused(dir.path(), &["check", "/dev/null"], "not a regular file");
    refused(dir.path(), &["check", "missing.csv"], "no such file or folder");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn flags_out_of_range_are_refused_before_reading() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let sample = sample.to_str().unwrap_or("");
    for (flag, value, expected) in [
        ("--target-days", "2147483648", "--target-days 2147483648 is out of range"),
        ("--recurrence-window", "2147483648", "--recurrence-window 2147483648 is out of range"),
        ("--months", "100000", "--months 100000 is out of range"),
        ("--months", "0", "--months 0 is out of range"),
        ("--top", "0", "--top 0 is out of range"),
        ("--period", "2025-13", "--period '2025-13' is not a month"),
        ("--period", "1901-01", "--period '1901-01' is outside the months a report can cover, 1950-01 to 2199-12"),
        ("--period", "2200-01", "--period '2200-01' is outside the months a report can cover, 1950-01 to 2199-12"),
        ("--as-of", "2025-02-30", "--as-of '2025-02-30' is not a date"),
        (
            "--as-of",
            "1901-01-01",
            "--as-of '1901-01-01' is outside the dates a report can cover, 1950-01-01 to 2199-12-31",
        ),
        (
            "--as-of",
            "2200-01-01",
            "--as-of '2200-01-01' is outside the dates a report can cover, 1950-01-01 to 2199-12-31",
        ),
        ("--on-time-goal", "1.5", "--on-time-goal 1.5 is not a fraction"),
        ("--recurrence-key", "product,closed_date", "'closed_date' is a date or an amount"),
    ] {
        refused(dir.path(), &["report", sample, flag, value, "--out", "out"], expected);
    }
    refused(dir.path(), &["check", sample, "--map", "recieved=Date"], "'recieved' is not a field");
    std::fs::write(dir.path().join("bad.toml"), "[report]\ntarget = 5\n").expect("write");
    refused(dir.path(), &["check", sample, "--config", "bad.toml"], "config 'bad.toml' is not valid");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn ledger_text_cannot_steer_the_terminal_or_break_the_svg() {
    let dir = tempdir();
    let evil = "evil\u{1b}[2J.csv";
    let text = "received_date,customer,product,defect_type\n\
                2025-10-01,\u{1b}[31mACME\u{1b}[0m,P,이\u{1f}물\n\
                2025-10-02,ACME,P,이\u{1f}물\n\
                2025-10-03,ACME,P,이\u{1f}물\n\
                not a date \u{1b}]0;pwned\u{7},ACME,P,외관\n";
    std::fs::write(dir.path().join(evil), text).expect("write");
    let check = bounded(dir.path(), &["check", evil]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(!check.stdout.contains('\u{1b}') && !check.stdout.contains('\u{7}'), "{:?}", check.stdout);
    assert!(check.stdout.contains("\\x1b"), "the escape is shown: {}", check.stdout);
    let report = bounded(dir.path(), &["report", evil, "--out", "out"]);
    assert_eq!(report.code, Some(0), "{}", report.stderr);
    assert!(!report.stdout.contains('\u{1b}'), "{:?}", report.stdout);
    for entry in std::fs::read_dir(dir.path().join("out/charts")).expect("charts").flatten() {
        let path: PathBuf = entry.path();
        if path.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&path).expect("svg");
            let bad = svg.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
            assert_eq!(bad, None, "{}", path.display());
        }
    }
}

#[test]
fn truncated_xls_files_found_by_the_fuzzer_are_errors_not_panics() {
    // found by `cargo fuzz run xls_container` (patches/README.md, fixes 5, 6,
    // 8, 10): a sector that starts past the end; a FAT sector cut short; a
    // formula longer than its record; BIFF records shorter than their fields
    for fixture in [
        "xls_sector_past_end.xls",
        "xls_sector_cut_short.xls",
        "xls_formula_past_record.xls",
        "xls_record_cut_short.xls",
    ] {
        let dir = tempdir();
        std::fs::copy(repo().join("tests/fixtures/fuzz").join(fixture), dir.path().join("cut.xls")).expect("copy");
        let run = refused(dir.path(), &["check", "cut.xls"], "cut.xls");
        assert!(!run.stderr.contains("the spreadsheet reader failed"), "{fixture}: {}", run.stderr);
    }
}

/// The cell records of `.xls` bytes (LabelSst: type 0x00FD, length 10).
fn label_sst_records(b: &[u8]) -> Vec<usize> {
    b.windows(4).enumerate().filter(|(_, w)| *w == [0xFD, 0x00, 0x0A, 0x00]).map(|(i, _)| i).collect()
}

#[test]
fn an_xls_cell_moved_to_the_far_corner_is_refused_not_a_137_gb_range() {
    // a 4-byte change: one cell's row and column set to 65,535 made the dense
    // range 65,536 × 65,536 cells (calamine patch 7)
    let dir = tempdir();
    let mut b = legacy_xls();
    let at = *label_sst_records(&b).first().expect("a LabelSst record");
    b[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    std::fs::write(dir.path().join("far.xls"), &b).expect("write");
    let run = refused(dir.path(), &["check", "far.xls"], "65536 rows × 65536 columns");
    assert!(run.stderr.contains("Ctrl+End"), "{}", run.stderr);
}

/// A minimal .ods whose one sheet holds `rows` (table-row elements).
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"S\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    out.start_file("mimetype", stored).expect("zip");
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("zip");
    out.start_file("META-INF/manifest.xml", deflated).expect("zip");
    out.write_all(manifest.as_bytes()).expect("zip");
    out.start_file("content.xml", deflated).expect("zip");
    out.write_all(content.as_bytes()).expect("zip");
    out.finish().expect("zip").into_inner()
}

#[test]
fn an_ods_of_repeated_columns_is_refused_within_the_budget() {
    // 20,000 rows of one value repeated over 16,384 columns: 11 KB that
    // asked for 330 million cells and aborted the process (calamine patch 7)
    let dir = tempdir();
    let row = "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>";
    let bytes = ods(&row.repeat(20_000));
    assert!(bytes.len() < 50_000, "a small file: {} bytes", bytes.len());
    std::fs::write(dir.path().join("wide.ods"), &bytes).expect("write");
    refused(dir.path(), &["check", "wide.ods"], "save the workbook as .xlsx or CSV");
    // a genuine small .ods still reads
    let header = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>접수일</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>불량유형</text:p></table:table-cell></table:table-row>";
    let data = "<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2025-01-05\"/><table:table-cell office:value-type=\"string\"><text:p>이물</text:p></table:table-cell></table:table-row>";
    std::fs::write(dir.path().join("fine.ods"), ods(&format!("{header}{}", data.repeat(3)))).expect("write");
    let run = bounded(dir.path(), &["check", "fine.ods", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    assert_eq!(v["data_quality"]["accepted"], 3, "{}", run.stderr);
}

/// Whether some process maps `path` (read from `/proc/*/maps`; Linux).
fn mapped_by_a_process(path: &Path) -> bool {
    let name = path.to_string_lossy();
    std::fs::read_dir("/proc").into_iter().flatten().flatten().any(|p| {
        std::fs::read_to_string(p.path().join("maps")).is_ok_and(|maps| maps.lines().any(|l| l.ends_with(&*name)))
    })
}

#[test]
fn a_csv_cut_short_while_it_is_read_is_refused_by_name() {
    // an export still being written, a file on a share replaced: a mapped
    // CSV that shrinks under the reader ended the run with SIGBUS (exit 135)
    if !Path::new("/proc/self/maps").exists() {
        skipped("no /proc/*/maps to see when the file is mapped — the truncation test is skipped");
        return;
    }
    let dir = tempdir();
    let path = dir.path().join("cut.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    f.write_all(b"received_date,customer,product,defect_type\n").expect("w");
    let mut written = 0u64;
    while written < 72 << 20 {
        let line = format!(
            "2025-{:02}-{:02},ACME {},P-{},이물\n",
            written % 12 + 1,
            written % 28 + 1,
            written % 97,
            written % 13
        );
        f.write_all(line.as_bytes()).expect("w");
        written += line.len() as u64;
    }
    f.flush().expect("flush");
    drop(f);
    let path = path.canonicalize().expect("path");
    // the writer: once the reader has mapped the file, cut it to 100 kB
    // (the issue's `truncate -s 100000`), then shorter while it reads
    let truncating_writer = || {
        let start = Instant::now();
        while !mapped_by_a_process(&path) && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let file = std::fs::OpenOptions::new().write(true).open(&path).expect("open");
        for len in [100_000u64, 60_000, 20_000] {
            file.set_len(len).expect("truncate");
            std::thread::sleep(Duration::from_millis(30));
        }
    };
    let run = run_limited_while(dir.path(), &["report", "cut.csv", "--out", "out"], truncating_writer);
    assert_eq!(run.code, Some(2), "a message, not a signal: {}", run.stderr);
    assert!(
        run.stderr.contains("cannot use 'cut.csv': the file changed while it was read"),
        "names the file: {}",
        run.stderr
    );
    assert!(!dir.path().join("out").exists(), "no report from a file that changed");
}

#[test]
fn a_parquet_file_of_30_encoded_row_groups_is_refused_by_its_decoded_size() {
    // 30 row groups of 1M rows each: every group is within max_cells, but
    // the whole file would take ~7.6 GB once read (issue 22)
    use polars::prelude::*;
    let dir = tempdir();
    let write = |name: &str, rows: usize, group: usize| {
        let scalar = |name: &str, v: i32| {
            Column::new_scalar(name.into(), Scalar::new(DataType::Int32, AnyValue::Int32(v)), rows)
        };
        let mut df = DataFrame::new(rows, vec![scalar("received_date", 45_296), scalar("customer", 7)]).expect("frame");
        let file = std::fs::File::create(dir.path().join(name)).expect("create");
        ParquetWriter::new(file).with_row_group_size(Some(group)).finish(&mut df).expect("parquet");
    };
    write("rle30.parquet", 30_000_000, 1_000_000);
    let size = std::fs::metadata(dir.path().join("rle30.parquet")).map(|m| m.len()).unwrap_or(0);
    assert!(size < 2_000_000, "a small file: {size} bytes");
    let file = std::fs::File::open(dir.path().join("rle30.parquet")).expect("open");
    let groups = ParquetReader::new(file).get_metadata().map(|m| m.row_groups.len()).unwrap_or(0);
    assert_eq!(groups, 30);
    let run = refused(
        dir.path(),
        &["check", "rle30.parquet"],
        "cannot use 'rle30.parquet': its 30000000 rows in 30 row groups",
    );
    assert!(run.stderr.contains("more than the memory budget max_inflated_mb (4000)"), "{}", run.stderr);
    // the same columns in a file of a genuine size are a ledger, read whole
    write("small.parquet", 3_000, 100);
    let run = bounded(dir.path(), &["check", "small.parquet", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    assert_eq!(v["data_quality"]["accepted"], 3_000);
}

#[test]
fn messages_quote_a_few_hundred_characters_on_one_line() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let sample = sample.to_str().unwrap_or("");
    // a TOML nesting bomb: one line of 600 KB
    let bomb = format!("a = {}{}\n", "[".repeat(300_000), "]".repeat(300_000));
    std::fs::write(dir.path().join("bomb.toml"), bomb).expect("write");
    let run = refused(dir.path(), &["check", sample, "--config", "bomb.toml"], "config 'bomb.toml' is not valid");
    assert!(run.stderr.len() < 2_000, "{} bytes: {}", run.stderr.len(), &run.stderr[..run.stderr.len().min(2_000)]);
    // a line break in a file name or --out is shown, not printed
    std::fs::write(dir.path().join("new\nline.csv"), "not,a\nledger,at all\n").expect("write");
    let run = refused(dir.path(), &["check", "new\nline.csv"], "cannot use 'new\\nline.csv': no ledger found");
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    let run = bounded(dir.path(), &["report", sample, "--out", "out\nerror: x"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Wrote out\\nerror: x: "), "{}", run.stdout);
    assert!(!run.stdout.lines().any(|l| l.starts_with("error: x")), "{}", run.stdout);
    std::fs::write(dir.path().join("bad.csv"), "x").expect("write");
    let run = refused(dir.path(), &["report", "bad.csv", "--out", "out\nerror: y/z"], "no ledger found");
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(!dir.path().join("out\nerror: y").exists(), "nothing made for a run that failed");
    // holidays set in the config say nothing about a flag that was not given
    std::fs::write(dir.path().join("h.toml"), "[report]\nholidays = [\"2025-10-03\"]\n").expect("write");
    let run = bounded(dir.path(), &["report", sample, "--config", "h.toml", "--out", "h"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("--holidays"), "{}", run.stderr);
    assert!(run.stderr.contains("the config's holidays count business days"), "{}", run.stderr);
}
