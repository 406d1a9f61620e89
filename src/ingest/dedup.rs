//! Merging the same complaint read more than once (overlapping exports, a
//! corrected re-export): one complaint per id, the last input wins, and the
//! ids whose records disagree on an identity field are listed.

use super::fields::Field;
use super::record::Records;
use polars::prelude::{PlHashMap, PlHashSet};
use serde::Serialize;
use std::collections::HashSet;

/// An id whose records disagree on an identity field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IdConflict {
    pub complaint_id: String,
    pub field: Field,
    /// (value, "file / sheet / row") for each record of the id.
    pub values: Vec<(String, String)>,
}

/// The merged complaints: `order[i]` is the record a complaint's fields come
/// from, placed at the input position of its first occurrence.
#[derive(Debug, Default)]
pub struct Merged {
    /// (record whose values the complaint takes, input position of its first occurrence).
    pub rows: Vec<(usize, usize)>,
    pub duplicates_merged: usize,
    pub conflicts: Vec<IdConflict>,
    /// Ids with at least one conflict.
    pub id_conflicts: usize,
    /// Rows without an id identical to an earlier row without an id.
    pub possible_duplicates: usize,
    /// Rows of ids repeated in one sheet with changing states: the history
    /// of a ticket (an event log), whose latest row is the complaint.
    pub history_rows: usize,
    /// The tickets those rows are the history of.
    pub history_tickets: usize,
}

fn identity_value(records: &Records, i: usize, field: Field) -> Option<String> {
    match field {
        Field::ReceivedDate => records.rows[i].received_date().map(|d| d.to_string()),
        f => records.text(i, f).map(str::to_string),
    }
}

fn location(records: &Records, i: usize) -> String {
    let (file, sheet, row) = (records.source_file(i), records.source_sheet(i), records.rows[i].source_row);
    if sheet.is_empty() {
        format!("{file} row {row}")
    } else {
        format!("{file} / {sheet} / row {row}")
    }
}

/// Merges records by `complaint_id`.
pub fn merge(records: &Records) -> Merged {
    // First pass: per id the first and last record and how many there are
    // (no per-id allocation: most ids occur once).
    // Ids are value numbers: equal ids have equal numbers.
    let id_of = |i: usize| records.rows[i].text(Field::ComplaintId);
    // (u32 positions: 16 bytes an entry, a third of the map at 10M rows)
    let mut by_id: PlHashMap<u32, (u32, u32, u32)> = PlHashMap::default();
    by_id.reserve(records.len());
    for i in 0..records.len() {
        let id = id_of(i);
        if id != 0 {
            let e = by_id.entry(id).or_insert((i as u32, i as u32, 0));
            e.1 = i as u32;
            e.2 += 1;
        }
    }
    // Second pass only for repeated ids: all their records, in input order.
    let mut groups: PlHashMap<u32, Vec<usize>> = PlHashMap::default();
    for i in 0..records.len() {
        let id = id_of(i);
        if id != 0 && by_id[&id].2 > 1 {
            groups.entry(id).or_default().push(i);
        }
    }
    let mut merged = Merged::default();
    let histories: PlHashSet<u32> = groups.iter().filter(|(_, g)| is_history(records, g)).map(|(&id, _)| id).collect();
    // an event log listed newest first: the first row of each is the latest
    let newest_first = newest_first(records, histories.iter().map(|id| groups[id].as_slice()));
    let mut seen_plain: PlHashSet<u64> = PlHashSet::default();
    for i in 0..records.len() {
        let id = id_of(i);
        if id == 0 {
            if !seen_plain.insert(records.rows[i].fingerprint) {
                merged.possible_duplicates += 1;
            }
            merged.rows.push((i, i));
            continue;
        }
        let (first, last, count) = by_id[&id];
        let (first, last, count) = (first as usize, last as usize, count as usize);
        if first != i {
            continue;
        }
        if count == 1 {
            merged.rows.push((last, i));
            continue;
        }
        merged.duplicates_merged += count - 1;
        let group = &groups[&id];
        if histories.contains(&id) {
            // a ticket's own history: its states change, nothing conflicts
            merged.rows.push((if newest_first { first } else { last }, i));
            merged.history_rows += count;
            merged.history_tickets += 1;
            continue;
        }
        merged.rows.push((last, i));
        let mut conflicting = false;
        for field in Field::ALL.into_iter().filter(|f| f.is_identity()) {
            let values: Vec<Option<String>> = group.iter().map(|&j| identity_value(records, j, field)).collect();
            let distinct: HashSet<&String> = values.iter().flatten().collect();
            if distinct.len() > 1 {
                conflicting = true;
                merged.conflicts.push(IdConflict {
                    complaint_id: records.value(Field::ComplaintId, id).unwrap_or_default().to_string(),
                    field,
                    values: group
                        .iter()
                        .zip(&values)
                        .map(|(&j, v)| (v.clone().unwrap_or_default(), location(records, j)))
                        .collect(),
                });
            }
        }
        merged.id_conflicts += usize::from(conflicting);
    }
    merged
}

