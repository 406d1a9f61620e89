//! Legacy writers: the quality team's master workbook (year sheets, code
//! table, guide) and the cell styles the legacy workbooks share.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::catalogue::Catalogue;
use super::claim::{qty_text, Claim};
use super::dates::{add_days, excel_serial, fixed_datetime, text_date};
use super::population::{master_rows, Closed, Complaint, Population, Reexport, Status, Tag};
use super::procedure::{cost_text, Extra, Procedure, BIG_CLAIM};
use super::rng::Rng;
use super::tally::Tally;
use super::vocabulary::{
    ACTIONS, BAD_DATES, CHANNELS, CUSTOMERS, DEFECTS, DEFECT_NOTES, DEPARTMENTS, DESCRIPTIONS, FONT, NOTE_MASTER,
    OWNERS, PLANTS,
};

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) plain: Format,
    pub(super) approval: Format,
    pub(super) sign: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) center: Format,
    pub(super) date: Format,
    pub(super) serial: Format,
    pub(super) money: Format,
    pub(super) merged: Format,
    pub(super) subtotal: Format,
    pub(super) note: Format,
}

pub(super) fn styles() -> Styles {
    let base = Format::new().set_font_name(FONT).set_font_size(10);
    let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let center = cell.clone().set_align(FormatAlign::Center);
    Styles {
        title: base
            .clone()
            .set_font_size(18)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        plain: base.clone(),
        approval: center.clone().set_bold().set_background_color(0xF2F2F2),
        sign: center.clone(),
        header: center.clone().set_bold().set_text_wrap().set_background_color(0xD9E1F2),
        text: cell.clone(),
        date: center.clone().set_num_format("yyyy-mm-dd"),
        serial: center.clone(),
        money: cell.clone().set_num_format("#,##0"),
        merged: cell.clone(),
        subtotal: center.clone().set_bold().set_background_color(0xF2F2F2),
        note: base.clone().set_font_size(9).set_italic(),
        center,
    }
}

pub(super) fn doc_properties(title: &str, created: &NaiveDateTime) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_author("품질경영팀")
        .set_company("(주)대성플라텍")
        .set_creation_datetime(created)
}

/// Writes a date as a date cell, a text form, or a bare serial number.
fn write_mixed_date(
    ws: &mut Worksheet,
    st: &Styles,
    rng: &mut Rng,
    (r, col): (u32, u16),
    d: NaiveDate,
    (p_text, p_serial): (f64, f64),
) -> Result<()> {
    let x = rng.f64();
    if x < p_serial {
        ws.write_number_with_format(r, col, excel_serial(d), &st.serial)?;
    } else if x < p_serial + p_text {
        let form = rng.below(7);
        ws.write_string_with_format(r, col, text_date(d, form), &st.center)?;
    } else {
        ws.write_number_with_format(r, col, excel_serial(d), &st.date)?;
    }
    Ok(())
}

/// Header labels; a two-row group's labels sit under its parent (below).
const MASTER_HEADERS: [&str; 24] = [
    "No",
    "접수번호",
    "접수일",
    "고객사",
    "제품명",
    "로트번호",
    "불량유형",
    "불만내용",
    "접수경로",
    "담당부서",
    "담당자",
    "완료일",
    "조치내용",
    "상태",
    "회신요청일",
    "통보일",
    "번호",
    "기한",
    "완료일",
    "효과확인일",
    "부적합",
    "비용",
    "불량수량",
    "귀책",
];
const MASTER_WIDTHS: [f64; 24] = [
    5.0, 12.0, 11.5, 14.0, 19.0, 12.0, 9.0, 30.0, 8.0, 11.0, 8.0, 11.5, 28.0, 7.0, 11.5, 11.5, 14.0, 11.5, 11.5, 11.5,
    7.0, 12.0, 9.0, 8.0,
];
/// Two-row header groups: (parent, first column, last column).
const MASTER_GROUPS: [(&str, u16, u16); 3] = [("처리결과", 11, 12), ("고객통보", 14, 15), ("시정조치", 16, 19)];
/// Columns of the master ledger that hold `처리결과`'s two sub-columns.
const COL_CLOSED: u16 = 11;
const COL_ACTION: u16 = 12;
const COL_STATUS: u16 = 13;
/// `고객통보`: reply due, notified.
const COL_REPLY_DUE: u16 = 14;
const COL_NOTIFIED: u16 = 15;
/// `시정조치`: number, due, completed, verified.
const COL_CAPA: u16 = 16;
const COL_NC: u16 = 20;
const COL_COST: u16 = 21;
/// The claim columns (docs/metrics.md §12, §13), added last.
const COL_QTY: u16 = 22;
const COL_RESPONSIBILITY: u16 = 23;

