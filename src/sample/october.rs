//! Legacy writers: the October 2025 monthly workbook (month-day dates).

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet};

use super::claim::qty_text;
use super::dates::{excel_serial, fixed_datetime, month_day};
use super::master::{doc_properties, styles, write_total_row, Styles};
use super::population::{Closed, Complaint, Dest, Population, Tag};
use super::procedure::Procedure;
use super::rng::Rng;
use super::tally::Tally;
use super::vocabulary::{CHANNELS, CUSTOMERS, DEFECTS, DEPARTMENTS, DESCRIPTIONS, NOTE_OCTOBER, OWNERS};

const OCTOBER_HEADERS: [&str; 18] = [
    "번호",
    "관리번호",
    "접수일자",
    "업체명",
    "품명",
    "제조번호",
    "불만분류",
    "접수내용",
    "접수방법",
    "처리부서",
    "처리자",
    "조치완료일",
    "진행상태",
    "통보일",
    "부적합",
    "시정조치번호",
    "불량수량",
    "귀책처",
];
const OCTOBER_WIDTHS: [f64; 18] =
    [5.0, 12.0, 10.0, 14.0, 19.0, 12.0, 9.0, 30.0, 9.0, 11.0, 8.0, 11.0, 9.0, 10.0, 7.0, 14.0, 9.0, 8.0];

fn write_month_day(ws: &mut Worksheet, st: &Styles, rng: &mut Rng, (r, col): (u32, u16), d: NaiveDate) -> Result<()> {
    if rng.chance(0.35) {
        ws.write_number_with_format(r, col, excel_serial(d), &st.date)?;
    } else {
        let form = rng.below(3);
        ws.write_string_with_format(r, col, month_day(d, form), &st.center)?;
    }
    Ok(())
}

pub(super) fn write_october_file(
    path: &Path,
    pop: &Population,
    proc: &Procedure,
    seed: u64,
    tally: &mut Tally,
) -> Result<()> {
    // "OCTOBER"; the procedure's columns draw from their own stream (no old
    // cell moves)
    let mut rng = Rng::new(seed ^ 0x004F_4354_4F42_4552);
    let mut extra_rng = Rng::new(seed ^ 0x004F_4354_4F42_4552 ^ 0x5052_4F43_0000);
    let index: std::collections::HashMap<&str, usize> =
        pop.list.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let st = styles();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties("2025년 10월 고객불만 접수현황", &fixed_datetime(2025, 10, 31)?));
    let ws = wb.add_worksheet();
    ws.set_name("2025년 10월")?;
    for (col, w) in OCTOBER_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let width = OCTOBER_HEADERS.len() as u16;
    ws.set_row_height(0, 28)?;
    ws.merge_range(0, 0, 0, width - 1, "2025년 10월 고객불만 접수현황", &st.title)?;
    for (col, name) in OCTOBER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *name, &st.header)?;
    }
    ws.set_freeze_panes(3, 0)?;

    // Carried-over September items first, then rows in order of entry.
    let mut carried: Vec<&Complaint> = pop.list.iter().filter(|c| c.tag == Tag::CarryOver).collect();
    let mut rows: Vec<&Complaint> = pop.list.iter().filter(|c| c.dest == Dest::October).collect();
    carried.sort_by_key(|c| (c.received, c.minute));
    rows.sort_by_key(|c| (c.entry, c.minute));
    let mut r: u32 = 3;
    let mut count = 0;
    for (no, c) in carried.into_iter().chain(rows).enumerate() {
        let core = &c.core;
        ws.write_number_with_format(r, 0, (no + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, &c.id, &st.center)?;
        write_month_day(ws, &st, &mut rng, (r, 2), c.received)?;
        ws.write_string_with_format(r, 3, CUSTOMERS[core.customer].name, &st.text)?;
        let part = &pop.catalogue.parts[core.product].name;
        ws.write_string_with_format(r, 4, part, &st.text)?;
        ws.write_string_with_format(r, 5, &c.lot, &st.center)?;
        ws.write_string_with_format(r, 6, DEFECTS[core.defect].0, &st.center)?;
        let desc = DESCRIPTIONS[core.defect][core.desc];
        ws.write_string_with_format(r, 7, desc, &st.text)?;
        ws.write_string_with_format(r, 8, CHANNELS[core.channel].0, &st.center)?;
        ws.write_string_with_format(r, 9, DEPARTMENTS[core.dept], &st.center)?;
        ws.write_string_with_format(r, 10, OWNERS[core.dept][core.owner], &st.center)?;
        match c.closed {
            Closed::Date(d) => write_month_day(ws, &st, &mut rng, (r, 11), d)?,
            Closed::DoneNoDate => {
                ws.write_string_with_format(r, 11, "완료", &st.center)?;
            }
            Closed::Open => {
                if rng.chance(0.4) {
                    ws.write_string_with_format(r, 11, "진행중", &st.center)?;
                } else {
                    ws.write_blank(r, 11, &st.center)?;
                }
            }
        }
        ws.write_string_with_format(r, 12, c.status().ledger_word(), &st.center)?;
        let ex = &proc.extra[index[c.id.as_str()]];
        match ex.notified {
            Some(d) => write_month_day(ws, &st, &mut extra_rng, (r, 13), d)?,
            None => ws.write_blank(r, 13, &st.center).map(|_| ())?,
        }
        if ex.nc_october.is_empty() {
            ws.write_blank(r, 14, &st.center)?;
        } else {
            ws.write_string_with_format(r, 14, ex.nc_october, &st.center)?;
        }
        match &ex.capa {
            Some(row) => ws.write_string_with_format(r, 15, &row.written, &st.center).map(|_| ())?,
            None => ws.write_blank(r, 15, &st.center).map(|_| ())?,
        }
        // typed by hand: the quantity mostly with its unit word
        let claim = &proc.claims[index[c.id.as_str()]];
        match claim.qty {
            Some(qty) if claim.qty_form < 6 => {
                ws.write_string_with_format(r, 16, qty_text(qty, claim.qty_form), &st.money)
            }
            Some(qty) => ws.write_number_with_format(r, 16, f64::from(qty), &st.money),
            None => ws.write_blank(r, 16, &st.money),
        }?;
        match claim.responsibility {
            Some(word) => ws.write_string_with_format(r, 17, word, &st.center),
            None => ws.write_blank(r, 17, &st.center),
        }?;
        tally.record(c, core.customer, part, Some(c.received));
        r += 1;
        count += 1;
    }
    write_total_row(ws, &st, r, ("합계", count), width, tally)?;
    r += 2;
    ws.write_string_with_format(r, 0, NOTE_OCTOBER, &st.note)?;
    tally.note += 1;
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
