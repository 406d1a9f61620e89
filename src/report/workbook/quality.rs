//! The Data quality sheet: the row reconciliation (every row read is a
//! title, header, blank, subtotal, note or data row; every data row is
//! accepted or rejected), per-sheet counts, the rejected rows, the cells
//! that could not be read, and the id conflicts.

use super::cells::{text, Sheet, Value};
use super::{data_csv_name, Book};
use crate::report::labels::{thousands, L};
use rust_xlsxwriter::Worksheet;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (l, ing) = (b.l(), b.ctx.ingested);
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(l.get(L::QualityTitle), &b.subtitle)?;
    // printed: a table starts a page unless it fits under the one before
    let mut stack = super::print::Stack::new();
    let mut row = reconciliation(&mut sh, b, &mut stack)?;
    let headers = [
        l.get(L::File),
        l.get(L::Sheet),
        l.get(L::HeaderRows),
        l.get(L::RowsRead),
        l.get(L::Data),
        l.get(L::Accepted),
        l.get(L::Rejected),
        l.get(L::Note),
    ];
    row = section(&mut sh, &mut stack, row, l.get(L::PerFileAndSheet).to_string(), &headers, &per_sheet(b))?;
    let title = format!("{} ({})", l.get(L::RejectedRows), ing.rejects.len());
    let headers = [l.get(L::File), l.get(L::Sheet), l.get(L::Row), l.get(L::Reason), l.get(L::OriginalCells)];
    row = section(&mut sh, &mut stack, row, title, &headers, &rejects(b))?;
    let title = format!("{} ({})", l.get(L::UnreadableCellsTitle), ing.warnings.len());
    let headers = [
        l.get(L::File),
        l.get(L::Sheet),
        l.get(L::Row),
        l.get(L::Column),
        l.get(L::Field),
        l.get(L::CellText),
        l.get(L::Reason),
    ];
    row = section(&mut sh, &mut stack, row, title, &headers, &warnings(b))?;
    let title = format!("{} ({})", l.get(L::IdConflictsTitle), ing.conflicts.len());
    let headers = [l.get(L::ComplaintId), l.get(L::Field), l.get(L::ValuesAndWhere)];
    section(&mut sh, &mut stack, row, title, &headers, &conflicts(b))?;
    sh.row_breaks.extend(stack.breaks);
    // printed across pages: file, sheet and row (or item, count) beside
    // every column of the tables' rows
    sh.key_columns = 3;
    sh.finish(0, l.get(L::SheetQuality))
}

/// The widest a text column of the tables grows before its texts wrap.
const TEXT_WIDTH: f64 = 24.0;

/// One titled table three rows below `row`, starting a printed page unless
/// it fits under the one before; returns the row after it.
fn section(
    sh: &mut Sheet,
    stack: &mut super::print::Stack,
    row: u32,
    title: String,
    headers: &[&str],
    rows: &[Vec<Value>],
) -> anyhow::Result<u32> {
    let row = row + 3;
    stack.place(row - 1, rows.len() as u32 + 4);
    sh.ws.write_string_with_format(row - 1, 0, title, &sh.f.bold)?;
    // long texts (reasons, pasted cells, values and where) wrap: the tables
    // share the sheet's columns, and one wide text would widen them all
    sh.table_wrapped(row, 0, headers, rows, TEXT_WIDTH, 1)
}