/// What the master ledger shows for closing (updates make it lag the truth).
fn master_closing(c: &Complaint) -> (Closed, Status) {
    match c.tag {
        Tag::Reexported(Reexport::OpenInMaster) | Tag::CarryOver => (Closed::Open, Status::InProgress),
        Tag::Reexported(Reexport::EarlierClose(k)) => match c.closed {
            Closed::Date(d) => (Closed::Date(add_days(d, -k)), Status::Done),
            other => (other, c.status()),
        },
        _ => (c.closed, c.status()),
    }
}

/// Random streams of the master writer: `main` draws what the ledger always
/// had, `extra` the procedure's columns (so adding them changed no old cell).
struct Streams {
    main: Rng,
    extra: Rng,
}

fn write_optional_date(
    ws: &mut Worksheet,
    st: &Styles,
    rng: &mut Rng,
    at: (u32, u16),
    d: Option<NaiveDate>,
) -> Result<()> {
    match d {
        Some(d) => write_mixed_date(ws, st, rng, at, d, (0.10, 0.01)),
        None => {
            ws.write_blank(at.0, at.1, &st.center)?;
            Ok(())
        }
    }
}

/// Notification, CAPA and nonconforming cells of one row.
fn write_procedure_cells(ws: &mut Worksheet, st: &Styles, rng: &mut Rng, r: u32, ex: &Extra) -> Result<()> {
    write_optional_date(ws, st, rng, (r, COL_REPLY_DUE), ex.reply_due)?;
    write_optional_date(ws, st, rng, (r, COL_NOTIFIED), ex.notified)?;
    match &ex.capa {
        Some(row) => {
            ws.write_string_with_format(r, COL_CAPA, &row.written, &st.center)?;
            write_optional_date(ws, st, rng, (r, COL_CAPA + 1), row.due)?;
            write_optional_date(ws, st, rng, (r, COL_CAPA + 2), row.closed)?;
            write_optional_date(ws, st, rng, (r, COL_CAPA + 3), row.verified)?;
        }
        None => {
            for col in COL_CAPA..COL_CAPA + 4 {
                ws.write_blank(r, col, &st.center)?;
            }
        }
    }
    if ex.nc_master.is_empty() {
        ws.write_blank(r, COL_NC, &st.center)?;
    } else {
        ws.write_string_with_format(r, COL_NC, ex.nc_master, &st.center)?;
    }
    Ok(())
}

