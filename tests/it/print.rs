//! The print rule read back from the package (issue 27): every sheet of the
//! workbook prints on A4 landscape with no text below 8 pt. The effective
//! scale is computed here from the sheet's XML alone — column widths, row
//! heights, chart anchors, the print area and the fit settings — the way a
//! spreadsheet computes it, independently of the writer's own arithmetic.

use crate::common::*;
use std::io::Read;
use std::path::Path;

/// The body font is 10 pt: 80 % prints it at 8 pt.
const MIN_SCALE: f64 = 80.0;
/// A4 landscape (297 × 210 mm) less the default margins (0.7" left and
/// right, 0.75" top and bottom), in points.
const PAGE_W: f64 = 841.89 - 2.0 * 0.7 * 72.0;
const PAGE_H: f64 = 595.28 - 2.0 * 0.75 * 72.0;

/// The part `name` of the package, if there.
fn part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Option<String> {
    let mut out = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut out).ok()?;
    Some(out)
}

/// The value of `attr="…"` inside the first `<tag …>` of `xml`.
fn attr(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let open = format!("<{tag}");
    let start = xml.find(&open)?;
    let end = start + xml[start..].find('>')?;
    attr_in(&xml[start..end], attr)
}

/// The value of `attr="…"` in the element text `el`.
fn attr_in(el: &str, attr: &str) -> Option<String> {
    let key = format!(" {attr}=\"");
    let i = el.find(&key)? + key.len();
    Some(el[i..i + el[i..].find('"')?].to_string())
}

/// Every `<tag …>` element of `xml` (its text up to `>`).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = xml[at..].find(&open) {
        let s = at + i;
        let e = s + xml[s..].find('>').unwrap_or(xml.len() - s);
        out.push(&xml[s..e]);
        at = e;
    }
    out
}

/// `AB` → 27 (1-based).
fn col_number(letters: &str) -> u32 {
    letters.chars().fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1))
}

/// `$B$7` or `B7` → (column, row), 1-based.
fn cell(r: &str) -> (u32, u32) {
    let r = r.replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
    (col_number(&r[..split]), r[split..].parse().unwrap_or(1))
}

/// A column's `<col width>` as points: the stored width counts its padding
/// already (the default 8.43 characters are stored as 9.140625 = 64 px / 7),
/// 7 px a unit, 0.75 pt a px.
fn col_points(width: f64) -> f64 {
    (width * 7.0).round() * 0.75
}

/// What one sheet prints.
#[derive(Debug)]
struct Printed {
    name: String,
    /// The scale a spreadsheet prints at, in percent.
    scale: f64,
    /// Pages across and down at that scale.
    pages_wide: u32,
    pages_tall: u32,
    repeats_rows: bool,
    /// Manual page breaks above tables stacked down the sheet.
    row_breaks: bool,
    /// The print area is the header row (and the note above it) alone: a
    /// page of one strip, which no sheet may print (the Data sheet did).
    reference_only: bool,
}

