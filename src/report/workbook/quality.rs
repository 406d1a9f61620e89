//! The Data quality sheet: the row reconciliation (every row read is a
//! title, header, blank, subtotal, note or data row; every data row is
//! accepted or rejected), per-sheet counts, the rejected rows, the cells
//! that could not be read, and the id conflicts.

use super::cells::{text, Sheet, Value};
use super::{data_csv_name, Book};
use crate::report::labels::{thousands, L};
use rust_xlsxwriter::Worksheet;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, ing, f, subtitle) = (b.r(), b.l(), b.ctx.ingested, &b.f, &b.subtitle);
    let q = &r.data_quality;
    let rows_q = &q.read.rows;
    let mut sh = Sheet::new(ws, f);
    sh.title(l.get(L::QualityTitle), subtitle)?;
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
    // printed: a table starts a page unless it fits under the one before
    let mut stack = super::print::Stack::new();
    stack.place(0, rows.len() as u32 + 6);
    let mut row = sh.table(3, 0, &[k(L::Item), l.get(L::Count)], &rows)?;
    let ok = rows_q.data_rows == rows_q.accepted + rows_q.rejected
        && rows_q.accepted == q.read.complaints + q.read.duplicates_merged;
    row += 1;
    sh.ws.write_string_with_format(
        row,
        0,
        format!(
            "{} {} = {} + {}, {} = {} + {}",
            if ok { "✔" } else { "✘" },
            rows_q.data_rows,
            rows_q.accepted,
            rows_q.rejected,
            rows_q.accepted,
            q.read.complaints,
            q.read.duplicates_merged
        ),
        &f.bold,
    )?;
    let window = r.window_table.height();
    let shown = window.min(r.params.data_sheet_rows as usize);
    if window > shown {
        row += 1;
        let note = l.fmt(L::DataSheetCapped, &[&thousands(window as f64), &thousands(shown as f64), &data_csv_name(r)]);
        sh.ws.write_string_with_format(row, 0, note, &f.bold)?;
    }

    row += 3;
    stack.place(row - 1, ing.sheets.len() as u32 + 4);
    sh.ws.write_string_with_format(row - 1, 0, k(L::PerFileAndSheet), &f.bold)?;
    let headers = [
        l.get(L::File),
        l.get(L::Sheet),
        k(L::HeaderRows),
        k(L::RowsRead),
        k(L::Data),
        k(L::Accepted),
        k(L::Rejected),
        k(L::Note),
    ];
    let per_sheet: Vec<Vec<Value>> = ing
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
        .collect();
    row = sh.table(row, 0, &headers, &per_sheet)?;

    row += 3;
    stack.place(row - 1, ing.rejects.len() as u32 + 4);
    sh.ws.write_string_with_format(row - 1, 0, format!("{} ({})", k(L::RejectedRows), ing.rejects.len()), &f.bold)?;
    let headers = [l.get(L::File), l.get(L::Sheet), l.get(L::Row), l.get(L::Reason), k(L::OriginalCells)];
    let rejects: Vec<Vec<Value>> = ing
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
        .collect();
    row = sh.table(row, 0, &headers, &rejects)?;

    row += 3;
    stack.place(row - 1, ing.warnings.len() as u32 + 4);
    sh.ws.write_string_with_format(
        row - 1,
        0,
        format!("{} ({})", k(L::UnreadableCellsTitle), ing.warnings.len()),
        &f.bold,
    )?;
    let headers =
        [l.get(L::File), l.get(L::Sheet), l.get(L::Row), k(L::Column), k(L::Field), k(L::CellText), l.get(L::Reason)];
    let warnings: Vec<Vec<Value>> = ing
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
        .collect();
    row = sh.table(row, 0, &headers, &warnings)?;

    row += 3;
    stack.place(row - 1, ing.conflicts.len() as u32 + 4);
    sh.ws.write_string_with_format(
        row - 1,
        0,
        format!("{} ({})", k(L::IdConflictsTitle), ing.conflicts.len()),
        &f.bold,
    )?;
    let headers = [l.get(L::ComplaintId), k(L::Field), k(L::ValuesAndWhere)];
    let conflicts: Vec<Vec<Value>> = ing
        .conflicts
        .iter()
        .map(|c| {
            let values: Vec<String> = c.values.iter().map(|(v, at)| format!("\"{v}\" @ {at}")).collect();
            vec![text(c.complaint_id.clone()), text(l.field(c.field)), text(values.join("  vs  "))]
        })
        .collect();
    sh.table(row, 0, &headers, &conflicts)?;
    sh.ws.set_page_breaks(&stack.breaks[1..])?;
    sh.finish(0, l.get(L::SheetQuality))
}