fn write_master_row(
    ws: &mut Worksheet,
    st: &Styles,
    streams: &mut Streams,
    (r, no): (u32, u32),
    (c, ex, claim, part): (&Complaint, &Extra, &Claim, &str),
    tally: &mut Tally,
) -> Result<()> {
    let rng = &mut streams.main;
    let core = &c.core;
    ws.write_number_with_format(r, 0, f64::from(no), &st.center)?;
    ws.write_string_with_format(r, 1, &c.id, &st.center)?;
    let received = match c.tag {
        Tag::RejectMissing => {
            ws.write_blank(r, 2, &st.center)?;
            tally.rejected_missing += 1;
            None
        }
        Tag::RejectBad(k) => {
            let text = BAD_DATES[k].replace("{Y}", &c.received.year().to_string());
            ws.write_string_with_format(r, 2, text, &st.center)?;
            tally.rejected_bad += 1;
            None
        }
        _ => {
            write_mixed_date(ws, st, rng, (r, 2), c.received, (0.10, 0.012))?;
            Some(c.received)
        }
    };
    if c.merge_len > 0 {
        let last = r + u32::from(c.merge_len) - 1;
        ws.merge_range(r, 3, last, 3, CUSTOMERS[core.customer].name, &st.merged)?;
    } else if !c.in_merge {
        ws.write_string_with_format(r, 3, CUSTOMERS[core.customer].name, &st.text)?;
    }
    ws.write_string_with_format(r, 4, part, &st.text)?;
    ws.write_string_with_format(r, 5, &c.lot, &st.center)?;
    ws.write_string_with_format(r, 6, DEFECTS[core.defect].0, &st.center)?;
    let desc = DESCRIPTIONS[core.defect][core.desc];
    let x = rng.f64();
    let desc = if x < 0.015 {
        format!("{desc}\n(고객 조립라인에서 발견)")
    } else if x < 0.03 {
        format!("{desc} ")
    } else {
        desc.to_string()
    };
    ws.write_string_with_format(r, 7, desc, &st.text)?;
    ws.write_string_with_format(r, 8, CHANNELS[core.channel].0, &st.center)?;
    ws.write_string_with_format(r, 9, DEPARTMENTS[core.dept], &st.center)?;
    ws.write_string_with_format(r, 10, OWNERS[core.dept][core.owner], &st.center)?;
    let (closed, status) = master_closing(c);
    match closed {
        Closed::Date(d) => write_mixed_date(ws, st, rng, (r, COL_CLOSED), d, (0.08, 0.01))?,
        Closed::DoneNoDate => {
            ws.write_string_with_format(r, COL_CLOSED, "완료", &st.center)?;
        }
        Closed::Open => {
            let x = rng.f64();
            if x < 0.35 {
                ws.write_string_with_format(r, COL_CLOSED, "진행중", &st.center)?;
            } else if x < 0.55 {
                ws.write_string_with_format(r, COL_CLOSED, "-", &st.center)?;
            } else {
                ws.write_blank(r, COL_CLOSED, &st.center)?;
            }
        }
    }
    if status == Status::Done {
        let action = ACTIONS[core.defect][core.action];
        ws.write_string_with_format(r, COL_ACTION, action, &st.text)?;
    } else if rng.chance(0.5) {
        ws.write_string_with_format(r, COL_ACTION, "원인 분석 중", &st.text)?;
    } else {
        ws.write_blank(r, COL_ACTION, &st.text)?;
    }
    ws.write_string_with_format(r, COL_STATUS, status.ledger_word(), &st.center)?;
    write_procedure_cells(ws, st, &mut streams.extra, r, ex)?;
    // The first draw decides text or number as it always did; the spelling
    // of the text comes from the procedure's stream.
    match core.cost {
        Some(won) if rng.chance(0.25) => {
            ws.write_string_with_format(r, COL_COST, cost_text(won, ex.cost_form), &st.money)?;
        }
        Some(won) if ex.cost_form >= 6 => {
            ws.write_string_with_format(r, COL_COST, cost_text(won, ex.cost_form), &st.money)?;
        }
        Some(won) => {
            ws.write_number_with_format(r, COL_COST, won as f64, &st.money)?;
        }
        None if ex.claim == Some(BIG_CLAIM.0) => {
            ws.write_string_with_format(r, COL_COST, BIG_CLAIM.1, &st.money)?;
        }
        None => {
            ws.write_blank(r, COL_COST, &st.money)?;
        }
    }
    write_claim_cells(ws, st, r, claim)?;
    tally.record(c, core.customer, part, received);
    Ok(())
}