/// The content of a sheet: the print area if set, otherwise the used
/// range and every chart.
fn printed(path: &Path) -> Vec<Printed> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let book = part(&mut zip, "xl/workbook.xml").expect("workbook.xml");
    let names: Vec<String> = elements(&book, "sheet").iter().map(|s| attr_in(s, "name").expect("sheet name")).collect();
    let defined = |kind: &str, i: usize| -> Option<String> {
        let open = format!("<definedName name=\"_xlnm.{kind}\" localSheetId=\"{i}\">");
        let s = book.find(&open)? + open.len();
        Some(book[s..s + book[s..].find('<')?].to_string())
    };
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let xml = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1)).expect("sheet xml");
        // column widths (1-based), the default for the others
        let default_w: f64 =
            attr(&xml, "sheetFormatPr", "defaultColWidth").and_then(|w| w.parse().ok()).unwrap_or(64.0 / 7.0);
        let mut widths: Vec<f64> = Vec::new();
        for c in elements(&xml, "col") {
            let (min, max): (usize, usize) = (
                attr_in(c, "min").and_then(|x| x.parse().ok()).unwrap_or(1),
                attr_in(c, "max").and_then(|x| x.parse().ok()).unwrap_or(1),
            );
            let w: f64 = attr_in(c, "width").and_then(|x| x.parse().ok()).unwrap_or(default_w);
            if widths.len() < max.min(200) {
                widths.resize(max.min(200), default_w);
            }
            for k in min..=max.min(200) {
                widths[k - 1] = w;
            }
        }
        let col_w = |c: u32| widths.get(c as usize - 1).copied().unwrap_or(default_w);
        let x_of = |c: u32| -> f64 { (1..c).map(|k| col_points(col_w(k))).sum() };
        let default_h: f64 =
            attr(&xml, "sheetFormatPr", "defaultRowHeight").and_then(|h| h.parse().ok()).unwrap_or(15.0);
        let mut heights = std::collections::BTreeMap::new();
        for r in elements(&xml, "row") {
            if let (Some(n), Some(h)) = (attr_in(r, "r"), attr_in(r, "ht")) {
                heights.insert(n.parse::<u32>().unwrap_or(0), h.parse::<f64>().unwrap_or(default_h));
            }
        }
        let y_of = |r: u32| -> f64 { (1..r).map(|k| heights.get(&k).copied().unwrap_or(default_h)).sum() };
        // the used range, widened by the charts
        let dim = attr(&xml, "dimension", "ref").unwrap_or_else(|| "A1".into());
        let (mut right, mut bottom) = cell(dim.split(':').next_back().unwrap_or("A1"));
        let (mut width, mut height) = (x_of(right + 1), y_of(bottom + 1));
        if xml.contains("<drawing ") {
            let rels = part(&mut zip, &format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1)).unwrap_or_default();
            for target in elements(&rels, "Relationship").iter().filter_map(|r| attr_in(r, "Target")) {
                let Some(file) = target.strip_prefix("../drawings/") else { continue };
                let drawing = part(&mut zip, &format!("xl/drawings/{file}")).unwrap_or_default();
                for to in drawing.split("<xdr:to>").skip(1) {
                    let n = |tag: &str| -> f64 {
                        let open = format!("<xdr:{tag}>");
                        to.find(&open)
                            .map(|s| &to[s + open.len()..])
                            .and_then(|t| t[..t.find('<').unwrap_or(0)].parse().ok())
                            .unwrap_or(0.0)
                    };
                    // EMU: 12,700 per point
                    width = width.max(x_of(n("col") as u32 + 1) + n("colOff") / 12_700.0);
                    height = height.max(y_of(n("row") as u32 + 1) + n("rowOff") / 12_700.0);
                }
            }
        }
        // a print area replaces all of that
        if let Some(area) = defined("Print_Area", i) {
            let range = area.rsplit('!').next().unwrap_or("");
            let (a, b) = range.split_once(':').unwrap_or((range, range));
            if !a.contains(|c: char| c.is_ascii_digit()) {
                // whole columns (`$A:$K`: a helper table right of them on
                // screen only): the used rows, those columns
                let (c0, c1) = (cell(a).0, cell(b).0);
                right = c1;
                width = x_of(c1 + 1) - x_of(c0);
            } else if is_rows(a) {
                // whole rows (`$3:$1048576`: the title rows left out): the
                // used range's columns, from the first row named
                let r0: u32 = a.trim_start_matches('$').parse().unwrap_or(1);
                height = y_of(bottom + 1) - y_of(r0);
            } else {
                let ((c0, r0), (c1, r1)) = (cell(a), cell(b));
                (right, bottom) = (c1, r1);
                width = x_of(c1 + 1) - x_of(c0);
                height = y_of(r1 + 1) - y_of(r0);
            }
        }
        let _ = (right, bottom);
        let fit = attr(&xml, "pageSetUpPr", "fitToPage").is_some_and(|v| v == "1" || v == "true");
        let setup = |a: &str| attr(&xml, "pageSetup", a).and_then(|x| x.parse::<f64>().ok());
        let scale = if fit {
            let (fw, fh) = (setup("fitToWidth").unwrap_or(1.0), setup("fitToHeight").unwrap_or(1.0));
            let mut s: f64 = 100.0;
            if fw > 0.0 {
                s = s.min(100.0 * fw * PAGE_W / width);
            }
            if fh > 0.0 {
                s = s.min(100.0 * fh * PAGE_H / height);
            }
            s.max(10.0)
        } else {
            setup("scale").unwrap_or(100.0)
        };
        out.push(Printed {
            name: name.clone(),
            scale,
            pages_wide: (width * scale / 100.0 / PAGE_W).ceil().max(1.0) as u32,
            pages_tall: (height * scale / 100.0 / PAGE_H).ceil().max(1.0) as u32,
            // `'Trend'!$A:$A,'Trend'!$4:$4`: the rows are the part of digits
            repeats_rows: defined("Print_Titles", i).is_some_and(|t| t.split(',').any(is_rows)),
            row_breaks: xml.contains("<rowBreaks"),
            reference_only: defined("Print_Area", i).filter(|a| a.contains(|c: char| c.is_ascii_digit())).is_some_and(
                |a| {
                    let rows: Vec<u32> = a.split(':').map(|c| cell(c.rsplit('!').next().unwrap_or("")).1).collect();
                    rows.windows(2).all(|w| w[1] <= w[0] + 1)
                },
            ),
        });
    }
    out
}