/// Whether the rows of one id are a ticket's history: all in one sheet,
/// with more than one state (status, or open then closed).
fn is_history(records: &Records, group: &[usize]) -> bool {
    let source = records.rows[group[0]].source;
    if group.iter().any(|&i| records.rows[i].source != source) {
        return false;
    }
    let states: PlHashSet<(u32, bool)> = group
        .iter()
        .map(|&i| (records.rows[i].text(Field::Status), records.rows[i].date(Field::ClosedDate).is_some()))
        .collect();
    states.len() > 1
}

/// Whether event histories run newest first: more of them start closed and
/// end open than the other way round.
fn newest_first<'a>(records: &Records, groups: impl Iterator<Item = &'a [usize]>) -> bool {
    let closed = |i: usize| records.rows[i].closed_mark || records.rows[i].date(Field::ClosedDate).is_some();
    let (mut oldest_first, mut newest_first) = (0usize, 0usize);
    for g in groups {
        let (a, b) = (closed(g[0]), closed(g[g.len() - 1]));
        oldest_first += usize::from(b && !a);
        newest_first += usize::from(a && !b);
    }
    newest_first > oldest_first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::Record;
    use chrono::NaiveDate;

    fn rec(store: &mut Records, id: Option<&str>, customer: Option<&str>, day: u32, closed: Option<u32>, row: u32) {
        let mut r: Record = store.record(0, row);
        store.put_text(&mut r, Field::ComplaintId, id.map(str::to_string));
        store.put_text(&mut r, Field::Customer, customer.map(str::to_string));
        r.set_date(Field::ReceivedDate, NaiveDate::from_ymd_opt(2024, 1, day));
        r.set_date(Field::ClosedDate, closed.and_then(|d| NaiveDate::from_ymd_opt(2024, 1, d)));
        store.rows.push(r);
    }

    fn store() -> Records {
        let mut s = Records::new();
        s.add_source("a.xlsx", "2024년");
        s
    }

    #[test]
    fn last_input_wins_at_the_first_position() {
        let mut s = store();
        rec(&mut s, Some("C-1"), Some("대원"), 2, None, 5);
        rec(&mut s, None, Some("한성"), 3, None, 6);
        rec(&mut s, Some("C-2"), Some("대원"), 4, None, 7);
        rec(&mut s, Some("C-1"), Some("대원"), 2, Some(9), 8); // update: closed later
        rec(&mut s, Some("C-2"), Some("한성"), 4, None, 9); // conflict on customer
        rec(&mut s, None, Some("한성"), 3, None, 10); // possible duplicate
        s.rows[5].fingerprint = 7;
        s.rows[1].fingerprint = 7;
        let m = merge(&s);
        assert_eq!(m.rows, vec![(3, 0), (1, 1), (4, 2), (5, 5)]);
        assert_eq!(m.duplicates_merged, 2);
        assert_eq!(m.id_conflicts, 1);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, Field::Customer);
        assert_eq!(m.conflicts[0].complaint_id, "C-2");
        assert_eq!(m.conflicts[0].values[1], ("한성".to_string(), "a.xlsx / 2024년 / row 9".to_string()));
        assert_eq!(m.possible_duplicates, 1);
    }

    #[test]
    fn ids_repeated_with_changing_states_in_one_sheet_are_a_history() {
        let mut s = store();
        for (k, status, closed) in [(5, "New", None), (6, "In Progress", None), (7, "Resolved", Some(9))] {
            rec(&mut s, Some("INC1"), Some("대원"), 2, closed, k);
            let mut r = s.rows[s.rows.len() - 1];
            s.put_text(&mut r, Field::Status, Some(status.to_string()));
            let last = s.rows.len() - 1;
            s.rows[last] = r;
        }
        // the category changes while the ticket is handled: an update, not a conflict
        rec(&mut s, Some("INC2"), Some("대원"), 3, None, 8);
        rec(&mut s, Some("INC2"), Some("한성"), 3, Some(10), 9);
        let m = merge(&s);
        assert_eq!(m.rows, vec![(2, 0), (4, 3)], "the latest row of each");
        assert_eq!((m.history_rows, m.history_tickets, m.duplicates_merged, m.id_conflicts), (5, 2, 3, 0));
        // listed newest first, the first row is the latest
        let mut s2 = store();
        rec(&mut s2, Some("INC3"), None, 3, Some(10), 5);
        rec(&mut s2, Some("INC3"), None, 3, None, 6);
        assert_eq!(merge(&s2).rows, vec![(0, 0)]);
    }

    #[test]
    fn blank_values_never_conflict() {
        let mut s = store();
        rec(&mut s, Some("C-1"), None, 2, None, 5);
        rec(&mut s, Some("C-1"), Some("대원"), 2, None, 6);
        let m = merge(&s);
        assert_eq!((m.duplicates_merged, m.id_conflicts), (1, 0));
    }
}