/// 불량수량 (a number, now and then with a unit word) and 귀책.
fn write_claim_cells(ws: &mut Worksheet, st: &Styles, r: u32, claim: &Claim) -> Result<()> {
    match claim.qty {
        Some(qty) if claim.qty_form < 4 => {
            ws.write_string_with_format(r, COL_QTY, qty_text(qty, claim.qty_form), &st.money)?;
        }
        Some(qty) => {
            ws.write_number_with_format(r, COL_QTY, f64::from(qty), &st.money)?;
        }
        None => {
            ws.write_blank(r, COL_QTY, &st.money)?;
        }
    }
    match claim.responsibility {
        Some(word) => ws.write_string_with_format(r, COL_RESPONSIBILITY, word, &st.center)?,
        None => ws.write_blank(r, COL_RESPONSIBILITY, &st.center)?,
    };
    Ok(())
}

pub(super) fn write_total_row(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    (label, count): (&str, usize),
    width: u16,
    tally: &mut Tally,
) -> Result<()> {
    ws.write_string_with_format(r, 0, label, &st.subtotal)?;
    ws.write_string_with_format(r, 1, format!("{count}건"), &st.subtotal)?;
    for col in 2..width {
        ws.write_blank(r, col, &st.subtotal)?;
    }
    tally.subtotal += 1;
    Ok(())
}

fn write_year_sheet(
    wb: &mut Workbook,
    st: &Styles,
    streams: &mut Streams,
    (pop, proc): (&Population, &Procedure),
    year: i32,
    tally: &mut Tally,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(format!("{year}년"))?;
    ws.set_landscape();
    ws.set_paper_size(9);
    for (col, w) in MASTER_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    // Title and approval box.
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 36)?;
    let width = MASTER_HEADERS.len() as u16;
    // The approval box sits over the last four columns.
    let sign = width - 4;
    ws.merge_range(0, 0, 0, sign - 1, &format!("{year}년 고객불만 접수대장"), &st.title)?;
    ws.merge_range(0, sign, 1, sign, "결재", &st.approval)?;
    for (k, who) in ["담당", "검토", "승인"].iter().enumerate() {
        ws.write_string_with_format(0, sign + 1 + k as u16, *who, &st.approval)?;
        ws.write_blank(1, sign + 1 + k as u16, &st.sign)?;
    }
    ws.write_string_with_format(1, 0, "작성: 품질경영팀", &st.plain)?;
    // Two-row header.
    for (col, name) in MASTER_HEADERS.iter().enumerate() {
        let col = col as u16;
        if MASTER_GROUPS.iter().any(|&(_, a, b)| (a..=b).contains(&col)) {
            ws.write_string_with_format(4, col, *name, &st.header)?;
        } else {
            ws.merge_range(3, col, 4, col, name, &st.header)?;
        }
    }
    for (parent, a, b) in MASTER_GROUPS {
        ws.merge_range(3, a, 3, b, parent, &st.header)?;
    }
    ws.set_freeze_panes(5, 2)?;

    let rows = master_rows(pop, year);
    let mut r: u32 = 5;
    let mut no: u32 = 1;
    let mut total = 0;
    let mut month_count = 0;
    for (k, &i) in rows.iter().enumerate() {
        let c = &pop.list[i];
        let copies = if c.tag == Tag::DoubleEntry { 2 } else { 1 };
        for _ in 0..copies {
            let part = &pop.catalogue.parts[c.core.product].name;
            write_master_row(ws, st, streams, (r, no), (c, &proc.extra[i], &proc.claims[i], part), tally)?;
            r += 1;
            no += 1;
            month_count += 1;
            total += 1;
        }
        let month_ends = rows.get(k + 1).is_none_or(|&j| pop.list[j].received.month() != c.received.month());
        if month_ends {
            write_total_row(ws, st, r, ("소계", month_count), width, tally)?;
            r += 1;
            month_count = 0;
        }
    }
    write_total_row(ws, st, r, ("합계", total), width, tally)?;
    r += 2;
    ws.write_string_with_format(r, 0, NOTE_MASTER, &st.note)?;
    tally.note += 1;
    r += 1;
    for _ in 0..5 {
        ws.write_number_with_format(r, 0, f64::from(no), &st.center)?;
        for col in 1..width {
            ws.write_blank(r, col, &st.text)?;
        }
        tally.template += 1;
        r += 1;
        no += 1;
    }
    Ok(())
}