/// `'Trend'!$4:$4` names rows; `'Trend'!$A:$A` columns.
fn is_rows(part: &str) -> bool {
    part.rsplit('!').next().is_some_and(|r| r.trim_start_matches('$').starts_with(|c: char| c.is_ascii_digit()))
}

fn describe(p: &Printed) -> String {
    format!(
        "{:<14} scale {:>5.1} %  {} × {} pages{}{}{}",
        p.name,
        p.scale,
        p.pages_wide,
        p.pages_tall,
        if p.repeats_rows { ", header repeated" } else { "" },
        if p.row_breaks { ", tables start pages" } else { "" },
        if p.reference_only { " (its print area is its header row alone)" } else { "" }
    )
}

/// Every sheet of the workbook at `path` prints at 80 % or more; one that
/// runs over several pages down repeats its header rows or starts its
/// tables on pages of their own. No sheet prints its header row alone (the
/// Data sheet prints one page of its first rows and columns).
fn assert_readable(path: &Path, what: &str) {
    let sheets = printed(path);
    assert!(!sheets.is_empty(), "{what}: no sheets");
    for p in &sheets {
        eprintln!("{what}: {}", describe(p));
    }
    for p in &sheets {
        assert!(!p.reference_only, "{what}: sheet {} prints its header row alone", p.name);
        assert!(p.scale >= MIN_SCALE - 0.05, "{what}: sheet {} prints at {:.1} % (text below 8 pt)", p.name, p.scale);
        if p.pages_tall > 1 {
            assert!(
                p.repeats_rows || p.row_breaks,
                "{what}: sheet {} runs to {} pages without a repeated header",
                p.name,
                p.pages_tall
            );
        }
    }
}

#[test]
fn every_sheet_of_the_sample_prints_at_8_pt_or_more() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    for lang in ["ko", "en"] {
        let out = format!("out-{lang}");
        let o = run_in(dir.path(), &["report", sample.to_str().unwrap_or(""), "--out", &out, "--lang", lang]);
        assert!(o.status.success(), "{}", stderr(&o));
        let book = std::fs::read_dir(dir.path().join(&out))
            .expect("out")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
            .expect("a workbook");
        assert_readable(&book, &format!("sample {lang}"));
    }
}

#[test]
fn the_scale_is_computed_from_the_package() {
    // hand-computed: a stored width of 20 is 140 px = 105 pt; 10 such
    // columns are 1,050 pt, fitted to one page width 741.1 / 1,050 = 70.6 %
    assert_eq!(col_points(20.0), 105.0);
    assert_eq!(col_points(64.0 / 7.0), 48.0);
    assert!((100.0 * PAGE_W / (10.0 * col_points(20.0)) - 70.58).abs() < 0.01);
    assert_eq!(cell("$AD$1"), (30, 1));
    assert_eq!(cell("H40"), (8, 40));
    assert!(is_rows("'Trend'!$4:$4") && !is_rows("'Trend'!$A:$A"));
}

/// The scales of any workbooks, for a look at a real export:
/// `PRINT_CHECK=a.xlsx:b.xlsx cargo test --test it print:: -- --ignored --nocapture`
#[test]
#[ignore = "reads the workbooks named by PRINT_CHECK"]
fn scales_of_the_workbooks_named() {
    let paths = std::env::var("PRINT_CHECK").unwrap_or_default();
    for path in paths.split(':').filter(|p| !p.is_empty()) {
        for p in printed(Path::new(path)) {
            println!("{path}: {}", describe(&p));
        }
    }
}