/// The row reconciliation with its check line (and the Data sheet's cap);
/// returns the last row written.
fn reconciliation(sh: &mut Sheet, b: &Book, stack: &mut super::print::Stack) -> anyhow::Result<u32> {
    let (r, l, f) = (b.r(), b.l(), &b.f);
    let q = &r.data_quality;
    let rows_q = &q.read.rows;
    let k = |label: L| l.get(label);
    let mut recon: Vec<(&str, usize)> = vec![
        (k(L::Files), q.read.files),
        (k(L::LedgerSheets), q.read.sheets),
        (k(L::SheetsSkipped), q.read.sheets_skipped),
        (k(L::RowsRead), rows_q.rows_read),
        (k(L::TitleRows), rows_q.title_rows),
        (k(L::HeaderRowsIndented), rows_q.header_rows),
        (k(L::BlankRows), rows_q.blank_rows),
        (k(L::SubtotalRows), rows_q.subtotal_rows),
        (k(L::NoteRows), rows_q.note_rows),
        (k(L::DataRowsIndented), rows_q.data_rows),
        (k(L::AcceptedIndented), rows_q.accepted),
        (k(L::RejectedIndented), rows_q.rejected),
        (k(L::DuplicatesMerged), q.read.duplicates_merged),
        (k(L::Complaints), q.read.complaints),
        (k(L::IdConflicts), q.read.id_conflicts),
        (k(L::PossibleDuplicates), q.read.possible_duplicates),
        (k(L::UnreadableCells), q.read.warnings),
        (k(L::ClosedBeforeReceived), q.negative_ttr as usize),
        (k(L::ClosedWithoutDate), q.closed_without_date as usize),
        (k(L::ReceivedAfterAsOf), q.after_as_of as usize),
    ];
    // §8, §9: only for a recorded section
    if r.notification.get().is_some() {
        recon.push((k(L::NotifiedBeforeReceived), q.negative_notify as usize));
        recon.push((k(L::ClosedWithoutNotifyDate), q.closed_without_notify_date as usize));
    }
    if r.capa.get().is_some() {
        recon.push((k(L::CapaConflicts), q.capa_conflicts as usize));
    }
    let rows: Vec<Vec<Value>> = recon.iter().map(|(a, b)| vec![text(*a), Value::Int(*b as i64)]).collect();
    stack.place(0, rows.len() as u32 + 6);
    let mut row = sh.table(3, 0, &[k(L::Item), l.get(L::Count)], &rows)?;
    let ok = rows_q.data_rows == rows_q.accepted + rows_q.rejected
        && rows_q.accepted == q.read.complaints + q.read.duplicates_merged;
    row += 1;
    // (with thousands separators, as the table above)
    let n = |x: usize| crate::report::labels::thousands(x as f64);
    let check = format!(
        "{} {} = {} + {}, {} = {} + {}",
        if ok { "✔" } else { "✘" },
        n(rows_q.data_rows),
        n(rows_q.accepted),
        n(rows_q.rejected),
        n(rows_q.accepted),
        n(q.read.complaints),
        n(q.read.duplicates_merged)
    );
    sh.ws.write_string_with_format(row, 0, check, &f.bold)?;
    let window = r.window_table.height();
    let shown = window.min(r.params.data_sheet_rows as usize);
    if window > shown {
        row += 1;
        let note = l.fmt(L::DataSheetCapped, &[&thousands(window as f64), &thousands(shown as f64), &data_csv_name(r)]);
        sh.ws.write_string_with_format(row, 0, note, &f.bold)?;
    }
    Ok(row)
}

/// Per file and sheet: header rows, counts and the reader's note.
fn per_sheet(b: &Book) -> Vec<Vec<Value>> {
    let l = b.l();
    b.ctx
        .ingested
        .sheets
        .iter()
        .map(|sr| {
            let hr: Vec<String> = sr.header_rows.iter().map(u32::to_string).collect();
            vec![
                text(sr.file.clone()),
                text(sr.sheet.clone()),
                text(hr.join("-")),
                Value::Int(sr.counts.rows_read as i64),
                Value::Int(sr.counts.data_rows as i64),
                Value::Int(sr.counts.accepted as i64),
                Value::Int(sr.counts.rejected as i64),
                text(match &sr.skipped {
                    Some(why) => l.reader_note(why),
                    None => sr.notes.iter().map(|n| l.reader_note(n)).collect::<Vec<_>>().join(" · "),
                }),
            ]
        })
        .collect()
}

/// The rejected rows with their reasons and cells as written.
fn rejects(b: &Book) -> Vec<Vec<Value>> {
    let l = b.l();
    b.ctx
        .ingested
        .rejects
        .iter()
        .map(|x| {
            let cells: Vec<String> = x.cells.iter().map(|(h, v)| format!("{h}={v}")).collect();
            vec![
                text(x.file.clone()),
                text(x.sheet.clone()),
                Value::Int(i64::from(x.row)),
                text(l.reject_reason(&x.reason)),
                text(cells.join("; ")),
            ]
        })
        .collect()
}

/// The cells that could not be read.
fn warnings(b: &Book) -> Vec<Vec<Value>> {
    let l = b.l();
    b.ctx
        .ingested
        .warnings
        .iter()
        .map(|w| {
            vec![
                text(w.file.clone()),
                text(w.sheet.clone()),
                Value::Int(i64::from(w.row)),
                text(w.column.clone()),
                text(l.field(w.field)),
                text(w.text.clone()),
                text(l.reader_note(&w.message)),
            ]
        })
        .collect()
}

/// Complaint ids with conflicting values, and where each stands.
fn conflicts(b: &Book) -> Vec<Vec<Value>> {
    let l = b.l();
    b.ctx
        .ingested
        .conflicts
        .iter()
        .map(|c| {
            let values: Vec<String> = c.values.iter().map(|(v, at)| format!("\"{v}\" @ {at}")).collect();
            vec![text(c.complaint_id.clone()), text(l.field(c.field)), text(values.join("  vs  "))]
        })
        .collect()
}