fn write_code_sheet(wb: &mut Workbook, st: &Styles, cat: &Catalogue) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("코드표")?;
    for (col, w) in [8.0, 12.0, 30.0, 3.0, 11.0, 16.0, 8.0].iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let bold = st.plain.clone().set_bold().set_font_size(11);
    ws.write_string_with_format(0, 0, "불량유형코드", &bold)?;
    for (col, h) in ["코드", "불량유형", "비고"].iter().enumerate() {
        ws.write_string_with_format(1, col as u16, *h, &st.header)?;
    }
    for (k, (name, _, code)) in DEFECTS.iter().enumerate() {
        let r = 2 + k as u32;
        ws.write_string_with_format(r, 0, *code, &st.center)?;
        ws.write_string_with_format(r, 1, *name, &st.text)?;
        ws.write_string_with_format(r, 2, DEFECT_NOTES[k], &st.text)?;
    }
    ws.write_string_with_format(0, 4, "제품코드", &bold)?;
    for (col, h) in ["제품코드", "제품명", "생산"].iter().enumerate() {
        ws.write_string_with_format(1, 4 + col as u16, *h, &st.header)?;
    }
    for (k, p) in cat.parts.iter().enumerate() {
        let r = 2 + k as u32;
        let (name, code) = p.name.split_once(' ').unwrap_or((p.name.as_str(), ""));
        ws.write_string_with_format(r, 4, code, &st.center)?;
        ws.write_string_with_format(r, 5, name, &st.text)?;
        ws.write_string_with_format(r, 6, PLANTS[p.plant], &st.center)?;
    }
    Ok(())
}

fn write_guide_sheet(wb: &mut Workbook, st: &Styles) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("작성요령")?;
    ws.set_column_width(0, 90)?;
    let lines = [
        "고객불만 접수대장 작성요령",
        "",
        "1. 접수번호는 C-연도-일련번호(4자리)로 부여한다. 예) C-2024-0153",
        "2. 접수일은 yyyy-mm-dd 형식으로 입력한다.",
        "3. 불량유형은 코드표의 분류를 따른다.",
        "4. 처리기간은 접수일로부터 10일 이내로 한다. (고객불만처리절차서 QP-14)",
        "5. 처리 완료 시 완료일과 조치내용을 반드시 기재하고 상태를 '완료'로 변경한다.",
        "6. 월별 소계와 연간 합계를 작성한다.",
        "7. 재발 건은 시정 및 예방조치 요구서를 발행한다.",
    ];
    let bold = st.plain.clone().set_bold().set_font_size(12);
    for (k, line) in lines.iter().enumerate() {
        let fmt = if k == 0 { &bold } else { &st.plain };
        if !line.is_empty() {
            ws.write_string_with_format(k as u32, 0, *line, fmt)?;
        }
    }
    Ok(())
}

pub(super) fn write_master_file(
    path: &Path,
    pop: &Population,
    proc: &Procedure,
    seed: u64,
    tally: &mut Tally,
) -> Result<()> {
    let mut streams = Streams {
        main: Rng::new(seed ^ 0x4D41_5354_4552),                     // "MASTER"
        extra: Rng::new(seed ^ 0x4D41_5354_4552 ^ 0x5052_4F43_0000), // "PROC"
    };
    let st = styles();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties("2023-2025 고객불만 접수대장", &fixed_datetime(2025, 10, 1)?));
    for year in [2023, 2024, 2025] {
        write_year_sheet(&mut wb, &st, &mut streams, (pop, proc), year, tally)?;
    }
    write_code_sheet(&mut wb, &st, &pop.catalogue)?;
    write_guide_sheet(&mut wb, &st)?;
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