#[test]
fn an_overdue_list_of_one_file_names_it_once_and_hides_the_columns_nobody_fills() {
    // an export with no product, description, action, department or status:
    // five columns of the Overdue list would print empty, and the file's
    // name in every row's source made each row taller
    let dir = tempdir();
    let mut csv = String::from("Complaint ID,Received date,Closed date,Defect type,Customer\n");
    for d in 1..=9 {
        csv.push_str(&format!("C-{d},2025-10-0{d},,Late delivery,Acme Corporation\n"));
    }
    csv.push_str("C-10,2025-10-30,2025-10-31,Late delivery,Acme Corporation\n");
    let name = "a_rather_long_export_name_from_the_complaints_system_2025.csv";
    std::fs::write(dir.path().join(name), csv).expect("write");
    let o = run_in(dir.path(), &["report", name, "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("out/complaint_report_2025-10.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("xlsx");
    let names = calamine::Reader::sheet_names(&wb);
    let i = names.iter().position(|n| n == "Overdue").expect("an Overdue sheet");
    let sheet = calamine::Reader::worksheet_range(&mut wb, "Overdue").expect("overdue");
    let at = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(at(2, 1), format!("Source file (of every row): {name}"));
    assert_eq!(at(3, 13), "Source row");
    // the oldest first: received 2025-10-01, the CSV's row 2
    assert_eq!((at(4, 0).as_str(), at(4, 13).as_str()), ("C-1", "2"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let xml = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1)).expect("sheet xml");
    let span = |c: &str, a: &str| attr_in(c, a).and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
    let hidden: Vec<u32> = elements(&xml, "col")
        .iter()
        .filter(|c| attr_in(c, "hidden").as_deref() == Some("1"))
        .flat_map(|c| span(c, "min")..=span(c, "max"))
        .collect();
    // product (G), description (I), action (J), department (K), status (M);
    // the owner column stays: "no owner" is what it says
    assert_eq!(hidden, [7, 9, 10, 11, 13]);
    assert_readable(&path, "an export of five columns");
}

#[test]
fn a_long_overdue_list_prints_its_oldest_and_says_so() {
    // 130 complaints open past the target: the sheet holds all of them, the
    // print area its title, header and the oldest that three pages hold;
    // the page header says how many of all
    let dir = tempdir();
    let mut csv = String::from("Complaint ID,Received date,Closed date,Defect type,Department\n");
    for k in 0..130 {
        let day = 1 + k % 28;
        csv.push_str(&format!("C-{k:03},2025-09-{day:02},,Late delivery,Team {}\n", k % 3));
    }
    csv.push_str("C-999,2025-10-30,2025-10-31,Late delivery,Team 0\n");
    std::fs::write(dir.path().join("ledger.csv"), csv).expect("write");
    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("out/complaint_report_2025-10.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("xlsx");
    let sheet = calamine::Reader::worksheet_range(&mut wb, "Overdue").expect("overdue");
    let at = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert!(at(0, 0).starts_with("Overdue complaints — 130"), "{}", at(0, 0));
    // every complaint on the sheet, the oldest first
    assert_eq!(at(3, 0), "Complaint ID");
    assert_eq!(sheet.rows().skip(4).take_while(|r| r[0].to_string().starts_with("C-")).count(), 130);
    // one-line rows: 38 on the first page at 80 % under the title, 41 on
    // the next two; the print area ends at the 120th complaint (row 124)
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let book = part(&mut zip, "xl/workbook.xml").expect("workbook.xml");
    let names: Vec<String> = elements(&book, "sheet").iter().map(|s| attr_in(s, "name").expect("name")).collect();
    let i = names.iter().position(|n| n == "Overdue").expect("an Overdue sheet");
    let open = format!("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"{i}\">");
    let area = book.split(&open).nth(1).and_then(|s| s.split('<').next()).expect("a print area");
    assert!(area.ends_with("$124"), "{area}");
    let xml = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1)).expect("sheet xml");
    assert!(
        xml.contains("Overdue · Printed: the 120 oldest of 130 (the whole list and the count per department"),
        "{xml:.2000}"
    );
    assert_readable(&path, "a long overdue list");
}

#[test]
fn a_pareto_of_many_types_prints_the_window_up_to_ninety_percent() {
    // 60 defect types, one complaint each in the month, the first ten with
    // more earlier: the window's table holds all 60 on screen; printed, the
    // types up to 90 % of the window's complaints (at least 20 rows)
    let dir = tempdir();
    let mut csv = String::from("Complaint ID,Received date,Closed date,Defect type\n");
    let mut id = 0;
    for t in 0..60 {
        let earlier = if t < 10 { 40 } else { 0 };
        for k in 0..=earlier {
            id += 1;
            let date = if k == 0 { "2025-10-15".to_string() } else { format!("2025-{:02}-10", 1 + k % 9) };
            csv.push_str(&format!("C-{id},{date},{date},Type {t:02}\n"));
        }
    }
    std::fs::write(dir.path().join("ledger.csv"), csv).expect("write");
    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("out/complaint_report_2025-10.xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let book = part(&mut zip, "xl/workbook.xml").expect("workbook.xml");
    let names: Vec<String> = elements(&book, "sheet").iter().map(|s| attr_in(s, "name").expect("name")).collect();
    let i = names.iter().position(|n| n == "Pareto").expect("a Pareto sheet");
    let xml = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1)).expect("sheet xml");
    // 460 complaints, 410 of the first ten types (89.1 %); the 14th type
    // reaches 90.0 % (414): 20 rows print, the least, of 60
    assert!(
        xml.contains(
            "Pareto · Printed: the trend window's types up to 90 % of its complaints, 20 of 60 (the rest on screen)"
        ),
        "{}",
        xml.split("<oddHeader>").nth(1).unwrap_or("no header").chars().take(300).collect::<String>()
    );
    assert_readable(&path, "a Pareto of 60 types");
}
